// The incident list's columns but the title are sized once to the widest value
// each can show, not by measuring every row (issue #6), and must still never
// cut a value: not on rows paged in later, not for a larger id, a longer
// duration or a bigger font. Each check compares what a cell paints with its
// column's width, as the delegates paint it, on every row the view shows.

#include "incidentlistmodel.h"
#include "mainwindow.h"
#include "viewtestsupport.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyle>
#include <QTableView>
#include <QTest>

#include <sqlite3.h>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;

namespace {

constexpr qint64 kDay = 86'400;
const int kFixedColumns[] = {IncidentListModel::IdColumn, IncidentListModel::SeverityColumn,
    IncidentListModel::StatusColumn, IncidentListModel::SinceStartColumn};

// The next incident inserted gets id `next`: AUTOINCREMENT continues from the
// sequence.
bool setNextIncidentId(const Store &store, qint64 next)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(store.path().toUtf8().constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return false;
    }
    const QByteArray sql = "UPDATE sqlite_sequence SET seq = " + QByteArray::number(next - 1)
        + " WHERE name = 'incidents'";
    const bool ok = sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK
        && sqlite3_changes(db) == 1;
    sqlite3_close(db);
    return ok;
}

qint64 insert(Store &store, const QString &title, int severity, Status status,
    std::optional<qint64> startedSecsAgo, std::optional<qint64> resolvedAfterSecs = {})
{
    Incident incident;
    incident.header.title = title;
    incident.header.severity = severity;
    incident.header.status = status;
    const QDateTime now = store.clock().now();
    if (startedSecsAgo) {
        const QDateTime started = now.addSecs(-*startedSecsAgo);
        incident.header.milestones.set(Milestone::Started, started);
        if (resolvedAfterSecs)
            incident.header.milestones.set(
                Milestone::Resolved, started.addSecs(*resolvedAfterSecs));
    }
    const auto id = store.repository().insertIncident(incident);
    return id ? *id : 0;
}

// Three pages of ordinary incidents (open, minutes old), then the widest of
// each kind, listed below them: closed ones go last, the highest level last.
bool insertListWithWideValuesAtTheBottom(Store &store)
{
    const Status statuses[] = {Status::Investigating, Status::Identified, Status::Monitoring};
    for (int i = 0; i < 3 * IncidentListModel::PageSize; ++i) {
        if (!insert(store, u"Incident %1"_s.arg(i), 1 + i % 3, statuses[i % 3], 60 * (i % 50)))
            return false;
    }
    if (!setNextIncidentId(store, 987'654'321))
        return false;
    // Longer than the "999d" the columns start with; resolved before it started.
    return insert(store, u"Long ago"_s, 12, Status::Closed, 1300 * kDay, 1234 * kDay + 23 * 3600)
        && insert(store, u"Backwards"_s, 11, Status::Resolved, kDay, -999 * kDay - 23 * 3600)
        && insert(store, u"Open for ages"_s, 9, Status::Investigating, 999 * kDay + 23 * 3600)
        && insert(store, u"Starts later"_s, 9, Status::Identified, -23 * 3600 - 59 * 60)
        && insert(store, u"No start"_s, 10, Status::Monitoring, std::nullopt);
}

// The horizontal room a plain cell's text has: the style's text margins.
int textMargins(const QTableView *view)
{
    return 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
}

// Every cell of the rows the view shows fits its column: plain text within the
// style's margins (else it is elided), the severity badge (bold text, 8 px each
// side, 4 px in) within the cell. Also at least what ResizeToContents would give
// for the rows loaded.
void verifyShownCellsFit(const QTableView *view)
{
    const int first = view->rowAt(0);
    int last = view->rowAt(view->viewport()->height() - 1);
    if (last < 0)
        last = view->model()->rowCount() - 1;
    QVERIFY(first >= 0);
    for (int row = first; row <= last; ++row) {
        for (const int column : kFixedColumns) {
            const QModelIndex index = view->model()->index(row, column);
            const QString text = index.data().toString();
            QFont font = view->font();
            int needed = 0;
            if (column == IncidentListModel::SeverityColumn) {
                font.setBold(true);
                needed = 4 + QFontMetrics(font).horizontalAdvance(text) + 2 * 8;
            } else {
                needed = QFontMetrics(font).horizontalAdvance(text) + textMargins(view);
            }
            QVERIFY2(needed <= view->columnWidth(column),
                qPrintable(u"row %1: \"%2\" needs %3 px, column %4 is %5 px"_s.arg(row)
                               .arg(text)
                               .arg(needed)
                               .arg(column)
                               .arg(view->columnWidth(column))));
        }
    }
    // QTableView hides it; it is QAbstractItemView's public function.
    const QAbstractItemView *asView = view;
    for (const int column : kFixedColumns)
        QVERIFY2(view->columnWidth(column) >= asView->sizeHintForColumn(column),
            qPrintable(u"column %1: %2 px, its rows want %3 px"_s.arg(column)
                           .arg(view->columnWidth(column))
                           .arg(asView->sizeHintForColumn(column))));
}

