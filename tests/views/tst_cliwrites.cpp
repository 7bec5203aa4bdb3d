#include "changemonitor.h"
#include "incidentpage.h"
#include "mainwindow.h"
#include "quickentrybar.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "viewtestsupport.h"

#include <QLineEdit>
#include <QProcess>
#include <QTest>

using namespace idesk;
using namespace idesk::ViewTest;

// The window open on a file while the real `incidentdesk` binary writes to it, as a
// script or a second responder's terminal would.
class CliWritesTest : public QObject
{
    Q_OBJECT

private:
    static int runCli(const QString &database, const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        environment.remove(QStringLiteral("DISPLAY"));
        process.setProcessEnvironment(environment);
        process.start(qEnvironmentVariable("INCIDENTDESK_BINARY"),
            QStringList {QStringLiteral("--db"), database} + arguments);
        if (!process.waitForFinished(30'000))
            return -1;
        return process.exitCode();
    }

private Q_SLOTS:
    void cliWriteAppearsWithoutLosingTyping()
    {
        Store store;
        QVERIFY(store.isValid());
        const qint64 id
            = store.declare(QStringLiteral("Search is slow"), 2, QStringLiteral("Alice"));
        MainWindow window(store.service());
        window.changeMonitor().setInterval(50);
        QVERIFY(window.selectIncident(id));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QLineEdit *line = window.incidentPage()->quickEntry()->lineEdit();
        line->setFocus();
        QTest::keyClicks(line, QStringLiteral("half-typed note"));
        TimelineModel *timeline = window.incidentPage()->timeline()->timelineModel();
        const int before = timeline->rowCount();

        QCOMPARE(runCli(store.path(),
                     {QStringLiteral("log"), QString::number(id),
                         QStringLiteral("Written from a terminal"), QStringLiteral("--author"),
                         QStringLiteral("Bob")}),
            0);
        QCOMPARE(runCli(store.path(),
                     {QStringLiteral("status"), QString::number(id), QStringLiteral("identified")}),
            0);

        QTRY_VERIFY_WITH_TIMEOUT(timeline->rowCount() >= before + 2, 5000);
        bool seen = false;
        for (int row = 0; row < timeline->rowCount(); ++row) {
            for (int column = 0; column < timeline->columnCount(); ++column)
                seen |= timeline->index(row, column)
                            .data()
                            .toString()
                            .contains(QStringLiteral("Written from a terminal"));
        }
        QVERIFY(seen);
        QTRY_COMPARE(store.header(id).status, Status::Identified);
        QCOMPARE(line->text(), QStringLiteral("half-typed note"));
        QVERIFY(line->hasFocus());
    }
};

QTEST_MAIN(CliWritesTest)
#include "tst_cliwrites.moc"
