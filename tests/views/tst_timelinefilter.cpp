// The timeline filter: TimelineModel's filtered, windowed paging under
// QAbstractItemModelTester (against the same rule evaluated in C++ over the
// whole timeline), and the filter bar on the incident page driven with keys.

#include "incidentlistmodel.h"
#include "incidentpage.h"
#include "mainwindow.h"
#include "timelinefilterbar.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

QList<qint64> modelIds(const TimelineModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.entryAt(row).id);
    return ids;
}

QList<qint64> matching(const QList<TimelineEntry> &all, const TimelineFilter &filter)
{
    QList<qint64> ids;
    for (const auto &e : all) {
        if (filter.matches(e))
            ids.append(e.id);
    }
    return ids;
}

// The model's rows are a contiguous run of `expected`, starting at `first`.
bool isWindowOf(const TimelineModel &model, const QList<qint64> &expected, qsizetype first)
{
    return modelIds(model) == expected.mid(first, model.rowCount());
}

TimelineFilter textFilter(const QString &text)
{
    TimelineFilter f;
    f.text = text;
    return f;
}

} // namespace

class TimelineFilterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filteredPaging_data();
    void filteredPaging();
    void loadEntryNearPagesOn();
    void loadEntryFarJumpsThenPagesBack();
    void loadEntryHiddenByTheFilter();
    void showLatest();
    void countComesAfterTheKeystrokes();
    void refreshKeepsTheFilter();
    void filterBarTyping();
    void filterBarFollowsTheIncident();
    void findShortcutFocusesTheFilter();
    void filterOnTheWorker();
    void newerFilterReplacesOneOnItsWay();
    void writeWhileFilterOnItsWay();
    void filterBarTypingOnALargeIncident();
};

void TimelineFilterTest::filteredPaging_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("author");
    QTest::addColumn<bool>("decisionsOnly");
    QTest::newRow("no filter") << QString() << QString() << false;
    QTest::newRow("text, many pages") << u"7"_s << QString() << false;
    QTest::newRow("text, under a page") << u"Entry 1"_s << QString() << false;
    QTest::newRow("text, nothing") << u"no such words"_s << QString() << false;
    QTest::newRow("author") << QString() << u"DANA"_s << false;
    QTest::newRow("kind") << QString() << QString() << true;
    QTest::newRow("all three") << u"call"_s << u"dan"_s << true;
}

void TimelineFilterTest::filteredPaging()
{
    QFETCH(QString, text);
    QFETCH(QString, author);
    QFETCH(bool, decisionsOnly);
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Paging"_s, 900);
    for (int i = 0; i < 30; ++i) {
        QVERIFY(store.service()
                    .log(id, i % 2 ? EntryKind::Decision : EntryKind::Note,
                        u"Dana's call %1"_s.arg(i), std::nullopt, u"Dana"_s)
                    .ok());
    }
    TimelineFilter filter;
    filter.text = text;
    filter.author = author;
    if (decisionsOnly)
        filter.kinds = {EntryKind::Decision};
    const QList<qint64> expected = matching(store.timeline(id), filter);

    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setFilter(filter);
    QCOMPARE(resets.size(), filter.isEmpty() ? 0 : 1);
    // The count is exact at once when the first page holds everything.
    QCOMPARE(model.isTotalKnown(), filter.isEmpty() || expected.size() < TimelineModel::PageSize);
    model.countNow();
    QVERIFY(model.isTotalKnown());
    QCOMPARE(model.totalCount(), expected.size());
    QCOMPARE(model.rowCount(), std::min<qsizetype>(expected.size(), TimelineModel::PageSize));
    QCOMPARE(model.canFetchMore({}), expected.size() > TimelineModel::PageSize);
    QVERIFY(model.startsAtBeginning());
    int guard = 0;
    while (model.canFetchMore({}) && ++guard < 100)
        model.fetchMore({});
    QCOMPARE(modelIds(model), expected);
    // Setting the same filter again changes nothing.
    model.setFilter(filter);
    QCOMPARE(resets.size(), filter.isEmpty() ? 0 : 1);
}

