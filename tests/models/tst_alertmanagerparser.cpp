// The Alertmanager API v2 parsers on bodies shaped like a real server's (Alertmanager
// 0.25, as Debian ships it) and on hostile ones.
#include "alertmanagerparser.h"

#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kAlerts
    = R"([{"annotations":{"summary":"hi","runbook":"https://runbooks/api"},"endsAt":"2026-11-24T05:05:37.602Z",)"
      R"("fingerprint":"86ad8b2cff866044","receivers":[{"name":"default"},{"name":"pager"}],)"
      R"("startsAt":"2026-11-24T05:00:00.000Z","status":{"inhibitedBy":[],"silencedBy":[],)"
      R"("state":"active"},"updatedAt":"2026-11-24T05:00:37.602+01:00",)"
      R"("generatorURL":"http://example/graph?g0.expr=up","labels":{"alertname":"Posted","service":"api"}},)"
      R"({"annotations":{},"endsAt":"2026-11-24T05:05:37.602Z","fingerprint":"0011",)"
      R"("receivers":[],"startsAt":"2026-11-24T04:00:00.123456789Z","status":{"inhibitedBy":[],)"
      R"("silencedBy":["abc"],"state":"suppressed"},"updatedAt":"0001-01-01T00:00:00Z",)"
      R"("labels":{"alertname":"Quiet"}}])"_ba;

const QByteArray kStatus
    = R"({"cluster":{"peers":[],"status":"disabled"},"config":{"original":"route:\n  receiver: default\n"},)"
      R"("uptime":"2026-11-24T05:00:24.930Z","versionInfo":{"branch":"debian/sid",)"
      R"("buildDate":"20230409-09:50:43","buildUser":"team+pkg-go@tracker.debian.org",)"
      R"("goVersion":"go1.19.8","revision":"0.25.0-1+b4","version":"0.25.0"}})"_ba;

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

} // namespace

class AlertmanagerParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alerts()
    {
        const auto parsed = AlertmanagerParser::parseAlerts(kAlerts);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->size(), 2);

        const Alert &posted = parsed->at(0);
        QCOMPARE(posted.fingerprint, u"86ad8b2cff866044"_s);
        QCOMPARE(posted.name(), u"Posted"_s);
        QCOMPARE(posted.labels, (Labels {{u"alertname"_s, u"Posted"_s}, {u"service"_s, u"api"_s}}));
        QCOMPARE(posted.annotations.value(u"runbook"_s), u"https://runbooks/api"_s);
        QCOMPARE(posted.startsAt, utc(2026, 11, 24, 5, 0, 0));
        QCOMPARE(posted.endsAt, utc(2026, 11, 24, 5, 5, 37, 602));
        QCOMPARE(posted.updatedAt, utc(2026, 11, 24, 4, 0, 37, 602));
        QCOMPARE(posted.state, u"active"_s);
        QCOMPARE(posted.generatorUrl, u"http://example/graph?g0.expr=up"_s);
        QCOMPARE(posted.receivers, (QStringList {u"default"_s, u"pager"_s}));

        const Alert &quiet = parsed->at(1);
        QCOMPARE(quiet.state, u"suppressed"_s);
        QCOMPARE(quiet.startsAt, utc(2026, 11, 24, 4, 0, 0, 123));
        QVERIFY(quiet.updatedAt.isNull()); // Go's zero time: never
        QVERIFY(quiet.annotations.isEmpty());
        QVERIFY(quiet.receivers.isEmpty());
        QVERIFY(quiet.generatorUrl.isEmpty());
    }

    void minimalAndEmpty_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("count");
        QTest::newRow("none") << "[]"_ba << 0;
        QTest::newRow("none, spaces") << " [ ]\n"_ba << 0;
        QTest::newRow("labels only") << R"([{"labels":{"alertname":"X"}}])"_ba << 1;
        QTest::newRow("nulls are absent")
            << R"([{"labels":{},"annotations":null,"status":null,"receivers":null,"endsAt":null}])"_ba
            << 1;
    }

    void minimalAndEmpty()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, count);
        const auto parsed = AlertmanagerParser::parseAlerts(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->size(), count);
    }

    void refusedAlerts_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << u"the answer is empty"_s;
        QTest::newRow("html") << "<html>404</html>"_ba << u"the answer is not JSON"_s;
        QTest::newRow("truncated") << kAlerts.left(kAlerts.size() / 2) << u"cut off"_s;
        QTest::newRow("object root")
            << R"({"code":404,"message":"path /api/v2/alerts was not found"})"_ba
            << u"the answer is not a JSON array of alerts"_s;
        QTest::newRow("element string") << R"(["alert"])"_ba << u"alerts[0] is not an object"_s;
        QTest::newRow("no labels")
            << R"([{"labels":{}},{"fingerprint":"x"}])"_ba << u"alerts[1].labels is missing"_s;
        QTest::newRow("label number") << R"([{"labels":{"severity":3}}])"_ba
                                      << u"alerts[0].labels.severity is not a string"_s;
        QTest::newRow("annotations array") << R"([{"labels":{},"annotations":[]}])"_ba
                                           << u"alerts[0].annotations is not an object"_s;
        QTest::newRow("startsAt words") << R"([{"labels":{},"startsAt":"yesterday"}])"_ba
                                        << u"alerts[0].startsAt is not a time: \"yesterday\""_s;
        QTest::newRow("endsAt number")
            << R"([{"labels":{},"endsAt":1700000000}])"_ba << u"alerts[0].endsAt is not a time"_s;
        QTest::newRow("fingerprint number") << R"([{"labels":{},"fingerprint":12}])"_ba
                                            << u"alerts[0].fingerprint is not a string"_s;
        QTest::newRow("status string")
            << R"([{"labels":{},"status":"active"}])"_ba << u"alerts[0].status is not an object"_s;
        QTest::newRow("state number") << R"([{"labels":{},"status":{"state":1}}])"_ba
                                      << u"alerts[0].status.state is not a string"_s;
        QTest::newRow("receivers object")
            << R"([{"labels":{},"receivers":{}}])"_ba << u"alerts[0].receivers is not an array"_s;
        QTest::newRow("receiver string") << R"([{"labels":{},"receivers":["default"]}])"_ba
                                         << u"alerts[0].receivers[0] is not an object"_s;
        QTest::newRow("receiver without name") << R"([{"labels":{},"receivers":[{}]}])"_ba
                                               << u"alerts[0].receivers[0].name is missing"_s;
        QTest::newRow("generatorURL bool") << R"([{"labels":{},"generatorURL":true}])"_ba
                                           << u"alerts[0].generatorURL is not a string"_s;
    }

    void refusedAlerts()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const auto parsed = AlertmanagerParser::parseAlerts(body);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().kind, Error::Kind::Io);
        QVERIFY2(!parsed.errorMessage().contains(u'\n'), qPrintable(parsed.errorMessage()));
        QVERIFY2(parsed.errorMessage().contains(message),
            qPrintable(u"\"%1\" does not contain \"%2\""_s.arg(parsed.errorMessage(), message)));
    }

    void everyPrefixIsRefused()
    {
        for (qsizetype size = 0; size < kAlerts.size(); ++size) {
            const auto parsed = AlertmanagerParser::parseAlerts(kAlerts.left(size));
            QVERIFY2(!parsed.ok(), kAlerts.left(size).constData());
        }
        for (qsizetype size = 0; size < kStatus.size(); ++size) {
            const auto parsed = AlertmanagerParser::parseStatus(kStatus.left(size));
            QVERIFY2(!parsed.ok(), kStatus.left(size).constData());
        }
    }

    void status_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("version"); // or the refusal
        QTest::addColumn<bool>("ok");
        QTest::newRow("real") << kStatus << u"0.25.0"_s << true;
        QTest::newRow("no version") << R"({"versionInfo":{}})"_ba << QString() << true;
        QTest::newRow("no versionInfo")
            << R"({"cluster":{}})"_ba << u"versionInfo is missing"_s << false;
        QTest::newRow("versionInfo string")
            << R"({"versionInfo":"0.25"})"_ba << u"versionInfo is not an object"_s << false;
        QTest::newRow("version number") << R"({"versionInfo":{"version":0.25}})"_ba
                                        << u"versionInfo.version is not a string"_s << false;
        QTest::newRow("array") << "[]"_ba << u"the answer is not a JSON object"_s << false;
        QTest::newRow("text") << "OK"_ba << u"the answer is not JSON"_s << false;
    }

    void status()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, version);
        QFETCH(bool, ok);
        const auto parsed = AlertmanagerParser::parseStatus(body);
        QCOMPARE(parsed.ok(), ok);
        if (ok) {
            QCOMPARE(parsed->product, u"Alertmanager"_s);
            QCOMPARE(parsed->version, version);
        } else {
            QCOMPARE(parsed.error().kind, Error::Kind::Io);
            QVERIFY2(parsed.errorMessage().contains(version), qPrintable(parsed.errorMessage()));
        }
    }
};

QTEST_GUILESS_MAIN(AlertmanagerParserTest)
#include "tst_alertmanagerparser.moc"
