// The repository port on a real file: round trips, change sets, paging, and
// two connections sharing one database.
#include "sqliteincidentrepository.h"
#include "storagetestsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace idesk;
using namespace idesk::StorageTest;

namespace {

NewEntry newEntry(const QDateTime &when, const QString &text, EntryKind kind = EntryKind::Note)
{
    NewEntry entry;
    entry.at = when;
    entry.kind = kind;
    entry.author = QStringLiteral("Tester");
    entry.text = text;
    return entry;
}

// What the store is expected to return for an inserted incident: timeline and
// updates in (at, insertion) order, roles in (from, insertion) order, and
// redacted entries blanked.
Incident expectedAfterStore(Incident incident)
{
    const auto byAt = [](const auto &a, const auto &b) { return a.at < b.at; };
    std::stable_sort(incident.timeline.begin(), incident.timeline.end(), byAt);
    std::stable_sort(incident.statusUpdates.begin(), incident.statusUpdates.end(), byAt);
    std::stable_sort(incident.roles.begin(), incident.roles.end(),
        [](const auto &a, const auto &b) { return a.from < b.from; });
    for (auto &entry : incident.timeline) {
        if (entry.isRedacted()) {
            entry.text.clear();
            for (auto &revision : entry.revisions)
                revision.text.clear();
        }
    }
    return incident;
}

const TimelineEntry *findEntry(const Incident &incident, const QString &text)
{
    for (const auto &entry : incident.timeline) {
        if (entry.text == text)
            return &entry;
    }
    return nullptr;
}

} // namespace