void TimelineFilterTest::loadEntryNearPagesOn()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Near"_s, 3000);
    const QList<TimelineEntry> all = store.timeline(id);
    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const qint64 target = all.at(TimelineModel::PageSize + 150).id;
    const int row = model.loadEntry(target);
    QCOMPARE(row, TimelineModel::PageSize + 150);
    QCOMPARE(resets.size(), 0); // pages appended, nothing reset
    QVERIFY(model.startsAtBeginning());
    QVERIFY(isWindowOf(
        model,
        [&] {
            QList<qint64> ids;
            for (const auto &e : all)
                ids.append(e.id);
            return ids;
        }(),
        0));
    QCOMPARE(model.loadEntry(target), row); // already there
    QCOMPARE(model.loadEntry(987654), -1);
}

void TimelineFilterTest::loadEntryFarJumpsThenPagesBack()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Far"_s, 5000);
    const qint64 other = store.insertWithEntries(u"Other"_s, 10);
    QList<qint64> all;
    for (const auto &e : store.timeline(id))
        all.append(e.id);
    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);

    // An entry of another incident is not on this timeline.
    QCOMPARE(model.loadEntry(store.timeline(other).first().id), -1);

    const qsizetype targetIndex = 3700;
    const int row = model.loadEntry(all.at(targetIndex));
    QVERIFY(row >= 0);
    QCOMPARE(model.entryAt(row).id, all.at(targetIndex));
    QVERIFY(!model.startsAtBeginning());
    QVERIFY(model.canFetchEarlier());
    QVERIFY(model.canFetchMore({}));
    const qsizetype first = all.indexOf(model.entryAt(0).id);
    QVERIFY(first > 0 && first < targetIndex);
    QVERIFY(isWindowOf(model, all, first));

    // Up: pages come in above, contiguous, until the first entry.
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    int guard = 0;
    while (model.canFetchEarlier() && ++guard < 100)
        model.fetchEarlier();
    QVERIFY(inserts.size() > 0);
    QVERIFY(model.startsAtBeginning());
    QVERIFY(isWindowOf(model, all, 0));
    // Down: the rest.
    guard = 0;
    while (model.canFetchMore({}) && ++guard < 100)
        model.fetchMore({});
    QCOMPARE(modelIds(model), all);

    // A refresh of a window in the middle keeps it in the middle.
    QVERIFY(model.loadEntry(all.at(100)) >= 0);
    model.setIncident(id);
    QVERIFY(model.loadEntry(all.at(2500)) >= 0);
    const qsizetype start = all.indexOf(model.entryAt(0).id);
    QVERIFY(store.service().log(id, EntryKind::Note, u"new"_s, std::nullopt, u"t"_s).ok());
    QVERIFY(model.refresh().ok());
    QVERIFY(isWindowOf(model, all, start));
}

void TimelineFilterTest::loadEntryHiddenByTheFilter()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Hidden"_s, 50);
    const QList<TimelineEntry> all = store.timeline(id);
    TimelineModel model(store.repository(), store.clock());
    model.setIncident(id, textFilter(u"Entry 4"_s));
    QCOMPARE(model.loadEntry(all.at(2).id), -1); // "Entry 3"
    QVERIFY(model.loadEntry(all.at(3).id) >= 0); // "Entry 4"
}

void TimelineFilterTest::showLatest()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Latest"_s, 1000);
    QList<qint64> all;
    for (const auto &e : store.timeline(id))
        all.append(e.id);
    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);
    model.showLatest();
    QCOMPARE(model.rowCount(), TimelineModel::PageSize);
    QVERIFY(!model.canFetchMore({}));
    QVERIFY(model.canFetchEarlier());
    QVERIFY(isWindowOf(model, all, all.size() - TimelineModel::PageSize));
    model.fetchEarlier();
    QCOMPARE(model.rowCount(), 2 * TimelineModel::PageSize);
    QVERIFY(isWindowOf(model, all, all.size() - 2 * TimelineModel::PageSize));
    // New entries at the end arrive as inserted rows.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QVERIFY(store.service().log(id, EntryKind::Note, u"newest"_s, std::nullopt, u"t"_s).ok());
    QVERIFY(model.refresh().ok());
    QCOMPARE(resets.size(), 0);
    QCOMPARE(model.entryAt(model.rowCount() - 1).text, u"newest"_s);
}

