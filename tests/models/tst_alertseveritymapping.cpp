#include "alertseveritymapping.h"

#include <QTest>

using namespace idesk;

namespace {

Alert alert(const Labels &labels, const Labels &annotations = {})
{
    Alert a;
    a.labels = labels;
    a.annotations = annotations;
    a.state = QStringLiteral("active");
    return a;
}

QDateTime at(int hour, int minute)
{
    return QDateTime(QDate(2026, 3, 10), QTime(hour, minute), Qt::UTC);
}

} // namespace

// Which severity an alert asks for, how the team overrides it, and what a declaration
// and a timeline entry made from an alert say.
class AlertSeverityMappingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultLevels_data()
    {
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<int>("expected");
        QTest::newRow("critical") << Labels {{QStringLiteral("severity"),
            QStringLiteral("critical")}}
                                  << 1;
        QTest::newRow("warning") << Labels {{QStringLiteral("severity"), QStringLiteral("warning")}}
                                 << 2;
        QTest::newRow("info") << Labels {{QStringLiteral("severity"), QStringLiteral("info")}} << 3;
        QTest::newRow("case and spaces")
            << Labels {{QStringLiteral("severity"), QStringLiteral(" CRITICAL ")}} << 1;
        QTest::newRow("unknown value")
            << Labels {{QStringLiteral("severity"), QStringLiteral("page")}} << 2;
        QTest::newRow("no severity label")
            << Labels {{QStringLiteral("alertname"), QStringLiteral("X")}} << 2;
        QTest::newRow("other label named critical")
            << Labels {{QStringLiteral("priority"), QStringLiteral("critical")}} << 2;
    }

    void defaultLevels()
    {
        QFETCH(Labels, labels);
        QFETCH(int, expected);
        QCOMPARE(AlertSeverityMapping::defaults().severityFor(alert(labels)), expected);
    }

    void parsesSetting_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<int>("expected"); // 0: refused
        QTest::addColumn<QString>("errorContains");

        const Labels critical {{QStringLiteral("severity"), QStringLiteral("critical")}};
        const Labels p1 {{QStringLiteral("priority"), QStringLiteral("P1")}};
        QTest::newRow("empty setting means defaults") << QString() << critical << 1 << QString();
        QTest::newRow("blank setting means defaults")
            << QStringLiteral("  ") << critical << 1 << QString();
        QTest::newRow("own label and names")
            << QStringLiteral(R"({"label":"priority","levels":{"p1":"SEV-1","p2":2}})") << p1 << 1
            << QString();
        QTest::newRow("numbers as levels")
            << QStringLiteral(R"({"levels":{"critical":2}})") << critical << 2 << QString();
        QTest::newRow("fallback for unmapped")
            << QStringLiteral(R"({"levels":{"warning":"SEV-2"},"default":"SEV-3"})") << critical
            << 3 << QString();
        QTest::newRow("levels omitted keep defaults")
            << QStringLiteral(R"({"default":3})") << critical << 1 << QString();
        QTest::newRow("sev4 allowed")
            << QStringLiteral(R"({"levels":{"critical":"sev4"}})") << critical << 4 << QString();
        QTest::newRow("unknown keys ignored")
            << QStringLiteral(R"({"levels":{"critical":1},"later":true})") << critical << 1
            << QString();
        QTest::newRow("not json") << QStringLiteral("{levels") << critical << 0
                                  << QStringLiteral("not JSON");
        QTest::newRow("array") << QStringLiteral("[1]") << critical << 0
                               << QStringLiteral("JSON object");
        QTest::newRow("bad level named")
            << QStringLiteral(R"({"levels":{"critical":"SEV-X"}})") << critical << 0
            << QStringLiteral("levels.critical: \"SEV-X\"");
        QTest::newRow("zero level") << QStringLiteral(R"({"levels":{"critical":0}})") << critical
                                    << 0 << QStringLiteral("levels.critical: 0");
        QTest::newRow("fraction level") << QStringLiteral(R"({"default":1.5})") << critical << 0
                                        << QStringLiteral("default: 1.5");
        QTest::newRow("levels not an object") << QStringLiteral(R"({"levels":["critical"]})")
                                              << critical << 0 << QStringLiteral("levels:");
        QTest::newRow("empty label name")
            << QStringLiteral(R"({"label":""})") << critical << 0 << QStringLiteral("label:");
    }

    void parsesSetting()
    {
        QFETCH(QString, json);
        QFETCH(Labels, labels);
        QFETCH(int, expected);
        QFETCH(QString, errorContains);
        const auto mapping = alertSeverityMappingFromSetting(json);
        if (expected == 0) {
            QVERIFY(!mapping);
            QCOMPARE(mapping.error().kind, Error::Kind::Validation);
            QVERIFY2(
                mapping.errorMessage().contains(errorContains), qPrintable(mapping.errorMessage()));
            return;
        }
        QVERIFY2(mapping.ok(), qPrintable(mapping.errorMessage()));
        QCOMPARE(mapping->severityFor(alert(labels)), expected);
    }

    void jsonRoundTrip()
    {
        AlertSeverityMapping mapping;
        mapping.label = QStringLiteral("priority");
        mapping.levels
            = {{QStringLiteral("p1"), 1}, {QStringLiteral("p2"), 2}, {QStringLiteral("p4"), 4}};
        mapping.fallback = 3;
        const auto back = alertSeverityMappingFromJson(alertSeverityMappingToJson(mapping));
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(*back, mapping);
        const auto defaults = alertSeverityMappingFromJson(
            alertSeverityMappingToJson(AlertSeverityMapping::defaults()));
        QCOMPARE(*defaults, AlertSeverityMapping::defaults());
    }

    void title_data()
    {
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<Labels>("annotations");
        QTest::addColumn<QString>("expected");
        const Labels labels {{QStringLiteral("alertname"), QStringLiteral("HighErrorRate")},
            {QStringLiteral("severity"), QStringLiteral("critical")},
            {QStringLiteral("job"), QStringLiteral("api")},
            {QStringLiteral("instance"), QStringLiteral("api-1:9090")}};
        QTest::newRow("summary wins")
            << labels << Labels {{QStringLiteral("summary"), QStringLiteral("API 5xx above 5%")}}
            << QStringLiteral("API 5xx above 5%");
        QTest::newRow("summary on one line")
            << labels << Labels {{QStringLiteral("summary"), QStringLiteral(" API\n  down ")}}
            << QStringLiteral("API down");
        QTest::newRow("name and labels, severity left out")
            << labels << Labels {{QStringLiteral("description"), QStringLiteral("long text")}}
            << QStringLiteral("HighErrorRate (instance=api-1:9090, job=api)");
        QTest::newRow("name alone")
            << Labels {{QStringLiteral("alertname"), QStringLiteral("Down")}} << Labels {}
            << QStringLiteral("Down");
        QTest::newRow("nothing at all") << Labels {} << Labels {} << QStringLiteral("Alert");
    }

    void title()
    {
        QFETCH(Labels, labels);
        QFETCH(Labels, annotations);
        QFETCH(QString, expected);
        QCOMPARE(AlertPrefill::title(alert(labels, annotations), AlertSeverityMapping::defaults()),
            expected);
    }

    void longTitleIsCut()
    {
        const QString summary(1000, u'x');
        const QString title = AlertPrefill::title(
            alert({}, {{QStringLiteral("summary"), summary}}), AlertSeverityMapping::defaults());
        QCOMPARE(title.size(), IncidentRules::kMaxTitleLength);
        QVERIFY(title.endsWith(QChar(0x2026)));
    }

    void declareRequest_data()
    {
        QTest::addColumn<QDateTime>("startsAt");
        QTest::addColumn<QDateTime>("expectedStart"); // invalid: none (now)
        const QDateTime now = at(14, 0);
        QTest::newRow("starts before now") << at(13, 42) << at(13, 42);
        QTest::newRow("clock skew: starts after now") << at(14, 3) << now;
        QTest::newRow("unknown start") << QDateTime() << QDateTime();
    }

    void declareRequest()
    {
        QFETCH(QDateTime, startsAt);
        QFETCH(QDateTime, expectedStart);
        Alert a = alert({{QStringLiteral("alertname"), QStringLiteral("HighErrorRate")},
                            {QStringLiteral("severity"), QStringLiteral("critical")},
                            {QStringLiteral("job"), QStringLiteral("api")}},
            {{QStringLiteral("summary"), QStringLiteral("API 5xx above 5%")},
                {QStringLiteral("description"), QStringLiteral("Error ratio is 7%.")}});
        a.startsAt = startsAt;
        a.generatorUrl = QStringLiteral("http://prometheus:9090/graph?g0.expr=x");
        const DeclareRequest request = AlertPrefill::declareRequest(
            a, AlertSeverityMapping::defaults(), at(14, 0), QStringLiteral("alice"));
        QCOMPARE(request.title, QStringLiteral("API 5xx above 5%"));
        QCOMPARE(request.severity, 1);
        QCOMPARE(request.author, QStringLiteral("alice"));
        QVERIFY(request.summary.startsWith(QStringLiteral("Error ratio is 7%.")));
        QVERIFY(request.summary.contains(QStringLiteral("HighErrorRate (active)")));
        QVERIFY(request.summary.contains(QStringLiteral("job=api, severity=critical")));
        QVERIFY(request.summary.contains(QStringLiteral("http://prometheus:9090/graph")));
        QCOMPARE(request.startedAt.has_value(), expectedStart.isValid());
        if (expectedStart.isValid())
            QCOMPARE(*request.startedAt, expectedStart);
        // What the rules accept: the prefill declares as it is.
        QVERIFY(IncidentRules::planDeclare(request, defaultSeverities(), at(14, 0)).ok());
    }

    void timelineEntry_data()
    {
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<Labels>("annotations");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("expected");
        QTest::newRow("full")
            << Labels {{QStringLiteral("alertname"), QStringLiteral("HighErrorRate")},
                   {QStringLiteral("severity"), QStringLiteral("critical")},
                   {QStringLiteral("job"), QStringLiteral("api")}}
            << Labels {{QStringLiteral("summary"), QStringLiteral("API 5xx above 5%")}}
            << QStringLiteral("active")
            << QStringLiteral("Alert HighErrorRate (active): API 5xx above 5% — labels: "
                              "job=api, severity=critical");
        QTest::newRow("no summary")
            << Labels {{QStringLiteral("alertname"), QStringLiteral("TargetDown")},
                   {QStringLiteral("job"), QStringLiteral("node")}}
            << Labels {} << QStringLiteral("firing")
            << QStringLiteral("Alert TargetDown (firing) — labels: job=node");
        QTest::newRow("no state, no labels")
            << Labels {{QStringLiteral("alertname"), QStringLiteral("Watchdog")}} << Labels {}
            << QString() << QStringLiteral("Alert Watchdog");
    }

    void timelineEntry()
    {
        QFETCH(Labels, labels);
        QFETCH(Labels, annotations);
        QFETCH(QString, state);
        QFETCH(QString, expected);
        Alert a = alert(labels, annotations);
        a.state = state;
        a.startsAt = at(13, 40);
        const NewEntry entry = AlertPrefill::timelineEntry(a, at(14, 0), QStringLiteral("bob"));
        QCOMPARE(entry.kind, EntryKind::Alert);
        QCOMPARE(entry.text, expected);
        QCOMPARE(entry.author, QStringLiteral("bob"));
        QCOMPARE(entry.at, at(13, 40));
    }

    void timelineTime_data()
    {
        QTest::addColumn<QDateTime>("startsAt");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("when it began") << at(13, 40) << at(13, 40);
        QTest::newRow("unknown: now") << QDateTime() << at(14, 0);
        QTest::newRow("ahead of our clock: now") << at(14, 5) << at(14, 0);
    }

    void timelineTime()
    {
        QFETCH(QDateTime, startsAt);
        QFETCH(QDateTime, expected);
        Alert a;
        a.startsAt = startsAt;
        QCOMPARE(AlertPrefill::timelineTime(a, at(14, 0)), expected);
    }
};

QTEST_GUILESS_MAIN(AlertSeverityMappingTest)
#include "tst_alertseveritymapping.moc"
