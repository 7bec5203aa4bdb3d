#include "clirunner.h"
#include "realservers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using idesk::HttpTest::RealServers;

// `incidentdesk diagnose` through the real binary, with no display, against Debian's
// Prometheus started on loopback by the test: a query and a pack pinned with their
// charts, one summary line each, and refusals that pin nothing.
class CliDiagnoseTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CliRunner> m_cli;
    std::unique_ptr<RealServers> m_servers;

    QJsonArray diagnostics()
    {
        const auto r = m_cli->run({u"show"_s, u"INC-1"_s, u"--json"_s});
        return QJsonDocument::fromJson(r.out).object().value(u"diagnostics"_s).toArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_servers = std::make_unique<RealServers>();
        const auto started = m_servers->start();
        QVERIFY2(started, qPrintable(started.errorMessage()));
        const auto scraped = m_servers->waitForFirstScrape();
        QVERIFY2(scraped, qPrintable(scraped.errorMessage()));
        m_cli = std::make_unique<CliRunner>(
            m_dir.filePath(u"d.sqlite3"_s), m_dir.filePath(u"data"_s));
        m_cli->environment().remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        QCOMPARE(m_cli
                     ->run({u"declare"_s, u"--title"_s, u"Prometheus slow"_s, u"--severity"_s,
                         u"SEV-2"_s})
                     .exitCode,
            0);
        const QString url = m_servers->prometheusUrl().toString();
        QCOMPARE(m_cli
                     ->run({u"sources"_s, u"add"_s, u"prom"_s, u"--kind"_s, u"prometheus"_s,
                         u"--url"_s, url, u"--timeout"_s, u"10"_s})
                     .exitCode,
            0);
    }

    void cleanupTestCase() { m_servers.reset(); }

    void aQueryIsPinnedWithItsChart()
    {
        const auto r = m_cli->run({u"diagnose"_s, u"INC-1"_s, u"--source"_s, u"prom"_s,
            u"--query"_s, u"up"_s, u"--since"_s, u"5m"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList lines = r.stdoutText().trimmed().split(u'\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].startsWith(u"pinned  up: 1 series"_s), qPrintable(lines[0]));
        const QJsonArray pinned = diagnostics();
        QCOMPARE(pinned.size(), 1);
        const QJsonObject snapshot = pinned.at(0).toObject();
        QCOMPARE(snapshot.value(u"source"_s).toString(), u"prom"_s);
        QCOMPARE(snapshot.value(u"query"_s).toString(), u"up"_s);
        // What Prometheus really answered, kept as it was.
        const QJsonObject result = snapshot.value(u"result"_s).toObject();
        QCOMPARE(result.value(u"status"_s).toString(), u"success"_s);
        QCOMPARE(result.value(u"data"_s).toObject().value(u"resultType"_s).toString(), u"matrix"_s);
        QVERIFY(!snapshot.value(u"chart_png"_s).toString().isEmpty());
        // And a `diagnostic` entry on the timeline.
        const auto shown = m_cli->run({u"show"_s, u"INC-1"_s, u"--json"_s});
        bool entry = false;
        for (const auto &e :
            QJsonDocument::fromJson(shown.out).object().value(u"timeline"_s).toArray())
            entry |= e.toObject().value(u"kind"_s).toString() == u"diagnostic"_s;
        QVERIFY(entry);
    }

    void aPackPinsEveryQuery()
    {
        const int before = int(diagnostics().size());
        const auto r = m_cli->run({u"diagnose"_s, u"1"_s, u"--source"_s, u"PROM"_s, u"--pack"_s,
            u"service health"_s, u"--since"_s, u"10m"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList lines = r.stdoutText().trimmed().split(u'\n');
        QVERIFY(lines.size() >= 2);
        for (const auto &line : lines)
            QVERIFY2(line.startsWith(u"pinned  "_s), qPrintable(line));
        QCOMPARE(diagnostics().size(), before + lines.size());
    }

    void refusalsPinNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no source")
            << QStringList {u"diagnose"_s, u"1"_s, u"--query"_s, u"up"_s} << 2 << u"--source"_s;
        QTest::newRow("both") << QStringList {u"diagnose"_s, u"1"_s, u"--source"_s, u"prom"_s,
            u"--query"_s, u"up"_s, u"--pack"_s, u"x"_s}
                              << 2 << u"either"_s;
        QTest::newRow("bad since") << QStringList {u"diagnose"_s, u"1"_s, u"--source"_s, u"prom"_s,
            u"--query"_s, u"up"_s, u"--since"_s, u"yesterday"_s}
                                   << 2 << u"duration"_s;
        QTest::newRow("unknown pack")
            << QStringList {u"diagnose"_s, u"1"_s, u"--source"_s, u"prom"_s, u"--pack"_s, u"nope"_s}
            << 2 << u"Service health"_s;
        QTest::newRow("unknown source") << QStringList {u"diagnose"_s, u"1"_s, u"--source"_s,
            u"graphite"_s, u"--query"_s, u"up"_s}
                                        << 1 << u"prom"_s;
        QTest::newRow("unknown incident")
            << QStringList {u"diagnose"_s, u"9"_s, u"--source"_s, u"prom"_s, u"--query"_s, u"up"_s}
            << 1 << u"INC-9"_s;
        QTest::newRow("bad promql") << QStringList {u"diagnose"_s, u"1"_s, u"--source"_s, u"prom"_s,
            u"--query"_s, u"sum(("_s}
                                    << 1 << u"parse error"_s;
        QTest::newRow("server down")
            << QStringList {u"diagnose"_s, u"1"_s, u"--source"_s, u"down"_s, u"--query"_s, u"up"_s}
            << 1 << u"refused"_s;
    }

    void refusalsPinNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        if (m_cli->run({u"sources"_s, u"--json"_s}).stdoutText().count(u"\"down\""_s) == 0) {
            QTcpServer probe; // a port nobody listens on once it closes
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            const QString url = u"http://127.0.0.1:%1"_s.arg(probe.serverPort());
            probe.close();
            QCOMPARE(m_cli
                         ->run({u"sources"_s, u"add"_s, u"down"_s, u"--kind"_s, u"prometheus"_s,
                             u"--url"_s, url, u"--timeout"_s, u"3"_s})
                         .exitCode,
                0);
        }
        const int before = int(diagnostics().size());
        const auto r = m_cli->run(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.stderrText().contains(message, Qt::CaseInsensitive), qPrintable(r.stderrText()));
        QCOMPARE(diagnostics().size(), before);
    }
};

QTEST_GUILESS_MAIN(CliDiagnoseTest)
#include "tst_cli_diagnose.moc"
