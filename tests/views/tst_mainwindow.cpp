// The main window driven like a user drives it: keys into real widgets on a
// real SQLite file, then the database read back through the repository.

#include "changemonitor.h"
#include "declaredialog.h"
#include "incidentheaderwidget.h"
#include "incidentlistmodel.h"
#include "incidentpage.h"
#include "mainwindow.h"
#include "quickentrybar.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "viewtestsupport.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;

namespace {

const QString kUser = u"casey"_s;

// Types a line into the quick entry and presses Enter, as a scribe does.
void typeQuickEntry(MainWindow &window, const QString &text)
{
    QLineEdit *line = window.incidentPage()->quickEntry()->lineEdit();
    QTest::keyClicks(line, text);
    QTest::keyClick(line, Qt::Key_Return);
}

std::optional<RoleAssignment> holder(Store &store, qint64 id, const QString &role)
{
    return IncidentRules::currentHolder(store.roles(id), role);
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyState();
    void declareByKeyboardAlone();
    void declareRefusalStaysOpen();
    void quickEntry_data();
    void quickEntry();
    void badQuickEntry_data();
    void badQuickEntry();
    void upArrowRecallsEntries();
    void externalChangesAppear();
    void externalDeclareKeepsSelection();
    void listShortcutAndOrder();
};

void MainWindowTest::initTestCase()
{
    // The commander defaults to the OS user.
    qputenv("USER", kUser.toUtf8());
}

void MainWindowTest::emptyState()
{
    Store store;
    QVERIFY(store.isValid());
    MainWindow window(store.service());
    window.setDatabaseLabel(store.path());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.currentIncidentId());
    auto *stack = window.findChild<QStackedWidget *>();
    QVERIFY(stack);
    auto *empty = qobject_cast<QLabel *>(stack->currentWidget());
    QVERIFY(empty);
    QVERIFY(empty->text().contains(u"Ctrl+N"_s));
    bool pathShown = false;
    for (auto *label : window.findChildren<QLabel *>())
        pathShown = pathShown || label->text().contains(store.path());
    QVERIFY(pathShown);
}

void MainWindowTest::declareByKeyboardAlone()
{
    Store store;
    QVERIFY(store.isValid());
    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    QPointer<DeclareDialog> dialog;
    QTRY_VERIFY((dialog = window.findChild<DeclareDialog *>()) && dialog->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), dialog->titleEdit());
    QTest::keyClicks(QApplication::focusWidget(), u"Checkout returns 500s"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_VERIFY(dialog.isNull()); // accepted and closed

    const auto listed = store.repository().listIncidents(true);
    QVERIFY(listed.ok());
    QCOMPARE(listed->size(), 1);
    const IncidentSummary incident = listed->first();
    QCOMPARE(incident.title, u"Checkout returns 500s"_s);
    QCOMPARE(incident.severity, 2); // the dialog's default
    QCOMPARE(incident.status, Status::Investigating);
    QCOMPARE(incident.started, std::optional<QDateTime>(store.clock().now()));
    const auto commander = holder(store, incident.id, Roles::Commander);
    QVERIFY(commander);
    QCOMPARE(commander->person, kUser);

    // The new incident is selected and the quick entry has focus: keep typing.
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(incident.id));
    QLineEdit *line = window.incidentPage()->quickEntry()->lineEdit();
    QTRY_COMPARE(QApplication::focusWidget(), line);
    QTest::keyClicks(QApplication::focusWidget(), u"Paged the payments team"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    const auto timeline = store.timeline(incident.id);
    QCOMPARE(timeline.last().text, u"Paged the payments team"_s);
    QCOMPARE(timeline.last().author, kUser);

    // Ctrl+1 goes to the list, Ctrl+L back to the quick entry.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_1, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), window.incidentList());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_L, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), line);
}

