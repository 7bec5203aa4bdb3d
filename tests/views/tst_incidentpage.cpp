// The incident page's parts: header (severity, status, clocks, milestones), the
// roles panel and its dialog, and the timeline's context actions, on a real file.

#include "assignroledialog.h"
#include "incidentheaderwidget.h"
#include "incidentpage.h"
#include "milestonedialog.h"
#include "milestonegrid.h"
#include "quickentrybar.h"
#include "roleassignmentsmodel.h"
#include "rolespanel.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "viewtestsupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;

namespace {

QDateTime localToday(int hour, int minute)
{
    return QDateTime(QDate(2026, 3, 10), QTime(hour, minute), Qt::LocalTime);
}

QStringList comboItems(const QComboBox *combo)
{
    QStringList items;
    for (int i = 0; i < combo->count(); ++i)
        items.append(combo->itemText(i));
    return items;
}

// Answers the next modal QInputDialog with `text`, from inside its event loop.
void answerNextInputDialog(const QString &text)
{
    QTimer::singleShot(0, qApp, [text] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            answerNextInputDialog(text); // not shown yet
            return;
        }
        dialog->setTextValue(text);
        dialog->accept();
    });
}

} // namespace

class IncidentPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headerShowsIncidentAndClocks();
    void severityComboChangesSeverity();
    void statusComboOffersAllowedMoves_data();
    void statusComboOffersAllowedMoves();
    void reopenFromClosed();
    void milestoneSetBackdatedAndCleared();
    void milestoneRefusalStaysOpen();
    void rolesPanelAssignsAndHandsOff();
    void timelineEditAndRedact();
};

void IncidentPageTest::headerShowsIncidentAndClocks()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 7);
    IncidentPage page(store.service());
    page.setIncident(id);
    IncidentHeaderWidget *header = page.header();
    QVERIFY(header->header());
    QCOMPARE(header->header()->title, u"API outage"_s);
    QCOMPARE(header->severityCombo()->currentText(), u"SEV-1"_s);
    QCOMPARE(header->statusCombo()->currentText(), u"Investigating"_s);
    QCOMPARE(header->sinceStartText(), u"7m"_s);
    QCOMPARE(header->sinceDeclaredText(), u"0s"_s);
    bool titleShown = false;
    for (auto *label : header->findChildren<QLabel *>())
        titleShown = titleShown || label->text() == u"API outage"_s;
    QVERIFY(titleShown);

    // Milestones: started 13:53, declared and acknowledged 14:00, the rest unset.
    MilestoneGrid *grid = header->milestoneGrid();
    QCOMPARE(grid->timeText(Milestone::Started), u"13:53"_s);
    QCOMPARE(grid->timeText(Milestone::Declared), u"14:00"_s);
    QCOMPARE(grid->timeText(Milestone::Acknowledged), u"14:00"_s);
    QCOMPARE(grid->timeText(Milestone::Mitigated), u"—"_s);

    // The clocks tick.
    header->setClockInterval(5);
    store.clock().advance(65);
    QTRY_COMPARE(header->sinceStartText(), u"8m"_s);
    QCOMPARE(header->sinceDeclaredText(), u"1m"_s);
}

void IncidentPageTest::severityComboChangesSeverity()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s);
    IncidentPage page(store.service());
    page.setUserName(u"dana"_s);
    page.setIncident(id);
    QComboBox *severity = page.header()->severityCombo();
    QCOMPARE(comboItems(severity), (QStringList {u"SEV-1"_s, u"SEV-2"_s, u"SEV-3"_s}));
    QVERIFY(!severity->itemIcon(0).isNull());

    QTest::keyClick(severity, Qt::Key_Down); // as a user does with the keyboard
    QCOMPARE(store.header(id).severity, 2);
    QCOMPARE(severity->currentText(), u"SEV-2"_s);
    const auto entries = store.timeline(id);
    QCOMPARE(entries.last().kind, EntryKind::Severity);
    QCOMPARE(entries.last().author, u"dana"_s);
    // The timeline on the page shows the new entry.
    QCOMPARE(page.timeline()->timelineModel()->rowCount(), entries.size());
}

void IncidentPageTest::statusComboOffersAllowedMoves_data()
{
    QTest::addColumn<QString>("status");
    for (Status s : allStatuses())
        QTest::newRow(qPrintable(statusName(s))) << statusName(s);
}

