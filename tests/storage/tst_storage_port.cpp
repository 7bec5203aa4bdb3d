// The later additions to the port: action items across incidents and their
// removal, team settings, and the online backup.
#include "sqliteincidentrepository.h"
#include "storagetestsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace idesk;
using namespace idesk::StorageTest;

namespace {

ActionItem actionItem(const QString &text, std::optional<QDate> due = std::nullopt)
{
    ActionItem item;
    item.text = text;
    item.owner = QStringLiteral("Dana");
    item.due = due;
    item.type = ActionType::Prevent;
    return item;
}

QStringList texts(const QList<ActionItem> &items)
{
    QStringList result;
    for (const auto &item : items)
        result.append(item.text);
    return result;
}

} // namespace

class StoragePortTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteIncidentRepository> m_repo;
    QString m_path;
    int m_counter = 0;

    qint64 insert(const Incident &incident)
    {
        const auto id = m_repo->insertIncident(incident);
        if (!id)
            qWarning().noquote() << id.errorMessage();
        return id ? *id : 0;
    }

    qint64 withItems(const QString &title, Status status, const QList<ActionItem> &items)
    {
        Incident incident = simpleIncident(title);
        incident.header.status = status;
        incident.actionItems = items;
        return insert(incident);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("port-%1.sqlite3").arg(++m_counter));
        m_repo = openRepository(m_path);
        QVERIFY(m_repo);
    }
    void cleanup() { m_repo.reset(); }

    void removingAnItemRenumbersTheRest()
    {
        const qint64 id = withItems(QStringLiteral("Items"), Status::Investigating,
            {actionItem(QStringLiteral("one")), actionItem(QStringLiteral("two")),
                actionItem(QStringLiteral("three")), actionItem(QStringLiteral("four"))});
        const auto before = m_repo->loadIncident(id);
        QVERIFY(before.ok());
        const qint64 revision = before->header.revision;

        ChangeSet changes;
        changes.removeActionItemId = before->actionItems.at(1).id;
        NewEntry entry;
        entry.at = at(30);
        entry.text = QStringLiteral("Removed action 2");
        changes.entries.append(entry);
        const auto removed = m_repo->apply(id, revision, changes);
        QVERIFY2(removed.ok(), qPrintable(removed.errorMessage()));

        const auto after = m_repo->loadIncident(id);
        QCOMPARE(texts(after->actionItems),
            (QStringList {QStringLiteral("one"), QStringLiteral("three"), QStringLiteral("four")}));
        QCOMPARE(after->header.revision, revision + 1);
        QCOMPARE(after->timeline.last().text, QStringLiteral("Removed action 2"));
        // The remaining items keep their ids, and their numbers close the gap.
        QCOMPARE(after->actionItems.at(1).id, before->actionItems.at(2).id);
        const auto rows = m_repo->allActionItems();
        QVERIFY(rows.ok());
        QList<int> numbers;
        for (const auto &row : *rows)
            numbers.append(row.number);
        QCOMPARE(numbers, (QList<int> {1, 2, 3}));

        // A new item takes the next number after the remaining ones.
        ChangeSet add;
        add.newActionItem = actionItem(QStringLiteral("five"));
        QVERIFY(m_repo->apply(id, std::nullopt, add).ok());
        const auto last = m_repo->allActionItems();
        QCOMPARE(last->last().number, 4);
        QCOMPARE(last->last().item.text, QStringLiteral("five"));

        // Removing the first and the last one works as well.
        for (const qint64 itemId : {m_repo->loadIncident(id)->actionItems.first().id,
                 m_repo->loadIncident(id)->actionItems.last().id}) {
            ChangeSet remove;
            remove.removeActionItemId = itemId;
            QVERIFY(m_repo->apply(id, std::nullopt, remove).ok());
        }
        QCOMPARE(texts(m_repo->loadIncident(id)->actionItems),
            (QStringList {QStringLiteral("three"), QStringLiteral("four")}));
    }

    void removingAnUnknownItemChangesNothing()
    {
        const qint64 id = withItems(
            QStringLiteral("Mine"), Status::Investigating, {actionItem(QStringLiteral("mine"))});
        const qint64 other = withItems(
            QStringLiteral("Other"), Status::Investigating, {actionItem(QStringLiteral("other"))});
        const qint64 othersItem = m_repo->loadIncident(other)->actionItems.at(0).id;
        for (const qint64 itemId : {othersItem, qint64(999999)}) {
            ChangeSet changes;
            changes.removeActionItemId = itemId;
            changes.title = QStringLiteral("Should not be renamed");
            const auto refused = m_repo->apply(id, std::nullopt, changes);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().kind, Error::Kind::NotFound);
        }
        QCOMPARE(m_repo->loadHeader(id)->title, QStringLiteral("Mine"));
        QCOMPARE(m_repo->loadHeader(id)->revision, 1);
        QCOMPARE(m_repo->loadIncident(other)->actionItems.size(), 1);
    }

    void allActionItemsOpenIncidentsFirstThenByDue()
    {
        const QDate d(2024, 12, 1);
        const qint64 resolved = withItems(QStringLiteral("Resolved one"), Status::Resolved,
            {actionItem(QStringLiteral("r-soon"), d)});
        const qint64 open = withItems(QStringLiteral("Open one"), Status::Monitoring,
            {actionItem(QStringLiteral("o-none")),
                actionItem(QStringLiteral("o-late"), d.addDays(9)),
                actionItem(QStringLiteral("o-early"), d.addDays(1))});
        const qint64 open2 = withItems(QStringLiteral("Open two"), Status::Investigating,
            {actionItem(QStringLiteral("o2-mid"), d.addDays(5))});
        const qint64 closed = withItems(
            QStringLiteral("Closed one"), Status::Closed, {actionItem(QStringLiteral("c-none"))});
        withItems(QStringLiteral("No items"), Status::Investigating, {});

        const auto rows = m_repo->allActionItems();
        QVERIFY2(rows.ok(), qPrintable(rows.errorMessage()));
        QStringList order;
        for (const auto &row : *rows)
            order.append(row.item.text);
        QCOMPARE(order,
            (QStringList {QStringLiteral("o-early"), QStringLiteral("o2-mid"),
                QStringLiteral("o-late"), QStringLiteral("o-none"), QStringLiteral("r-soon"),
                QStringLiteral("c-none")}));
        const ActionItemRow &late = rows->at(2);
        QCOMPARE(late.incidentId, open);
        QCOMPARE(late.incidentTitle, QStringLiteral("Open one"));
        QCOMPARE(late.number, 2);
        QCOMPARE(late.item.owner, QStringLiteral("Dana"));
        QCOMPARE(late.item.due, std::optional<QDate>(d.addDays(9)));
        QCOMPARE(late.item.type, ActionType::Prevent);
        QCOMPARE(rows->at(1).incidentId, open2);
        QCOMPARE(rows->at(4).incidentId, resolved);
        QCOMPARE(rows->at(5).incidentId, closed);
    }

    void settingsRoundTrip()
    {
        QCOMPARE(*m_repo->setting(QStringLiteral("cost.hourlyRate")), QString());
        QVERIFY(m_repo->setSetting(QStringLiteral("cost.hourlyRate"), QStringLiteral("120")).ok());
        const QString unicode = QStringLiteral("Ünïcödé\nline two 🚒");
        QVERIFY(m_repo->setSetting(QStringLiteral("template.update"), unicode).ok());
        QCOMPARE(*m_repo->setting(QStringLiteral("cost.hourlyRate")), QStringLiteral("120"));
        QVERIFY(m_repo->setSetting(QStringLiteral("cost.hourlyRate"), QStringLiteral("95")).ok());

        // Another connection (another process) sees the committed values.
        auto other = openRepository(m_path);
        QVERIFY(other);
        QCOMPARE(*other->setting(QStringLiteral("cost.hourlyRate")), QStringLiteral("95"));
        QCOMPARE(*other->setting(QStringLiteral("template.update")), unicode);

        // An empty value unsets; an empty key is refused.
        QVERIFY(m_repo->setSetting(QStringLiteral("cost.hourlyRate"), QString()).ok());
        QCOMPARE(*other->setting(QStringLiteral("cost.hourlyRate")), QString());
        const auto refused = m_repo->setSetting(QString(), QStringLiteral("x"));
        QCOMPARE(refused.error().kind, Error::Kind::Validation);
    }

    void backupOpensAsANormalDatabase()
    {
        const qint64 id = insert(richIncident());
        QVERIFY(m_repo->setSetting(QStringLiteral("k"), QStringLiteral("v")).ok());
        const QString target = m_dir.filePath(QStringLiteral("backup-%1.sqlite3").arg(m_counter));
        const auto done = m_repo->backupTo(target);
        QVERIFY2(done.ok(), qPrintable(done.errorMessage()));
        // Only the one file: no temporary copy, no journal beside it.
        QVERIFY(sidecarFiles(target).isEmpty());
        const QStringList beside = QDir(m_dir.path()).entryList({QStringLiteral("backup-*")});
        QCOMPARE(beside, QStringList {QFileInfo(target).fileName()});

        auto copy
            = SqliteIncidentRepository::open(target, SqliteIncidentRepository::OpenMode::MustExist);
        QVERIFY2(copy.ok(), qPrintable(copy.errorMessage()));
        const auto original = m_repo->loadIncident(id);
        const auto copied = (*copy)->loadIncident(id);
        QVERIFY(copied.ok());
        QVERIFY2(*copied == *original, qPrintable(differences(*original, *copied)));
        QCOMPARE(*(*copy)->setting(QStringLiteral("k")), QStringLiteral("v"));
        QCOMPARE((*copy)->search(QStringLiteral("Ünïcödé"), 5)->size(),
            m_repo->search(QStringLiteral("Ünïcödé"), 5)->size());
        QCOMPARE(rawQueryText(target, "PRAGMA integrity_check"), QStringLiteral("ok"));
    }

    void backupRefusesAnExistingFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty file") << QByteArray();
        QTest::newRow("some file") << QByteArray("precious notes");
    }

    void backupRefusesAnExistingFile()
    {
        QFETCH(QByteArray, content);
        const QString target = m_dir.filePath(QStringLiteral("taken-%1").arg(m_counter));
        writeFile(target, content);
        const auto refused = m_repo->backupTo(target);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QStringLiteral("exists")),
            qPrintable(refused.errorMessage()));
        QCOMPARE(readFile(target), content);
        // The database itself is refused as a target too.
        QVERIFY(!m_repo->backupTo(m_path).ok());
    }

    void backupIntoAMissingFolderFails()
    {
        const auto refused = m_repo->backupTo(m_dir.filePath(QStringLiteral("no/such/dir/b.db")));
        QVERIFY(!refused.ok());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("no"))));
    }

    void backupWhileAnotherConnectionWrites()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Busy")));
        std::atomic<bool> stop = false;
        std::atomic<int> written = 0;
        std::atomic<int> failures = 0;
        std::thread writer([&] {
            auto other = openRepository(m_path);
            if (!other) {
                ++failures;
                return;
            }
            while (!stop) {
                NewEntry entry;
                entry.at = at(written);
                entry.text = QStringLiteral("entry %1").arg(written.load());
                if (other->appendEntry(id, entry))
                    ++written;
                else
                    ++failures;
            }
        });
        QList<qint64> counts;
        for (int i = 0; i < 5; ++i) {
            QTest::qWait(30);
            const QString target
                = m_dir.filePath(QStringLiteral("live-%1-%2").arg(m_counter).arg(i));
            const auto done = m_repo->backupTo(target);
            QVERIFY2(done.ok(), qPrintable(done.errorMessage()));
            auto copy = SqliteIncidentRepository::open(
                target, SqliteIncidentRepository::OpenMode::MustExist);
            QVERIFY2(copy.ok(), qPrintable(copy.errorMessage()));
            counts.append(*(*copy)->timelineCount(id));
        }
        stop = true;
        writer.join();
        QCOMPARE(failures.load(), 0);
        // Each copy is a consistent snapshot; later copies hold at least as much.
        for (qsizetype i = 1; i < counts.size(); ++i)
            QVERIFY(counts.at(i) >= counts.at(i - 1));
        QVERIFY(counts.last() <= 1 + written.load());
    }

    // loadIncidentParts: the header and only what is asked for; of the timeline only the
    // entries with one of the link types (exactly that type), as loadIncident has them.
    void loadIncidentPartsReadsOnlyWhatIsAsked()
    {
        const qint64 id = insert(richIncident());
        const qint64 other = insert(simpleIncident(QStringLiteral("Other")));
        QVERIFY(id && other);
        const auto link = [this](qint64 incident, int minute, const QString &type, qint64 target) {
            NewEntry entry;
            entry.at = at(minute);
            entry.author = QStringLiteral("Carol");
            entry.text = QStringLiteral("%1 %2").arg(type).arg(target);
            entry.link = EntryLink {type, target};
            const auto written = m_repo->appendEntry(incident, entry);
            return written ? *written : 0;
        };
        const qint64 tick = link(id, 50, QStringLiteral("checklist"), 7);
        QVERIFY(tick);
        QVERIFY(link(id, 51, QStringLiteral("checklist-undo"), 7));
        QVERIFY(link(id, 52, QStringLiteral("delivered"), 1));
        QVERIFY(link(id, 49, QStringLiteral("undelivered"), 1)); // earlier: sorted by time
        QVERIFY(link(other, 53, QStringLiteral("checklist"), 7)); // another incident's
        QVERIFY(
            m_repo->editEntry(tick, QStringLiteral("edited"), QStringLiteral("Dana"), at(54)).ok());

        const Incident full = *m_repo->loadIncident(id);
        IncidentParts parts;
        parts.roles = true;
        parts.statusUpdates = true;
        parts.linkedEntries = {
            QStringLiteral("checklist"), QStringLiteral("undelivered"), QStringLiteral("update")};
        const auto partial = m_repo->loadIncidentParts(id, parts);
        QVERIFY2(partial.ok(), qPrintable(partial.errorMessage()));

        Incident expected = full;
        expected.timeline.clear();
        for (const auto &entry : full.timeline) {
            if (parts.linkedEntries.contains(entry.link.type))
                expected.timeline.append(entry);
        }
        expected.actionItems.clear();
        expected.diagnostics.clear();
        expected.postmortem = {};
        // The rich incident links an entry to an update, so every type above has entries.
        QVERIFY(expected.timeline.size() >= 3);
        QVERIFY(!expected.roles.isEmpty() && !expected.statusUpdates.isEmpty());
        QVERIFY(!full.actionItems.isEmpty() && !full.diagnostics.isEmpty());
        const QString diff = differences(expected, *partial);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        // By time, not by writing: the undelivered entry was written last but happened first.
        QStringList order;
        for (const auto &entry : partial->timeline)
            order.append(entry.link.type);
        QVERIFY2(order.indexOf(QStringLiteral("undelivered"))
                < order.indexOf(QStringLiteral("checklist")),
            qPrintable(order.join(u' ')));
        QVERIFY(!order.contains(QStringLiteral("checklist-undo")));
        QVERIFY(!order.contains(QStringLiteral("delivered")));
        bool editedSeen = false;
        for (const auto &entry : partial->timeline)
            editedSeen |= entry.id == tick && entry.revisions.size() == 1;
        QVERIFY(editedSeen);

        // Nothing but the header when nothing is asked; NotFound for no such incident.
        const auto header = m_repo->loadIncidentParts(id, {});
        QVERIFY(header.ok());
        QCOMPARE(header->header, full.header);
        QVERIFY(header->timeline.isEmpty() && header->roles.isEmpty()
            && header->statusUpdates.isEmpty());
        QCOMPARE(m_repo->loadIncidentParts(9999, parts).error().kind, Error::Kind::NotFound);
    }

    void backupOfAnInMemoryDatabase()
    {
        auto memory = SqliteIncidentRepository::open(QStringLiteral(":memory:"));
        QVERIFY(memory.ok());
        QVERIFY((*memory)->insertIncident(simpleIncident(QStringLiteral("Volatile"))).ok());
        const QString target = m_dir.filePath(QStringLiteral("from-memory-%1").arg(m_counter));
        QVERIFY((*memory)->backupTo(target).ok());
        auto copy = openRepository(target);
        QVERIFY(copy);
        QCOMPARE(copy->listIncidents(true)->at(0).title, QStringLiteral("Volatile"));
    }
};

QTEST_GUILESS_MAIN(StoragePortTest)
#include "tst_storage_port.moc"
