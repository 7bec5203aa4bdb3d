// The views' item models over a real SQLite file, each under
// QAbstractItemModelTester, which re-checks the model after every signal.

#include "changemonitor.h"
#include "incidentlistmodel.h"
#include "roleassignmentsmodel.h"
#include "timelinemodel.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

QList<qint64> ids(const QList<TimelineEntry> &entries)
{
    QList<qint64> result;
    for (const auto &e : entries)
        result.append(e.id);
    return result;
}

QList<qint64> modelIds(const TimelineModel &model)
{
    QList<qint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(TimelineModel::EntryIdRole).toLongLong());
    return result;
}

} // namespace

class ViewModelsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void incidentListOrder_data();
    void incidentListOrder();
    void incidentListRefreshKeepsRows();
    void incidentListClockTicks();

    void timelinePaging_data();
    void timelinePaging();
    void timelineRefresh_data();
    void timelineRefresh();
    void timelineShowsEditsAndRedactions();
    void timelineTimes();

    void roleAssignments();

    void changeMonitorSeesOtherConnections();
};

// Each incident is "title:severity:status:minutes since start"; the expected
// order is the titles as listed.
void ViewModelsTest::incidentListOrder_data()
{
    QTest::addColumn<QStringList>("incidents");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("by severity") << QStringList {u"A:3:investigating:10"_s,
        u"B:1:investigating:10"_s, u"C:2:investigating:10"_s}
                                 << QStringList {u"B"_s, u"C"_s, u"A"_s};
    QTest::newRow("open, resolved, closed") << QStringList {u"A:1:closed:10"_s,
        u"B:3:investigating:10"_s, u"C:1:resolved:10"_s, u"D:2:monitoring:10"_s}
                                            << QStringList {u"D"_s, u"B"_s, u"C"_s, u"A"_s};
    QTest::newRow("recent start first")
        << QStringList {u"A:2:identified:180"_s, u"B:2:investigating:30"_s, u"C:2:monitoring:90"_s}
        << QStringList {u"B"_s, u"C"_s, u"A"_s};
    QTest::newRow("severity before start") << QStringList {u"A:2:investigating:5"_s,
        u"B:1:investigating:500"_s} << QStringList {u"B"_s, u"A"_s};
    QTest::newRow("empty") << QStringList {} << QStringList {};
}

void ViewModelsTest::incidentListOrder()
{
    QFETCH(QStringList, incidents);
    QFETCH(QStringList, expected);
    Store store;
    QVERIFY(store.isValid());
    for (const QString &spec : incidents) {
        const QStringList parts = spec.split(u':');
        const qint64 id = store.declare(parts[0], parts[1].toInt(), {}, parts[3].toInt());
        QVERIFY(id > 0);
        const Status status = *parseStatus(parts[2]);
        if (status != Status::Investigating)
            QVERIFY(store.service().changeStatus(id, status, std::nullopt, u"t"_s).ok());
    }

    IncidentListModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    QVERIFY(model.refresh().ok());
    QCOMPARE(model.rowCount(), expected.size());
    QCOMPARE(model.columnCount(), int(IncidentListModel::ColumnCount));
    QStringList titles;
    for (int row = 0; row < model.rowCount(); ++row)
        titles.append(model.index(row, IncidentListModel::TitleColumn).data().toString());
    QCOMPARE(titles, expected);

    for (int row = 0; row < model.rowCount(); ++row) {
        const IncidentSummary &s = model.summaryAt(row);
        QCOMPARE(model.index(row, IncidentListModel::IdColumn).data().toString(),
            formatIncidentId(s.id));
        QCOMPARE(model.index(row, IncidentListModel::SeverityColumn).data().toString(),
            SeverityDefinition::severityName(s.severity));
        QCOMPARE(model.index(row, IncidentListModel::StatusColumn).data().toString(),
            statusTitle(s.status));
        QCOMPARE(model.index(row, 0).data(IncidentListModel::IncidentIdRole).toLongLong(), s.id);
        QCOMPARE(model.index(row, IncidentListModel::SeverityColumn)
                     .data(IncidentListModel::SortRole)
                     .toInt(),
            s.severity);
        QVERIFY(model.index(row, IncidentListModel::SeverityColumn)
                    .data(Qt::DecorationRole)
                    .canConvert<QIcon>());
        // Closed incidents are greyed.
        QCOMPARE(
            model.index(row, IncidentListModel::TitleColumn).data(Qt::ForegroundRole).isValid(),
            s.status == Status::Closed);
        QCOMPARE(model.rowOfIncident(s.id), row);
    }
}

