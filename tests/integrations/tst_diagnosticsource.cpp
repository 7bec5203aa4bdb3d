// HttpDiagnosticSource against a local server that the test scripts: what it sends
// (paths, parameters, auth), and that every way a server can fail ends in exactly one
// callback with one clear line, from the event loop, and none after cancelAll() or the
// source's destruction.
#include "httpdiagnosticsource.h"
#include "httpdiagnosticsourcefactory.h"
#include "testhttpserver.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace idesk;
using namespace idesk::HttpTest;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kVector = R"({"status":"success","data":{"resultType":"vector","result":[)"
                           R"({"metric":{"__name__":"up","job":"prometheus"},)"
                           R"("value":[1795496430.934,"1"]}]}})"_ba;

const QByteArray kMatrix = R"({"status":"success","data":{"resultType":"matrix","result":[)"
                           R"({"metric":{"job":"a"},"values":[[1,"1"],[2,"0"]]}]}})"_ba;

// Where a callback's result lands; shared so that a late callback could never write
// into a finished test's stack.
template<typename T> struct Outcome
{
    int calls = 0;
    std::optional<Result<T>> result;
    QEventLoop *loop = nullptr;

    // The value; only after a successful result.
    const T &operator*() const { return result->value(); }
    const T *operator->() const { return &result->value(); }
};

template<typename T> using OutcomePtr = std::shared_ptr<Outcome<T>>;

template<typename T> DiagnosticSource::Callback<T> catcher(const OutcomePtr<T> &outcome)
{
    return [outcome](Result<T> result) {
        ++outcome->calls;
        outcome->result.emplace(std::move(result));
        if (outcome->loop)
            outcome->loop->quit();
    };
}

// Runs the event loop until the callback came (or a generous bound passed).
template<typename T>
bool waitFor(const OutcomePtr<T> &outcome, std::chrono::milliseconds bound = 20s)
{
    if (outcome->calls > 0)
        return true;
    QEventLoop loop;
    QTimer safety;
    safety.setSingleShot(true);
    QObject::connect(&safety, &QTimer::timeout, &loop, &QEventLoop::quit);
    safety.start(bound);
    outcome->loop = &loop;
    loop.exec();
    outcome->loop = nullptr;
    return outcome->calls > 0;
}

template<typename T> OutcomePtr<T> outcome()
{
    return std::make_shared<Outcome<T>>();
}

DataSource prometheusAt(const QUrl &url)
{
    DataSource source;
    source.name = u"prom"_s;
    source.kind = DataSource::Kind::Prometheus;
    source.url = url.toString();
    source.timeoutSeconds = 10;
    return source;
}

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QString parameter(const ReceivedRequest &request, const QString &key)
{
    const QByteArray target = request.target;
    const qsizetype mark = target.indexOf('?');
    const QUrlQuery query(QString::fromLatin1(mark < 0 ? request.body : target.mid(mark + 1)));
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

// A matrix answer of `seriesCount` series of `points` samples; when not `valid`, the
// very last sample is not a pair.
QByteArray bigMatrix(int seriesCount, int points, bool valid)
{
    QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[)";
    for (int s = 0; s < seriesCount; ++s) {
        body += s ? "," : "";
        body += R"({"metric":{"__name__":"http_requests_total","job":"api","instance":"10.0.)"
            + QByteArray::number(s) + R"(:8080"},"values":[)";
        for (int p = 0; p < points; ++p) {
            body += p ? "," : "";
            const bool last = s == seriesCount - 1 && p == points - 1;
            body += !valid && last ? QByteArray("7")
                                   : "[" + QByteArray::number(1700000000 + p * 15) + ",\""
                    + QByteArray::number(p * 0.25) + "\"]";
        }
        body += "]}";
    }
    return body + "]}}";
}

QByteArray path(const ReceivedRequest &request)
{
    return request.target.split('?').constFirst();
}

} // namespace

class DiagnosticSourceTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHttpServer> m_server;
    TestHttpServer &server() { return *m_server; }
    std::unique_ptr<HttpDiagnosticSource> source(DataSource config, const QString &secret = {})
    {
        return std::make_unique<HttpDiagnosticSource>(std::move(config), secret);
    }
    std::unique_ptr<HttpDiagnosticSource> prometheus(const QString &secret = {})
    {
        return source(prometheusAt(server().url(u"/"_s)), secret);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestHttpServer>();
        QVERIFY(m_server->listen());
    }

    void cleanup() { m_server.reset(); }

    void instantQuerySendsQueryTimeAndToken()
    {
        server().route("/api/v1/query", Behaviour::Ok);
        server().setOkBody(kVector);
        auto prom = prometheus(u"s3cr3t-token"_s);
        DataSource config = prom->config();
        config.auth = DataSource::Auth::Bearer;
        prom = source(config, u"s3cr3t-token"_s);

        // "+" must arrive as a plus, not as a form-encoded space.
        const QString promql = u"sum(rate(x{le=\"+Inf\"}[5m])) + 1 > 0 & 2"_s;
        auto result = outcome<QueryResult>();
        const QDateTime at = utc(1700000000250);
        prom->query(promql, {at, at, 0}, catcher(result));
        QCOMPARE(result->calls, 0); // never inside the call
        QVERIFY(waitFor(result));
        QVERIFY2(result->result->ok(), qPrintable(result->result->errorMessage()));
        QCOMPARE((*result)->type, QueryResult::Type::Vector);
        QCOMPARE((*result)->series.size(), 1);
        QCOMPARE((*result)->raw, kVector);

        QCOMPARE(server().requests().size(), 1);
        const ReceivedRequest &request = server().requests().constFirst();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(path(request), QByteArray("/api/v1/query"));
        QVERIFY2(!request.target.contains('+'), request.target.constData());
        QCOMPARE(parameter(request, u"query"_s), promql);
        QCOMPARE(parameter(request, u"time"_s), u"1700000000.250"_s);
        QCOMPARE(parameter(request, u"timeout"_s), u"10s"_s);
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer s3cr3t-token"));
        QCOMPARE(request.header("Accept"), QByteArray("application/json"));
        QCOMPARE(result->calls, 1);
    }

    void instantQueryWithoutTimeMeansNow()
    {
        server().route("/api/v1/query", Behaviour::Ok);
        server().setOkBody(kVector);
        auto prom = prometheus();
        auto result = outcome<QueryResult>();
        prom->query(u"up"_s, {}, catcher(result));
        QVERIFY(waitFor(result));
        QVERIFY(result->result->ok());
        QCOMPARE(parameter(server().requests().constFirst(), u"time"_s), QString());
        QVERIFY(server().requests().constFirst().header("Authorization").isEmpty());
    }

    void basicAuth()
    {
        server().route("/api/v2/alerts", Behaviour::Ok);
        server().setOkBody("[]");
        DataSource config = prometheusAt(server().url(u"/"_s));
        config.kind = DataSource::Kind::Alertmanager;
        config.auth = DataSource::Auth::Basic;
        config.username = u"ops"_s;
        auto am = source(config, u"pa:ss"_s);
        auto result = outcome<QList<Alert>>();
        am->activeAlerts(catcher(result));
        QVERIFY(waitFor(result));
        QVERIFY2(result->result->ok(), qPrintable(result->result->errorMessage()));
        const ReceivedRequest &request = server().requests().constFirst();
        QCOMPARE(request.header("Authorization"), "Basic " + QByteArray("ops:pa:ss").toBase64());
        QCOMPARE(parameter(request, u"active"_s), u"true"_s);
    }

    void missingTokenIsRefusedWithoutCalling()
    {
        DataSource config = prometheusAt(server().url(u"/"_s));
        config.auth = DataSource::Auth::Bearer;
        auto prom = source(config);
        auto result = outcome<QueryResult>();
        prom->query(u"up"_s, {}, catcher(result));
        QCOMPARE(result->calls, 0);
        QVERIFY(waitFor(result));
        QCOMPARE(result->result->error().kind, Error::Kind::Validation);
        QVERIFY(result->result->errorMessage().contains(u"No token"_s));
        QVERIFY(server().requests().isEmpty());
    }

    void basePathPrefix_data()
    {
        QTest::addColumn<QString>("base");
        QTest::newRow("trailing slash") << u"/prom/"_s;
        QTest::newRow("no trailing slash") << u"/prom"_s;
        QTest::newRow("query and fragment dropped") << u"/prom/?x=1#y"_s;
    }

    void basePathPrefix()
    {
        QFETCH(QString, base);
        server().route("/prom/api/v1/targets", Behaviour::Ok);
        server().setOkBody(R"({"status":"success","data":{"activeTargets":[]}})"_ba);
        auto prom = source(prometheusAt(server().url(base)));
        auto result = outcome<QList<ScrapeTarget>>();
        prom->targets(catcher(result));
        QVERIFY(waitFor(result));
        QVERIFY2(result->result->ok(), qPrintable(result->result->errorMessage()));
        QCOMPARE(server().requests().constFirst().target,
            QByteArray("/prom/api/v1/targets?state=active"));
    }

    void rangeQueryStep_data()
    {
        QTest::addColumn<qint64>("spanSeconds");
        QTest::addColumn<int>("step"); // 0: chosen
        QTest::addColumn<QString>("expected");
        QTest::newRow("an hour: about 250 points") << qint64(3600) << 0 << u"15s"_s;
        QTest::newRow("a minute: at least a second") << qint64(60) << 0 << u"1s"_s;
        QTest::newRow("a day") << qint64(86400) << 0 << u"346s"_s;
        QTest::newRow("the window's own") << qint64(3600) << 60 << u"60s"_s;
    }

    void rangeQueryStep()
    {
        QFETCH(qint64, spanSeconds);
        QFETCH(int, step);
        QFETCH(QString, expected);
        server().route("/api/v1/query_range", Behaviour::Ok);
        server().setOkBody(kMatrix);
        auto prom = prometheus();
        const QDateTime end = utc(1700000000000);
        const QueryWindow window {end.addSecs(-spanSeconds), end, step};
        QCOMPARE(u"%1s"_s.arg(HttpDiagnosticSource::stepSeconds(window)), expected);
        auto result = outcome<QueryResult>();
        prom->query(u"up"_s, window, catcher(result));
        QVERIFY(waitFor(result));
        QVERIFY2(result->result->ok(), qPrintable(result->result->errorMessage()));
        QCOMPARE((*result)->type, QueryResult::Type::Matrix);
        const ReceivedRequest &request = server().requests().constFirst();
        QCOMPARE(path(request), QByteArray("/api/v1/query_range"));
        QCOMPARE(parameter(request, u"step"_s), expected);
        QCOMPARE(
            parameter(request, u"start"_s), QString::number(1700000000 - spanSeconds) + u".000"_s);
        QCOMPARE(parameter(request, u"end"_s), u"1700000000.000"_s);
    }

    void badWindowsAreRefused_data()
    {
        QTest::addColumn<QueryWindow>("window");
        const QDateTime end = utc(1700000000000);
        QTest::newRow("ends before it starts") << QueryWindow {end, end.addSecs(-60), 0};
        QTest::newRow("no start") << QueryWindow {QDateTime(), end, 0};
        QTest::newRow("negative step") << QueryWindow {end.addSecs(-60), end, -5};
    }

    void badWindowsAreRefused()
    {
        QFETCH(QueryWindow, window);
        auto prom = prometheus();
        auto result = outcome<QueryResult>();
        prom->query(u"up"_s, window, catcher(result));
        QVERIFY(waitFor(result));
        QCOMPARE(result->result->error().kind, Error::Kind::Validation);
        QVERIFY(server().requests().isEmpty());
    }

    void longQueryIsPostedAsForm()
    {
        server().route("/api/v1/query", Behaviour::Ok);
        server().setOkBody(kVector);
        auto prom = prometheus();
        QString promql = u"up"_s;
        while (promql.size() < 5000)
            promql += u" or up{job=\"a+b\"}"_s;
        auto result = outcome<QueryResult>();
        prom->query(promql, {}, catcher(result));
        QVERIFY(waitFor(result));
        QVERIFY2(result->result->ok(), qPrintable(result->result->errorMessage()));
        const ReceivedRequest &request = server().requests().constFirst();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/api/v1/query"));
        QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(parameter(request, u"query"_s), promql);
    }

    void prometheusErrorBodySurfaces()
    {
        server().route("/api/v1/query", Behaviour::PrometheusError);
        auto prom = prometheus();
        auto result = outcome<QueryResult>();
        prom->query(u"up"_s, {}, catcher(result));
        QVERIFY(waitFor(result));
        QVERIFY(!result->result->ok());
        const QString message = result->result->errorMessage();
        QCOMPARE(result->result->error().kind, Error::Kind::Io);
        QVERIFY2(message.contains(u"HTTP 500"_s), qPrintable(message));
        QVERIFY2(message.contains(
                     u"internal: query processing would load too many samples into memory"_s),
            qPrintable(message));
        QVERIFY2(message.contains(server().url(u""_s).toString()), qPrintable(message));
        QVERIFY(!message.contains(u'\n'));
    }

    void failures_data()
    {
        QTest::addColumn<Behaviour>("behaviour");
        QTest::addColumn<QByteArray>("body"); // for Ok
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated") << Behaviour::Truncated << QByteArray() << u"cut off"_s;
        QTest::newRow("not json") << Behaviour::Ok << "<html><body>502 Bad Gateway</body></html>"_ba
                                  << u"is unusable: the answer is not JSON"_s;
        QTest::newRow("cut-off json, complete http")
            << Behaviour::Ok << kVector.left(40) << u"is unusable: the answer is cut off"_s;
        QTest::newRow("wrong-typed json")
            << Behaviour::Ok
            << R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]},)"
               R"({"metric":{},"value":[1,"1"]},{"metric":{},"value":[1,"1"]},{"metric":{},"value":"1"}]}})"_ba
            << u"is unusable: data.result[3].value is not a [time, value] pair"_s;
        QTest::newRow("not found")
            << Behaviour::NotFoundEcho << QByteArray() << u"answered HTTP 404"_s;
        QTest::newRow("too large, sized")
            << Behaviour::Huge << QByteArray() << u"larger than the 32"_s;
        QTest::newRow("too large, streamed")
            << Behaviour::HugeUnsized << QByteArray() << u"larger than the 32"_s;
    }

    void failures()
    {
        QFETCH(Behaviour, behaviour);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        server().route("/api/v1/query", behaviour);
        server().setOkBody(body);
        auto prom = prometheus();
        auto result = outcome<QueryResult>();
        prom->query(u"up"_s, {}, catcher(result));
        QVERIFY(waitFor(result));
        QVERIFY(!result->result->ok());
        QCOMPARE(result->result->error().kind, Error::Kind::Io);
        QVERIFY2(result->result->errorMessage().contains(message),
            qPrintable(result->result->errorMessage()));
        QVERIFY(!result->result->errorMessage().contains(u'\n'));
        // A huge body is dropped once past the cap, not read to its end.
        QVERIFY(server().hugeBytesQueued() < TestHttpServer::kHugeBytes);
        QCOMPARE(prom->pendingCount(), 0);
    }

    void hangingServerTimesOutWhileTheLoopTicks()
    {
        server().route("/api/v1/query", Behaviour::Hang);
        DataSource config = prometheusAt(server().url(u"/"_s));
        config.timeoutSeconds = 1;
        auto prom = source(config);
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10ms);
        auto result = outcome<QueryResult>();
        prom->query(u"up"_s, {}, catcher(result));
        QVERIFY(waitFor(result));
        ticker.stop();
        QVERIFY(!result->result->ok());
        const QString message = result->result->errorMessage();
        QVERIFY2(message.contains(u"did not answer within 1000 ms"_s), qPrintable(message));
        // The wait ran the event loop: the timer kept firing throughout.
        QVERIFY2(ticks >= 2, qPrintable(QString::number(ticks)));
    }

    void connectionRefused()
    {
        DataSource config = prometheusAt(QUrl(u"http://127.0.0.1:%1/"_s.arg(closedPort())));
        auto prom = source(config);
        auto result = outcome<ServerInfo>();
        prom->testConnection(catcher(result));
        QVERIFY(waitFor(result));
        QVERIFY(!result->result->ok());
        QVERIFY2(result->result->errorMessage().contains(u"Connection refused"_s),
            qPrintable(result->result->errorMessage()));
    }

    void messagesNameTheOriginOnly()
    {
        // A path prefix can be a secret (a token in the path), and so is the token;
        // the 404 page echoes the whole request target.
        DataSource config = prometheusAt(server().url(u"/tenant-7f3a9c/"_s));
        config.auth = DataSource::Auth::Bearer;
        auto prom = source(config, u"tok-81d2e6"_s);
        auto result = outcome<QList<PrometheusAlert>>();
        prom->prometheusAlerts(catcher(result));
        QVERIFY(waitFor(result));
        const QString message = result->result->errorMessage();
        QVERIFY2(message.contains(u"404"_s), qPrintable(message));
        QVERIFY2(!message.contains(u"tenant-7f3a9c"_s), qPrintable(message));
        QVERIFY2(!message.contains(u"tok-81d2e6"_s), qPrintable(message));
        QVERIFY2(!message.contains(u"api/v1"_s), qPrintable(message));
    }

    void wrongKindIsRefusedFromTheLoop()
    {
        DataSource config = prometheusAt(server().url(u"/"_s));
        config.kind = DataSource::Kind::Alertmanager;
        auto am = source(config);
        auto range = outcome<QueryResult>();
        const QDateTime end = utc(1700000000000);
        am->query(u"up"_s, {end.addSecs(-60), end, 0}, catcher(range));
        auto targets = outcome<QList<ScrapeTarget>>();
        am->targets(catcher(targets));
        QCOMPARE(range->calls, 0);
        QCOMPARE(targets->calls, 0);
        QVERIFY(waitFor(range));
        QVERIFY(waitFor(targets));
        QCOMPARE(range->result->error().kind, Error::Kind::Validation);
        QVERIFY2(range->result->errorMessage().contains(u"Alertmanager"_s),
            qPrintable(range->result->errorMessage()));
        QCOMPARE(targets->result->error().kind, Error::Kind::Validation);

        auto prom = prometheus();
        auto alerts = outcome<QList<Alert>>();
        prom->activeAlerts(catcher(alerts));
        QVERIFY(waitFor(alerts));
        QCOMPARE(alerts->result->error().kind, Error::Kind::Validation);
        QVERIFY(server().requests().isEmpty());
    }

    void prometheusAlertsAndTargets()
    {
        server().route("/api/v1/alerts", Behaviour::Ok);
        server().setOkBody(
            R"({"status":"success","data":{"alerts":[{"labels":{"alertname":"X"},"state":"firing",)"
            R"("activeAt":"2026-11-24T05:00:25.320217217Z","value":"1e+00"}]}})"_ba);
        auto prom = prometheus();
        auto alerts = outcome<QList<PrometheusAlert>>();
        prom->prometheusAlerts(catcher(alerts));
        QVERIFY(waitFor(alerts));
        QVERIFY2(alerts->result->ok(), qPrintable(alerts->result->errorMessage()));
        QCOMPARE((*alerts)->size(), 1);
        QCOMPARE((*alerts)->at(0).state, u"firing"_s);
    }

    void testConnection_data()
    {
        QTest::addColumn<DataSource::Kind>("kind");
        QTest::addColumn<QByteArray>("route");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ServerInfo>("expected");
        QTest::newRow("prometheus") << DataSource::Kind::Prometheus << "/api/v1/status/buildinfo"_ba
                                    << R"({"status":"success","data":{"version":"2.42.0+ds"}})"_ba
                                    << ServerInfo {u"Prometheus"_s, u"2.42.0+ds"_s};
        QTest::newRow("alertmanager") << DataSource::Kind::Alertmanager << "/api/v2/status"_ba
                                      << R"({"versionInfo":{"version":"0.25.0"}})"_ba
                                      << ServerInfo {u"Alertmanager"_s, u"0.25.0"_s};
    }

    void testConnection()
    {
        QFETCH(DataSource::Kind, kind);
        QFETCH(QByteArray, route);
        QFETCH(QByteArray, body);
        QFETCH(ServerInfo, expected);
        server().route(route, Behaviour::Ok);
        server().setOkBody(body);
        DataSource config = prometheusAt(server().url(u"/"_s));
        config.kind = kind;
        HttpDiagnosticSourceFactory factory;
        std::unique_ptr<DiagnosticSource> made = factory.create(config, {});
        auto result = outcome<ServerInfo>();
        made->testConnection(catcher(result));
        QVERIFY(waitFor(result));
        QVERIFY2(result->result->ok(), qPrintable(result->result->errorMessage()));
        QCOMPARE(**result, expected);
        QCOMPARE(made->config(), config);
    }

    void webhookIsCheckedNotCalled_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<bool>("ok");
        QTest::newRow("https url")
            << u"https://hooks.example.com/services/T0/B0/XyZsecret"_s << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("not a url") << u"XyZsecret"_s << false;
        QTest::newRow("ftp") << u"ftp://hooks.example.com/XyZsecret"_s << false;
    }

    void webhookIsCheckedNotCalled()
    {
        QFETCH(QString, secret);
        QFETCH(bool, ok);
        DataSource config = prometheusAt(server().url(u"/"_s));
        config.kind = DataSource::Kind::Webhook;
        auto hook = source(config, secret);
        auto result = outcome<ServerInfo>();
        hook->testConnection(catcher(result));
        QCOMPARE(result->calls, 0);
        QVERIFY(waitFor(result));
        QCOMPARE(result->result->ok(), ok);
        if (ok)
            QCOMPARE((*result)->product, u"Webhook"_s);
        else
            QVERIFY(!result->result->errorMessage().contains(u"XyZsecret"_s));
        QVERIFY(server().requests().isEmpty());
    }

    void cancelAllDropsCallbacks()
    {
        server().route("/api/v1/query", Behaviour::Hang);
        server().route("/api/v1/status/buildinfo", Behaviour::Ok);
        server().setOkBody(R"({"status":"success","data":{"version":"1"}})"_ba);
        auto prom = prometheus();
        auto hanging = outcome<QueryResult>();
        prom->query(u"up"_s, {}, catcher(hanging));
        QTRY_COMPARE(server().waiting(), 1); // the request is at the server
        auto queuedFailure = outcome<QList<Alert>>(); // a refusal waiting in the queue
        prom->activeAlerts(catcher(queuedFailure));
        QCOMPARE(prom->pendingCount(), 1);

        prom->cancelAll();
        QCOMPARE(prom->pendingCount(), 0);

        // Whatever the cancelled work would have posted was posted before this
        // request's answer arrives; the source still works after cancelAll().
        auto after = outcome<ServerInfo>();
        prom->testConnection(catcher(after));
        QVERIFY(waitFor(after));
        QVERIFY2(after->result->ok(), qPrintable(after->result->errorMessage()));
        QCOMPARE(hanging->calls, 0);
        QCOMPARE(queuedFailure->calls, 0);
        QTRY_COMPARE(server().waiting(), 0); // the hanging connection was closed
    }

    void destroyingTheSourceDropsCallbacks()
    {
        server().route("/delay", Behaviour::Delay);
        server().route("/api/v1/query", Behaviour::Delay);
        server().setDelay(50ms);
        auto doomed = prometheus();
        auto dropped = outcome<QueryResult>();
        doomed->query(u"up"_s, {}, catcher(dropped));
        QTRY_COMPARE(server().requests().size(), 1); // the query is at the server
        auto refused = outcome<QList<Alert>>();
        doomed->activeAlerts(catcher(refused)); // a refusal queued, not sent
        doomed.reset();

        // A second source's identical request comes back after the first's would have.
        auto survivor = prometheus();
        auto answered = outcome<QueryResult>();
        survivor->query(u"up"_s, {}, catcher(answered));
        QVERIFY(waitFor(answered));
        QCOMPARE(answered->calls, 1);
        QCOMPARE(dropped->calls, 0);
        QCOMPARE(refused->calls, 0);
    }

    void callbackMayDestroyTheSource()
    {
        server().route("/api/v1/query", Behaviour::Ok);
        server().setOkBody(kVector);
        std::unique_ptr<HttpDiagnosticSource> prom = prometheus();
        bool called = false;
        QEventLoop loop;
        prom->query(u"up"_s, {}, [&](Result<QueryResult> result) {
            called = true;
            QVERIFY(result.ok());
            prom.reset(); // from inside its own callback
            loop.quit();
        });
        QTimer::singleShot(20s, &loop, &QEventLoop::quit);
        loop.exec();
        QVERIFY(called);
        QVERIFY(!prom);
        // The reply that carried the answer is gone with its client; nothing is left.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    void bigAnswerIsParsedOffTheEventLoop_data()
    {
        QTest::addColumn<bool>("valid");
        QTest::newRow("valid") << true;
        QTest::newRow("wrong-typed at the end") << false;
    }

    void bigAnswerIsParsedOffTheEventLoop()
    {
        QFETCH(bool, valid);
        const QByteArray body = bigMatrix(60, 100, valid);
        QVERIFY(body.size() > HttpDiagnosticSource::kParseInlineBytes);
        server().route("/api/v1/query_range", Behaviour::Ok);
        server().setOkBody(body);
        auto prom = prometheus();
        const QDateTime end = utc(1700000000000);
        auto result = outcome<QueryResult>();
        QThread *callbackThread = nullptr;
        auto callback = catcher(result);
        prom->query(u"up"_s, {end.addSecs(-3600), end, 0},
            [&callbackThread, callback](Result<QueryResult> parsed) {
                callbackThread = QThread::currentThread();
                callback(std::move(parsed));
            });
        QVERIFY(waitFor(result));
        QCOMPARE(callbackThread, QThread::currentThread());
        QCOMPARE(prom->pendingCount(), 0);
        if (valid) {
            QVERIFY2(result->result->ok(), qPrintable(result->result->errorMessage()));
            QCOMPARE((*result)->series.size(), 60);
            QCOMPARE((*result)->series.at(59).samples.size(), 100);
            QCOMPARE((*result)->raw, body);
        } else {
            QVERIFY2(result->result->errorMessage().contains(
                         u"is unusable: data.result[59].values[99] is not a [time, value] pair"_s),
                qPrintable(result->result->errorMessage()));
        }
    }

    void droppedWhileParsing_data()
    {
        QTest::addColumn<bool>("destroy"); // else cancelAll()
        QTest::newRow("cancelAll") << false;
        QTest::newRow("destroyed") << true;
    }

    void droppedWhileParsing()
    {
        QFETCH(bool, destroy);
        server().route("/api/v1/query_range", Behaviour::Ok);
        server().setOkBody(bigMatrix(800, 250, true)); // ~6 MB: parsing takes a while
        auto prom = prometheus();
        const QDateTime end = utc(1700000000000);
        auto result = outcome<QueryResult>();
        prom->query(u"up"_s, {end.addSecs(-3600), end, 0}, catcher(result));

        // The moment the parse job runs on the pool, drop it.
        QThreadPool *pool = QThreadPool::globalInstance();
        {
            QEventLoop loop;
            QTimer poll; // every pass of the loop
            connect(&poll, &QTimer::timeout, &loop, [&] {
                if (pool->activeThreadCount() > 0 || result->calls > 0)
                    loop.quit();
            });
            poll.start(0);
            QTimer::singleShot(20s, &loop, &QEventLoop::quit);
            loop.exec();
        }
        QVERIFY(pool->activeThreadCount() > 0);
        QCOMPARE(result->calls, 0);
        QCOMPARE(prom->pendingCount(), 1);
        if (destroy) {
            prom.reset();
        } else {
            prom->cancelAll();
            QCOMPARE(prom->pendingCount(), 0);
        }
        QVERIFY(pool->waitForDone(60000));
        QCoreApplication::sendPostedEvents(); // whatever the job posted
        QCOMPARE(result->calls, 0);
    }

    void concurrentQueriesEachAnswerOnce()
    {
        server().route("/gate", Behaviour::Gate);
        server().route("/api/v1/query", Behaviour::Ok);
        server().setOkBody(kVector);
        auto prom = prometheus();
        QList<OutcomePtr<QueryResult>> results;
        for (int i = 0; i < 8; ++i) {
            results.append(outcome<QueryResult>());
            prom->query(u"up"_s, {}, catcher(results.last()));
        }
        QCOMPARE(prom->pendingCount(), 8);
        for (const auto &result : std::as_const(results)) {
            QVERIFY(waitFor(result));
            QVERIFY(result->result->ok());
        }
        QCOMPARE(prom->pendingCount(), 0);
        for (const auto &result : std::as_const(results))
            QCOMPARE(result->calls, 1);
    }
};

QTEST_GUILESS_MAIN(DiagnosticSourceTest)
#include "tst_diagnosticsource.moc"