void IncidentPageTest::statusComboOffersAllowedMoves()
{
    QFETCH(QString, status);
    const Status current = *parseStatus(status);
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s);
    if (current != Status::Investigating)
        QVERIFY(store.service().changeStatus(id, current, std::nullopt, u"t"_s).ok());
    IncidentPage page(store.service());
    page.setIncident(id);
    QComboBox *combo = page.header()->statusCombo();

    QStringList expected;
    const QList<Status> targets = Lifecycle::allowedTargets(current);
    for (Status s : allStatuses()) {
        if (s == current || targets.contains(s))
            expected.append(statusTitle(s));
    }
    QCOMPARE(comboItems(combo), expected);
    QCOMPARE(combo->currentText(), statusTitle(current));
    QCOMPARE(combo->isEnabled(), !targets.isEmpty());
    QCOMPARE(page.header()->reopenButton()->isVisibleTo(&page), current == Status::Closed);

    if (targets.isEmpty())
        return;
    // Picking the next offered status applies it.
    const int next = (combo->currentIndex() + 1) % combo->count();
    const Status to = *parseStatus(combo->itemText(next));
    Q_EMIT combo->activated(next);
    QCOMPARE(store.header(id).status, to);
    QCOMPARE(combo->currentText(), statusTitle(to));
}

void IncidentPageTest::reopenFromClosed()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s);
    QVERIFY(store.service().changeStatus(id, Status::Closed, std::nullopt, u"t"_s).ok());
    IncidentPage page(store.service());
    page.setIncident(id);
    QToolButton *reopen = page.header()->reopenButton();
    QVERIFY(reopen->menu());
    QStringList offered;
    QAction *toMonitoring = nullptr;
    for (QAction *action : reopen->menu()->actions()) {
        offered.append(action->text());
        if (action->text().contains(u"Monitoring"_s))
            toMonitoring = action;
    }
    QCOMPARE(offered.size(), Lifecycle::allowedTargets(Status::Closed, true).size());
    QVERIFY(toMonitoring);
    toMonitoring->trigger();
    QCOMPARE(store.header(id).status, Status::Monitoring);
    const auto entries = store.timeline(id);
    QVERIFY(std::any_of(entries.cbegin(), entries.cend(), [](const TimelineEntry &e) {
        return e.kind == EntryKind::Status && e.text.contains(u"reopened"_s);
    }));
    QVERIFY(!page.header()->reopenButton()->isVisibleTo(&page));
}

void IncidentPageTest::milestoneSetBackdatedAndCleared()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    IncidentPage page(store.service());
    page.setIncident(id);
    MilestoneGrid *grid = page.header()->milestoneGrid();

    QTest::mouseClick(grid->setButton(Milestone::Mitigated), Qt::LeftButton);
    QPointer<MilestoneDialog> dialog = page.findChild<MilestoneDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->milestoneCombo()->currentText(), u"Mitigated"_s);
    QVERIFY(!dialog->clearButton()->isEnabled());
    dialog->timeEdit()->setDateTime(localToday(13, 47));
    dialog->accept();
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(store.header(id).milestones.get(Milestone::Mitigated),
        std::optional<QDateTime>(localToday(13, 47).toUTC()));
    QCOMPARE(grid->timeText(Milestone::Mitigated), u"13:47"_s);

    // Open it again: it shows the value and clears it.
    QTest::mouseClick(grid->setButton(Milestone::Mitigated), Qt::LeftButton);
    dialog = page.findChild<MilestoneDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->timeEdit()->dateTime(), localToday(13, 47));
    QVERIFY(dialog->clearButton()->isEnabled());
    QTest::mouseClick(dialog->clearButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(store.header(id).milestones.get(Milestone::Mitigated), std::nullopt);
    QCOMPARE(grid->timeText(Milestone::Mitigated), u"—"_s);
}

void IncidentPageTest::milestoneRefusalStaysOpen()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    IncidentPage page(store.service());
    page.setIncident(id);
    page.openMilestoneDialog(Milestone::Detected);
    QPointer<MilestoneDialog> dialog = page.findChild<MilestoneDialog *>();
    QVERIFY(dialog);
    const qint64 entries = *store.repository().timelineCount(id);
    dialog->timeEdit()->setDateTime(localToday(16, 0)); // two hours in the future
    dialog->accept();
    QVERIFY(!dialog.isNull());
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->errorLabel()->text().isEmpty());
    QCOMPARE(store.header(id).milestones.get(Milestone::Detected), std::nullopt);
    QCOMPARE(*store.repository().timelineCount(id), entries);
    dialog->reject();
}