void TimelineFilterTest::countComesAfterTheKeystrokes()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Counted"_s, 700);
    IncidentPage page(store.service());
    page.setIncident(id);
    TimelineModel *model = page.timeline()->timelineModel();
    TimelineFilterBar *bar = page.timelineFilter();
    QSignalSpy counted(model, &TimelineModel::totalCountChanged);
    // "Entry" is in every entry: the first page is full, the count comes later.
    QTest::keyClicks(bar->textField(), u"Entry"_s);
    QCOMPARE(model->rowCount(), TimelineModel::PageSize);
    QVERIFY(!model->isTotalKnown());
    QCOMPARE(bar->countLabel()->text(), u"200+ matching"_s);
    QVERIFY(model->canFetchMore({}));
    QVERIFY(counted.wait(10'000)); // CountDelayMs after the last keystroke
    QCOMPARE(counted.size(), 1);
    QVERIFY(model->isTotalKnown());
    QCOMPARE(model->totalCount(), 700);
    QCOMPARE(bar->countLabel()->text(), u"700 matching"_s);

    // A write while the count is on its way: the refresh counts, and the rows
    // stay the top of the filtered timeline.
    QTest::keyClick(bar->textField(), Qt::Key_Backspace); // "Entr": the same entries
    QVERIFY(!model->isTotalKnown());
    store.clock().advance(5);
    QVERIFY(store.service()
                .log(id, EntryKind::Note, u"Entry written meanwhile"_s, std::nullopt, u"Ann"_s)
                .ok());
    QVERIFY(model->refresh().ok());
    QVERIFY(model->isTotalKnown());
    QCOMPARE(model->totalCount(), 701);
    const QList<qint64> expected = matching(store.timeline(id), textFilter(u"Entr"_s));
    QCOMPARE(modelIds(*model), expected.mid(0, model->rowCount()));
    QCOMPARE(bar->countLabel()->text(), u"701 matching"_s);
}

void TimelineFilterTest::refreshKeepsTheFilter()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Refresh"_s, 20);
    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id, textFilter(u"rollback"_s));
    QCOMPARE(model.rowCount(), 0);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    store.clock().advance(10);
    const auto kept = store.service().log(
        id, EntryKind::Decision, u"Start the rollback"_s, std::nullopt, u"Ann"_s);
    QVERIFY(kept.ok());
    QVERIFY(store.service().log(id, EntryKind::Note, u"unrelated"_s, std::nullopt, u"Ann"_s).ok());
    QVERIFY(model.refresh().ok());
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.totalCount(), 1);
    QCOMPARE(model.entryAt(0).id, *kept);

    // Redacted, the entry has no text left to match: it leaves the filtered rows.
    QVERIFY(store.service().redactEntry(*kept, u"wrong incident"_s, u"Ann"_s).ok());
    QVERIFY(model.refresh().ok());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalCount(), 0);
}

void TimelineFilterTest::filterBarTyping()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Typing"_s, 1000);
    QVERIFY(store.service()
                .log(id, EntryKind::Decision, u"Entry 99 is wrong; use 100% of <b>"_s, std::nullopt,
                    u"Dana"_s)
                .ok());
    const QList<TimelineEntry> all = store.timeline(id);
    IncidentPage page(store.service());
    page.resize(1200, 800);
    page.setIncident(id);
    page.show();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    TimelineFilterBar *bar = page.timelineFilter();
    TimelineModel *model = page.timeline()->timelineModel();
    Tester tester(model, kQtTest);
    QCOMPARE(bar->countLabel()->text(), QString()); // unfiltered: no count

    // Applied as the user types: each keystroke is a filter.
    QSignalSpy applied(bar, &TimelineFilterBar::filterApplied);
    QTest::keyClicks(bar->textField(), u"entry 99"_s);
    QCOMPARE(applied.size(), 8);
    // "Entry 99", "Entry 990".."Entry 999" and Dana's decision.
    QCOMPARE(modelIds(*model), matching(all, textFilter(u"entry 99"_s)));
    QCOMPARE(model->rowCount(), 12);
    QCOMPARE(bar->countLabel()->text(), u"12 matching"_s);

    // Author narrows it further.
    QTest::keyClicks(bar->authorField(), u"dana"_s);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->entryAt(0).author, u"Dana"_s);

    // What a user types is text, never a pattern: %, _ and HTML are literal.
    bar->textField()->clear();
    QTest::keyClicks(bar->textField(), u"100% of <b>"_s);
    QCOMPARE(model->rowCount(), 1);
    bar->textField()->clear();
    QTest::keyClicks(bar->textField(), u"_"_s);
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(bar->countLabel()->text(), u"No entry matches"_s);

    // Escape clears everything.
    QTest::keyClick(bar->textField(), Qt::Key_Escape);
    QCOMPARE(bar->filter().normalised(), TimelineFilter());
    QVERIFY(model->filter().isEmpty());
    QCOMPARE(model->totalCount(), all.size());

    // Kinds from the menu: decisions only, then all kinds again.
    bar->kindAction(EntryKind::Decision)->trigger();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->entryAt(0).kind, EntryKind::Decision);
    QCOMPARE(bar->kindButton()->text(), u"decision"_s);
    bar->kindAction(EntryKind::Note)->trigger();
    QCOMPARE(model->rowCount(), std::min<int>(int(all.size()), TimelineModel::PageSize));
    QCOMPARE(bar->kindButton()->text(), u"note, decision"_s);
    bar->clear();
    QCOMPARE(bar->kindButton()->text(), u"All kinds"_s);
    QVERIFY(!bar->kindAction(EntryKind::Decision)->isChecked());
}