void ViewModelsTest::incidentListRefreshKeepsRows()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 a = store.declare(u"Alpha"_s, 1);
    const qint64 b = store.declare(u"Bravo"_s, 2);
    const qint64 c = store.declare(u"Charlie"_s, 3);

    IncidentListModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    QVERIFY(model.refresh().ok());
    QCOMPARE(model.rowOfIncident(a), 0);
    QCOMPARE(model.rowOfIncident(c), 2);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QPersistentModelIndex selected = model.index(model.rowOfIncident(b), 0);

    // Nothing changed: nothing emitted.
    QVERIFY(model.refresh().ok());
    QCOMPARE(changes.size(), 0);
    QCOMPARE(layouts.size(), 0);

    // A status change updates the row in place.
    QVERIFY(store.service().changeStatus(b, Status::Identified, std::nullopt, u"t"_s).ok());
    QVERIFY(model.refresh().ok());
    QCOMPARE(changes.size(), 1);
    QCOMPARE(layouts.size(), 0);
    QCOMPARE(model.index(model.rowOfIncident(b), IncidentListModel::StatusColumn).data(),
        QVariant(u"Identified"_s));

    // Charlie becomes SEV-1 and, started later than Alpha, moves to the top:
    // a layout change that carries the persistent index along.
    store.clock().advance(60);
    QVERIFY(store.service().changeSeverity(c, 1, std::nullopt, u"t"_s).ok());
    QVERIFY(model.refresh().ok());
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(model.rowOfIncident(a), 1);
    QCOMPARE(model.rowOfIncident(c), 0);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(IncidentListModel::IncidentIdRole).toLongLong(), b);

    // A new incident is inserted, in its place.
    store.clock().advance(60);
    const qint64 d = store.declare(u"Delta"_s, 2);
    QVERIFY(model.refresh().ok());
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowOfIncident(d), 2); // SEV-2, after both SEV-1s, newer than Bravo
    QCOMPARE(selected.data(IncidentListModel::IncidentIdRole).toLongLong(), b);
    QCOMPARE(resets.size(), 0);
}

void ViewModelsTest::incidentListClockTicks()
{
    Store store;
    QVERIFY(store.isValid());
    store.declare(u"Alpha"_s, 1, {}, 5);
    IncidentListModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    QVERIFY(model.refresh().ok());
    const QModelIndex since = model.index(0, IncidentListModel::SinceStartColumn);
    QCOMPARE(since.data().toString(), u"5m"_s);

    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setTickInterval(5);
    store.clock().advance(3600);
    QVERIFY(changes.wait(2000));
    QCOMPARE(since.data().toString(), u"1h 05m"_s);
}

void ViewModelsTest::timelinePaging_data()
{
    QTest::addColumn<int>("entries");
    QTest::newRow("1000 entries") << 1000;
    QTest::newRow("one page exactly") << TimelineModel::PageSize;
    QTest::newRow("one more than a page") << TimelineModel::PageSize + 1;
    QTest::newRow("a few") << 7;
}

void ViewModelsTest::timelinePaging()
{
    QFETCH(int, entries);
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Paging"_s, entries);
    QVERIFY(id > 0);
    const QList<qint64> all = ids(store.timeline(id));
    QCOMPARE(all.size(), entries);

    TimelineModel model(store.repository(), store.clock());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    model.setIncident(id);
    const int firstPage = std::min(entries, int(TimelineModel::PageSize));
    QCOMPARE(model.rowCount(), firstPage);
    QCOMPARE(model.totalCount(), entries);
    QCOMPARE(model.canFetchMore({}), entries > TimelineModel::PageSize);
    QCOMPARE(modelIds(model), all.mid(0, firstPage));

    // One fetchMore reveals exactly one more page.
    if (model.canFetchMore({})) {
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore({});
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(model.rowCount(), std::min(entries, 2 * TimelineModel::PageSize));
    }

    // The tester checks every page as it arrives (it also calls fetchMore itself).
    Tester tester(&model, kQtTest);
    int guard = 0;
    while (model.canFetchMore({}) && ++guard < 100)
        model.fetchMore({});
    QCOMPARE(model.rowCount(), entries);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(modelIds(model), all);
    if (entries > 0) {
        QCOMPARE(model.index(entries - 1, TimelineModel::TextColumn).data().toString(),
            QStringLiteral("Entry %1").arg(entries));
    }
}

// Entries written after the model loaded: appended at now, backdated into the
// middle, both; with everything loaded and with only the first page loaded.
void ViewModelsTest::timelineRefresh_data()
{
    QTest::addColumn<int>("existing");
    QTest::addColumn<int>("appended");
    QTest::addColumn<QList<int>>("backdatedSecondsAgo");
    QTest::newRow("appended, all loaded") << 20 << 3 << QList<int> {};
    QTest::newRow("backdated, all loaded") << 20 << 0 << QList<int> {5, 15};
    QTest::newRow("both, all loaded") << 20 << 2 << QList<int> {12};
    QTest::newRow("backdated before everything") << 20 << 0 << QList<int> {3600};
    QTest::newRow("appended, paged") << 450 << 4 << QList<int> {};
    QTest::newRow("backdated into loaded page, paged") << 450 << 0 << QList<int> {440, 420};
    QTest::newRow("backdated after loaded page, paged") << 450 << 1 << QList<int> {10};
    QTest::newRow("into an empty timeline") << 0 << 2 << QList<int> {};
}

