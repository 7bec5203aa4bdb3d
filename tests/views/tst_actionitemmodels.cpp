// The action item models under QAbstractItemModelTester on a real file: one incident's
// editable table, the list across incidents with overdue items marked, and its filters
// by owner and status; and the "All action items" window that shows them.

#include "actionitemsmodel.h"
#include "actionitemswindow.h"
#include "allactionitemsmodel.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;
using StatusFilter = ActionItemFilterProxy::StatusFilter;

Q_DECLARE_METATYPE(idesk::ActionItemFilterProxy::StatusFilter)

namespace {

// The store's clock says 2026-03-10.
ActionItem item(const QString &text, const QString &owner, std::optional<QDate> due,
    ActionStatus status = ActionStatus::Open)
{
    ActionItem i;
    i.text = text;
    i.owner = owner;
    i.due = due;
    i.status = status;
    return i;
}

struct TwoIncidents
{
    qint64 first = 0;
    qint64 second = 0;
};

TwoIncidents seed(Store &store)
{
    TwoIncidents ids;
    ids.first = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    ids.second = store.declare(u"Checkout slow"_s, 2, u"Bob"_s, 10);
    IncidentService &s = store.service();
    (void)s.addActionItem(ids.first, item(u"Pool alerts"_s, u"Alice"_s, QDate(2026, 3, 1)));
    (void)s.addActionItem(ids.first,
        item(u"Leak test"_s, u"Bob"_s, QDate(2026, 3, 2), ActionStatus::Done)); // done: not overdue
    (void)s.addActionItem(ids.first, item(u"Deploy policy"_s, QString(), std::nullopt));
    (void)s.addActionItem(
        ids.second, item(u"Cache warmup"_s, u"bob"_s, QDate(2026, 3, 9), ActionStatus::InProgress));
    (void)s.addActionItem(ids.second, item(u"Load test"_s, u"Carol"_s, QDate(2026, 3, 20)));
    return ids;
}

} // namespace

class ActionItemModelsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void incidentModelShowsAndEdits();
    void incidentModelUpdatesInPlace();
    void allItemsMarkOverdue();
    void filters_data();
    void filters();
    void windowFiltersAndOpensIncident();
};

void ActionItemModelsTest::incidentModelShowsAndEdits()
{
    Store store;
    QVERIFY(store.isValid());
    const auto ids = seed(store);
    ActionItemsModel model(store.service());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setIncident(ids.first);
    model.setItems(store.repository().loadIncident(ids.first)->actionItems);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(ActionItemsModel::ColumnCount));
    QCOMPARE(
        model.index(0, ActionItemsModel::DueColumn).data().toString(), u"2026-03-01 (overdue)"_s);
    QVERIFY(model.index(0, 0).data(ActionItemsModel::OverdueRole).toBool());
    QVERIFY(!model.index(1, 0).data(ActionItemsModel::OverdueRole).toBool()); // done
    QCOMPARE(model.index(1, ActionItemsModel::StatusColumn).data().toString(), u"Done"_s);
    QVERIFY(!(model.flags(model.index(0, ActionItemsModel::NumberColumn)) & Qt::ItemIsEditable));
    QVERIFY(model.flags(model.index(0, ActionItemsModel::OwnerColumn)) & Qt::ItemIsEditable);

    // Edits go through the service and are stored.
    QVERIFY(model.setData(model.index(2, ActionItemsModel::OwnerColumn), u"  Dana "_s));
    QVERIFY(model.setData(model.index(2, ActionItemsModel::TypeColumn), u"process"_s));
    QVERIFY(model.setData(model.index(2, ActionItemsModel::DueColumn), QDate(2026, 4, 1)));
    QVERIFY(model.setData(model.index(2, ActionItemsModel::LinkColumn), u"https://t.example/1"_s));
    auto stored = store.repository().loadIncident(ids.first)->actionItems.at(2);
    QCOMPARE(stored.owner, u"Dana"_s);
    QCOMPARE(stored.type, ActionType::Process);
    QCOMPARE(stored.due, std::optional(QDate(2026, 4, 1)));
    QCOMPARE(stored.link, std::optional(u"https://t.example/1"_s));
    QCOMPARE(model.index(2, ActionItemsModel::OwnerColumn).data().toString(), u"Dana"_s);
    QVERIFY(model.setData(model.index(2, ActionItemsModel::DueColumn), QVariant())); // clears
    QCOMPARE(store.repository().loadIncident(ids.first)->actionItems.at(2).due, std::nullopt);

    // Refused edits change nothing and say why.
    QSignalSpy errors(&model, &ActionItemsModel::errorOccurred);
    QVERIFY(!model.setData(model.index(0, ActionItemsModel::TextColumn), u"   "_s));
    QVERIFY(!model.setData(model.index(0, ActionItemsModel::StatusColumn), u"finished"_s));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(model.index(0, ActionItemsModel::TextColumn).data().toString(), u"Pool alerts"_s);
}

void ActionItemModelsTest::incidentModelUpdatesInPlace()
{
    Store store;
    QVERIFY(store.isValid());
    const auto ids = seed(store);
    ActionItemsModel model(store.service());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setIncident(ids.second);
    model.setItems(store.repository().loadIncident(ids.second)->actionItems);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(store.service().setActionItemStatus(ids.second, 2, ActionStatus::Done).ok());
    model.setItems(store.repository().loadIncident(ids.second)->actionItems);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 1);
    // A removed item changes the rows: the model resets.
    QVERIFY(store.service().removeActionItem(ids.second, 1).ok());
    model.setItems(store.repository().loadIncident(ids.second)->actionItems);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(), 1);
}