void TimelineFilterTest::filterBarFollowsTheIncident()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 first = store.insertWithEntries(u"First"_s, 30);
    const qint64 second = store.insertWithEntries(u"Second"_s, 40);
    IncidentPage page(store.service());
    page.setIncident(first);
    TimelineFilterBar *bar = page.timelineFilter();
    QTest::keyClicks(bar->textField(), u"Entry 2"_s);
    QCOMPARE(page.timeline()->timelineModel()->rowCount(), 11); // 2, 20..29
    page.setIncident(second); // another incident comes unfiltered
    QCOMPARE(bar->textField()->text(), QString());
    QCOMPARE(page.timeline()->timelineModel()->totalCount(), 40);

    // Showing an entry the filter hides clears the filter.
    QTest::keyClicks(bar->textField(), u"Entry 3"_s);
    const QList<TimelineEntry> entries = store.timeline(second);
    QVERIFY(page.showEntry(entries.at(5).id)); // "Entry 6"
    QCOMPARE(bar->textField()->text(), QString());
    QCOMPARE(page.timeline()->currentIndex().row(),
        page.timeline()->timelineModel()->rowOfEntry(entries.at(5).id));
}

void TimelineFilterTest::findShortcutFocusesTheFilter()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Find"_s, 10);
    MainWindow window(store.service());
    QVERIFY(window.selectIncident(id));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QLineEdit *field = window.incidentPage()->timelineFilter()->textField();
    QTRY_COMPARE(QApplication::focusWidget(), field);
    QTest::keyClicks(field, u"Entry 1"_s);
    QCOMPARE(window.incidentPage()->timeline()->timelineModel()->rowCount(), 2); // 1, 10
}

// On a large incident a filter is read on the worker: until it arrives the
// rows, and filter(), still show the previous one.
void TimelineFilterTest::filterOnTheWorker()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id
        = store.insertWithEntries(u"Large"_s, int(TimelineModel::BackgroundFrom) + 1000);
    const QList<TimelineEntry> all = store.timeline(id);
    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);
    QCOMPARE(model.rowCount(), TimelineModel::PageSize);
    const QList<qint64> unfiltered = modelIds(model);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    const TimelineFilter rare = textFilter(u"Entry 4321"_s);
    model.setFilter(rare);
    QVERIFY(model.isFilterPending());
    QCOMPARE(model.requestedFilter(), rare.normalised());
    QVERIFY(model.filter().isEmpty());
    QCOMPARE(modelIds(model), unfiltered);
    QCOMPARE(resets.size(), 0);
    QTRY_VERIFY(!model.isFilterPending());
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.filter(), rare.normalised());
    QCOMPARE(modelIds(model), matching(all, rare));
    QVERIFY(model.isTotalKnown());
    QCOMPARE(model.totalCount(), matching(all, rare).size());

    // A full first page: its count comes from the worker a moment later.
    const TimelineFilter common = textFilter(u"Entry 1"_s);
    model.setFilter(common);
    QTRY_VERIFY(!model.isFilterPending());
    QCOMPARE(modelIds(model), matching(all, common).mid(0, TimelineModel::PageSize));
    QTRY_VERIFY(model.isTotalKnown());
    QCOMPARE(model.totalCount(), matching(all, common).size());

    // Showing everything again is at once.
    model.setFilter({});
    QVERIFY(!model.isFilterPending());
    QVERIFY(model.filter().isEmpty());
    QCOMPARE(modelIds(model), unfiltered);
}

