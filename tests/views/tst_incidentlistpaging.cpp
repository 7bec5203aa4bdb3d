// The incident list pages in from the store (IncidentRepository::incidentPage):
// the first page at once, the next ones as the view scrolls, the rest when a
// far incident is selected or a column is sorted; the rows are always the top
// of the list, in the store's order. Under QAbstractItemModelTester.

#include "incidentlistmodel.h"
#include "mainwindow.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

// `count` incidents of every severity and status, inserted whole.
void insertIncidents(Store &store, int count)
{
    const Status statuses[]
        = {Status::Investigating, Status::Monitoring, Status::Resolved, Status::Closed};
    for (int i = 0; i < count; ++i) {
        Incident incident;
        incident.header.title = u"Incident %1"_s.arg(i);
        incident.header.severity = 1 + i % 3;
        incident.header.status = statuses[i % 4];
        incident.header.milestones.set(
            Milestone::Started, store.clock().now().addSecs(-60 * (i % 50)));
        QVERIFY(store.repository().insertIncident(incident).ok());
    }
}

QList<qint64> storeOrder(Store &store)
{
    QList<qint64> ids;
    const auto all = store.repository().incidentPage(std::nullopt, -1);
    if (!all)
        return ids;
    for (const auto &s : *all)
        ids.append(s.id);
    return ids;
}

QList<qint64> modelOrder(const IncidentListModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.summaryAt(row).id);
    return ids;
}

} // namespace

class IncidentListPagingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesIn();
    void revealsAFarIncident();
    void aShownIncidentThatMovesDownStays();
    void windowSelectsAndSortsTheWholeList();
};

void IncidentListPagingTest::pagesIn()
{
    Store store;
    QVERIFY(store.isValid());
    insertIncidents(store, 450);
    const QList<qint64> all = storeOrder(store);
    IncidentListModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    QVERIFY(model.refresh().ok());
    QCOMPARE(model.rowCount(), IncidentListModel::PageSize);
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(modelOrder(model), all.mid(0, model.rowCount()));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2 * IncidentListModel::PageSize);
    int guard = 0;
    while (model.canFetchMore({}) && ++guard < 10)
        model.fetchMore({});
    QCOMPARE(modelOrder(model), all);
    // The C++ order of the list is the store's.
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(IncidentListModel::listedBefore(model.summaryAt(row - 1), model.summaryAt(row)));
}

void IncidentListPagingTest::revealsAFarIncident()
{
    Store store;
    QVERIFY(store.isValid());
    insertIncidents(store, 700);
    const QList<qint64> all = storeOrder(store);
    IncidentListModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    QVERIFY(model.refresh().ok());
    QCOMPARE(model.revealIncident(all.at(650)), 650);
    QCOMPARE(modelOrder(model), all.mid(0, model.rowCount()));
    QCOMPARE(model.revealIncident(all.at(3)), 3);
    QCOMPARE(model.revealIncident(99999), -1);
    // A new incident further up the list comes in with a refresh.
    const qint64 fresh = store.declare(u"Brand new"_s, 1);
    QCOMPARE(model.revealIncident(fresh), 0);
}

void IncidentListPagingTest::aShownIncidentThatMovesDownStays()
{
    Store store;
    QVERIFY(store.isValid());
    insertIncidents(store, 500);
    IncidentListModel model(store.repository(), store.clock());
    Tester tester(&model, kQtTest);
    QVERIFY(model.refresh().ok());
    const qint64 moved = model.summaryAt(5).id; // open, in the first page
    QPersistentModelIndex selected = model.index(5, 0);
    // Closed, it belongs near the bottom, far below the rows shown.
    QVERIFY(store.service().changeStatus(moved, Status::Resolved, std::nullopt, u"t"_s).ok());
    QVERIFY(store.service().changeStatus(moved, Status::Closed, std::nullopt, u"t"_s).ok());
    QVERIFY(model.refresh().ok());
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(IncidentListModel::IncidentIdRole).toLongLong(), moved);
    QVERIFY(selected.row() >= IncidentListModel::PageSize);
    QCOMPARE(modelOrder(model), storeOrder(store).mid(0, model.rowCount()));
}

void IncidentListPagingTest::windowSelectsAndSortsTheWholeList()
{
    Store store;
    QVERIFY(store.isValid());
    insertIncidents(store, 1000);
    const QList<qint64> all = storeOrder(store);
    MainWindow window(store.service());
    // Opens with a page, not a thousand rows.
    QCOMPARE(window.incidentListModel().rowCount(), IncidentListModel::PageSize);
    QVERIFY(window.selectIncident(all.at(900)));
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(all.at(900)));
    // Sorting by a column needs every row.
    window.incidentList()->horizontalHeader()->setSortIndicator(
        IncidentListModel::TitleColumn, Qt::AscendingOrder);
    QCOMPARE(window.incidentListModel().rowCount(), 1000);
    QCOMPARE(window.incidentList()->model()->index(0, IncidentListModel::TitleColumn).data(),
        QVariant(u"Incident 0"_s));
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(all.at(900)));
}

QTEST_MAIN(IncidentListPagingTest)
#include "tst_incidentlistpaging.moc"