void IncidentPageTest::rolesPanelAssignsAndHandsOff()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    IncidentPage page(store.service());
    page.setUserName(u"dana"_s);
    page.setIncident(id);
    RolesPanel *roles = page.rolesPanel();
    QVERIFY(roles->holderText(Roles::Commander).contains(u"Alice"_s));
    QVERIFY(roles->holderText(Roles::Scribe).contains(u"unassigned"_s));
    QCOMPARE(roles->assignButton(Roles::Commander)->text(), u"Hand off…"_s);
    QCOMPARE(roles->assignButton(Roles::Scribe)->text(), u"Assign…"_s);
    QCOMPARE(roles->model()->rowCount(), 1);

    // Assign a scribe, backdated to 13:50.
    QTest::mouseClick(roles->assignButton(Roles::Scribe), Qt::LeftButton);
    QPointer<AssignRoleDialog> dialog = roles->findChild<AssignRoleDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->roleCombo()->currentText(), Roles::Scribe);
    QTest::keyClicks(dialog->personEdit(), u"Dana"_s);
    dialog->backdateCheck()->setChecked(true);
    dialog->timeEdit()->setDateTime(localToday(13, 50));
    dialog->accept();
    QTRY_VERIFY(dialog.isNull());
    auto scribe = IncidentRules::currentHolder(store.roles(id), Roles::Scribe);
    QVERIFY(scribe);
    QCOMPARE(scribe->person, u"Dana"_s);
    QCOMPARE(scribe->from, localToday(13, 50).toUTC());
    QVERIFY(roles->holderText(Roles::Scribe).contains(u"Dana"_s));

    // Hand command to Bob with a note.
    QTest::mouseClick(roles->assignButton(Roles::Commander), Qt::LeftButton);
    dialog = roles->findChild<AssignRoleDialog *>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->personEdit(), u"Bob"_s);
    QTest::keyClicks(dialog->noteEdit(), u"rollback in progress"_s);
    dialog->accept();
    QTRY_VERIFY(dialog.isNull());
    auto commander = IncidentRules::currentHolder(store.roles(id), Roles::Commander);
    QVERIFY(commander);
    QCOMPARE(commander->person, u"Bob"_s);
    QCOMPARE(commander->from, store.clock().now());
    const TimelineEntry handoff = store.timeline(id).last();
    QCOMPARE(handoff.kind, EntryKind::Role);
    QVERIFY(handoff.text.contains(u"Alice"_s) && handoff.text.contains(u"Bob"_s));
    QVERIFY(handoff.text.contains(u"rollback in progress"_s));
    QCOMPARE(handoff.author, u"dana"_s);
    QCOMPARE(roles->model()->rowCount(), 3);
    QCOMPARE(roles->assignButton(Roles::Commander)->text(), u"Hand off…"_s);

    // Handing it to Bob again is refused inline; nothing is written.
    roles->openAssignDialog(Roles::Commander);
    dialog = roles->findChild<AssignRoleDialog *>();
    QVERIFY(dialog);
    const qint64 entries = *store.repository().timelineCount(id);
    QTest::keyClicks(dialog->personEdit(), u"Bob"_s);
    dialog->accept();
    QVERIFY(!dialog.isNull());
    QVERIFY(!dialog->errorLabel()->text().isEmpty());
    QCOMPARE(*store.repository().timelineCount(id), entries);
    dialog->reject();

    // A custom role gets its own line once someone holds it.
    QVERIFY(store.service().assignRole(id, u"liaison"_s, u"Eve"_s, std::nullopt, u"t"_s).ok());
    QVERIFY(roles->holderText(u"liaison"_s).contains(u"Eve"_s));
}

void IncidentPageTest::timelineEditAndRedact()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s);
    const auto note
        = store.service().log(id, EntryKind::Note, u"Rollback startd"_s, std::nullopt, u"Alice"_s);
    QVERIFY(note.ok());
    IncidentPage page(store.service());
    page.setUserName(u"bob"_s);
    page.setIncident(id);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    TimelineView *view = page.timeline();
    TimelineModel *model = view->timelineModel();
    const int row = model->rowOfEntry(*note);
    QVERIFY(row >= 0);

    answerNextInputDialog(u"Rollback started"_s);
    view->editEntry(row);
    auto stored = store.repository().entry(*note);
    QCOMPARE(stored->text, u"Rollback started"_s);
    QCOMPARE(stored->revisions.size(), 1);
    QCOMPARE(stored->revisions.first().text, u"Rollback startd"_s);
    QCOMPARE(model->index(row, TimelineModel::TextColumn).data().toString(),
        u"Rollback started (edited)"_s);

    answerNextInputDialog(u"posted to the wrong incident"_s);
    view->redactEntry(row);
    stored = store.repository().entry(*note);
    QVERIFY(stored->isRedacted());
    QCOMPARE(stored->redaction->by, u"bob"_s);
    QCOMPARE(model->index(row, TimelineModel::TextColumn).data().toString(),
        u"[redacted: posted to the wrong incident]"_s);

    // System entries cannot be edited: the service refuses and the page reports it.
    QSignalSpy errors(&page, &IncidentPage::errorOccurred);
    const int system = 0; // "Incident declared"
    QCOMPARE(model->index(system, 0).data(TimelineModel::IsUserKindRole).toBool(), false);
    answerNextInputDialog(u"rewritten history"_s);
    view->editEntry(system);
    QCOMPARE(errors.size(), 1);
}

QTEST_MAIN(IncidentPageTest)
#include "tst_incidentpage.moc"