void ActionItemModelsTest::allItemsMarkOverdue()
{
    Store store;
    QVERIFY(store.isValid());
    seed(store);
    AllActionItemsModel model(store.repository(), store.clock());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.refresh().ok());
    QCOMPARE(model.rowCount(), 5);
    // Overdue: Pool alerts (due 03-01, open) and Cache warmup (03-09, in progress).
    QCOMPARE(model.overdueCount(), 2);
    QStringList overdue;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(AllActionItemsModel::OverdueRole).toBool())
            overdue.append(model.index(row, AllActionItemsModel::TextColumn).data().toString());
    }
    overdue.sort();
    QCOMPARE(overdue, (QStringList {u"Cache warmup"_s, u"Pool alerts"_s}));
    QCOMPARE(model.owners(), (QStringList {u"Alice"_s, u"Bob"_s, u"Carol"_s}));
    // Tomorrow's view of the same items: the time moved, nothing was written.
    model.setToday(QDate(2026, 3, 21));
    QCOMPARE(model.overdueCount(), 3);
}

void ActionItemModelsTest::filters_data()
{
    QTest::addColumn<QString>("owner");
    QTest::addColumn<StatusFilter>("status");
    QTest::addColumn<QStringList>("shown");
    const QStringList all
        = {u"Cache warmup"_s, u"Deploy policy"_s, u"Leak test"_s, u"Load test"_s, u"Pool alerts"_s};
    QTest::newRow("everything") << QString() << StatusFilter::Any << all;
    QTest::newRow("bob, any case")
        << u"BOB"_s << StatusFilter::Any << QStringList {u"Cache warmup"_s, u"Leak test"_s};
    QTest::newRow("bob, not done")
        << u"Bob"_s << StatusFilter::NotDone << QStringList {u"Cache warmup"_s};
    QTest::newRow("unassigned") << ActionItemFilterProxy::unassignedOwner() << StatusFilter::Any
                                << QStringList {u"Deploy policy"_s};
    QTest::newRow("overdue") << QString() << StatusFilter::Overdue
                             << QStringList {u"Cache warmup"_s, u"Pool alerts"_s};
    QTest::newRow("done") << QString() << StatusFilter::Done << QStringList {u"Leak test"_s};
    QTest::newRow("in progress") << QString() << StatusFilter::InProgress
                                 << QStringList {u"Cache warmup"_s};
    QTest::newRow("open") << QString() << StatusFilter::Open
                          << QStringList {u"Deploy policy"_s, u"Load test"_s, u"Pool alerts"_s};
    QTest::newRow("won't do") << QString() << StatusFilter::WontDo << QStringList {};
    QTest::newRow("nobody") << u"Zed"_s << StatusFilter::Any << QStringList {};
}

void ActionItemModelsTest::filters()
{
    QFETCH(QString, owner);
    QFETCH(StatusFilter, status);
    QFETCH(QStringList, shown);
    Store store;
    QVERIFY(store.isValid());
    seed(store);
    AllActionItemsModel model(store.repository(), store.clock());
    ActionItemFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.refresh().ok());
    proxy.setOwnerFilter(owner);
    proxy.setStatusFilter(status);
    proxy.sort(AllActionItemsModel::TextColumn);
    QStringList texts;
    for (int row = 0; row < proxy.rowCount(); ++row)
        texts.append(proxy.index(row, AllActionItemsModel::TextColumn).data().toString());
    QCOMPARE(texts, shown);
}

void ActionItemModelsTest::windowFiltersAndOpensIncident()
{
    Store store;
    QVERIFY(store.isValid());
    const auto ids = seed(store);
    ActionItemsWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Opens on what needs doing: not done.
    QCOMPARE(window.proxy()->rowCount(), 4);
    QVERIFY(window.summaryText().contains(u"2 overdue"_s));
    QComboBox *owner = window.ownerCombo();
    owner->setCurrentIndex(owner->findData(u"Carol"_s));
    QCOMPARE(window.proxy()->rowCount(), 1);
    QComboBox *status = window.statusCombo();
    status->setCurrentIndex(status->findData(int(StatusFilter::Any)));
    owner->setCurrentIndex(owner->findData(QString()));
    QCOMPARE(window.proxy()->rowCount(), 5);

    // A new item anywhere shows up (our own command).
    QVERIFY(store.service().addActionItem(ids.second, item(u"Runbook"_s, u"Dana"_s, {})).ok());
    QCOMPARE(window.proxy()->rowCount(), 6);
    QVERIFY(owner->findData(u"Dana"_s) >= 0);

    QSignalSpy opened(&window, &ActionItemsWindow::incidentActivated);
    const QModelIndex runbook
        = window.proxy()
              ->match(window.proxy()->index(0, AllActionItemsModel::TextColumn), Qt::DisplayRole,
                  u"Runbook"_s)
              .value(0);
    QVERIFY(runbook.isValid());
    window.table()->setCurrentIndex(runbook);
    QTest::keyClick(window.table(), Qt::Key_Return);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).toLongLong(), ids.second);
}

QTEST_MAIN(ActionItemModelsTest)
#include "tst_actionitemmodels.moc"