// Scrolls down page by page (the view fetches the next page at the bottom),
// checking the rows shown at each step, down to the list's last row.
void scrollThroughAndVerify(QTableView *view, const IncidentListModel &model)
{
    QScrollBar *bar = view->verticalScrollBar();
    int guard = 0;
    do {
        verifyShownCellsFit(view);
        if (QTest::currentTestFailed())
            return;
        bar->setValue(std::min(bar->value() + bar->pageStep(), bar->maximum()));
        QCoreApplication::processEvents();
    } while ((bar->value() < bar->maximum() || model.canFetchMore({})) && ++guard < 1000);
    verifyShownCellsFit(view);
}

struct Window
{
    explicit Window(Store &store) : window(store.service())
    {
        window.resize(1400, 900);
        window.show();
    }
    QTableView *list() const { return window.incidentList(); }
    MainWindow window;
};

} // namespace

class IncidentListColumnsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsAreSizedOnceAndResizable();
    void valuesPagedInLaterFit();
    void aLargerIdWidensTheColumn();
    void anOpenClockThatGainsADigitWidensTheColumn();
    void aBiggerFontWidensTheColumns();
    void aColumnTheUserResizedKeepsItsWidth();
    void anEmptyListIsSizedWhenShown();
};

void IncidentListColumnsTest::columnsAreSizedOnceAndResizable()
{
    Store store;
    QVERIFY(store.isValid());
    QVERIFY(insertListWithWideValuesAtTheBottom(store));
    Window w(store);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const QHeaderView *header = w.list()->horizontalHeader();
    for (const int column : kFixedColumns)
        QCOMPARE(header->sectionResizeMode(column), QHeaderView::Interactive);
    QCOMPARE(header->sectionResizeMode(IncidentListModel::TitleColumn), QHeaderView::Stretch);
    // Only the first page is read (the columns grow as wider values page in).
    QCOMPARE(w.window.incidentListModel().rowCount(), IncidentListModel::PageSize);
    const QFontMetrics metrics(w.list()->font());
    const int margins = textMargins(w.list());
    QVERIFY(w.list()->columnWidth(IncidentListModel::IdColumn)
        >= metrics.horizontalAdvance(u"INC-999"_s) + margins);
    QVERIFY(w.list()->columnWidth(IncidentListModel::StatusColumn)
        >= metrics.horizontalAdvance(u"Investigating"_s) + margins);
    QVERIFY(w.list()->columnWidth(IncidentListModel::SinceStartColumn)
        >= metrics.horizontalAdvance(u"999d 23h"_s) + margins);
    verifyShownCellsFit(w.list());
}

void IncidentListColumnsTest::valuesPagedInLaterFit()
{
    Store store;
    QVERIFY(store.isValid());
    QVERIFY(insertListWithWideValuesAtTheBottom(store));
    Window w(store);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    scrollThroughAndVerify(w.list(), w.window.incidentListModel());
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!w.window.incidentListModel().canFetchMore({}));
    // The widest rows are the last ones, now shown.
    const QAbstractItemModel *rows = w.list()->model();
    const int last = rows->rowCount() - 1;
    QCOMPARE(rows->rowCount(), 3 * IncidentListModel::PageSize + 5);
    QVERIFY(w.list()->rowAt(w.list()->viewport()->height() - 1) == -1
        || w.list()->rowAt(w.list()->viewport()->height() - 1) == last);
    QCOMPARE(rows->index(last, IncidentListModel::SinceStartColumn).data().toString(),
        u"1234d 23h (ended)"_s);
    QCOMPARE(rows->index(last, IncidentListModel::SeverityColumn).data().toString(), u"SEV-12"_s);
    QCOMPARE(rows->index(last, IncidentListModel::IdColumn).data().toString(), u"INC-987654321"_s);
    // Sorting by a column reads every row and keeps the widths.
    w.list()->horizontalHeader()->setSortIndicator(
        IncidentListModel::SinceStartColumn, Qt::DescendingOrder);
    w.list()->scrollToTop();
    QCoreApplication::processEvents();
    verifyShownCellsFit(w.list());
}