void MainWindowTest::declareRefusalStaysOpen()
{
    Store store;
    QVERIFY(store.isValid());
    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    QPointer<DeclareDialog> dialog;
    QTRY_VERIFY((dialog = window.findChild<DeclareDialog *>()) && dialog->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), dialog->titleEdit());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return); // no title
    QVERIFY(!dialog.isNull());
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->errorLabel()->isVisible());
    QVERIFY(!dialog->errorLabel()->text().isEmpty());
    QCOMPARE(store.repository().listIncidents(true)->size(), 0);

    // Picking SEV-1 shows its criteria; then a title and Enter declares it.
    dialog->severityCombo()->setCurrentIndex(dialog->severityCombo()->findData(1));
    bool criteriaShown = false;
    for (auto *label : dialog->findChildren<QLabel *>())
        criteriaShown = criteriaShown || label->text().contains(u"outage, data loss"_s);
    QVERIFY(criteriaShown);
    QTest::keyClicks(dialog->titleEdit(), u"Database down"_s);
    QTest::keyClick(dialog->titleEdit(), Qt::Key_Return);
    QTRY_VERIFY(dialog.isNull());
    const auto listed = store.repository().listIncidents(true);
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().severity, 1);
}

// What is typed, and what the database must show afterwards:
// entry KIND TEXT [HH:MM] | status NAME | severity LEVEL | role ROLE PERSON.
void MainWindowTest::quickEntry_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("check");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("at");
    QTest::newRow("plain note") << u"Error rate is climbing"_s << u"entry"_s << u"note"_s
                                << u"Error rate is climbing"_s << QString();
    QTest::newRow("backdated note") << u"13:30 First alert fired"_s << u"entry"_s << u"note"_s
                                    << u"First alert fired"_s << u"13:30"_s;
    QTest::newRow("decision") << u"/decision Roll back to v2.4"_s << u"entry"_s << u"decision"_s
                              << u"Roll back to v2.4"_s << QString();
    QTest::newRow("action") << u"/action Restart the connection pool"_s << u"entry"_s << u"action"_s
                            << u"Restart the connection pool"_s << QString();
    QTest::newRow("observation") << u"/observation p99 back to 200 ms"_s << u"entry"_s
                                 << u"observation"_s << u"p99 back to 200 ms"_s << QString();
    QTest::newRow("backdated decision") << u"13:45 /decision Freeze deploys"_s << u"entry"_s
                                        << u"decision"_s << u"Freeze deploys"_s << u"13:45"_s;
    QTest::newRow("status") << u"/status monitoring"_s << u"status"_s << u"monitoring"_s
                            << QString() << QString();
    QTest::newRow("severity") << u"/sev 2"_s << u"severity"_s << u"2"_s << QString() << QString();
    QTest::newRow("assign") << u"/assign scribe Dana"_s << u"role"_s << u"scribe"_s << u"Dana"_s
                            << QString();
    QTest::newRow("ic") << u"/ic Alice"_s << u"role"_s << u"commander"_s << u"Alice"_s << QString();
    QTest::newRow("milestone") << u"13:55 /mitigated"_s << u"milestone"_s << u"mitigated"_s
                               << QString() << u"13:55"_s;
}

void MainWindowTest::quickEntry()
{
    QFETCH(QString, input);
    QFETCH(QString, check);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, at);
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, kUser, 60);
    MainWindow window(store.service());
    QVERIFY(window.selectIncident(id));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    QLineEdit *line = window.incidentPage()->quickEntry()->lineEdit();
    QTRY_COMPARE(QApplication::focusWidget(), line);
    const qint64 entriesBefore = store.timeline(id).size();
    TimelineModel *timeline = window.incidentPage()->timeline()->timelineModel();

    typeQuickEntry(window, input);

    QCOMPARE(window.incidentPage()->quickEntry()->errorText(), QString());
    QCOMPARE(line->text(), QString());
    QCOMPARE(QApplication::focusWidget(), line);
    const QList<TimelineEntry> entries = store.timeline(id);
    QVERIFY(entries.size() > entriesBefore);
    // The timeline on screen shows what the database holds.
    QTRY_COMPARE(timeline->rowCount(), entries.size());

    const QDateTime expectedAt = at.isEmpty()
        ? store.clock().now()
        : QDateTime(QDate(2026, 3, 10), QTime::fromString(at, u"HH:mm"_s), Qt::LocalTime).toUTC();
    const IncidentHeader header = store.header(id);
    if (check == u"entry") {
        // The newest entry (by id; a backdated one sorts earlier by time).
        const TimelineEntry &entry = *std::max_element(entries.cbegin(), entries.cend(),
            [](const auto &x, const auto &y) { return x.id < y.id; });
        QCOMPARE(entryKindName(entry.kind), a);
        QCOMPARE(entry.text, b);
        QCOMPARE(entry.at, expectedAt);
        QCOMPARE(entry.author, kUser);
        QCOMPARE(entries.size(), entriesBefore + 1);
    } else if (check == u"status") {
        QCOMPARE(statusName(header.status), a);
        QTRY_COMPARE(window.incidentPage()->header()->statusCombo()->currentText(),
            statusTitle(header.status));
    } else if (check == u"severity") {
        QCOMPARE(header.severity, a.toInt());
        QTRY_COMPARE(window.incidentPage()->header()->severityCombo()->currentText(),
            SeverityDefinition::severityName(a.toInt()));
    } else if (check == u"role") {
        const auto current = holder(store, id, a);
        QVERIFY(current);
        QCOMPARE(current->person, b);
        QCOMPARE(current->from, expectedAt);
    } else if (check == u"milestone") {
        QCOMPARE(header.milestones.get(*parseMilestone(a)), std::optional<QDateTime>(expectedAt));
    } else {
        QFAIL("unknown check");
    }
}