void TimelineFilterTest::newerFilterReplacesOneOnItsWay()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id
        = store.insertWithEntries(u"Typing"_s, int(TimelineModel::BackgroundFrom) + 500);
    const QList<TimelineEntry> all = store.timeline(id);
    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);
    QStringList shown;
    connect(
        &model, &QAbstractItemModel::modelReset, this, [&] { shown.append(model.filter().text); });

    // Typed quickly: only the last filter is ever shown.
    model.setFilter(textFilter(u"Entry 5"_s));
    model.setFilter(textFilter(u"Entry 55"_s));
    model.setFilter(textFilter(u"Entry 555"_s));
    QTRY_VERIFY(!model.isFilterPending());
    QCOMPARE(shown, QStringList {u"Entry 555"_s});
    QCOMPARE(modelIds(model), matching(all, textFilter(u"Entry 555"_s)));

    // Back to the filter shown while another is on its way: that one never comes.
    model.setFilter(textFilter(u"Entry 9"_s));
    QVERIFY(model.isFilterPending());
    model.setFilter(textFilter(u"Entry 555"_s));
    QVERIFY(!model.isFilterPending());
    QTest::qWait(300); // time for the dropped answer to come back
    QCOMPARE(shown, QStringList {u"Entry 555"_s});
    QCOMPARE(modelIds(model), matching(all, textFilter(u"Entry 555"_s)));
}

// The store changes while the worker reads: the rows shown at the end have it.
void TimelineFilterTest::writeWhileFilterOnItsWay()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Busy"_s, int(TimelineModel::BackgroundFrom) + 10);
    TimelineModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    model.setIncident(id);
    const TimelineFilter filter = textFilter(u"meanwhile"_s);
    model.setFilter(filter);
    QVERIFY(model.isFilterPending());
    store.clock().advance(5);
    QVERIFY(store.service()
                .log(id, EntryKind::Note, u"written meanwhile"_s, std::nullopt, u"Ann"_s)
                .ok());
    QVERIFY(model.refresh().ok()); // as the change monitor does after a write
    QTRY_VERIFY(!model.isFilterPending());
    QCOMPARE(modelIds(model), matching(store.timeline(id), filter));
    QCOMPARE(model.rowCount(), 1);
}

void TimelineFilterTest::filterBarTypingOnALargeIncident()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id
        = store.insertWithEntries(u"Large"_s, int(TimelineModel::BackgroundFrom) + 1000);
    IncidentPage page(store.service());
    page.setIncident(id);
    TimelineModel *model = page.timeline()->timelineModel();
    TimelineFilterBar *bar = page.timelineFilter();

    QTest::keyClicks(bar->textField(), u"Entry 432"_s);
    // The keys returned before the rows came: the bar says so.
    QVERIFY(model->isFilterPending());
    QCOMPARE(bar->countLabel()->text(), u"Filtering…"_s);
    QVERIFY(bar->clearButton()->isEnabled());
    QTest::keyClicks(bar->textField(), u"1"_s);
    QTRY_VERIFY(!model->isFilterPending());
    // Whatever arrived in between, the field keeps every key typed.
    QCOMPARE(bar->textField()->text(), u"Entry 4321"_s);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->entryAt(0).text, u"Entry 4321"_s);
    QCOMPARE(bar->countLabel()->text(), u"1 matching"_s);

    // Escape shows every entry again, at once.
    QTest::keyClick(bar->textField(), Qt::Key_Escape);
    QVERIFY(!model->isFilterPending());
    QVERIFY(bar->textField()->text().isEmpty());
    QCOMPARE(model->rowCount(), TimelineModel::PageSize);
}

QTEST_MAIN(TimelineFilterTest)
#include "tst_timelinefilter.moc"
