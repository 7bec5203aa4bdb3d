// The Prometheus API v1 parsers on bodies shaped like a real server's (Prometheus 2.42,
// as Debian ships it) and on hostile ones: every refusal is one line that names the
// place, and no input crashes (tests/fuzz feeds them random bytes).
#include "prometheusparser.h"

#include <QTest>

#include <cmath>

using namespace idesk;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kVector = R"({"status":"success","data":{"resultType":"vector","result":[)"
                           R"({"metric":{"__name__":"up","instance":"127.0.0.1:19090",)"
                           R"("job":"prometheus"},"value":[1795496430.934,"1"]}]}})"_ba;

const QByteArray kMatrix
    = R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up",)"
      R"("instance":"127.0.0.1:19090","job":"prometheus"},"values":[[1795496451,"1"],)"
      R"([1795496453,"1"],[1795496455,"0.5"]]}]}})"_ba;

const QByteArray kTargets
    = R"({"status":"success","data":{"activeTargets":[{"discoveredLabels":{"__address__":)"
      R"("127.0.0.1:19090","__metrics_path__":"/metrics","__scheme__":"http","job":"prometheus"},)"
      R"("labels":{"instance":"127.0.0.1:19090","job":"prometheus"},"scrapePool":"prometheus",)"
      R"("scrapeUrl":"http://127.0.0.1:19090/metrics","globalUrl":"http://vm:19090/metrics",)"
      R"("lastError":"","lastScrape":"2026-11-24T05:00:54.510434834Z","lastScrapeDuration":)"
      R"(0.004774797,"health":"up","scrapeInterval":"1s","scrapeTimeout":"1s"}],)"
      R"("droppedTargets":[]}})"_ba;

const QByteArray kAlerts
    = R"({"status":"success","data":{"alerts":[{"labels":{"alertname":"AlwaysFiring",)"
      R"("severity":"test"},"annotations":{"summary":"always firing"},"state":"firing",)"
      R"("activeAt":"2026-11-24T05:00:25.320217217Z","value":"1e+00"}]}})"_ba;

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

Series series(Labels labels, QList<Sample> samples)
{
    return Series {std::move(labels), std::move(samples)};
}

// Checks the refusal: Io, one line, and containing `expected`.
void verifyRefusal(const Error &error, const QString &expected)
{
    QCOMPARE(error.kind, Error::Kind::Io);
    QVERIFY2(!error.message.contains(u'\n'), qPrintable(error.message));
    QVERIFY2(error.message.contains(expected),
        qPrintable(u"\"%1\" does not contain \"%2\""_s.arg(error.message, expected)));
}

} // namespace

class PrometheusParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void query_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QueryResult>("expected"); // raw is filled in by the test

        const Labels up {{u"__name__"_s, u"up"_s}, {u"instance"_s, u"127.0.0.1:19090"_s},
            {u"job"_s, u"prometheus"_s}};
        QueryResult vector;
        vector.type = QueryResult::Type::Vector;
        vector.series = {series(up, {{1795496430934, 1}})};
        QTest::newRow("vector") << kVector << vector;

        QueryResult matrix;
        matrix.type = QueryResult::Type::Matrix;
        matrix.series
            = {series(up, {{1795496451000, 1}, {1795496453000, 1}, {1795496455000, 0.5}})};
        QTest::newRow("matrix") << kMatrix << matrix;

        QueryResult empty;
        QTest::newRow("empty vector")
            << R"({"status":"success","data":{"resultType":"vector","result":[]}})"_ba << empty;

        QueryResult emptyMatrix;
        emptyMatrix.type = QueryResult::Type::Matrix;
        QTest::newRow("empty matrix")
            << R"({"status":"success","data":{"resultType":"matrix","result":[]}})"_ba
            << emptyMatrix;

        QueryResult scalar;
        scalar.type = QueryResult::Type::Scalar;
        scalar.series = {series({}, {{1795496437690, 1}})};
        QTest::newRow("scalar")
            << R"({"status":"success","data":{"resultType":"scalar","result":[1795496437.69,"1"]}})"_ba
            << scalar;

        QueryResult string;
        string.type = QueryResult::Type::String;
        string.stringValue = u"hello"_s;
        QTest::newRow("string")
            << R"({"status":"success","data":{"resultType":"string","result":[1795496437.722,"hello"]}})"_ba
            << string;

        QueryResult warned;
        warned.warnings = {u"results truncated"_s, u"second one"_s};
        QTest::newRow("warnings")
            << R"({"status":"success","warnings":["results truncated","second one"],)"
               R"("data":{"resultType":"vector","result":[]}})"_ba
            << warned;

        QueryResult noMetric;
        noMetric.series = {series({}, {{1000, -2.5e-3}})};
        QTest::newRow("empty and missing metric")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,"-2.5e-3"]}]}})"_ba
            << noMetric;

        QueryResult unicode;
        unicode.series = {series({{u"city"_s, u"Zürich ✓"_s}}, {{1500, 42}})};
        QTest::newRow("unicode label, fractional time")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"city":"Zürich ✓"},"value":[1.5,"42"]}]}})"_ba
            << unicode;

        QueryResult unknownKeys;
        unknownKeys.series = {series({}, {{2000, 7}})};
        QTest::newRow("unknown keys ignored")
            << R"({"status":"success","infos":["x"],"data":{"resultType":"vector","stats":{},)"
               R"("result":[{"metric":{},"value":[2,"7"],"extra":true}]}})"_ba
            << unknownKeys;

        QueryResult histogram;
        histogram.series = {series({{u"job"_s, u"api"_s}}, {})};
        histogram.warnings = {u"Native histogram samples are not shown."_s};
        QTest::newRow("native histogram")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"api"},)"
               R"("histogram":[1,{"count":"3","sum":"1.5","buckets":[]}]}]}})"_ba
            << histogram;
    }

    void query()
    {
        QFETCH(QByteArray, body);
        QFETCH(QueryResult, expected);
        const auto parsed = PrometheusParser::parseQuery(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        expected.raw = body;
        QCOMPARE(parsed->type, expected.type);
        QCOMPARE(parsed->series, expected.series);
        QCOMPARE(parsed->stringValue, expected.stringValue);
        QCOMPARE(parsed->warnings, expected.warnings);
        QCOMPARE(parsed->raw, body);
    }

    void specialValues_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("expected");
        QTest::newRow("NaN") << u"NaN"_s << qQNaN();
        QTest::newRow("+Inf") << u"+Inf"_s << qInf();
        QTest::newRow("-Inf") << u"-Inf"_s << -qInf();
        QTest::newRow("exponent") << u"1e+00"_s << 1.0;
        QTest::newRow("tiny") << u"4.9e-324"_s << 4.9e-324;
        QTest::newRow("negative zero") << u"-0"_s << -0.0;
        QTest::newRow("big") << u"1.7976931348623157e+308"_s << 1.7976931348623157e+308;
    }

    void specialValues()
    {
        QFETCH(QString, text);
        QFETCH(double, expected);
        const QByteArray body
            = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\""_ba
            + text.toUtf8() + "\"]}}"_ba;
        const auto parsed = PrometheusParser::parseQuery(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->series.size(), 1);
        const double value = parsed->series.at(0).samples.at(0).value;
        if (std::isnan(expected))
            QVERIFY(std::isnan(value));
        else
            QCOMPARE(value, expected);
    }

    void refusedQuery_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");

        QTest::newRow("empty") << QByteArray() << u"the answer is empty"_s;
        QTest::newRow("only spaces") << " \n\t "_ba << u"the answer is empty"_s;
        QTest::newRow("html") << "<html><body>502 Bad Gateway</body></html>"_ba
                              << u"the answer is not JSON"_s;
        QTest::newRow("text") << "Prometheus Server is Ready."_ba << u"the answer is not JSON"_s;
        QTest::newRow("truncated")
            << kVector.left(kVector.size() - 7) << u"the answer is cut off after"_s;
        QTest::newRow("cut inside a string") << kVector.left(60) << u"cut off"_s;
        QTest::newRow("array root") << "[1,2,3]"_ba << u"the answer is not a JSON object"_s;
        QTest::newRow("no status") << R"({"data":{}})"_ba << u"status is missing"_s;
        QTest::newRow("status number") << R"({"status":1})"_ba << u"status is not a string"_s;
        QTest::newRow("status odd")
            << R"({"status":"maybe","data":{}})"_ba << u"status is \"maybe\", not \"success\""_s;
        QTest::newRow("error envelope")
            << R"({"status":"error","errorType":"bad_data","error":"1:5: parse error: unclosed left parenthesis"})"_ba
            << u"the server reported an error: bad_data: 1:5: parse error: unclosed left parenthesis"_s;
        QTest::newRow("error without message")
            << R"({"status":"error"})"_ba << u"the server reported an error without a message"_s;
        QTest::newRow("no data") << R"({"status":"success"})"_ba << u"data is missing"_s;
        QTest::newRow("data array")
            << R"({"status":"success","data":[]})"_ba << u"data is not an object"_s;
        QTest::newRow("warnings not array")
            << R"({"status":"success","warnings":"x","data":{"resultType":"vector","result":[]}})"_ba
            << u"warnings is not an array"_s;
        QTest::newRow("warning not string")
            << R"({"status":"success","warnings":["a",2],"data":{"resultType":"vector","result":[]}})"_ba
            << u"warnings[1] is not a string"_s;
        QTest::newRow("no resultType")
            << R"({"status":"success","data":{"result":[]}})"_ba << u"data.resultType is missing"_s;
        QTest::newRow("unknown resultType")
            << R"({"status":"success","data":{"resultType":"tensor","result":[]}})"_ba
            << u"data.resultType is \"tensor\", not vector, matrix, scalar or string"_s;
        QTest::newRow("result object")
            << R"({"status":"success","data":{"resultType":"vector","result":{}}})"_ba
            << u"data.result is not an array"_s;
        QTest::newRow("element not object")
            << R"({"status":"success","data":{"resultType":"vector","result":[1]}})"_ba
            << u"data.result[0] is not an object"_s;
        QTest::newRow("metric not object")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"metric":[],"value":[1,"1"]}]}})"_ba
            << u"data.result[0].metric is not an object"_s;
        QTest::newRow("label not string")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":7},"value":[1,"1"]}]}})"_ba
            << u"data.result[0].metric.job is not a string"_s;
        QTest::newRow("odd label key not string")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"a b":null},"value":[1,"1"]}]}})"_ba
            << u"data.result[0].metric[\"a b\"] is not a string"_s;
        QTest::newRow("no value")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}})"_ba
            << u"data.result[0].value is missing"_s;
        QTest::newRow("value number")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,1]}]}})"_ba
            << u"data.result[0].value is not a [time, value] pair"_s;
        QTest::newRow("value triple")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1","2"]}]}})"_ba
            << u"data.result[0].value is not a [time, value] pair"_s;
        QTest::newRow("time string")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"value":["1","1"]}]}})"_ba
            << u"data.result[0].value is not a [time, value] pair"_s;
        QTest::newRow("time out of range")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1e300,"1"]}]}})"_ba
            << u"data.result[0].value[0] is not a Unix time"_s;
        QTest::newRow("value not a number")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,"abc"]}]}})"_ba
            << u"data.result[0].value[1] is not a number: \"abc\""_s;
        QTest::newRow("value empty")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,""]}]}})"_ba
            << u"data.result[0].value[1] is not a number: \"\""_s;
        QTest::newRow("long value quoted short")
            << "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\""_ba
                + QByteArray(5000, 'x') + "\"]}]}}"_ba
            << u"is not a number: \"xxxxxxxx"_s;
        QTest::newRow("matrix values not array")
            << R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":{}}]}})"_ba
            << u"data.result[0].values is not an array"_s;
        QTest::newRow("fourth series, first point")
            << R"({"status":"success","data":{"resultType":"matrix","result":[)"
               R"({"values":[[1,"1"]]},{"values":[[1,"1"]]},{"values":[[1,"1"]]},)"
               R"({"values":[[1,"1"],[2]]}]}})"_ba
            << u"data.result[3].values[1] is not a [time, value] pair"_s;
        QTest::newRow("scalar not pair")
            << R"({"status":"success","data":{"resultType":"scalar","result":"1"}})"_ba
            << u"data.result is not a [time, value] pair"_s;
        QTest::newRow("string not pair")
            << R"({"status":"success","data":{"resultType":"string","result":[1,2]}})"_ba
            << u"data.result is not a [time, string] pair"_s;
    }

    void refusedQuery()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const auto parsed = PrometheusParser::parseQuery(body);
        QVERIFY(!parsed.ok());
        verifyRefusal(parsed.error(), message);
    }

    // Every prefix of a real answer is refused cleanly, as a connection dropped
    // mid-body would leave it.
    void everyPrefixIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("vector") << kVector;
        QTest::newRow("matrix") << kMatrix;
        QTest::newRow("targets") << kTargets;
        QTest::newRow("alerts") << kAlerts;
    }

    void everyPrefixIsRefused()
    {
        QFETCH(QByteArray, body);
        for (qsizetype size = 0; size < body.size(); ++size) {
            const QByteArray prefix = body.left(size);
            for (const auto &error : {PrometheusParser::parseQuery(prefix).errorMessage(),
                     PrometheusParser::parseTargets(prefix).errorMessage(),
                     PrometheusParser::parseAlerts(prefix).errorMessage()}) {
                QVERIFY2(!error.isEmpty(), prefix.constData());
                QVERIFY2(!error.contains(u'\n'), qPrintable(error));
            }
        }
    }

    void hostileShapesDoNotCrash_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("deep arrays") << QByteArray(100000, '[') + QByteArray(100000, ']');
        QTest::newRow("deep objects")
            << QByteArray("{\"a\":").repeated(20000) + "1" + QByteArray(20000, '}');
        QTest::newRow("nul bytes") << QByteArray("{\"status\":\"succ\0ess\"}", 21);
        QTest::newRow("invalid utf-8")
            << "{\"status\":\"success\",\"data\":{\"resultType\":\"\xff\xfe\",\"result\":[]}}"_ba;
        QTest::newRow("huge label count")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{)"_ba +
                [] {
                    QByteArray labels;
                    for (int i = 0; i < 20000; ++i)
                        labels += (i ? ",\"l" : "\"l") + QByteArray::number(i) + "\":\"v\"";
                    return labels;
                }()
                + R"(},"value":[1,"1"]}]}})"_ba;
        QTest::newRow("number overflow")
            << R"({"status":"success","data":{"resultType":"scalar","result":[1e999999,"1"]}})"_ba;
        QTest::newRow("negative time")
            << R"({"status":"success","data":{"resultType":"scalar","result":[-1e20,"1"]}})"_ba;
    }

    void hostileShapesDoNotCrash()
    {
        QFETCH(QByteArray, body);
        // Any outcome but a crash will do; a refusal is one line.
        for (const QString &error : {PrometheusParser::parseQuery(body).errorMessage(),
                 PrometheusParser::parseAlerts(body).errorMessage(),
                 PrometheusParser::parseTargets(body).errorMessage(),
                 PrometheusParser::parseBuildInfo(body).errorMessage()}) {
            QVERIFY2(!error.contains(u'\n'), qPrintable(error));
        }
        Q_UNUSED(PrometheusParser::parseError(body));
    }

    void alerts()
    {
        const auto parsed = PrometheusParser::parseAlerts(kAlerts);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->size(), 1);
        const PrometheusAlert &alert = parsed->at(0);
        QCOMPARE(alert.labels.value(u"alertname"_s), u"AlwaysFiring"_s);
        QCOMPARE(alert.labels.value(u"severity"_s), u"test"_s);
        QCOMPARE(alert.annotations.value(u"summary"_s), u"always firing"_s);
        QCOMPARE(alert.state, u"firing"_s);
        QCOMPARE(alert.activeAt, utc(2026, 11, 24, 5, 0, 25, 320));
        QCOMPARE(alert.value, u"1e+00"_s);

        const auto none
            = PrometheusParser::parseAlerts(R"({"status":"success","data":{"alerts":[]}})"_ba);
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }

    void refusedAlerts_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("no alerts")
            << R"({"status":"success","data":{}})"_ba << u"data.alerts is missing"_s;
        QTest::newRow("no labels")
            << R"({"status":"success","data":{"alerts":[{"state":"firing"}]}})"_ba
            << u"data.alerts[0].labels is missing"_s;
        QTest::newRow("annotation number")
            << R"({"status":"success","data":{"alerts":[{"labels":{},"annotations":{"summary":1}}]}})"_ba
            << u"data.alerts[0].annotations.summary is not a string"_s;
        QTest::newRow("activeAt words")
            << R"({"status":"success","data":{"alerts":[{"labels":{},"activeAt":"yesterday"}]}})"_ba
            << u"data.alerts[0].activeAt is not a time: \"yesterday\""_s;
        QTest::newRow("activeAt number")
            << R"({"status":"success","data":{"alerts":[{"labels":{},"activeAt":5}]}})"_ba
            << u"data.alerts[0].activeAt is not a time"_s;
        QTest::newRow("state object")
            << R"({"status":"success","data":{"alerts":[{"labels":{},"state":{}}]}})"_ba
            << u"data.alerts[0].state is not a string"_s;
    }

    void refusedAlerts()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const auto parsed = PrometheusParser::parseAlerts(body);
        QVERIFY(!parsed.ok());
        verifyRefusal(parsed.error(), message);
    }

    void targets()
    {
        const auto parsed = PrometheusParser::parseTargets(kTargets);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->size(), 1);
        const ScrapeTarget &target = parsed->at(0);
        QCOMPARE(target.labels,
            (Labels {{u"instance"_s, u"127.0.0.1:19090"_s}, {u"job"_s, u"prometheus"_s}}));
        QCOMPARE(target.scrapePool, u"prometheus"_s);
        QCOMPARE(target.scrapeUrl, u"http://127.0.0.1:19090/metrics"_s);
        QCOMPARE(target.health, u"up"_s);
        QCOMPARE(target.lastError, QString());
        QCOMPARE(target.lastScrape, utc(2026, 11, 24, 5, 0, 54, 510));

        const auto never = PrometheusParser::parseTargets(
            R"({"status":"success","data":{"activeTargets":[{"labels":{"job":"x"},"health":"unknown",)"
            R"("lastScrape":"0001-01-01T00:00:00Z","lastError":"connection refused"}]}})"_ba);
        QVERIFY2(never.ok(), qPrintable(never.errorMessage()));
        QVERIFY(never->at(0).lastScrape.isNull());
        QCOMPARE(never->at(0).lastError, u"connection refused"_s);
    }

    void refusedTargets_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("no activeTargets")
            << R"({"status":"success","data":{"droppedTargets":[]}})"_ba
            << u"data.activeTargets is missing"_s;
        QTest::newRow("health number")
            << R"({"status":"success","data":{"activeTargets":[{"labels":{},"health":1}]}})"_ba
            << u"data.activeTargets[0].health is not a string"_s;
        QTest::newRow("lastScrape bad")
            << R"({"status":"success","data":{"activeTargets":[{"labels":{},"lastScrape":"2026-13-01T00:00:00Z"}]}})"_ba
            << u"data.activeTargets[0].lastScrape is not a time: \"2026-13-01T00:00:00Z\""_s;
        QTest::newRow("labels array")
            << R"({"status":"success","data":{"activeTargets":[{"labels":[]}]}})"_ba
            << u"data.activeTargets[0].labels is not an object"_s;
    }

    void refusedTargets()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const auto parsed = PrometheusParser::parseTargets(body);
        QVERIFY(!parsed.ok());
        verifyRefusal(parsed.error(), message);
    }

    void buildInfo()
    {
        const auto parsed = PrometheusParser::parseBuildInfo(
            R"({"status":"success","data":{"version":"2.42.0+ds","revision":"2.42.0+ds-5+deb12u1",)"
            R"("branch":"debian/sid","buildUser":"team+pkg-go@tracker.debian.org",)"
            R"("buildDate":"20260604-00:58:54","goVersion":"go1.19.8"}})"_ba);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(*parsed, (ServerInfo {u"Prometheus"_s, u"2.42.0+ds"_s}));

        const auto noVersion
            = PrometheusParser::parseBuildInfo(R"({"status":"success","data":{}})"_ba);
        QVERIFY(noVersion.ok());
        QCOMPARE(noVersion->version, QString());

        const auto wrong
            = PrometheusParser::parseBuildInfo(R"({"status":"success","data":{"version":2}})"_ba);
        QVERIFY(!wrong.ok());
        verifyRefusal(wrong.error(), u"data.version is not a string"_s);
    }

    void errorBody_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected"); // empty: not an error body
        QTest::newRow("bad_data")
            << R"({"status":"error","errorType":"bad_data","error":"invalid parameter \u0022query\u0022: 1:5: parse error: unclosed left parenthesis"})"_ba
            << u"bad_data: invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis"_s;
        QTest::newRow("no type") << R"({"status":"error","error":"boom"})"_ba << u"boom"_s;
        QTest::newRow("line breaks flattened")
            << R"({"status":"error","errorType":"execution","error":"one\ntwo"})"_ba
            << u"execution: one two"_s;
        QTest::newRow("success") << kVector << QString();
        QTest::newRow("error not string")
            << R"({"status":"error","error":{"x":1}})"_ba << QString();
        QTest::newRow("alertmanager shape")
            << R"({"code":404,"message":"path /api/v2/nothing was not found"})"_ba << QString();
        QTest::newRow("not json") << "Internal Server Error"_ba << QString();
    }

    void errorBody()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto error = PrometheusParser::parseError(body);
        if (expected.isEmpty()) {
            QVERIFY(!error);
            return;
        }
        QVERIFY(error);
        QCOMPARE(error->toString(), expected);
    }

    void time_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected"); // invalid: refused; null-but-ok: zero time
        QTest::addColumn<bool>("ok");
        QTest::newRow("Z") << u"2024-11-25T15:45:00Z"_s << utc(2024, 11, 25, 15, 45, 0) << true;
        QTest::newRow("nanoseconds")
            << u"2026-11-24T05:00:25.320217217Z"_s << utc(2026, 11, 24, 5, 0, 25, 320) << true;
        QTest::newRow("one digit")
            << u"2024-11-25T15:45:00.5Z"_s << utc(2024, 11, 25, 15, 45, 0, 500) << true;
        QTest::newRow("offset") << u"2018-07-04T20:27:12.60602144+02:00"_s
                                << utc(2018, 7, 4, 18, 27, 12, 606) << true;
        QTest::newRow("negative offset")
            << u"2024-01-01T00:30:00-01:30"_s << utc(2024, 1, 1, 2, 0, 0) << true;
        QTest::newRow("lower case")
            << u"2024-11-25t15:45:00z"_s << utc(2024, 11, 25, 15, 45, 0) << true;
        QTest::newRow("go zero time") << u"0001-01-01T00:00:00Z"_s << QDateTime() << true;
        QTest::newRow("no zone") << u"2024-11-25T15:45:00"_s << QDateTime() << false;
        QTest::newRow("space") << u"2024-11-25 15:45:00Z"_s << QDateTime() << false;
        QTest::newRow("ten digits") << u"2024-11-25T15:45:00.1234567890Z"_s << QDateTime() << false;
        QTest::newRow("empty fraction") << u"2024-11-25T15:45:00.Z"_s << QDateTime() << false;
        QTest::newRow("february 30") << u"2024-02-30T00:00:00Z"_s << QDateTime() << false;
        QTest::newRow("hour 24") << u"2024-02-03T24:00:00Z"_s << QDateTime() << false;
        QTest::newRow("offset 24h") << u"2024-02-03T10:00:00+24:00"_s << QDateTime() << false;
        QTest::newRow("trailing") << u"2024-02-03T10:00:00Zx"_s << QDateTime() << false;
        QTest::newRow("short offset") << u"2024-02-03T10:00:00+02"_s << QDateTime() << false;
        QTest::newRow("year zero") << u"0000-01-01T00:00:00Z"_s << QDateTime() << false;
        QTest::newRow("full-width digits") << u"２０２４-02-03T10:00:00Z"_s << QDateTime() << false;
        QTest::newRow("empty") << QString() << QDateTime() << false;
    }

    void time()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QFETCH(bool, ok);
        const auto parsed = ApiJson::parseTime(text);
        QCOMPARE(parsed.has_value(), ok);
        if (!ok)
            return;
        QCOMPARE(parsed->isNull(), expected.isNull());
        if (!expected.isNull()) {
            QCOMPARE(parsed->toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
            QCOMPARE(parsed->timeSpec(), Qt::UTC);
        }
    }
};

QTEST_GUILESS_MAIN(PrometheusParserTest)
#include "tst_prometheusparser.moc"
