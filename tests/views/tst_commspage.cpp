#include "cadenceindicator.h"
#include "checklistmodel.h"
#include "commspage.h"
#include "incidentpage.h"
#include "mainwindow.h"
#include "statusupdatecomposer.h"
#include "statusupdatesmodel.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace idesk;
using namespace idesk::ViewTest;

// The commander's first fifteen minutes, driven through the widgets on a real
// file and a manual clock: cadence, composer, checklist, reminder.
class CommsPageTest : public QObject
{
    Q_OBJECT

private:
    static QPushButton *button(QWidget *root, const QString &text)
    {
        for (auto *b : root->findChildren<QPushButton *>()) {
            if (b->text().remove(u'&') == text)
                return b;
        }
        return nullptr;
    }

private Q_SLOTS:
    void postingAnUpdateRestartsTheCountdown()
    {
        Store store;
        QVERIFY(store.isValid());
        const qint64 id
            = store.declare(QStringLiteral("Checkout failing"), 1, QStringLiteral("Alice"));
        CommsPage page(store.service());
        page.setUserName(QStringLiteral("Carol"));
        page.setIncident(id);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // SEV-1: the first update is due 15 minutes after declaring.
        store.clock().advance(16 * 60);
        page.cadence()->tick();
        QCOMPARE(page.cadence()->status().state, UpdateCadence::State::Overdue);

        StatusUpdateComposer *composer = page.composer();
        QVERIFY(composer->statusField()->text().contains(QStringLiteral("Checkout failing")));
        QCOMPARE(composer->nextMinutesField()->value(), 15);
        composer->statusField()->clear();
        QTest::keyClicks(composer->statusField(), QStringLiteral("Investigating checkout errors"));
        composer->impactField()->clear();
        QTest::keyClicks(composer->impactField(), QStringLiteral("30% of payments fail"));
        QTest::mouseClick(button(composer, QStringLiteral("Post update")), Qt::LeftButton);
        QVERIFY2(composer->errorText().isEmpty(), qPrintable(composer->errorText()));

        const Incident incident = *store.repository().loadIncident(id);
        QCOMPARE(incident.statusUpdates.size(), 1);
        QCOMPARE(incident.statusUpdates[0].status, QStringLiteral("Investigating checkout errors"));
        QCOMPARE(incident.statusUpdates[0].impact, QStringLiteral("30% of payments fail"));
        QCOMPARE(incident.statusUpdates[0].nextUpdateAt, store.clock().now().addSecs(15 * 60));
        bool onTimeline = false;
        for (const auto &entry : incident.timeline)
            onTimeline |= entry.kind == EntryKind::Update
                && entry.text.contains(QStringLiteral("Investigating checkout errors"));
        QVERIFY(onTimeline);

        QCOMPARE(page.updatesModel()->rowCount(), 1);
        QCOMPARE(page.cadence()->status().state, UpdateCadence::State::OnTrack);
        QCOMPARE(page.cadence()->status().secondsLeft, 15 * 60);
        // The next offered template is the routine one.
        QVERIFY(!composer->statusField()->text().isEmpty());
    }

    void anEmptyUpdateIsRefusedAndWritesNothing()
    {
        Store store;
        const qint64 id = store.declare(QStringLiteral("Latency"), 2);
        CommsPage page(store.service());
        page.setIncident(id);
        page.composer()->statusField()->clear();
        QVERIFY(!page.composer()->post());
        QVERIFY(!page.composer()->errorText().isEmpty());
        QVERIFY(store.repository().loadIncident(id)->statusUpdates.isEmpty());
    }

    void copiesAsSlack()
    {
        Store store;
        const qint64 id = store.declare(QStringLiteral("API <outage>"), 1);
        CommsPage page(store.service());
        page.setIncident(id);
        page.show();
        QTest::mouseClick(button(page.composer(), QStringLiteral("Copy Slack")), Qt::LeftButton);
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(copied.contains(QStringLiteral("API &lt;outage&gt;")), qPrintable(copied));
    }

    void savedTemplateIsOfferedNextTime()
    {
        Store store;
        const qint64 id = store.declare(QStringLiteral("Queue backlog"), 2);
        {
            CommsPage page(store.service());
            page.setIncident(id);
            page.composer()->statusField()->setText(QStringLiteral("Looking into {title} now"));
            QVERIFY(page.composer()->saveAsTemplate());
        }
        CommsPage again(store.service());
        again.setIncident(id);
        QCOMPARE(again.composer()->statusField()->text(),
            QStringLiteral("Looking into Queue backlog now"));
    }

    void tickingTheChecklistByKeyboardLogsIt()
    {
        Store store;
        const qint64 id = store.declare(QStringLiteral("DB failover"), 1, QStringLiteral("Alice"));
        CommsPage page(store.service());
        page.setUserName(QStringLiteral("Alice"));
        page.setIncident(id);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QAbstractItemModelTester tester(
            page.checklistModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        ChecklistModel *model = page.checklistModel();
        int channelRow = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->stateAt(row).item.key == u"open-channel")
                channelRow = row;
        }
        QVERIFY(channelRow >= 0);
        // The commander was named at declaration: that item ticked itself.
        QVERIFY(model->stateAt(0).done);
        QVERIFY(model->stateAt(0).automatic);
        QVERIFY(!(model->flags(model->index(0)) & Qt::ItemIsUserCheckable));

        QListView *view = page.checklistView();
        view->setFocus();
        view->setCurrentIndex(model->index(channelRow));
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(model->stateAt(channelRow).done);
        auto timeline = store.timeline(id);
        QCOMPARE(timeline.last().link.type, Checklist::kTickLink);
        QCOMPARE(timeline.last().author, QStringLiteral("Alice"));
        QVERIFY(timeline.last().text.contains(QStringLiteral("channel")));

        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(!model->stateAt(channelRow).done);
        timeline = store.timeline(id);
        QCOMPARE(timeline.last().link.type, Checklist::kUntickLink);

        // Assigning a scribe elsewhere ticks the scribe item by itself.
        QVERIFY(store.service()
                    .assignRole(id, Roles::Scribe, QStringLiteral("Dana"), std::nullopt,
                        QStringLiteral("Alice"))
                    .ok());
        page.refresh(); // what IncidentPage does on the service's change signal
        bool scribeDone = false;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->stateAt(row).item.key == u"assign-scribe")
                scribeDone = model->stateAt(row).done;
        }
        QVERIFY(scribeDone);
    }

    void raisingTheSeverityShortensTheCountdownAndRemindsWhenDue()
    {
        Store store;
        const qint64 id = store.declare(QStringLiteral("Slow search"), 3);
        MainWindow window(store.service());
        QVERIFY(window.selectIncident(id));
        IncidentPage *page = window.incidentPage();
        QCOMPARE(page->cadence()->status().secondsLeft, 60 * 60);

        QVERIFY(store.service().changeSeverity(id, 1, std::nullopt, QStringLiteral("Alice")).ok());
        QCOMPARE(page->cadence()->status().secondsLeft, 15 * 60);

        store.clock().advance(15 * 60 + 1);
        page->cadence()->tick();
        QVERIFY(window.lastReminder().contains(formatIncidentId(id)));

        QVERIFY(store.service()
                    .changeStatus(id, Status::Resolved, std::nullopt, QStringLiteral("Alice"))
                    .ok());
        QCOMPARE(page->cadence()->status().state, UpdateCadence::State::NotRequired);
        QVERIFY(!page->cadence()->isVisibleTo(page));
    }
};

QTEST_MAIN(CommsPageTest)
#include "tst_commspage.moc"
