// Diagnostic packs: the shipped ones load from the embedded resource, the JSON form
// round-trips, and a bad document is refused naming the first problem's path.
#include "diagnosticpack.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;

class DiagnosticPackTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInPacksLoad()
    {
        const QList<DiagnosticPack> packs = builtInDiagnosticPacks();
        QVERIFY(packs.size() >= 4);
        QSet<QString> names;
        for (const DiagnosticPack &pack : packs) {
            QVERIFY(pack.builtIn);
            QVERIFY(!pack.description.isEmpty());
            QVERIFY(!pack.queries.isEmpty());
            names.insert(pack.name);
            for (const PackQuery &query : pack.queries) {
                QVERIFY(!query.title.isEmpty());
                QVERIFY(!query.query.isEmpty());
                QVERIFY2(!query.unit.isEmpty(), qPrintable(query.title));
            }
        }
        QVERIFY(names.contains(u"Service health"_s));
        QVERIFY(names.contains(u"Targets down"_s));
    }

    void serviceHealthCoversTheGoldenSignals()
    {
        const QList<DiagnosticPack> packs = builtInDiagnosticPacks();
        const auto it = std::find_if(packs.begin(), packs.end(),
            [](const DiagnosticPack &pack) { return pack.name == u"Service health"; });
        QVERIFY(it != packs.end());
        QStringList queries;
        for (const PackQuery &query : it->queries)
            queries.append(query.query);
        const QString all = queries.join(u'\n');
        QVERIFY(all.contains(u"code=~\"5..\""_s)); // error ratio
        QVERIFY(all.contains(u"histogram_quantile(0.95"_s)); // p95 latency
        // Works on a generic service and on a Prometheus that only scrapes itself.
        QVERIFY(all.contains(u"rate(http_requests_total"_s));
        QVERIFY(all.contains(u"rate(prometheus_http_requests_total"_s));
    }

    void roundTrip()
    {
        const QList<DiagnosticPack> packs {
            {u"Mine"_s, u"My own"_s,
                {{u"Queue depth"_s, u"max(queue_depth)"_s, u"count"_s},
                    {u"Lag"_s, u"max(lag_seconds{topic=\"a|b\"})"_s, QString()}},
                false},
            {u"Second"_s, QString(), {{u"Up"_s, u"up"_s, u"ratio"_s}}, false},
        };
        const auto parsed = diagnosticPacksFromJson(diagnosticPacksToJson(packs));
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(*parsed, packs);

        const auto none = diagnosticPacksFromJson(diagnosticPacksToJson({}));
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }

    void shippedFileRoundTrips()
    {
        QFile file(u":/incidentdesk/diagnostic-packs.json"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto parsed = diagnosticPacksFromJson(file.readAll());
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QList<DiagnosticPack> builtIn = builtInDiagnosticPacks();
        for (DiagnosticPack &pack : builtIn)
            pack.builtIn = false;
        QCOMPARE(*parsed, builtIn);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << u"empty"_s;
        QTest::newRow("not json") << "packs:"_ba << u"not JSON"_s;
        QTest::newRow("array") << "[]"_ba << u"not a JSON object"_s;
        QTest::newRow("no packs") << "{}"_ba << u"packs is missing"_s;
        QTest::newRow("pack string") << R"({"packs":["x"]})"_ba << u"packs[0] is not an object"_s;
        QTest::newRow("no name") << R"({"packs":[{"queries":[{"title":"a","query":"up"}]}]})"_ba
                                 << u"packs[0].name is missing"_s;
        QTest::newRow("blank name")
            << R"({"packs":[{"name":"  ","queries":[{"title":"a","query":"up"}]}]})"_ba
            << u"packs[0].name is empty"_s;
        QTest::newRow("no queries")
            << R"({"packs":[{"name":"a"}]})"_ba << u"packs[0].queries is missing"_s;
        QTest::newRow("empty queries")
            << R"({"packs":[{"name":"a","queries":[]}]})"_ba << u"packs[0].queries is empty"_s;
        QTest::newRow("query without promql")
            << R"({"packs":[{"name":"a","queries":[{"title":"t","query":"up"},{"title":"u"}]}]})"_ba
            << u"packs[0].queries[1].query is missing"_s;
        QTest::newRow("unit number")
            << R"({"packs":[{"name":"a","queries":[{"title":"t","query":"up","unit":1}]}]})"_ba
            << u"packs[0].queries[0].unit is not a string"_s;
        QTest::newRow("duplicate name, other case")
            << R"({"packs":[{"name":"Health","queries":[{"title":"t","query":"up"}]},)"
               R"({"name":"HEALTH","queries":[{"title":"t","query":"up"}]}]})"_ba
            << u"packs[1].name repeats the name \"HEALTH\""_s;
    }

    void refused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto parsed = diagnosticPacksFromJson(json);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().kind, Error::Kind::Validation);
        QVERIFY2(parsed.errorMessage().contains(message), qPrintable(parsed.errorMessage()));
        QVERIFY(!parsed.errorMessage().contains(u'\n'));
    }
};

QTEST_GUILESS_MAIN(DiagnosticPackTest)
#include "tst_diagnosticpack.moc"
