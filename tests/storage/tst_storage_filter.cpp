// The timeline filter (TimelineFilter) answered by the store: kind, author and
// text, each alone and combined, with text that means something to LIKE, SQL or
// FTS5 (it must mean nothing here); paging forwards and backwards through the
// filtered timeline; and the keyset pages of the incident list.
#include "sqliteincidentrepository.h"
#include "storagetestsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace idesk;
using namespace idesk::StorageTest;

namespace {

struct Line
{
    EntryKind kind;
    const char16_t *author;
    const char16_t *text;
};

// The timeline every filter is tried on, with the awkward characters a user
// may type into a filter, and some of them in the entries.
const Line kLines[] = {
    {EntryKind::Note, u"Alice", u"Checkout latency up"},
    {EntryKind::Decision, u"Bob", u"Roll back release 2024.11.3"},
    {EntryKind::Action, u"alice.smith", u"Rolled back; CHECKOUT recovering"},
    {EntryKind::Observation, u"Carol", u"Error rate 50% of requests"},
    {EntryKind::Note, u"Carol", u"file_name.log shows 5000 errors"},
    {EntryKind::Note, u"Dan", u"path C:\\temp\\x and a 100\\% literal"},
    {EntryKind::Note, u"O'Brien", u"He said \"it's fine\"; it wasn't"},
    {EntryKind::Alert, u"alertmanager", u"NEAR OR AND: \"quoted\" * ^ - (x) {y}"},
    {EntryKind::Note, u"Zoë", u"Café crème is ÜBER hot"},
    {EntryKind::Decision, u"Bob", u"Page the DBA"},
    {EntryKind::Note, u"Bob", u"<b>not bold</b> &amp; [bracketed]"},
    {EntryKind::Note, u"Alice", u"_underscore_ start"},
};

QList<qint64> idsOf(const QList<TimelineEntry> &entries)
{
    QList<qint64> ids;
    for (const auto &e : entries)
        ids.append(e.id);
    return ids;
}

} // namespace

class StorageFilterTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteIncidentRepository> m_repo;
    qint64 m_incident = 0;
    qint64 m_other = 0;
    QList<TimelineEntry> m_all; // the incident's timeline as stored

    QList<qint64> expected(const TimelineFilter &filter) const
    {
        QList<qint64> ids;
        for (const auto &e : m_all) {
            if (filter.matches(e))
                ids.append(e.id);
        }
        return ids;
    }

    QList<TimelineEntry> pageAfter(const TimelineFilter &filter, TimelineCursor after, int limit)
    {
        const auto page = m_repo->filteredTimelinePage(m_incident, filter, after, limit);
        if (!page)
            qWarning().noquote() << page.errorMessage();
        return page ? *page : QList<TimelineEntry>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_repo = openRepository(m_dir.filePath(QStringLiteral("filter.sqlite3")));
        QVERIFY(m_repo);
        Incident incident = simpleIncident(QStringLiteral("Filtered"));
        incident.timeline.clear();
        int minute = 0;
        for (const Line &line : kLines) {
            TimelineEntry e;
            e.at = at(minute);
            // Two entries share a time: the id decides their order.
            if (minute != 4)
                ++minute;
            e.writtenAt = e.at;
            e.kind = line.kind;
            e.author = QString::fromUtf16(line.author);
            e.text = QString::fromUtf16(line.text);
            incident.timeline.append(e);
        }
        const auto id = m_repo->insertIncident(incident);
        QVERIFY(id.ok());
        m_incident = *id;
        // Another incident with the same words: a filter never reaches across.
        const auto other = m_repo->insertIncident(incident);
        QVERIFY(other.ok());
        m_other = *other;
        // A redacted entry has no text left to match.
        const auto all = m_repo->timelinePage(m_incident, {}, 1000);
        QVERIFY(all.ok());
        QVERIFY(m_repo
                    ->redactEntry(all->at(9).id,
                        Redaction {QStringLiteral("DBA's name"), at(60), QStringLiteral("Alice")})
                    .ok());
        m_all = *m_repo->timelinePage(m_incident, {}, 1000);
        QCOMPARE(m_all.size(), qsizetype(std::size(kLines)));
        QVERIFY(m_all.at(9).isRedacted());
    }

    void filters_data()
    {
        QTest::addColumn<QList<int>>("kinds"); // EntryKind values
        QTest::addColumn<QString>("author");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("count");
        const QList<int> none;
        const auto kinds = [](std::initializer_list<EntryKind> list) {
            QList<int> values;
            for (const EntryKind k : list)
                values.append(static_cast<int>(k));
            return values;
        };
        QTest::newRow("nothing") << none << QString() << QString() << 12;
        QTest::newRow("blank text") << none << QString() << QStringLiteral("   ") << 12;
        QTest::newRow("one kind") << kinds({EntryKind::Decision}) << QString() << QString() << 2;
        QTest::newRow("two kinds")
            << kinds({EntryKind::Decision, EntryKind::Alert}) << QString() << QString() << 3;
        QTest::newRow("a kind never used")
            << kinds({EntryKind::Milestone}) << QString() << QString() << 0;
        QTest::newRow("author, any case") << none << QStringLiteral("ALICE") << QString() << 3;
        QTest::newRow("author, inside a name") << none << QStringLiteral("smi") << QString() << 1;
        QTest::newRow("author with a quote") << none << QStringLiteral("o'b") << QString() << 1;
        QTest::newRow("author, accented") << none << QStringLiteral("zoë") << QString() << 1;
        QTest::newRow("text, any case") << none << QString() << QStringLiteral("checkout") << 2;
        QTest::newRow("text, a phrase") << none << QString() << QStringLiteral("rolled back;") << 1;
        QTest::newRow("text, trimmed") << none << QString() << QStringLiteral("  latency  ") << 1;
        QTest::newRow("percent is literal") << none << QString() << QStringLiteral("%") << 2;
        QTest::newRow("50%") << none << QString() << QStringLiteral("50%") << 1;
        QTest::newRow("underscore is literal") << none << QString() << QStringLiteral("e_n") << 1;
        QTest::newRow("one underscore") << none << QString() << QStringLiteral("_") << 2;
        QTest::newRow("backslash is literal")
            << none << QString() << QStringLiteral("\\temp\\") << 1;
        QTest::newRow("escaped percent in the text")
            << none << QString() << QStringLiteral("100\\%") << 1;
        QTest::newRow("single quote") << none << QString() << QStringLiteral("it's") << 1;
        QTest::newRow("double quotes") << none << QString() << QStringLiteral("\"it's fine\"") << 1;
        QTest::newRow("fts syntax")
            << none << QString() << QStringLiteral("NEAR OR AND: \"quoted\" *") << 1;
        QTest::newRow("fts star") << none << QString() << QStringLiteral("*") << 1;
        QTest::newRow("sql") << none << QString() << QStringLiteral("'); DROP TABLE x;--") << 0;
        QTest::newRow("html") << none << QString() << QStringLiteral("<b>not") << 1;
        QTest::newRow("entity") << none << QString() << QStringLiteral("&amp;") << 1;
        QTest::newRow("brackets") << none << QString() << QStringLiteral("[bracketed]") << 1;
        QTest::newRow("accented, as written")
            << none << QString() << QStringLiteral("Café crème") << 1;
        // SQLite's LIKE folds A-Z only: "über" is not "ÜBER".
        QTest::newRow("non-ascii case is exact")
            << none << QString() << QStringLiteral("über") << 0;
        QTest::newRow("redacted text is gone") << none << QString() << QStringLiteral("DBA") << 0;
        QTest::newRow("redaction reason is not text")
            << none << QString() << QStringLiteral("name") << 1;
        QTest::newRow("kind and author")
            << kinds({EntryKind::Note}) << QStringLiteral("bob") << QString() << 1;
        QTest::newRow("author and text")
            << none << QStringLiteral("carol") << QStringLiteral("error") << 2;
        QTest::newRow("all three") << kinds({EntryKind::Observation, EntryKind::Note})
                                   << QStringLiteral("carol") << QStringLiteral("50") << 2;
        QTest::newRow("all three, none")
            << kinds({EntryKind::Decision}) << QStringLiteral("carol") << QStringLiteral("50") << 0;
    }

    void filters()
    {
        QFETCH(QList<int>, kinds);
        QFETCH(QString, author);
        QFETCH(QString, text);
        QFETCH(int, count);
        TimelineFilter filter;
        for (const int k : kinds)
            filter.kinds.append(static_cast<EntryKind>(k));
        filter.author = author;
        filter.text = text;

        // The C++ rule and the store agree, and the expected count is right.
        const QList<qint64> want = expected(filter);
        QCOMPARE(want.size(), count);
        const auto counted = m_repo->filteredTimelineCount(m_incident, filter);
        QVERIFY2(counted.ok(), qPrintable(counted.errorMessage()));
        QCOMPARE(*counted, qint64(count));
        QCOMPARE(idsOf(pageAfter(filter, {}, 1000)), want);

        // Pages of two, forwards, then backwards from the end, give the same.
        QList<qint64> forwards;
        TimelineCursor cursor;
        for (int guard = 0; guard < 20; ++guard) {
            const auto page = pageAfter(filter, cursor, 2);
            if (page.isEmpty())
                break;
            forwards.append(idsOf(page));
            cursor = {page.last().at, page.last().id};
        }
        QCOMPARE(forwards, want);
        QList<qint64> backwards;
        std::optional<TimelineCursor> before;
        for (int guard = 0; guard < 20; ++guard) {
            const auto page = m_repo->filteredTimelinePageBefore(m_incident, filter, before, 2);
            QVERIFY(page.ok());
            if (page->isEmpty())
                break;
            backwards = idsOf(*page) + backwards;
            before = TimelineCursor {page->first().at, page->first().id};
        }
        QCOMPARE(backwards, want);
        // Revisions come along with filtered pages too.
        for (const auto &e : pageAfter(filter, {}, 1000))
            QCOMPARE(e.revisions.size(), 0);
    }

    void editsChangeWhatMatches()
    {
        TimelineFilter filter;
        filter.text = QStringLiteral("recovered");
        QCOMPARE(*m_repo->filteredTimelineCount(m_incident, filter), 0);
        const qint64 edited = m_all.at(2).id;
        QVERIFY(m_repo
                    ->editEntry(edited, QStringLiteral("Rolled back; checkout recovered"),
                        QStringLiteral("Bob"), at(70))
                    .ok());
        const auto page = pageAfter(filter, {}, 10);
        QCOMPARE(page.size(), 1);
        QCOMPARE(page.first().id, edited);
        QCOMPARE(page.first().revisions.size(), 1); // the old text, kept
        // The old text no longer matches.
        filter.text = QStringLiteral("recovering");
        QCOMPARE(*m_repo->filteredTimelineCount(m_incident, filter), 0);
        m_all = *m_repo->timelinePage(m_incident, {}, 1000);
    }

    void refusals()
    {
        TimelineFilter filter;
        filter.text = QStringLiteral("x");
        QCOMPARE(m_repo->filteredTimelinePage(m_incident, filter, {}, 0).error().kind,
            Error::Kind::Validation);
        QCOMPARE(m_repo->filteredTimelineCount(987654, filter).error().kind, Error::Kind::NotFound);
        QCOMPARE(m_repo->filteredTimelinePageBefore(987654, filter, std::nullopt, 5).error().kind,
            Error::Kind::NotFound);
    }

    // The incident list in keyset pages: the same order as listIncidents
    // (which the model used to load whole), whatever the page size.
    void incidentPages()
    {
        QTemporaryDir dir;
        auto repo = openRepository(dir.filePath(QStringLiteral("list.sqlite3")));
        QVERIFY(repo);
        const Status statuses[] = {Status::Investigating, Status::Resolved, Status::Closed,
            Status::Monitoring, Status::Identified};
        for (int i = 0; i < 47; ++i) {
            Incident incident = simpleIncident(QStringLiteral("List %1").arg(i));
            incident.header.severity = 1 + i % 3;
            incident.header.status = statuses[i % 5];
            // Some share a start, some have none: the id breaks every tie.
            if (i % 7 == 0)
                incident.header.milestones.set(Milestone::Started, std::nullopt);
            else
                incident.header.milestones.set(Milestone::Started, at(i % 4));
            QVERIFY(repo->insertIncident(incident).ok());
        }
        const auto listed = repo->listIncidents(true);
        QVERIFY(listed.ok());
        const auto all = repo->incidentPage(std::nullopt, -1);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 47);
        // Open first, then resolved, then closed (listIncidents puts resolved and
        // closed together); within a group the same order as listIncidents.
        const auto group
            = [](Status s) { return s == Status::Closed ? 2 : (s == Status::Resolved ? 1 : 0); };
        QList<IncidentSummary> regrouped = *listed;
        std::stable_sort(regrouped.begin(), regrouped.end(),
            [&](const IncidentSummary &a, const IncidentSummary &b) {
                return group(a.status) < group(b.status);
            });
        QCOMPARE(*all, regrouped);
        for (const int size : {1, 5, 10, 46, 47, 100}) {
            QList<IncidentSummary> paged;
            std::optional<IncidentSummary> after;
            for (int guard = 0; guard < 100; ++guard) {
                const auto page = repo->incidentPage(after, size);
                QVERIFY(page.ok());
                paged.append(*page);
                if (page->size() < size)
                    break;
                after = page->last();
            }
            QCOMPARE(paged, *all);
        }
        const IncidentSummary third = all->at(2);
        QCOMPARE(*repo->incidentSummary(third.id), third);
        QCOMPARE(repo->incidentSummary(9999).error().kind, Error::Kind::NotFound);
        QCOMPARE(repo->incidentPage(std::nullopt, 0).error().kind, Error::Kind::Validation);
    }

    void secondConnection()
    {
        const auto second = m_repo->openConnection();
        QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
        QCOMPARE((*second)->loadHeader(m_incident)->title, QStringLiteral("Filtered"));
        auto memory = SqliteIncidentRepository::open(QStringLiteral(":memory:"));
        QVERIFY(memory.ok());
        QVERIFY(!(*memory)->openConnection().ok());
    }
};

QTEST_GUILESS_MAIN(StorageFilterTest)
#include "tst_storage_filter.moc"
