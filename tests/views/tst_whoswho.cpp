#include "assignroledialog.h"
#include "changemonitor.h"
#include "incidentheaderwidget.h"
#include "incidentpage.h"
#include "mainwindow.h"
#include "presentation.h"
#include "roleassignmentsmodel.h"
#include "rolehistorytext.h"
#include "rolespanel.h"
#include "viewtestsupport.h"
#include "whoswhostrip.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>
#include <QToolButton>

using namespace idesk;
using namespace idesk::ViewTest;
using namespace Qt::StringLiterals;

// The who's-who strip in the incident header: a chip per role with its holder,
// the role's history (with handoff notes) as the chip's tooltip, a click for the
// handoff dialog, and writes from another process shown after the next poll.
class WhosWhoTest : public QObject
{
    Q_OBJECT

private:
    static QString chipText(WhosWhoStrip *strip, const QString &role)
    {
        QToolButton *chip = strip->chip(role);
        return chip ? chip->text() : QString();
    }

private Q_SLOTS:
    void chipsShowWhoHoldsEachRole()
    {
        Store store;
        QVERIFY(store.isValid());
        const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
        IncidentHeaderWidget header(store.service());
        header.setIncident(id);
        header.show();
        WhosWhoStrip *strip = header.whosWho();

        QCOMPARE(strip->roles(), Roles::standard());
        QCOMPARE(chipText(strip, Roles::Commander), u"Commander: Alice"_s);
        QVERIFY(!strip->isVacant(Roles::Commander));
        QCOMPARE(chipText(strip, Roles::TechLead), u"Tech lead: —"_s);
        QCOMPARE(chipText(strip, Roles::CommsLead), u"Comms lead: —"_s);
        QCOMPARE(chipText(strip, Roles::Scribe), u"Scribe: —"_s);
        QVERIFY(strip->isVacant(Roles::Scribe));
        QCOMPARE(strip->chip(Roles::Scribe)->property("state").toString(), u"vacant"_s);
        QCOMPARE(strip->chip(Roles::Commander)->property("state").toString(), u"held"_s);

        QVERIFY(store.service().assignRole(id, Roles::Scribe, u"Bob"_s, std::nullopt, u"t"_s).ok());
        QVERIFY(store.service()
                    .assignRole(id, u"customer-liaison"_s, u"Carol"_s, std::nullopt, u"t"_s)
                    .ok());
        QVERIFY(header.refresh().ok());
        QCOMPARE(chipText(strip, Roles::Scribe), u"Scribe: Bob"_s);
        QVERIFY(!strip->isVacant(Roles::Scribe));
        QCOMPARE(strip->chip(Roles::Scribe)->property("state").toString(), u"held"_s);
        // A custom role gets a chip of its own, after the standard ones.
        QCOMPARE(strip->roles().size(), 5);
        QCOMPARE(strip->roles().last(), u"customer-liaison"_s);
        QCOMPARE(chipText(strip, u"customer-liaison"_s), u"Customer liaison: Carol"_s);

        // Another incident shows its own people.
        const qint64 other = store.declare(u"Search slow"_s, 3);
        header.setIncident(other);
        QCOMPARE(strip->roles(), Roles::standard());
        QCOMPARE(chipText(strip, Roles::Commander), u"Commander: —"_s);
        QVERIFY(strip->isVacant(Roles::Commander));
    }