void IncidentListColumnsTest::aLargerIdWidensTheColumn()
{
    Store store;
    QVERIFY(store.isValid());
    QVERIFY(store.declare(u"First"_s, 1));
    Window w(store);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const int before = w.list()->columnWidth(IncidentListModel::IdColumn);
    QVERIFY(setNextIncidentId(store, 1'234'567'890'123));
    const qint64 id = store.declare(u"Second"_s, 1); // the window lists it at once
    QCOMPARE(id, 1'234'567'890'123);
    QCOMPARE(w.window.incidentListModel().rowCount(), 2);
    QVERIFY(w.list()->columnWidth(IncidentListModel::IdColumn) > before);
    verifyShownCellsFit(w.list());
}

void IncidentListColumnsTest::anOpenClockThatGainsADigitWidensTheColumn()
{
    Store store;
    QVERIFY(store.isValid());
    QVERIFY(insert(store, u"Open for ages"_s, 1, Status::Investigating, 9998 * kDay));
    // An ended one makes the values, not the header, the column's width.
    QVERIFY(insert(store, u"Over"_s, 1, Status::Resolved, 2 * kDay, kDay));
    Window w(store);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    verifyShownCellsFit(w.list());
    const int before = w.list()->columnWidth(IncidentListModel::SinceStartColumn);
    // Two days on, the next tick shows "10000d 0h".
    store.clock().advance(2 * kDay);
    IncidentListModel &model = w.window.incidentListModel();
    QSignalSpy ticked(&model, &IncidentListModel::dataChanged);
    model.setTickInterval(1);
    QVERIFY(ticked.wait());
    model.setTickInterval(30'000);
    QCOMPARE(w.list()->model()->index(0, IncidentListModel::SinceStartColumn).data().toString(),
        u"10000d 0h"_s);
    QVERIFY(w.list()->columnWidth(IncidentListModel::SinceStartColumn) > before);
    verifyShownCellsFit(w.list());
}

void IncidentListColumnsTest::aBiggerFontWidensTheColumns()
{
    Store store;
    QVERIFY(store.isValid());
    QVERIFY(insertListWithWideValuesAtTheBottom(store));
    Window w(store);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QHash<int, int> before;
    for (const int column : kFixedColumns)
        before.insert(column, w.list()->columnWidth(column));
    QFont font = w.list()->font();
    font.setPointSizeF(font.pointSizeF() * 2);
    w.list()->setFont(font);
    QCoreApplication::processEvents();
    for (const int column : kFixedColumns)
        QVERIFY2(w.list()->columnWidth(column) > before.value(column),
            qPrintable(QString::number(column)));
    scrollThroughAndVerify(w.list(), w.window.incidentListModel());
}

void IncidentListColumnsTest::aColumnTheUserResizedKeepsItsWidth()
{
    Store store;
    QVERIFY(store.isValid());
    QVERIFY(store.declare(u"First"_s, 1));
    Window w(store);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QHeaderView *header = w.list()->horizontalHeader();
    header->resizeSection(IncidentListModel::StatusColumn, 250);
    const int idBefore = header->sectionSize(IncidentListModel::IdColumn);
    QVERIFY(setNextIncidentId(store, 1'000'000'000));
    QVERIFY(store.declare(u"Second"_s, 1));
    QVERIFY(header->sectionSize(IncidentListModel::IdColumn) > idBefore);
    QCOMPARE(header->sectionSize(IncidentListModel::StatusColumn), 250);
}

void IncidentListColumnsTest::anEmptyListIsSizedWhenShown()
{
    Store store;
    QVERIFY(store.isValid());
    Window w(store);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(w.list()->columnWidth(IncidentListModel::StatusColumn)
        >= QFontMetrics(w.list()->font()).horizontalAdvance(u"Investigating"_s)
            + textMargins(w.list()));
    // The first incident brings the first id and severity.
    QVERIFY(store.declare(u"First"_s, 1));
    QCOMPARE(w.window.incidentListModel().rowCount(), 1);
    verifyShownCellsFit(w.list());
}

QTEST_MAIN(IncidentListColumnsTest)
#include "tst_incidentlistcolumns.moc"