void MainWindowTest::badQuickEntry_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("unknown command") << u"/bogus thing"_s;
    QTest::newRow("unknown status") << u"/status nonsense"_s;
    QTest::newRow("unknown severity") << u"/sev 9"_s;
    QTest::newRow("same status") << u"/status investigating"_s;
    QTest::newRow("same severity") << u"/sev 1"_s;
    QTest::newRow("assign without person") << u"/assign scribe"_s;
    QTest::newRow("already commander") << u"/ic casey"_s;
    QTest::newRow("decision without text") << u"/decision"_s;
    QTest::newRow("time without text") << u"13:30"_s;
    QTest::newRow("only spaces") << u"   "_s;
    QTest::newRow("closed needs reopen") << u"/status closed"_s; // fine: closes
}

void MainWindowTest::badQuickEntry()
{
    QFETCH(QString, input);
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, kUser, 60);
    const bool closing = input == u"/status closed";
    MainWindow window(store.service());
    QVERIFY(window.selectIncident(id));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QuickEntryBar *bar = window.incidentPage()->quickEntry();
    if (closing) {
        // Close it first; then a plain status change must be refused.
        typeQuickEntry(window, input);
        QCOMPARE(bar->errorText(), QString());
        QCOMPARE(store.header(id).status, Status::Closed);
        input = u"/status investigating"_s;
    }
    const qint64 entriesBefore = *store.repository().timelineCount(id);
    const IncidentHeader headerBefore = store.header(id);
    const QList<RoleAssignment> rolesBefore = store.roles(id);

    typeQuickEntry(window, input);

    QVERIFY2(!bar->errorText().isEmpty(), qPrintable(input));
    QVERIFY(bar->findChild<QLabel *>()->isVisible());
    QCOMPARE(bar->lineEdit()->text(), input); // kept, to fix and retry
    QCOMPARE(*store.repository().timelineCount(id), entriesBefore);
    QCOMPARE(store.header(id), headerBefore);
    QCOMPARE(store.roles(id), rolesBefore);

    // Fixing the line and pressing Enter clears the message.
    bar->lineEdit()->clear();
    typeQuickEntry(window, u"Now a plain note"_s);
    QCOMPARE(bar->errorText(), QString());
    QCOMPARE(*store.repository().timelineCount(id), entriesBefore + 1);
}

void MainWindowTest::upArrowRecallsEntries()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, kUser);
    MainWindow window(store.service());
    QVERIFY(window.selectIncident(id));
    QLineEdit *line = window.incidentPage()->quickEntry()->lineEdit();
    typeQuickEntry(window, u"first"_s);
    typeQuickEntry(window, u"/decision second"_s);
    QTest::keyClicks(line, u"draft"_s);
    QTest::keyClick(line, Qt::Key_Up);
    QCOMPARE(line->text(), u"/decision second"_s);
    QTest::keyClick(line, Qt::Key_Up);
    QCOMPARE(line->text(), u"first"_s);
    QTest::keyClick(line, Qt::Key_Up);
    QCOMPARE(line->text(), u"first"_s);
    QTest::keyClick(line, Qt::Key_Down);
    QCOMPARE(line->text(), u"/decision second"_s);
    QTest::keyClick(line, Qt::Key_Down);
    QCOMPARE(line->text(), u"draft"_s);
}