    void tooltipHoldsTheRoleHistoryWithTheHandoffNote()
    {
        Store store;
        const qint64 id = store.declare(u"Database failover"_s, 1, u"Alice"_s);
        const QDateTime aliceFrom = store.roles(id).first().from;
        store.clock().advance(40 * 60);
        const QDateTime handoff = store.clock().now();
        QVERIFY(store.service()
                    .assignRole(id, Roles::Commander, u"Bob"_s, std::nullopt, u"Alice"_s,
                        u"Replica lag still 30 s; failover paused"_s)
                    .ok());
        IncidentHeaderWidget header(store.service());
        header.setIncident(id);
        WhosWhoStrip *strip = header.whosWho();
        QCOMPARE(chipText(strip, Roles::Commander), u"Commander: Bob"_s);

        const QString tip = strip->chip(Roles::Commander)->toolTip();
        const QDateTime now = store.clock().now();
        QVERIFY2(tip.contains(u"Incident Commander"_s), qPrintable(tip));
        const qsizetype alice = tip.indexOf(u"Alice"_s);
        const qsizetype bob = tip.indexOf(u"<b>Bob</b>"_s); // the current holder, in bold
        QVERIFY2(alice >= 0 && bob > alice, qPrintable(tip)); // oldest first
        QVERIFY(tip.contains(u"%1 – %2"_s.arg(
            Presentation::localTime(aliceFrom, now), Presentation::localTime(handoff, now))));
        QVERIFY(tip.contains(u"%1 – now"_s.arg(Presentation::localTime(handoff, now))));
        QVERIFY2(tip.contains(u"Handoff note: Replica lag still 30 s; failover paused"_s),
            qPrintable(tip));
        // Alice's own start had no note.
        QCOMPARE(tip.count(u"Handoff note"_s), 1);
        // A role nobody held says so.
        QVERIFY(strip->chip(Roles::Scribe)->toolTip().contains(u"Nobody has held this role yet"_s));

        // The note lives in the timeline entry: redacting the entry takes it out.
        qint64 handoffEntry = 0;
        for (const auto &entry : store.timeline(id)) {
            if (entry.kind == EntryKind::Role && entry.text.contains(u"handed"_s))
                handoffEntry = entry.id;
        }
        QVERIFY(handoffEntry > 0);
        QVERIFY(store.service().redactEntry(handoffEntry, u"names a customer"_s, u"Alice"_s).ok());
        QVERIFY(header.refresh().ok());
        const QString redacted = strip->chip(Roles::Commander)->toolTip();
        QVERIFY(!redacted.contains(u"Replica lag"_s));
        QVERIFY(redacted.contains(u"Alice"_s) && redacted.contains(u"Bob"_s));
    }

