// Issue 6: the window opens with the Incident tab alone; Comms, Diagnostics and
// Postmortem are built when first shown or used, and a built tab that is not on
// screen reads the incident when it is shown again rather than on every write.
// Driven as a user drives it: tab clicks, shortcuts, writes from another connection.

#include "cadenceindicator.h"
#include "changemonitor.h"
#include "checklist.h"
#include "checklistmodel.h"
#include "commspage.h"
#include "diagnosticspage.h"
#include "incidentpage.h"
#include "mainwindow.h"
#include "postmortemeditor.h"
#include "postmortempage.h"
#include "searchpalette.h"
#include "statusupdatecomposer.h"
#include "statusupdatesmodel.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "viewtestsupport.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;
using Tab = IncidentPage::Tab;

namespace {

// The row of the checklist item `key`, or -1.
int checklistRow(const ChecklistModel *model, const QString &key)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->stateAt(row).item.key == key)
            return row;
    }
    return -1;
}

bool isTicked(const ChecklistModel *model, const QString &key)
{
    const int row = checklistRow(model, key);
    return row >= 0 && model->stateAt(row).done;
}

// Ticks or unticks a checklist item as ChecklistModel does: one timeline entry,
// through the service.
bool tick(Store &store, qint64 id, const QString &key, bool ticked = true)
{
    for (const auto &item : Checklist::defaultTemplate(1)) {
        if (item.key == key)
            return store.service()
                .logEntry(id, Checklist::tickEntry(item, ticked, u"Dana"_s, store.clock().now()))
                .ok();
    }
    return false;
}

void clickTab(IncidentPage *page, Tab tab)
{
    QTabBar *bar = page->tabs()->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(int(tab)).center());
}

StatusUpdate update(const QString &status)
{
    StatusUpdate u;
    u.status = status;
    u.impact = u"Checkout fails for some"_s;
    return u;
}

const QString kChannel = u"open-channel"_s;

} // namespace

class LazyPagesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensWithTheIncidentTabAlone();
    void clickingATabBuildsAndShowsIt();
    void shortcutsBuildTheTabTheyOpen();
    void screenshotOrderShowsABuiltCommsPage();
    void hiddenCommsPageReadsWhenShown();
    void externalWriteReachesHiddenCommsWhenShown();
    void hiddenPostmortemReadsWhenShown();
};

void LazyPagesTest::opensWithTheIncidentTabAlone()
{
    Store store;
    const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    IncidentPage *page = window.incidentPage();
    QCOMPARE(window.currentIncidentId(), std::optional(id));
    QCOMPARE(page->currentTab(), Tab::Incident);
    QVERIFY(!page->isTabBuilt(Tab::Comms));
    QVERIFY(!page->isTabBuilt(Tab::Diagnostics));
    QVERIFY(!page->isTabBuilt(Tab::Postmortem));
    QVERIFY(!window.findChild<CommsPage *>());
    QVERIFY(!window.findChild<DiagnosticsPage *>());
    QVERIFY(!window.findChild<PostmortemPage *>());
    QVERIFY(!window.findChild<SearchPalette *>());
    // The tabs are all there to click, with their names.
    QCOMPARE(page->tabs()->count(), 4);
    QCOMPARE(page->tabs()->tabText(int(Tab::Comms)), u"Comms"_s);
    QCOMPARE(page->tabs()->tabText(int(Tab::Postmortem)), u"Postmortem"_s);
    // The header's countdown does not wait for the Comms tab: SEV-1, 15 minutes.
    QCOMPARE(page->cadence()->status().secondsLeft, 15 * 60);

    // Ctrl+K creates the search palette when first pressed.
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QVERIFY(window.findChild<SearchPalette *>());
    QVERIFY(window.searchPalette()->isVisible());
    // Closing saves pending postmortem edits: with no Postmortem tab built there are none.
    QVERIFY(window.close());
}

void LazyPagesTest::clickingATabBuildsAndShowsIt()
{
    Store store;
    const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
    QVERIFY(store.service().postStatusUpdate(id, update(u"Investigating"_s), u"Alice"_s).ok());
    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    IncidentPage *page = window.incidentPage();

    clickTab(page, Tab::Comms);
    QCOMPARE(page->currentTab(), Tab::Comms);
    QVERIFY(page->isTabBuilt(Tab::Comms));
    CommsPage *comms = page->commsPage();
    QVERIFY(comms->isVisible());
    QVERIFY(comms->width() > 100 && comms->height() > 100);
    QCOMPARE(comms->updatesModel()->rowCount(), 1);
    QVERIFY(comms->composer()->statusField()->text().contains(u"Checkout failing"_s));
    QVERIFY(isTicked(comms->checklistModel(), u"first-update"_s)); // by the update
    QVERIFY(!page->isTabBuilt(Tab::Postmortem));

    clickTab(page, Tab::Postmortem);
    QVERIFY(page->isPostmortemShown());
    QVERIFY(page->postmortemPage()->isVisible());
    QCOMPARE(page->postmortemPage()->incidentId(), std::optional(id));
    QVERIFY(page->postmortemPage()->editor()->isEnabled());
    QVERIFY(!comms->isVisible());

    clickTab(page, Tab::Diagnostics);
    QVERIFY(page->diagnosticsPage()->isVisible());
    QCOMPARE(page->diagnosticsPage()->incidentId(), std::optional(id));

    // Another incident: every built tab follows it.
    const qint64 other = store.declare(u"Search slow"_s, 2);
    QVERIFY(window.selectIncident(other));
    QCOMPARE(page->postmortemPage()->incidentId(), std::optional(other));
    QCOMPARE(page->diagnosticsPage()->incidentId(), std::optional(other));
    clickTab(page, Tab::Comms);
    QCOMPARE(comms->updatesModel()->rowCount(), 0);
    QVERIFY(comms->composer()->statusField()->text().contains(u"Search slow"_s));
}

