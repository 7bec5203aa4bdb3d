// HttpDiagnosticSource against a real Prometheus and a real Alertmanager (Debian's
// packages), started on loopback by RealServers. Missing binaries fail the test: an
// integration test that silently skips proves nothing.
#include "diagnosticpack.h"
#include "httpdiagnosticsource.h"
#include "realservers.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

using namespace idesk;
using namespace idesk::HttpTest;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

// Makes one call on a source and runs the event loop until its callback came.
template<typename T> Result<T> ask(const std::function<void(DiagnosticSource::Callback<T>)> &call)
{
    std::optional<Result<T>> outcome;
    QEventLoop loop;
    QTimer safety;
    safety.setSingleShot(true);
    QObject::connect(&safety, &QTimer::timeout, &loop, &QEventLoop::quit);
    call([&](Result<T> result) {
        outcome.emplace(std::move(result));
        loop.quit();
    });
    if (!outcome) {
        safety.start(60s);
        loop.exec();
    }
    if (!outcome)
        return Error::io(u"no callback within a minute"_s);
    return std::move(*outcome);
}

void pause(std::chrono::milliseconds interval)
{
    QEventLoop loop;
    QTimer::singleShot(interval, &loop, &QEventLoop::quit);
    loop.exec();
}

// Asks again (every 250 ms, for at most 30 s) until `accept` likes the answer; returns
// the last answer either way.
template<typename T>
Result<T> askUntil(const std::function<void(DiagnosticSource::Callback<T>)> &call,
    const std::function<bool(const T &)> &accept)
{
    const QDeadlineTimer deadline(30s);
    while (true) {
        Result<T> result = ask<T>(call);
        if ((result && accept(*result)) || deadline.hasExpired())
            return result;
        pause(250ms);
    }
}

} // namespace

class RealServersTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RealServers> m_servers;
    std::unique_ptr<HttpDiagnosticSource> m_prometheus;
    std::unique_ptr<HttpDiagnosticSource> m_alertmanager;

    Result<QueryResult> query(const QString &promql, const QueryWindow &window = {})
    {
        return ask<QueryResult>([&](auto done) { m_prometheus->query(promql, window, done); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_servers = std::make_unique<RealServers>();
        const VoidResult started = m_servers->start();
        QVERIFY2(started.ok(), qPrintable(started.errorMessage()));
        m_prometheus
            = std::make_unique<HttpDiagnosticSource>(m_servers->prometheusSource(), QString());
        m_alertmanager
            = std::make_unique<HttpDiagnosticSource>(m_servers->alertmanagerSource(), QString());
    }

    void cleanupTestCase()
    {
        m_prometheus.reset();
        m_alertmanager.reset();
        m_servers.reset(); // kills both
    }

    void testConnectionReportsVersions()
    {
        const auto prometheus
            = ask<ServerInfo>([&](auto done) { m_prometheus->testConnection(done); });
        QVERIFY2(prometheus.ok(), qPrintable(prometheus.errorMessage()));
        QCOMPARE(prometheus->product, u"Prometheus"_s);
        QVERIFY2(prometheus->version.contains(u'.'), qPrintable(prometheus->version));

        const auto alertmanager
            = ask<ServerInfo>([&](auto done) { m_alertmanager->testConnection(done); });
        QVERIFY2(alertmanager.ok(), qPrintable(alertmanager.errorMessage()));
        QCOMPARE(alertmanager->product, u"Alertmanager"_s);
        QVERIFY2(alertmanager->version.contains(u'.'), qPrintable(alertmanager->version));
    }

    void instantUpIsOneOnceScraped()
    {
        const auto result = askUntil<QueryResult>(
            [&](auto done) { m_prometheus->query(u"up"_s, {}, done); },
            [](const QueryResult &result) {
                return !result.series.isEmpty() && result.series.at(0).samples.value(0).value == 1;
            });
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->type, QueryResult::Type::Vector);
        QCOMPARE(result->series.size(), 1);
        const Series &up = result->series.at(0);
        QCOMPARE(up.labels.value(u"job"_s), u"prometheus"_s);
        QCOMPARE(
            up.labels.value(u"instance"_s), u"127.0.0.1:%1"_s.arg(m_servers->prometheusPort()));
        QCOMPARE(up.samples.size(), 1);
        QCOMPARE(up.samples.at(0).value, 1.0);
        QVERIFY(!result->raw.isEmpty());
    }

    void rangeQueryOverTheLastMinute()
    {
        QVERIFY(m_servers->waitForFirstScrape().ok());
        const QDateTime end = QDateTime::currentDateTimeUtc();
        const QueryWindow window {end.addSecs(-60), end, 0};
        const auto result = query(u"up"_s, window);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->type, QueryResult::Type::Matrix);
        QCOMPARE(result->series.size(), 1);
        const QList<Sample> &samples = result->series.at(0).samples;
        QVERIFY(!samples.isEmpty());
        for (const Sample &sample : samples) {
            QVERIFY(sample.timeMs >= window.start.toMSecsSinceEpoch());
            QVERIFY(sample.timeMs <= window.end.toMSecsSinceEpoch());
            QCOMPARE(sample.value, 1.0);
        }
    }

    void everyShippedPackQueryRuns()
    {
        // Rates need two scrapes.
        const auto rated = askUntil<QueryResult>(
            [&](auto done) {
                m_prometheus->query(u"rate(process_cpu_seconds_total[5m])"_s, {}, done);
            },
            [](const QueryResult &result) { return !result.series.isEmpty(); });
        QVERIFY2(rated.ok() && !rated->series.isEmpty(), qPrintable(rated.errorMessage()));
        const QList<DiagnosticPack> packs = builtInDiagnosticPacks();
        QVERIFY(packs.size() >= 4);
        const QDateTime end = QDateTime::currentDateTimeUtc();
        const QueryWindow range {end.addSecs(-300), end, 0};

        // All at once, as a pack runs; each result checked when all are in.
        struct Run
        {
            QString name;
            std::optional<Result<QueryResult>> instant;
            std::optional<Result<QueryResult>> range;
        };
        std::vector<Run> runs;
        for (const DiagnosticPack &pack : packs) {
            for (const PackQuery &packQuery : pack.queries)
                runs.push_back({pack.name + u" / "_s + packQuery.title, {}, {}});
        }
        int pending = int(runs.size()) * 2;
        QEventLoop loop;
        std::size_t index = 0;
        for (const DiagnosticPack &pack : packs) {
            for (const PackQuery &packQuery : pack.queries) {
                Run &run = runs.at(index++);
                m_prometheus->query(packQuery.query, {}, [&](Result<QueryResult> result) {
                    run.instant.emplace(std::move(result));
                    if (--pending == 0)
                        loop.quit();
                });
                m_prometheus->query(packQuery.query, range, [&](Result<QueryResult> result) {
                    run.range.emplace(std::move(result));
                    if (--pending == 0)
                        loop.quit();
                });
            }
        }
        QTimer::singleShot(60s, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(pending, 0);
        int withData = 0;
        QStringList empty;
        for (const Run &run : runs) {
            QVERIFY2(
                run.instant->ok(), qPrintable(run.name + u": "_s + run.instant->errorMessage()));
            QVERIFY2(run.range->ok(), qPrintable(run.name + u": "_s + run.range->errorMessage()));
            QCOMPARE((*run.range)->type, QueryResult::Type::Matrix);
            if ((*run.instant)->series.isEmpty())
                empty.append(run.name);
            else
                ++withData;
        }
        // On a Prometheus that scrapes only itself most queries have an answer: the
        // packs fall back to its own metrics.
        qInfo("%d of %d pack queries returned data; empty: %s", withData, int(runs.size()),
            qPrintable(empty.join(u", "_s)));
        QVERIFY(withData >= int(runs.size()) / 2);
    }

    void badQueryIsTheUsersError()
    {
        const auto result = query(u"sum(rate(up[5m]"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, Error::Kind::Validation);
        QVERIFY2(result.errorMessage().contains(u"HTTP 400"_s), qPrintable(result.errorMessage()));
        QVERIFY2(result.errorMessage().contains(u"bad_data"_s), qPrintable(result.errorMessage()));
        QVERIFY2(
            result.errorMessage().contains(u"parse error"_s), qPrintable(result.errorMessage()));
    }

    void targetsShowItselfUp()
    {
        const auto targets
            = askUntil<QList<ScrapeTarget>>([&](auto done) { m_prometheus->targets(done); },
                [](const QList<ScrapeTarget> &targets) {
                    return targets.size() == 1 && targets.at(0).health == u"up";
                });
        QVERIFY2(targets.ok(), qPrintable(targets.errorMessage()));
        QCOMPARE(targets->size(), 1);
        const ScrapeTarget &target = targets->at(0);
        QCOMPARE(target.health, u"up"_s);
        QCOMPARE(target.scrapePool, u"prometheus"_s);
        QCOMPARE(target.labels.value(u"job"_s), u"prometheus"_s);
        QCOMPARE(
            target.scrapeUrl, u"http://127.0.0.1:%1/metrics"_s.arg(m_servers->prometheusPort()));
        QVERIFY(target.lastScrape.isValid());
        QVERIFY(target.lastError.isEmpty());
    }

    void ruleAlertFires()
    {
        const QString name = QString::fromLatin1(RealServers::kAlwaysFiring);
        const auto alerts = askUntil<QList<PrometheusAlert>>(
            [&](auto done) { m_prometheus->prometheusAlerts(done); },
            [&](const QList<PrometheusAlert> &alerts) {
                return std::any_of(alerts.begin(), alerts.end(), [&](const auto &alert) {
                    return alert.labels.value(u"alertname"_s) == name && alert.state == u"firing";
                });
            });
        QVERIFY2(alerts.ok(), qPrintable(alerts.errorMessage()));
        QCOMPARE(alerts->size(), 1);
        QCOMPARE(alerts->at(0).state, u"firing"_s);
        QCOMPARE(alerts->at(0).labels.value(u"severity"_s), u"test"_s);
        QVERIFY(alerts->at(0).activeAt.isValid());
    }

    void postedAlertsComeBack()
    {
        const QDateTime startsAt = QDateTime::currentDateTimeUtc().addSecs(-120);
        const QJsonObject alert {
            {u"labels"_s,
                QJsonObject {{u"alertname"_s, u"ApiDown"_s}, {u"service"_s, u"api"_s},
                    {u"severity"_s, u"critical"_s}}},
            {u"annotations"_s,
                QJsonObject {
                    {u"summary"_s, u"API is down"_s}, {u"runbook"_s, u"https://runbooks/api"_s}}},
            {u"startsAt"_s, startsAt.toString(Qt::ISODateWithMs)},
            {u"generatorURL"_s, u"http://prometheus/graph?g0.expr=up"_s},
        };
        const QByteArray json = QJsonDocument(QJsonArray {alert}).toJson(QJsonDocument::Compact);
        const VoidResult posted = m_servers->postAlerts(json);
        QVERIFY2(posted.ok(), qPrintable(posted.errorMessage()));

        const auto alerts
            = askUntil<QList<Alert>>([&](auto done) { m_alertmanager->activeAlerts(done); },
                [](const QList<Alert> &alerts) {
                    return std::any_of(alerts.begin(), alerts.end(),
                        [](const Alert &alert) { return alert.name() == u"ApiDown"; });
                });
        QVERIFY2(alerts.ok(), qPrintable(alerts.errorMessage()));
        const auto it = std::find_if(alerts->begin(), alerts->end(),
            [](const Alert &alert) { return alert.name() == u"ApiDown"; });
        QVERIFY(it != alerts->end());
        QCOMPARE(it->labels,
            (Labels {{u"alertname"_s, u"ApiDown"_s}, {u"service"_s, u"api"_s},
                {u"severity"_s, u"critical"_s}}));
        QCOMPARE(it->annotations,
            (Labels {{u"summary"_s, u"API is down"_s}, {u"runbook"_s, u"https://runbooks/api"_s}}));
        QCOMPARE(it->startsAt.toMSecsSinceEpoch(), startsAt.toMSecsSinceEpoch());
        QCOMPARE(it->generatorUrl, u"http://prometheus/graph?g0.expr=up"_s);
        QVERIFY(!it->fingerprint.isEmpty());
        QVERIFY(it->endsAt > it->startsAt);
        QVERIFY(it->receivers.contains(u"nowhere"_s));
    }

    void ruleAlertReachesAlertmanager()
    {
        const VoidResult arrived
            = m_servers->waitForAlert(QString::fromLatin1(RealServers::kAlwaysFiring));
        QVERIFY2(arrived.ok(), qPrintable(arrived.errorMessage() + u'\n' + m_servers->logs()));
        const auto alerts
            = ask<QList<Alert>>([&](auto done) { m_alertmanager->activeAlerts(done); });
        QVERIFY2(alerts.ok(), qPrintable(alerts.errorMessage()));
        const auto it = std::find_if(alerts->begin(), alerts->end(), [](const Alert &alert) {
            return alert.name() == QLatin1String(RealServers::kAlwaysFiring);
        });
        QVERIFY(it != alerts->end());
        QCOMPARE(it->labels.value(u"severity"_s), u"test"_s);
        QVERIFY(it->generatorUrl.startsWith(m_servers->prometheusUrl().toString()));
    }
};

QTEST_GUILESS_MAIN(RealServersTest)
#include "tst_realservers.moc"