    void noteIsReadFromTheEntryText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("note");
        QTest::newRow("handoff with note")
            << u"Alice handed Incident Commander to Bob — off shift"_s << u"Bob"_s
            << u"off shift"_s;
        QTest::newRow("first holder with note") << u"Bob is Scribe — writes from the bridge"_s
                                                << u"Bob"_s << u"writes from the bridge"_s;
        QTest::newRow("note with a dash")
            << u"A handed Scribe to B — one — two"_s << u"B"_s << u"one — two"_s;
        QTest::newRow("no note") << u"Alice handed Incident Commander to Bob"_s << u"Bob"_s
                                 << QString();
        QTest::newRow("other person") << u"Alice is Scribe — x"_s << u"Zed"_s << QString();
    }

    void noteIsReadFromTheEntryText()
    {
        QFETCH(QString, text);
        QFETCH(QString, person);
        QFETCH(QString, note);
        QCOMPARE(RoleHistoryText::noteFromEntryText(text, person), note);
    }

    void clickingAChipOpensTheHandoffDialogForThatRole()
    {
        Store store;
        const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
        IncidentPage page(store.service());
        QAbstractItemModelTester tester(page.rolesPanel()->model());
        page.setUserName(u"Alice"_s);
        page.setIncident(id);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        WhosWhoStrip *strip = page.header()->whosWho();

        QTest::mouseClick(strip->chip(Roles::Scribe), Qt::LeftButton);
        auto *dialog = page.findChild<AssignRoleDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->roleCombo()->currentText(), Roles::Scribe);
        QTest::keyClicks(dialog->personEdit(), u"Bob"_s);
        QTest::keyClicks(dialog->noteEdit(), u"Bridge notes in the doc"_s);
        QTest::keyClick(dialog->personEdit(), Qt::Key_Return);
        QCOMPARE(chipText(strip, Roles::Scribe), u"Scribe: Bob"_s);
        QVERIFY(strip->chip(Roles::Scribe)->toolTip().contains(u"Bridge notes in the doc"_s));
        QCOMPARE(page.rolesPanel()->model()->rowCount(), 2);

        // The keyboard reaches it too: Space on the commander's chip offers a handoff.
        QApplication::processEvents(); // the first dialog's deferred delete
        strip->chip(Roles::Commander)->setFocus(Qt::TabFocusReason);
        QTest::keyClick(strip->chip(Roles::Commander), Qt::Key_Space);
        const auto dialogs = page.findChildren<AssignRoleDialog *>();
        QVERIFY(!dialogs.isEmpty());
        AssignRoleDialog *handoff = dialogs.last();
        QCOMPARE(handoff->roleCombo()->currentText(), Roles::Commander);
        handoff->reject();
    }

    void aWriteFromAnotherProcessShowsAfterThePoll()
    {
        Store store;
        const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
        MainWindow window(store.service());
        window.changeMonitor().stop(); // polled by hand below: no timers in this test
        QVERIFY(window.selectIncident(id));
        window.changeMonitor().poll(); // the baseline
        WhosWhoStrip *strip = window.incidentPage()->header()->whosWho();
        QCOMPARE(chipText(strip, Roles::TechLead), u"Tech lead: —"_s);

        auto other = store.openSecond();
        QVERIFY(other);
        IncidentService cli(*other, store.clock());
        QVERIFY(cli.assignRole(id, Roles::TechLead, u"Dana"_s, std::nullopt, u"cli"_s,
                       u"Owns the payments DB"_s)
                    .ok());
        QCOMPARE(chipText(strip, Roles::TechLead), u"Tech lead: —"_s); // not yet seen

        window.changeMonitor().poll();
        QCOMPARE(chipText(strip, Roles::TechLead), u"Tech lead: Dana"_s);
        QVERIFY(!strip->isVacant(Roles::TechLead));
        QVERIFY(strip->chip(Roles::TechLead)->toolTip().contains(u"Owns the payments DB"_s));
    }

    void rolesTableSaysNowForTheCurrentHolder()
    {
        // The roles panel's history and the chips share RoleHistoryText.
        Store store;
        const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
        RoleAssignmentsModel model(store.repository(), store.clock());
        QAbstractItemModelTester tester(&model);
        model.setIncident(id);
        QCOMPARE(model.index(0, RoleAssignmentsModel::ToColumn).data().toString(),
            RoleHistoryText::until(store.roles(id).first(), store.clock().now()));
        QCOMPARE(model.index(0, RoleAssignmentsModel::ToColumn).data().toString(), u"now"_s);
    }

    // Writes the header and a chip's tooltip to $INCIDENTDESK_SCREENSHOTS for a person to look at.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("INCIDENTDESK_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set INCIDENTDESK_SCREENSHOTS to a folder to write the pictures");
        Store store;
        const qint64 id = store.declare(u"Checkout payments failing"_s, 1, u"Alice"_s, 20);
        store.clock().advance(8 * 60);
        QVERIFY(
            store.service().assignRole(id, Roles::Scribe, u"Carol"_s, std::nullopt, u"t"_s).ok());
        store.clock().advance(6 * 60);
        QVERIFY(store.service()
                    .assignRole(id, Roles::Commander, u"Bob"_s, std::nullopt, u"Alice"_s,
                        u"Rollback of payments-api done; watching error rate"_s)
                    .ok());
        IncidentHeaderWidget header(store.service());
        header.setIncident(id);
        header.resize(1100, header.sizeHint().height());
        header.show();
        QVERIFY(QTest::qWaitForWindowExposed(&header));
        QCoreApplication::processEvents();
        QVERIFY(header.grab().save(dir + u"/whoswho-header.png"_s));
        QLabel tip(header.whosWho()->chip(Roles::Commander)->toolTip());
        tip.setStyleSheet(
            u"QLabel { background: #ffffdc; border: 1px solid #999; padding: 4px; }"_s);
        tip.adjustSize();
        QVERIFY(tip.grab().save(dir + u"/whoswho-tooltip.png"_s));
    }
};

QTEST_MAIN(WhosWhoTest)
#include "tst_whoswho.moc"