void ViewModelsTest::timelineRefresh()
{
    QFETCH(int, existing);
    QFETCH(int, appended);
    QFETCH(QList<int>, backdatedSecondsAgo);
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Refresh"_s, existing);
    QVERIFY(id > 0);

    TimelineModel model(store.repository(), store.clock());
    model.setIncident(id);
    Tester tester(&model, kQtTest);
    const int shownBefore = model.rowCount();
    const bool allShownBefore = !model.canFetchMore({});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    store.clock().advance(30);
    for (int i = 0; i < appended; ++i) {
        QVERIFY(store.service()
                    .log(id, EntryKind::Note, QStringLiteral("new %1").arg(i), std::nullopt, u"t"_s)
                    .ok());
    }
    const QDateTime base = store.clock().now().addSecs(-30); // the original "now"
    for (int secondsAgo : backdatedSecondsAgo) {
        QVERIFY(store.service()
                    .log(id, EntryKind::Observation, QStringLiteral("late %1").arg(secondsAgo),
                        base.addSecs(-secondsAgo).addMSecs(500), u"t"_s)
                    .ok());
    }
    QVERIFY(model.refresh().ok());
    QCOMPARE(resets.size(), 0);

    // The model shows a prefix of the store's order, without gaps...
    const QList<qint64> all = ids(store.timeline(id));
    QCOMPARE(model.totalCount(), all.size());
    QCOMPARE(modelIds(model), all.mid(0, model.rowCount()));
    // ...that covers at least what it showed before, and everything when it did.
    QVERIFY(model.rowCount() >= shownBefore);
    if (allShownBefore)
        QCOMPARE(model.rowCount(), all.size());
    int guard = 0;
    while (model.canFetchMore({}) && ++guard < 100)
        model.fetchMore({});
    QCOMPARE(modelIds(model), all);
}

void ViewModelsTest::timelineShowsEditsAndRedactions()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"Edits"_s, 2);
    const auto first
        = store.service().log(id, EntryKind::Note, u"Rollback started"_s, std::nullopt, u"Alice"_s);
    const auto second
        = store.service().log(id, EntryKind::Decision, u"Page the DBA"_s, std::nullopt, u"Alice"_s);
    QVERIFY(first.ok() && second.ok());

    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);
    const int firstRow = model.rowOfEntry(*first);
    const int secondRow = model.rowOfEntry(*second);
    QVERIFY(firstRow >= 0 && secondRow >= 0);

    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(store.service().editEntry(*first, u"Rollback of v2.5 started"_s, u"Bob"_s).ok());
    QVERIFY(store.service().redactEntry(*second, u"wrong incident"_s, u"Bob"_s).ok());
    QVERIFY(model.refresh().ok());
    QVERIFY(changes.size() >= 1);

    const QModelIndex edited = model.index(firstRow, TimelineModel::TextColumn);
    QCOMPARE(edited.data().toString(), u"Rollback of v2.5 started (edited)"_s);
    QVERIFY(edited.data(TimelineModel::IsEditedRole).toBool());
    QCOMPARE(edited.data(TimelineModel::RawTextRole).toString(), u"Rollback of v2.5 started"_s);
    QVERIFY(edited.data(Qt::ToolTipRole).toString().contains(u"Rollback started"_s));
    QVERIFY(edited.data(Qt::ToolTipRole).toString().contains(u"Bob"_s));

    const QModelIndex redacted = model.index(secondRow, TimelineModel::TextColumn);
    QCOMPARE(redacted.data().toString(), u"[redacted: wrong incident]"_s);
    QVERIFY(redacted.data(TimelineModel::IsRedactedRole).toBool());
    QVERIFY(qvariant_cast<QFont>(redacted.data(Qt::FontRole)).italic());
    QVERIFY(redacted.data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(secondRow, TimelineModel::KindColumn).data().toString(), u"decision"_s);
    QCOMPARE(
        model.index(secondRow, 0).data(TimelineModel::KindRole).toInt(), int(EntryKind::Decision));
    QVERIFY(model.index(secondRow, 0).data(TimelineModel::IsUserKindRole).toBool());
}