class StorageRepositoryTest : public QObject
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

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("repo-%1.sqlite3").arg(++m_counter));
        m_repo = openRepository(m_path);
        QVERIFY(m_repo);
    }
    void cleanup() { m_repo.reset(); }

    void richIncidentRoundTrip()
    {
        const Incident source = richIncident();
        const qint64 id = insert(source);
        QVERIFY(id > 0);
        const auto loaded = m_repo->loadIncident(id);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->header.id, id);
        QCOMPARE(loaded->header.revision, 1); // the source's revision is not imported

        const Incident expected = withoutIds(expectedAfterStore(source));
        const Incident actual = withoutIds(*loaded);
        QVERIFY2(actual == expected, qPrintable(differences(expected, actual)));

        // Every stored id is fresh and every entry belongs to the new incident.
        for (const auto &entry : loaded->timeline)
            QCOMPARE(entry.incidentId, id);
        const auto roleOf = [&](const QString &person) {
            for (const auto &role : loaded->roles) {
                if (role.person == person)
                    return role.id;
            }
            return qint64(0);
        };
        QVERIFY(roleOf(QStringLiteral("Björn Øster")) != 12);
        // Links follow their objects to the new ids; a link to something else stays.
        const auto link = [&](const QString &text) {
            const TimelineEntry *entry = findEntry(*loaded, text);
            return entry ? entry->link : EntryLink {};
        };
        QCOMPARE(link(QStringLiteral("Status update (internal): Investigating")),
            (EntryLink {QStringLiteral("update"), loaded->statusUpdates.at(0).id}));
        QCOMPARE(link(QStringLiteral("Alice handed commander to Björn")),
            (EntryLink {QStringLiteral("role"), roleOf(QStringLiteral("Björn Øster"))}));
        QCOMPARE(link(QStringLiteral("Snapshot: error rate")),
            (EntryLink {QStringLiteral("diagnostic"), loaded->diagnostics.at(0).id}));
        QCOMPARE(link(QStringLiteral("Opened ticket")),
            (EntryLink {QStringLiteral("action"), loaded->actionItems.at(1).id}));
        QCOMPARE(link(QStringLiteral("Alert fired elsewhere")),
            (EntryLink {QStringLiteral("alert"), 5}));

        // The imported redaction left no trace of the secret in the file.
        m_repo.reset();
        QVERIFY(!readFile(m_path).contains("SECRET-rich"));
    }

    void loadsAndListsNothingMissing()
    {
        const auto header = m_repo->loadHeader(99);
        QVERIFY(!header.ok());
        QCOMPARE(header.error().kind, Error::Kind::NotFound);
        QCOMPARE(header.errorMessage(), QStringLiteral("INC-99 does not exist."));
        QCOMPARE(m_repo->loadIncident(99).error().kind, Error::Kind::NotFound);
        QCOMPARE(m_repo->roles(99).error().kind, Error::Kind::NotFound);
        QCOMPARE(m_repo->timelineCount(99).error().kind, Error::Kind::NotFound);
        QCOMPARE(m_repo->timelinePage(99, {}, 10).error().kind, Error::Kind::NotFound);
        QCOMPARE(m_repo->entry(12345).error().kind, Error::Kind::NotFound);
        QCOMPARE(m_repo->entry(12345).errorMessage(),
            QStringLiteral("Timeline entry 12345 does not exist."));
        QCOMPARE(m_repo->appendEntry(99, newEntry(at(1), QStringLiteral("x"))).error().kind,
            Error::Kind::NotFound);
        QCOMPARE(m_repo->apply(99, std::nullopt, ChangeSet {}).errorMessage(),
            QStringLiteral("INC-99 does not exist."));
        QVERIFY(m_repo->listIncidents(true)->isEmpty());
    }

    void applyWritesEveryPart()
    {
        Incident base = simpleIncident(QStringLiteral("Before"));
        base.actionItems = {{0, QStringLiteral("Existing item"), {}, std::nullopt,
            ActionType::Other, ActionStatus::Open, std::nullopt}};
        const qint64 id = insert(base);
        QVERIFY(id > 0);
        const auto before = m_repo->loadIncident(id);
        QVERIFY(before.ok());
        const qint64 aliceId = before->roles.at(0).id;
        const qint64 existingItemId = before->actionItems.at(0).id;

        ChangeSet changes;
        changes.title = QStringLiteral("After — renamed");
        changes.summary = QStringLiteral("Now with a summary");
        changes.severity = 1;
        changes.status = Status::Identified;
        changes.milestones = {{Milestone::Detected, at(2)}, {Milestone::Mitigated, at(25)},
            {Milestone::Declared, std::nullopt}};
        changes.slo = SloContext {0.99, 7, 0.5};
        changes.closeRoleAssignments = {aliceId};
        changes.openRoleAssignment
            = RoleAssignment {0, Roles::Commander, QStringLiteral("Bob"), at(20), std::nullopt};
        changes.roleChangeAt = at(20);
        changes.statusUpdate = StatusUpdate {0, at(21), QStringLiteral("Identified"),
            QStringLiteral("Half the users"), QStringLiteral("Failing over"), QStringLiteral("DBA"),
            at(51), Audience::External};
        changes.newActionItem
            = ActionItem {0, QStringLiteral("New item"), QStringLiteral("Carol"), QDate(2025, 2, 3),
                ActionType::Prevent, ActionStatus::InProgress, QStringLiteral("OPS-9")};
        ActionItem existing = before->actionItems.at(0);
        existing.status = ActionStatus::Done;
        existing.owner = QStringLiteral("Dave");
        changes.actionItemChange = ActionItemChange {existingItemId, existing};
        Postmortem postmortem;
        postmortem.rootCause = QStringLiteral("A cause");
        postmortem.wentWell = {QStringLiteral("Teamwork")};
        changes.postmortem = postmortem;
        NewEntry plain = newEntry(at(19), QStringLiteral("plain, explicit link"));
        plain.link = {QStringLiteral("alert"), 9};
        NewEntry role = newEntry(at(20), QStringLiteral("role entry"), EntryKind::Role);
        role.linkToNew = NewEntry::LinkToNew::RoleAssignment;
        NewEntry update = newEntry(at(21), QStringLiteral("update entry"), EntryKind::Update);
        update.linkToNew = NewEntry::LinkToNew::StatusUpdate;
        NewEntry action = newEntry(at(22), QStringLiteral("action entry"), EntryKind::Action);
        action.linkToNew = NewEntry::LinkToNew::ActionItem;
        changes.entries = {plain, role, update, action};

        const QDateTime beforeApply = QDateTime::currentDateTimeUtc();
        const auto applied = m_repo->apply(id, before->header.revision, changes);
        QVERIFY2(applied.ok(), qPrintable(applied.errorMessage()));

        const auto after = m_repo->loadIncident(id);
        QVERIFY(after.ok());
        const IncidentHeader &h = after->header;
        QCOMPARE(h.revision, before->header.revision + 1);
        QCOMPARE(h.title, *changes.title);
        QCOMPARE(h.summary, *changes.summary);
        QCOMPARE(h.severity, 1);
        QCOMPARE(h.status, Status::Identified);
        QCOMPARE(h.milestones.get(Milestone::Started), at(0)); // untouched
        QCOMPARE(h.milestones.get(Milestone::Detected), at(2));
        QCOMPARE(h.milestones.get(Milestone::Mitigated), at(25));
        QCOMPARE(h.milestones.get(Milestone::Declared), std::nullopt);
        QCOMPARE(h.slo, changes.slo);

        QCOMPARE(after->roles.size(), 2);
        QCOMPARE(after->roles.at(0).id, aliceId);
        QCOMPARE(after->roles.at(0).to, at(20));
        QCOMPARE(after->roles.at(1).person, QStringLiteral("Bob"));
        QCOMPARE(after->roles.at(1).from, at(20));
        QVERIFY(after->roles.at(1).isCurrent());

        QCOMPARE(after->statusUpdates.size(), 1);
        StatusUpdate storedUpdate = after->statusUpdates.at(0);
        storedUpdate.id = 0;
        QCOMPARE(storedUpdate, *changes.statusUpdate);

        QCOMPARE(after->actionItems.size(), 2);
        ActionItem changed = after->actionItems.at(0);
        QCOMPARE(changed.id, existingItemId);
        changed.id = 0;
        existing.id = 0;
        QCOMPARE(changed, existing);
        ActionItem added = after->actionItems.at(1); // "action 2": after the existing one
        added.id = 0;
        QCOMPARE(added, *changes.newActionItem);
        QCOMPARE(after->postmortem, postmortem);

        const auto linkOf = [&](const QString &text) { return findEntry(*after, text)->link; };
        QCOMPARE(linkOf(QStringLiteral("plain, explicit link")),
            (EntryLink {QStringLiteral("alert"), 9}));
        QCOMPARE(linkOf(QStringLiteral("role entry")),
            (EntryLink {QStringLiteral("role"), after->roles.at(1).id}));
        QCOMPARE(linkOf(QStringLiteral("update entry")),
            (EntryLink {QStringLiteral("update"), after->statusUpdates.at(0).id}));
        QCOMPARE(linkOf(QStringLiteral("action entry")),
            (EntryLink {QStringLiteral("action"), after->actionItems.at(1).id}));
        QCOMPARE(findEntry(*after, QStringLiteral("action entry"))->link.toString(),
            QStringLiteral("action:%1").arg(after->actionItems.at(1).id));
        const TimelineEntry *written = findEntry(*after, QStringLiteral("role entry"));
        QVERIFY(written->writtenAt >= beforeApply.addMSecs(-1));
        QVERIFY(written->writtenAt <= QDateTime::currentDateTimeUtc());
        QCOMPARE(after->timeline.size(), before->timeline.size() + 4);
    }

    void applyWithoutRevisionAlwaysApplies()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("A")));
        ChangeSet changes;
        changes.title = QStringLiteral("B");
        QVERIFY(m_repo->apply(id, std::nullopt, changes).ok());
        QVERIFY(m_repo->apply(id, std::nullopt, changes).ok());
        QCOMPARE(m_repo->loadHeader(id)->revision, 3);
    }

    void conflictChangesNothing()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Original")));
        const qint64 read = m_repo->loadHeader(id)->revision;
        ChangeSet first;
        first.status = Status::Identified;
        QVERIFY(m_repo->apply(id, read, first).ok());

        const auto before = m_repo->loadIncident(id);
        ChangeSet stale;
        stale.title = QStringLiteral("Stale decision");
        stale.entries = {newEntry(at(9), QStringLiteral("from a stale snapshot"))};
        stale.newActionItem = ActionItem {};
        const auto refused = m_repo->apply(id, read, stale);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Conflict);
        QVERIFY2(refused.errorMessage().startsWith(QStringLiteral("INC-%1 was changed").arg(id)),
            qPrintable(refused.errorMessage()));
        const auto after = m_repo->loadIncident(id);
        QVERIFY(*after == *before);
    }

    void failingChangeSetRollsBackEverything_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<int>("kind");
        QTest::newRow("closing an unknown role") << 0 << int(Error::Kind::Conflict);
        QTest::newRow("changing an unknown action item") << 1 << int(Error::Kind::NotFound);
        QTest::newRow("linking a diagnostic that is not created")
            << 2 << int(Error::Kind::Validation);
        QTest::newRow("entry without a time") << 3 << int(Error::Kind::Validation);
        QTest::newRow("a CHECK constraint (SLO target 7)") << 4 << int(Error::Kind::Storage);
    }

    void failingChangeSetRollsBackEverything()
    {
        QFETCH(int, failure);
        QFETCH(int, kind);
        const qint64 id = insert(simpleIncident(QStringLiteral("Untouched")));
        const auto before = m_repo->loadIncident(id);
        ChangeSet changes;
        changes.title = QStringLiteral("Half-applied?");
        changes.statusUpdate = StatusUpdate {
            0, at(3), QStringLiteral("x"), {}, {}, {}, std::nullopt, Audience::Internal};
        changes.entries = {newEntry(at(4), QStringLiteral("first entry goes in"))};
        changes.roleChangeAt = at(5);
        switch (failure) {
        case 0:
            changes.closeRoleAssignments = {987654};
            break;
        case 1:
            changes.actionItemChange = ActionItemChange {987654, ActionItem {}};
            break;
        case 2: {
            NewEntry entry = newEntry(at(6), QStringLiteral("diagnostic"), EntryKind::Diagnostic);
            entry.linkToNew = NewEntry::LinkToNew::Diagnostic;
            changes.entries.append(entry);
            break;
        }
        case 3:
            changes.entries.append(newEntry(QDateTime(), QStringLiteral("when?")));
            break;
        case 4:
            changes.slo = SloContext {7.0, 30, 1.0};
            break;
        }
        const auto refused = m_repo->apply(id, before->header.revision, changes);
        QVERIFY(!refused.ok());
        QCOMPARE(int(refused.error().kind), kind);
        QVERIFY(!refused.errorMessage().isEmpty());
        QVERIFY(!refused.errorMessage().contains(u'\n'));
        QVERIFY(*m_repo->loadIncident(id) == *before);
    }

    void appendEntryKeepsRevision()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Appends")));
        const qint64 revision = m_repo->loadHeader(id)->revision;
        const QDateTime before = QDateTime::currentDateTimeUtc();
        NewEntry backdated = newEntry(at(-60), QStringLiteral("Something happened before"));
        backdated.link = {QStringLiteral("alert"), 3};
        const auto entryId = m_repo->appendEntry(id, backdated);
        QVERIFY2(entryId.ok(), qPrintable(entryId.errorMessage()));
        QCOMPARE(m_repo->loadHeader(id)->revision, revision);
        const auto stored = m_repo->entry(*entryId);
        QVERIFY(stored.ok());
        QCOMPARE(stored->incidentId, id);
        QCOMPARE(stored->at, at(-60));
        QCOMPARE(stored->link, backdated.link);
        QVERIFY(stored->writtenAt >= before.addMSecs(-1));
        QVERIFY(stored->writtenAt <= QDateTime::currentDateTimeUtc());
        QCOMPARE(stored->writtenAt.timeSpec(), Qt::UTC);
        // Backdated: it sorts first.
        QCOMPARE(m_repo->loadIncident(id)->timeline.first().id, *entryId);

        NewEntry linking = newEntry(at(1), QStringLiteral("x"));
        linking.linkToNew = NewEntry::LinkToNew::StatusUpdate;
        QCOMPARE(m_repo->appendEntry(id, linking).error().kind, Error::Kind::Validation);
        QCOMPARE(m_repo->appendEntry(id, newEntry(QDateTime(), QStringLiteral("x"))).error().kind,
            Error::Kind::Validation);
    }

    void editKeepsRevisionsAndRedactErasesThem()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Secrets")));
        const auto entryId = m_repo->appendEntry(
            id, newEntry(at(10), QStringLiteral("curl -H 'Authorization: hunter2-TOPSECRET'")));
        QVERIFY(entryId.ok());
        QVERIFY(m_repo
                    ->editEntry(*entryId, QStringLiteral("curl with hunter2-TOPSECRET removed?"),
                        QStringLiteral("Bob"), at(11))
                    .ok());
        QVERIFY(m_repo
                    ->editEntry(*entryId, QStringLiteral("curl against the API"),
                        QStringLiteral("Carol"), at(12))
                    .ok());
        auto edited = m_repo->entry(*entryId);
        QVERIFY(edited.ok());
        QCOMPARE(edited->text, QStringLiteral("curl against the API"));
        QCOMPARE(edited->revisions.size(), 2);
        QCOMPARE(edited->revisions.at(0),
            (Revision {QStringLiteral("curl -H 'Authorization: hunter2-TOPSECRET'"), at(11),
                QStringLiteral("Bob")}));
        QCOMPARE(edited->revisions.at(1),
            (Revision {QStringLiteral("curl with hunter2-TOPSECRET removed?"), at(12),
                QStringLiteral("Carol")}));
        QVERIFY(edited->isEdited());

        const Redaction redaction {
            QStringLiteral("leaked a token"), at(13), QStringLiteral("Dana")};
        QVERIFY(m_repo->redactEntry(*entryId, redaction).ok());
        const auto redacted = m_repo->entry(*entryId);
        QCOMPARE(redacted->redaction, redaction);
        QVERIFY(redacted->text.isEmpty());
        QCOMPARE(redacted->revisions.size(), 2); // the history of edits stays, its text does not
        QVERIFY(redacted->revisions.at(0).text.isEmpty());
        QCOMPARE(redacted->revisions.at(1).replacedBy, QStringLiteral("Carol"));

        QCOMPARE(m_repo->redactEntry(*entryId, redaction).error().kind, Error::Kind::Validation);
        QCOMPARE(m_repo->editEntry(*entryId, QStringLiteral("back"), {}, at(14)).error().kind,
            Error::Kind::Validation);
        QCOMPARE(m_repo->editEntry(777777, QStringLiteral("x"), {}, at(14)).error().kind,
            Error::Kind::NotFound);
        QCOMPARE(m_repo->redactEntry(777777, redaction).error().kind, Error::Kind::NotFound);

        // Really gone: not in the database file nor in its WAL, even while open.
        const auto secretIn
            = [](const QString &path) { return readFile(path).contains("hunter2-TOPSECRET"); };
        QVERIFY(!secretIn(m_path));
        QVERIFY(!secretIn(m_path + QStringLiteral("-wal")));
        m_repo.reset();
        QVERIFY(!secretIn(m_path));
    }

    void listIncidentsOrder_data()
    {
        QTest::addColumn<bool>("includeClosed");
        QTest::addColumn<QStringList>("expected");
        const QStringList open = {QStringLiteral("C sev1 latest"), QStringLiteral("B sev1 older"),
            QStringLiteral("G sev2 same start, newer"), QStringLiteral("A sev2"),
            QStringLiteral("F sev2 no start")};
        QTest::newRow("open and resolved")
            << false << (open + QStringList {QStringLiteral("D sev1 resolved")});
        QTest::newRow("with closed") << true
                                     << (open
                                            + QStringList {QStringLiteral("D sev1 resolved"),
                                                QStringLiteral("E sev3 closed")});
    }

    void listIncidentsOrder()
    {
        QFETCH(bool, includeClosed);
        QFETCH(QStringList, expected);
        const auto make
            = [](const char *title, int severity, Status status, std::optional<int> startMinute) {
                  Incident incident = simpleIncident(QString::fromUtf8(title));
                  incident.header.severity = severity;
                  incident.header.status = status;
                  incident.header.milestones.set(Milestone::Started,
                      startMinute ? std::optional<QDateTime>(at(*startMinute)) : std::nullopt);
                  return incident;
              };
        for (const Incident &incident : {make("A sev2", 2, Status::Investigating, 60),
                 make("B sev1 older", 1, Status::Monitoring, 0),
                 make("C sev1 latest", 1, Status::Identified, 120),
                 make("D sev1 resolved", 1, Status::Resolved, 180),
                 make("E sev3 closed", 3, Status::Closed, 10),
                 make("F sev2 no start", 2, Status::Investigating, std::nullopt),
                 make("G sev2 same start, newer", 2, Status::Investigating, 60)})
            QVERIFY(insert(incident) > 0);
        const auto list = m_repo->listIncidents(includeClosed);
        QVERIFY2(list.ok(), qPrintable(list.errorMessage()));
        QStringList titles;
        for (const auto &summary : *list)
            titles.append(summary.title);
        QCOMPARE(titles, expected);
        const IncidentSummary &first = list->first();
        QCOMPARE(first.severity, 1);
        QCOMPARE(first.status, Status::Identified);
        QCOMPARE(first.started, at(120));
        QCOMPARE(first.declared, at(5));
        QCOMPARE(first.resolved, std::nullopt);
    }

    void timelinePagesByKeyset_data()
    {
        QTest::addColumn<int>("pageSize");
        for (int size : {1, 2, 3, 7, 50})
            QTest::addRow("page of %d", size) << size;
    }

    void timelinePagesByKeyset()
    {
        QFETCH(int, pageSize);
        const qint64 id = insert(simpleIncident(QStringLiteral("Busy timeline")));
        // Bursts at the same millisecond, written out of order, and backdated
        // entries inserted after later ones.
        const int minutes[] = {30, 10, 10, 20, 10, 5, 30, 0, 20, -15, 10, 5, 40, -15, 30};
        for (int i = 0; i < int(std::size(minutes)); ++i)
            QVERIFY(m_repo->appendEntry(id, newEntry(at(minutes[i]), QString::number(i))).ok());
        const auto first = m_repo->timelinePage(id, {}, 1);
        QVERIFY(m_repo->editEntry(first->at(0).id, QStringLiteral("edited"), {}, at(50)).ok());
        QVERIFY(m_repo->redactEntry(first->at(0).id + 1, {QStringLiteral("r"), at(51), {}}).ok());

        const auto all = m_repo->loadIncident(id)->timeline;
        QCOMPARE(all.size(), qsizetype(std::size(minutes)) + 1);
        QCOMPARE(*m_repo->timelineCount(id), all.size());
        for (qsizetype i = 1; i < all.size(); ++i) {
            const bool ordered = all[i - 1].at < all[i].at
                || (all[i - 1].at == all[i].at && all[i - 1].id < all[i].id);
            QVERIFY2(ordered, qPrintable(QStringLiteral("entry %1 out of order").arg(i)));
        }

        QList<TimelineEntry> paged;
        TimelineCursor cursor;
        for (int guard = 0; guard < 100; ++guard) {
            const auto page = m_repo->timelinePage(id, cursor, pageSize);
            QVERIFY2(page.ok(), qPrintable(page.errorMessage()));
            QVERIFY(page->size() <= pageSize);
            if (page->isEmpty())
                break;
            paged += *page;
            cursor = {page->last().at, page->last().id};
        }
        QCOMPARE(paged.size(), all.size());
        for (qsizetype i = 0; i < all.size(); ++i)
            QVERIFY2(
                paged[i] == all[i], qPrintable(QStringLiteral("page entry %1 differs").arg(i)));
        const auto withRevisions
            = std::count_if(paged.begin(), paged.end(), [](const auto &e) { return e.isEdited(); });
        QCOMPARE(withRevisions, 1);
    }

    void pagingSeesInsertsAheadOfTheCursorOnly()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Live")));
        for (int minute : {10, 10, 20})
            QVERIFY(m_repo->appendEntry(id, newEntry(at(minute), QString::number(minute))).ok());
        // Timeline: declared@5, 10, 10, 20. Read the first two pages of two.
        auto page = m_repo->timelinePage(id, {}, 2);
        QCOMPARE(page->size(), 2);
        const TimelineCursor cursor {page->last().at, page->last().id}; // the first @10
        // Another writer appends at the cursor's instant (a larger id: after it)
        // and backdates one before it (already scrolled past: not repeated).
        QVERIFY(m_repo->appendEntry(id, newEntry(at(10), QStringLiteral("same instant"))).ok());
        QVERIFY(m_repo->appendEntry(id, newEntry(at(1), QStringLiteral("backdated"))).ok());
        page = m_repo->timelinePage(id, cursor, 10);
        QStringList texts;
        for (const auto &entry : *page)
            texts.append(entry.text);
        QCOMPARE(texts,
            (QStringList {
                QStringLiteral("10"), QStringLiteral("same instant"), QStringLiteral("20")}));
        QCOMPARE(m_repo->timelinePage(id, {}, 1)->first().text, QStringLiteral("backdated"));
        QCOMPARE(m_repo->timelinePage(id, {}, 0).error().kind, Error::Kind::Validation);
    }

    void secondConnectionSeesAndSignalsWrites()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Shared")));
        auto other = openRepository(m_path);
        QVERIFY(other);
        const qint64 stamp = *m_repo->externalChangeStamp();
        QCOMPARE(*m_repo->externalChangeStamp(), stamp); // polling alone changes nothing

        // Our own writes do not count as external.
        QVERIFY(m_repo->appendEntry(id, newEntry(at(7), QStringLiteral("mine"))).ok());
        QCOMPARE(*m_repo->externalChangeStamp(), stamp);

        const auto theirs = other->appendEntry(id, newEntry(at(8), QStringLiteral("theirs")));
        QVERIFY(theirs.ok());
        const qint64 afterTheirs = *m_repo->externalChangeStamp();
        QVERIFY(afterTheirs != stamp);
        QCOMPARE(m_repo->entry(*theirs)->text, QStringLiteral("theirs"));

        // A change set decided on a snapshot the other connection has moved on from.
        const qint64 revision = m_repo->loadHeader(id)->revision;
        ChangeSet rename;
        rename.title = QStringLiteral("Renamed by the CLI");
        QVERIFY(other->apply(id, revision, rename).ok());
        QVERIFY(*m_repo->externalChangeStamp() != afterTheirs);
        ChangeSet mine;
        mine.title = QStringLiteral("Renamed by the GUI");
        QCOMPARE(m_repo->apply(id, revision, mine).error().kind, Error::Kind::Conflict);
        QCOMPARE(m_repo->loadHeader(id)->title, QStringLiteral("Renamed by the CLI"));
    }

    void concurrentWritersTakeTurns()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Crowded")));
        constexpr int kEach = 150;
        std::atomic<int> failures = 0;
        QString firstFailure;
        // Each thread has its own connection, as two processes would.
        std::thread writer([&] {
            auto other = openRepository(m_path);
            if (!other) {
                ++failures;
                return;
            }
            for (int i = 0; i < kEach; ++i) {
                if (!other->appendEntry(id, newEntry(at(i), QStringLiteral("cli %1").arg(i))))
                    ++failures;
                ChangeSet changes;
                changes.summary = QStringLiteral("cli %1").arg(i);
                if (!other->apply(id, std::nullopt, changes))
                    ++failures;
            }
        });
        for (int i = 0; i < kEach; ++i) {
            const auto appended
                = m_repo->appendEntry(id, newEntry(at(i), QStringLiteral("gui %1").arg(i)));
            if (!appended && firstFailure.isEmpty())
                firstFailure = appended.errorMessage();
            const auto page = m_repo->timelinePage(id, {}, 20);
            if (!page && firstFailure.isEmpty())
                firstFailure = page.errorMessage();
            if (!m_repo->loadIncident(id) && firstFailure.isEmpty())
                firstFailure = QStringLiteral("load failed");
        }
        writer.join();
        QVERIFY2(firstFailure.isEmpty(), qPrintable(firstFailure));
        QCOMPARE(failures.load(), 0);
        QCOMPARE(*m_repo->timelineCount(id), 1 + 2 * kEach);
        QCOMPARE(m_repo->loadHeader(id)->revision, 1 + kEach);
    }

    void writerWaitsForAnotherProcessesLock()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Locked")));
        sqlite3 *other = nullptr;
        QCOMPARE(sqlite3_open(m_path.toUtf8().constData(), &other), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        std::thread releaser([other] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
        });
        // Waits for the lock (busy timeout) instead of failing at once.
        const auto appended = m_repo->appendEntry(id, newEntry(at(1), QStringLiteral("patient")));
        releaser.join();
        sqlite3_close(other);
        QVERIFY2(appended.ok(), qPrintable(appended.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(StorageRepositoryTest)
#include "tst_storage_repository.moc"