void LazyPagesTest::shortcutsBuildTheTabTheyOpen()
{
    Store store;
    store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    IncidentPage *page = window.incidentPage();

    // Ctrl+U: compose a status update, on a Comms tab built for it.
    QTest::keyClick(&window, Qt::Key_U, Qt::ControlModifier);
    QCOMPARE(page->currentTab(), Tab::Comms);
    QTRY_COMPARE(QApplication::focusWidget(), page->commsPage()->composer()->statusField());

    // Ctrl+Shift+P: the postmortem.
    QVERIFY(!page->isTabBuilt(Tab::Postmortem));
    QTest::keyClick(&window, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(page->isPostmortemShown());
    QVERIFY(page->postmortemPage()->isVisible());
}

// What `incidentdesk --screenshot F --page comms` does: the tab is chosen before the
// window is first shown.
void LazyPagesTest::screenshotOrderShowsABuiltCommsPage()
{
    Store store;
    const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
    QVERIFY(store.service().postStatusUpdate(id, update(u"Investigating"_s), u"Alice"_s).ok());
    MainWindow window(store.service());
    QVERIFY(window.selectIncident(id));
    window.incidentPage()->showCommsTab();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CommsPage *comms = window.incidentPage()->commsPage();
    QVERIFY(comms->isVisible());
    QVERIFY(comms->width() > 100 && comms->height() > 100);
    QCOMPARE(comms->updatesModel()->rowCount(), 1);
    QVERIFY(comms->checklistModel()->rowCount() > 0);
}

void LazyPagesTest::hiddenCommsPageReadsWhenShown()
{
    Store store;
    const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
    MainWindow window(store.service());
    window.changeMonitor().stop();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    IncidentPage *page = window.incidentPage();
    page->showCommsTab();
    CommsPage *comms = page->commsPage();
    QSignalSpy reloads(comms, &CommsPage::reloaded);

    // On screen: a write is read at once, as before.
    QVERIFY(tick(store, id, kChannel));
    QVERIFY(reloads.size() >= 1);
    QVERIFY(isTicked(comms->checklistModel(), kChannel));

    // Off screen: a timeline write (here an untick) is not read...
    page->showIncidentTab();
    QVERIFY(!comms->isVisible());
    reloads.clear();
    const int entriesShown = page->timeline()->timelineModel()->rowCount();
    QVERIFY(tick(store, id, kChannel, false));
    QVERIFY(store.service()
                .log(id, EntryKind::Note, u"restarted the pods"_s, std::nullopt, u"Dana"_s)
                .ok());
    QCOMPARE(reloads.size(), 0);
    QVERIFY(comms->isStale());
    QVERIFY(isTicked(comms->checklistModel(), kChannel));
    // ...while the tab on screen shows both entries at once.
    QCOMPARE(page->timeline()->timelineModel()->rowCount(), entriesShown + 2);

    // Shown again: read once, and it shows what was written meanwhile.
    page->showCommsTab();
    QCOMPARE(reloads.size(), 1);
    QVERIFY(!comms->isStale());
    QVERIFY(!isTicked(comms->checklistModel(), kChannel));
}

void LazyPagesTest::externalWriteReachesHiddenCommsWhenShown()
{
    Store store;
    const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
    MainWindow window(store.service());
    window.changeMonitor().stop();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    IncidentPage *page = window.incidentPage();
    page->showCommsTab();
    CommsPage *comms = page->commsPage();
    page->showIncidentTab();
    QSignalSpy reloads(comms, &CommsPage::reloaded);

    // Another process (the CLI) posts an update 10 minutes in; the window polls.
    store.clock().advance(10 * 60);
    auto second = store.openSecond();
    IncidentService other(*second, store.clock());
    QVERIFY(other.postStatusUpdate(id, update(u"Mitigating"_s), u"cli"_s).ok());
    window.changeMonitor().poll();
    QCOMPARE(reloads.size(), 0);
    QCOMPARE(comms->updatesModel()->rowCount(), 0);
    // The header's countdown is on screen: it restarts from the new update (SEV-1: 15 min).
    QCOMPARE(page->cadence()->status().secondsLeft, 15 * 60);

    clickTab(page, Tab::Comms);
    QCOMPARE(reloads.size(), 1);
    QCOMPARE(comms->updatesModel()->rowCount(), 1);
}

void LazyPagesTest::hiddenPostmortemReadsWhenShown()
{
    Store store;
    const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
    MainWindow window(store.service());
    window.changeMonitor().stop();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    IncidentPage *page = window.incidentPage();
    page->showPostmortemTab();
    PostmortemPage *postmortem = page->postmortemPage();
    QVERIFY(postmortem->isVisible());
    page->showIncidentTab();

    auto second = store.openSecond();
    IncidentService other(*second, store.clock());
    Postmortem written;
    written.executiveSummary = u"A bad deploy broke checkout."_s;
    QVERIFY(other.savePostmortem(id, written).ok());
    window.changeMonitor().poll();
    QCoreApplication::processEvents(); // the page's coalesced refresh runs, hidden
    QVERIFY(postmortem->editor()->postmortem().executiveSummary.isEmpty());

    page->showPostmortemTab();
    QCOMPARE(postmortem->editor()->postmortem().executiveSummary, written.executiveSummary);
}

QTEST_MAIN(LazyPagesTest)
#include "tst_lazypages.moc"