// Another process (simulated by a second connection to the file) writes while
// the user reads the middle of the timeline and has typed half a line.
void MainWindowTest::externalChangesAppear()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Busy incident"_s, 120);
    QVERIFY(id > 0);
    MainWindow window(store.service());
    window.changeMonitor().setInterval(20);
    QVERIFY(window.selectIncident(id));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    TimelineView *view = window.incidentPage()->timeline();
    TimelineModel *model = view->timelineModel();
    QCOMPARE(model->rowCount(), 120);
    QScrollBar *scroll = view->verticalScrollBar();
    QTRY_VERIFY(scroll->maximum() > 20);
    scroll->setValue(scroll->maximum() / 2);
    const int position = scroll->value();
    QVERIFY(position > 0);

    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    QLineEdit *line = window.incidentPage()->quickEntry()->lineEdit();
    QTRY_COMPARE(QApplication::focusWidget(), line);
    QTest::keyClicks(line, u"half-typed thou"_s);

    auto other = store.openSecond();
    QVERIFY(other);
    NewEntry entry;
    entry.at = store.clock().now();
    entry.author = u"cli"_s;
    entry.text = u"Logged from the command line"_s;
    QVERIFY(other->appendEntry(id, entry).ok());
    IncidentService otherService(*other, store.clock());
    QVERIFY(otherService.changeStatus(id, Status::Identified, std::nullopt, u"cli"_s).ok());

    QTRY_COMPARE(model->rowCount(), 122);
    QCOMPARE(model->index(120, TimelineModel::TextColumn).data().toString(),
        u"Logged from the command line"_s);
    QTRY_COMPARE(window.incidentPage()->header()->statusCombo()->currentText(), u"Identified"_s);
    const auto &list = window.incidentListModel();
    QTRY_COMPARE(list.index(list.rowOfIncident(id), IncidentListModel::StatusColumn).data(),
        QVariant(u"Identified"_s));
    QCoreApplication::processEvents(); // let any deferred scrolling run
    QCOMPARE(scroll->value(), position);
    QCOMPARE(line->text(), u"half-typed thou"_s);
    QCOMPARE(QApplication::focusWidget(), line);
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(id));
}

void MainWindowTest::externalDeclareKeepsSelection()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 first = store.declare(u"Slow search"_s, 3, kUser);
    MainWindow window(store.service());
    window.changeMonitor().setInterval(20);
    QVERIFY(window.selectIncident(first));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto other = store.openSecond();
    QVERIFY(other);
    ManualClock clock(store.clock().now());
    IncidentService otherService(*other, clock);
    DeclareRequest request;
    request.title = u"Payments down"_s;
    request.severity = 1;
    const auto second = otherService.declare(request);
    QVERIFY(second.ok());

    const auto &list = window.incidentListModel();
    QTRY_COMPARE(list.rowCount(), 2);
    QCOMPARE(list.rowOfIncident(*second), 0); // SEV-1 on top
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(first));
    const QModelIndex current = window.incidentList()->currentIndex();
    QCOMPARE(current.data(IncidentListModel::IncidentIdRole).toLongLong(), first);
}

void MainWindowTest::listShortcutAndOrder()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 low = store.declare(u"Low"_s, 3);
    const qint64 high = store.declare(u"High"_s, 1);
    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    // The first row (most severe) is selected at start.
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(high));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), window.incidentList());
    QTest::keyClick(window.incidentList(), Qt::Key_Down);
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(low));
    QVERIFY(window.windowTitle().contains(u"INC-%1"_s.arg(low)));

    // Ctrl+Shift+S opens the severity list of this SEV-3 incident; Up and Enter pick SEV-2.
    QComboBox *severity = window.incidentPage()->header()->severityCombo();
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(severity->view()->isVisible());
    QTest::keyClick(severity->view(), Qt::Key_Up);
    QTest::keyClick(severity->view(), Qt::Key_Return);
    QTRY_COMPARE(store.header(low).severity, 2);
    QTRY_VERIFY(!severity->view()->isVisible());

    // Ctrl+Shift+T does the same for the status.
    QComboBox *status = window.incidentPage()->header()->statusCombo();
    QTRY_VERIFY(QApplication::activeWindow() == &window);
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(status->view()->isVisible());
    QTest::keyClick(status->view(), Qt::Key_Down);
    QTest::keyClick(status->view(), Qt::Key_Return);
    QTRY_COMPARE(store.header(low).status, Status::Identified);
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