void ViewModelsTest::timelineTimes()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"Times"_s, 2); // at 14:00 local, no commander
    const QDateTime today = QDateTime(QDate(2026, 3, 10), QTime(13, 5, 7), Qt::LocalTime);
    const QDateTime yesterday = today.addDays(-1);
    QVERIFY(store.service().log(id, EntryKind::Note, u"today"_s, today, u"t"_s).ok());
    QVERIFY(store.service().log(id, EntryKind::Note, u"yesterday"_s, yesterday, u"t"_s).ok());

    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);
    QCOMPARE(model.rowCount(), 3); // yesterday, today, then the declaration at 14:00
    QCOMPARE(model.index(0, TimelineModel::TextColumn).data().toString(), u"yesterday"_s);

    // Local time, with the date only when it is not today.
    QCOMPARE(model.index(0, TimelineModel::TimeColumn).data().toString(), u"2026-03-09 13:05:07"_s);
    QCOMPARE(model.index(1, TimelineModel::TimeColumn).data().toString(), u"13:05:07"_s);
    QCOMPARE(model.index(1, 0).data(TimelineModel::AtRole).toDateTime(), today.toUTC());
    // UTC beside it, and both in the tooltip.
    const QDateTime utc = today.toUTC();
    const QString expectedUtc = utc.date() == today.date()
        ? utc.toString(u"HH:mm:ss 'UTC'"_s)
        : utc.toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
    QCOMPARE(model.index(1, TimelineModel::UtcColumn).data().toString(), expectedUtc);
    const QString tip = model.index(1, TimelineModel::TimeColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"13:05:07"_s) && tip.contains(u"UTC"_s), qPrintable(tip));
    QCOMPARE(model.index(2, TimelineModel::KindColumn).data().toString(), u"status"_s);
    QVERIFY(!model.index(2, 0).data(TimelineModel::IsUserKindRole).toBool());
}

void ViewModelsTest::roleAssignments()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"Roles"_s, 1, u"Alice"_s);
    RoleAssignmentsModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, RoleAssignmentsModel::RoleColumn).data().toString(),
        u"Incident Commander"_s);
    QCOMPARE(model.index(0, RoleAssignmentsModel::PersonColumn).data().toString(), u"Alice"_s);
    QVERIFY(model.index(0, 0).data(RoleAssignmentsModel::IsCurrentRole).toBool());

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    store.clock().advance(600);
    QVERIFY(store.service().assignRole(id, u"ic"_s, u"Bob"_s, std::nullopt, u"t"_s).ok());
    QVERIFY(store.service()
                .assignRole(id, u"scribe"_s, u"Dana"_s, store.clock().now().addSecs(-300), u"t"_s)
                .ok());
    QVERIFY(model.refresh().ok());
    QCOMPARE(resets.size(), 0);
    QVERIFY(inserts.size() >= 1);
    QVERIFY(changes.size() >= 1); // Alice's assignment ended
    QCOMPARE(model.rowCount(), 3);

    // In the order they began: Alice, Dana (backdated), Bob.
    QStringList people;
    for (int row = 0; row < model.rowCount(); ++row)
        people.append(model.index(row, RoleAssignmentsModel::PersonColumn).data().toString());
    QCOMPARE(people, (QStringList {u"Alice"_s, u"Dana"_s, u"Bob"_s}));
    QVERIFY(!model.index(0, 0).data(RoleAssignmentsModel::IsCurrentRole).toBool());
    QCOMPARE(
        model.index(0, 0).data(RoleAssignmentsModel::ToRole).toDateTime(), store.clock().now());
    QCOMPARE(model.index(2, RoleAssignmentsModel::ToColumn).data().toString(), u"now"_s);
    QCOMPARE(model.index(1, 0).data(RoleAssignmentsModel::RoleNameRole).toString(), u"scribe"_s);
}

void ViewModelsTest::changeMonitorSeesOtherConnections()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"Watched"_s, 2);
    ChangeMonitor monitor(store.repository());
    monitor.setInterval(10);
    QSignalSpy detected(&monitor, &ChangeMonitor::externalChangeDetected);
    monitor.start();

    // Our own writes are not "external": the service's signals cover them.
    QVERIFY(store.service().log(id, EntryKind::Note, u"ours"_s, std::nullopt, u"t"_s).ok());
    monitor.poll();
    QCOMPARE(detected.size(), 0);

    auto other = store.openSecond();
    QVERIFY(other);
    NewEntry entry;
    entry.at = store.clock().now();
    entry.author = u"cli"_s;
    entry.text = u"theirs"_s;
    QVERIFY(other->appendEntry(id, entry).ok());
    QVERIFY(detected.wait(2000));
    QCOMPARE(detected.size(), 1);
    // Once noticed, quiet until the next write.
    monitor.poll();
    QCOMPARE(detected.size(), 1);
}

QTEST_MAIN(ViewModelsTest)
#include "tst_viewmodels.moc"
