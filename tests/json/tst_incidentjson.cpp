#include "incidentjson.h"

#include "timeformat.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QtTest>

using namespace idesk;

namespace {

QDateTime utc(const char *iso)
{
    const auto parsed = parseIsoStrict(QString::fromLatin1(iso));
    if (!parsed)
        qFatal("bad time in test: %s", iso);
    return *parsed;
}

// The committed copy first, so the suite does not depend on a folder outside the repo.
QByteArray fixtureBytes()
{
    QStringList candidates;
    const QString sourceDir = qEnvironmentVariable("INCIDENTDESK_SOURCE_DIR");
    if (!sourceDir.isEmpty())
        candidates << sourceDir + QStringLiteral("/tests/data/api-outage.json")
                   << sourceDir + QStringLiteral("/../shared/fixtures/api-outage.json");
    candidates << QFINDTESTDATA("../data/api-outage.json");
    for (const QString &path : std::as_const(candidates)) {
        QFile file(path);
        if (!path.isEmpty() && file.open(QIODevice::ReadOnly))
            return file.readAll();
    }
    qFatal("api-outage.json not found");
    return {};
}

QJsonObject fixtureObject()
{
    return QJsonDocument::fromJson(fixtureBytes()).object();
}

// Sets (or with no value removes) what a JSON pointer ("/timeline/3/kind") names.
QJsonValue edited(QJsonValue at, QStringView pointer, const std::optional<QJsonValue> &value)
{
    if (pointer.isEmpty())
        return value.value_or(QJsonValue());
    const qsizetype next = pointer.indexOf(u'/', 1);
    const QString token = pointer.mid(1, next < 0 ? -1 : next - 1).toString();
    const QStringView rest = next < 0 ? QStringView() : pointer.mid(next);
    if (at.isArray()) {
        QJsonArray array = at.toArray();
        const qsizetype index = token.toLongLong();
        if (rest.isEmpty() && !value)
            array.removeAt(index);
        else if (index == array.size())
            array.append(edited(QJsonValue(), rest, value));
        else
            array[index] = edited(array.at(index), rest, value);
        return array;
    }
    QJsonObject object = at.toObject();
    if (rest.isEmpty() && !value)
        object.remove(token);
    else
        object[token] = edited(object.value(token), rest, value);
    return object;
}

QJsonValue json(const QByteArray &text)
{
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + text + ']');
    if (wrapped.array().size() != 1)
        qFatal("bad JSON in test data: %s", text.constData());
    return wrapped.array().first();
}

// What an import can give back: no row ids and no revision, which belong to a store.
Incident withoutRowIds(Incident incident)
{
    incident.header.revision = 0;
    for (RoleAssignment &role : incident.roles)
        role.id = 0;
    for (TimelineEntry &entry : incident.timeline) {
        entry.id = 0;
        entry.incidentId = 0;
    }
    for (StatusUpdate &update : incident.statusUpdates)
        update.id = 0;
    for (ActionItem &item : incident.actionItems)
        item.id = 0;
    for (DiagnosticSnapshot &snapshot : incident.diagnostics)
        snapshot.id = 0;
    return incident;
}

QByteArray binaryPng()
{
    QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452");
    for (int i = 0; i < 256 * 4; ++i)
        png.append(static_cast<char>(i % 256));
    png.append('\0');
    return png;
}

Incident richIncident()
{
    Incident incident;
    IncidentHeader &h = incident.header;
    h.id = 42;
    h.revision = 17;
    h.title = QStringLiteral("Checkout 🔥 down — «Zahlung» fehlgeschlagen / שלום עולם");
    h.summary = QStringLiteral("Line one\nLine two\twith tab, \"quotes\", back\\slash, "
                               "control \x01\x1f, </script> & <b>html</b>\r\nend");
    h.severity = 2;
    h.status = Status::Monitoring;
    h.milestones.set(Milestone::Started, utc("2024-11-25T15:45:00.250Z"));
    h.milestones.set(
        Milestone::Detected, QDateTime(QDate(2024, 11, 25), QTime(17, 47), QTimeZone(7200)));
    h.milestones.set(Milestone::Declared, utc("2024-11-25T15:52:00Z"));
    h.milestones.set(Milestone::Mitigated, utc("2024-11-25T16:20:00Z"));
    h.slo = SloContext {0.9995, 28, 0.25};

    incident.roles = {
        {11, Roles::Commander, QStringLiteral("Alice"), utc("2024-11-25T15:52:00Z"),
            utc("2024-11-25T16:10:00Z")},
        {12, Roles::Commander, QStringLiteral("Zoë Ødegård"), utc("2024-11-25T16:10:00Z"),
            std::nullopt},
        {13, QStringLiteral("customer-liaison"), QStringLiteral("محمد"),
            utc("2024-11-25T15:55:00Z"), std::nullopt},
    };

    const QString longText = QString(10'000, u'x') + QStringLiteral("… end");
    int n = 0;
    for (const EntryKind kind : allEntryKinds()) {
        TimelineEntry entry;
        entry.id = 100 + n;
        entry.incidentId = 42;
        // Deliberately out of time order: the document keeps the order it is given.
        entry.at = utc("2024-11-25T16:00:00Z").addSecs(n % 2 == 0 ? n * 60 : -n * 60);
        entry.writtenAt = entry.at.addSecs(30);
        entry.kind = kind;
        entry.author = n % 3 == 0 ? QStringLiteral("Alice") : QStringLiteral("בוב");
        entry.text = QStringLiteral("Entry %1: %2").arg(n).arg(entryKindName(kind));
        incident.timeline.append(entry);
        ++n;
    }
    incident.timeline[0].text = longText;
    incident.timeline[1].revisions = {
        {QStringLiteral("first draft"), utc("2024-11-25T16:05:00Z"), QStringLiteral("Alice")},
        {QStringLiteral("second \"draft\"\nwith newline"), utc("2024-11-25T16:06:00.5Z"),
            QStringLiteral("Bob")},
    };
    incident.timeline[2].redaction = Redaction {QStringLiteral("pasted a password 🔑"),
        utc("2024-11-25T16:07:00Z"), QStringLiteral("Alice")};
    incident.timeline[3].link = EntryLink {QStringLiteral("update"), 3};
    incident.timeline[4].text = QString();
    incident.timeline[5].text
        = QStringLiteral("emoji 👩🏽‍💻🇩🇪 and RTL مرحبا بالعالم mixed");

    incident.statusUpdates = {
        {31, utc("2024-11-25T16:00:00Z"), QStringLiteral("Investigating"),
            QStringLiteral("Checkout failing for 25%"), QStringLiteral("Rolling back"),
            QStringLiteral("DBA on call"), utc("2024-11-25T16:30:00Z"), Audience::Internal},
        {32, utc("2024-11-25T16:30:00Z"), QStringLiteral("Monitoring"), QString(), QString(),
            QString(), std::nullopt, Audience::External},
    };

    incident.actionItems = {
        {41, QStringLiteral("Add pool monitoring"), QStringLiteral("Alice"), QDate(2024, 12, 1),
            ActionType::Detect, ActionStatus::Open, QStringLiteral("https://tracker/ISSUE-1")},
        {42, QStringLiteral("Write runbook"), QString(), std::nullopt, ActionType::Process,
            ActionStatus::InProgress, std::nullopt},
        {43, QStringLiteral("Circuit breaker"), QStringLiteral("Bob"), QDate(2025, 2, 28),
            ActionType::Prevent, ActionStatus::Done, QString()},
        {44, QStringLiteral("Rate limit"), QStringLiteral("Chen"), std::nullopt,
            ActionType::Mitigate, ActionStatus::WontDo, std::nullopt},
        {45, QStringLiteral("Other"), QStringLiteral("Dee"), std::nullopt, ActionType::Other,
            ActionStatus::Open, std::nullopt},
    };

    DiagnosticSnapshot series;
    series.id = 51;
    series.source = QStringLiteral("prometheus");
    series.query = QStringLiteral("sum(rate(http_requests_total{code=~\"5..\"}[5m]))");
    series.windowStart = utc("2024-11-25T15:30:00Z");
    series.windowEnd = utc("2024-11-25T16:30:00Z");
    series.capturedAt = utc("2024-11-25T16:31:12.345Z");
    // Canonical form: compact, keys sorted (as an import gives it back).
    series.result = R"({"data":{"result":[{"metric":{"__name__":"up","job":"api"},"values":)"
                    R"([[1732549500,"1"],[1732549515.5,"0.25"],[-3,"1e-05"]]}],)"
                    R"("resultType":"matrix"},"status":"success"})";
    series.chartPng = binaryPng();
    DiagnosticSnapshot empty;
    empty.id = 52;
    empty.source = QStringLiteral("alertmanager");
    empty.windowStart = utc("2024-11-25T15:00:00Z");
    empty.windowEnd = utc("2024-11-25T16:00:00Z");
    empty.capturedAt = utc("2024-11-25T16:00:01Z");
    DiagnosticSnapshot scalar = empty;
    scalar.id = 53;
    scalar.result = "[1.5,true,null,\"x\",{},[]]";
    incident.diagnostics = {series, empty, scalar};

    Postmortem &pm = incident.postmortem;
    pm.executiveSummary = QStringLiteral("# Summary\n\n*Markdown* stays as written.");
    pm.impact = {QStringLiteral("25%"), QStringLiteral("~€12,000"), QStringLiteral("EU only")};
    pm.rootCause = QStringLiteral("Pool leak");
    pm.contributingFactors = {QStringLiteral("No monitoring"), QStringLiteral("Peak hours")};
    pm.trigger = QStringLiteral("Deploy");
    pm.detection = QStringLiteral("Alert");
    pm.resolution = QStringLiteral("Rollback");
    pm.wentWell = {QStringLiteral("Fast rollback 🚀")};
    pm.wentWrong = {QStringLiteral("Slow page"), QString()};
    pm.gotLucky = {};
    pm.lessonsLearned = {QStringLiteral("שיעור")};
    pm.supportingInformation = QStringLiteral("See dashboards");
    return incident;
}

} // namespace

class IncidentJsonTest : public QObject
{
    Q_OBJECT

private slots:
    void schemaIsEmbedded();
    void fixtureParses();
    void fixtureReexportsByteForByte();
    void exportIsStable();
    void richIncidentRoundTrips_data();
    void richIncidentRoundTrips();
    void exportShape();
    void numbersAreDeterministic_data();
    void numbersAreDeterministic();
    void idIsOptional();
    void timelineKeepsDocumentOrder();
    void diagnosticResults_data();
    void diagnosticResults();
    void loneSurrogateSurvives();
    void toJsonObjectMatches();
    void refusesMalformed_data();
    void refusesMalformed();
    void refusesOverlongString();
    void largeChartIsAccepted();
    void refusesOversizedDocument();
};

void IncidentJsonTest::schemaIsEmbedded()
{
    const auto schema = IncidentJson::schema();
    QVERIFY2(schema.ok(), qPrintable(schema.errorMessage()));
    QVERIFY(QFile::exists(IncidentJson::kSchemaResource));
}

void IncidentJsonTest::fixtureParses()
{
    const auto parsed = IncidentJson::fromJson(fixtureBytes());
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    const Incident &incident = *parsed;
    const IncidentHeader &h = incident.header;
    QCOMPARE(h.id, qint64(1));
    QCOMPARE(h.revision, qint64(0));
    QCOMPARE(h.title, QStringLiteral("API outage"));
    QCOMPARE(h.summary,
        QStringLiteral("Complete API outage affecting all users due to database "
                       "connection pool exhaustion."));
    QCOMPARE(h.severity, 1);
    QCOMPARE(h.status, Status::Resolved);
    QCOMPARE(
        h.milestones.get(Milestone::Started).value_or(QDateTime()), utc("2024-11-25T15:45:00Z"));
    QCOMPARE(
        h.milestones.get(Milestone::Detected).value_or(QDateTime()), utc("2024-11-25T15:45:00Z"));
    QCOMPARE(
        h.milestones.get(Milestone::Declared).value_or(QDateTime()), utc("2024-11-25T15:52:00Z"));
    QCOMPARE(h.milestones.get(Milestone::Acknowledged).value_or(QDateTime()),
        utc("2024-11-25T15:52:00Z"));
    QCOMPARE(
        h.milestones.get(Milestone::Mitigated).value_or(QDateTime()), utc("2024-11-25T16:20:00Z"));
    QCOMPARE(
        h.milestones.get(Milestone::Resolved).value_or(QDateTime()), utc("2024-11-25T16:35:00Z"));
    QVERIFY(!h.milestones.get(Milestone::Closed));
    QCOMPARE(h.milestones.get(Milestone::Started)->timeSpec(), Qt::UTC);
    QVERIFY(h.slo);
    QCOMPARE(h.slo->target, 0.999);
    QCOMPARE(h.slo->windowDays, 30);
    QCOMPARE(h.slo->affectedFraction, 1.0);

    QCOMPARE(incident.roles.size(), 2);
    QCOMPARE(incident.roles[0].role, Roles::Commander);
    QCOMPARE(incident.roles[0].person, QStringLiteral("Alice"));
    QCOMPARE(incident.roles[0].from, utc("2024-11-25T15:52:00Z"));
    QVERIFY(!incident.roles[0].to);
    QCOMPARE(incident.roles[1].role, Roles::TechLead);
    QCOMPARE(incident.roles[1].person, QStringLiteral("Bob"));

    QCOMPARE(incident.timeline.size(), 9);
    const TimelineEntry &first = incident.timeline.first();
    QCOMPARE(first.id, qint64(0));
    QCOMPARE(first.at, utc("2024-11-25T14:00:00Z"));
    QCOMPARE(first.writtenAt, utc("2024-11-25T16:40:00Z"));
    QCOMPARE(first.kind, EntryKind::Action);
    QCOMPARE(first.author, QStringLiteral("Alice"));
    QCOMPARE(first.text, QStringLiteral("Deployment of v2.5.0"));
    QVERIFY(first.revisions.isEmpty());
    QVERIFY(!first.redaction);
    QVERIFY(first.link.isNull());
    QCOMPARE(incident.timeline[5].kind, EntryKind::Decision);
    QCOMPARE(incident.timeline[8].text, QStringLiteral("Full recovery confirmed"));

    QCOMPARE(incident.statusUpdates.size(), 3);
    const StatusUpdate &update = incident.statusUpdates.first();
    QCOMPARE(update.at, utc("2024-11-25T16:00:00Z"));
    QCOMPARE(update.status, QStringLiteral("Investigating"));
    QCOMPARE(update.impact, QStringLiteral("All API requests failing"));
    QCOMPARE(
        update.actions, QStringLiteral("Database identified as bottleneck; evaluating rollback"));
    QCOMPARE(update.needs, QString());
    QCOMPARE(update.nextUpdateAt.value_or(QDateTime()), utc("2024-11-25T16:15:00Z"));
    QCOMPARE(update.audience, Audience::Internal);
    QVERIFY(!incident.statusUpdates[2].nextUpdateAt);

    QCOMPARE(incident.actionItems.size(), 4);
    const ActionItem &item = incident.actionItems.first();
    QCOMPARE(item.text, QStringLiteral("Add connection pool monitoring"));
    QCOMPARE(item.owner, QStringLiteral("Alice"));
    QCOMPARE(item.due.value_or(QDate()), QDate(2024, 12, 1));
    QCOMPARE(item.type, ActionType::Detect);
    QCOMPARE(item.status, ActionStatus::Open);
    QVERIFY(!item.link);
    QCOMPARE(incident.actionItems[2].type, ActionType::Process);
    QCOMPARE(incident.actionItems[3].type, ActionType::Prevent);
    QCOMPARE(incident.actionItems[3].owner, QStringLiteral("David"));

    QVERIFY(incident.diagnostics.isEmpty());

    const Postmortem &pm = incident.postmortem;
    QVERIFY(pm.executiveSummary.startsWith(u"Complete API outage"));
    QCOMPARE(pm.impact.usersAffected, QStringLiteral("100% (all users)"));
    QCOMPARE(pm.impact.revenueImpact, QStringLiteral("~$50,000"));
    QCOMPARE(pm.impact.notes, QString());
    QVERIFY(pm.rootCause.startsWith(u"Database connection pool exhausted"));
    QCOMPARE(pm.contributingFactors,
        QStringList({QStringLiteral("No connection pool monitoring"),
            QStringLiteral("Deployment during peak hours"),
            QStringLiteral("Connection leak not caught in testing")}));
    QVERIFY(pm.trigger.startsWith(u"Traffic growth"));
    QCOMPARE(
        pm.detection, QStringLiteral("Latency alerts fired 5 minutes after the first symptom."));
    QCOMPARE(pm.resolution, QStringLiteral("Rolled back v2.5.0."));
    QCOMPARE(pm.wentWell.size(), 4);
    QCOMPARE(pm.wentWrong.size(), 3);
    QVERIFY(pm.gotLucky.isEmpty());
    QCOMPARE(pm.lessonsLearned.size(), 3);
    QCOMPARE(pm.lessonsLearned.last(),
        QStringLiteral("Need better integration testing for resource leaks"));
    QCOMPARE(pm.supportingInformation, QString());
}

void IncidentJsonTest::fixtureReexportsByteForByte()
{
    // The fixture was written in DESIGN §5's key order and shape; so is our export.
    const QByteArray fixture = fixtureBytes();
    const auto parsed = IncidentJson::fromJson(fixture);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    const QByteArray exported = IncidentJson::toJson(*parsed);
    QVERIFY(exported.endsWith("}\n"));
    QCOMPARE(QString::fromUtf8(exported.trimmed()), QString::fromUtf8(fixture.trimmed()));
}

void IncidentJsonTest::exportIsStable()
{
    const auto first = IncidentJson::fromJson(fixtureBytes());
    QVERIFY(first.ok());
    const QByteArray once = IncidentJson::toJson(*first);
    const auto second = IncidentJson::fromJson(once);
    QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
    QCOMPARE(*second, *first);
    QCOMPARE(IncidentJson::toJson(*second), once);
}

void IncidentJsonTest::richIncidentRoundTrips_data()
{
    QTest::addColumn<bool>("indented");
    QTest::newRow("indented") << true;
    QTest::newRow("compact") << false;
}

void IncidentJsonTest::richIncidentRoundTrips()
{
    QFETCH(bool, indented);
    const Incident original = richIncident();
    const QByteArray exported = IncidentJson::toJson(original, indented);
    QCOMPARE(exported.contains('\n'), indented);

    const auto imported = IncidentJson::fromJson(exported);
    QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
    const Incident expected = withoutRowIds(original);
    // Field by field first, so a failure says where.
    QCOMPARE(imported->header, expected.header);
    QCOMPARE(imported->roles, expected.roles);
    QCOMPARE(imported->timeline.size(), expected.timeline.size());
    for (qsizetype i = 0; i < expected.timeline.size(); ++i)
        QCOMPARE(imported->timeline[i], expected.timeline[i]);
    QCOMPARE(imported->statusUpdates, expected.statusUpdates);
    QCOMPARE(imported->actionItems, expected.actionItems);
    QCOMPARE(imported->diagnostics.size(), expected.diagnostics.size());
    for (qsizetype i = 0; i < expected.diagnostics.size(); ++i) {
        QCOMPARE(imported->diagnostics[i].result, expected.diagnostics[i].result);
        QCOMPARE(imported->diagnostics[i].chartPng, expected.diagnostics[i].chartPng);
        QCOMPARE(imported->diagnostics[i], expected.diagnostics[i]);
    }
    QCOMPARE(imported->postmortem, expected.postmortem);
    QCOMPARE(*imported, expected);

    // export → import → export gives the same bytes.
    QCOMPARE(IncidentJson::toJson(*imported, indented), exported);
}

void IncidentJsonTest::exportShape()
{
    Incident incident = richIncident();
    const QByteArray exported = IncidentJson::toJson(incident);
    const QJsonObject object = QJsonDocument::fromJson(exported).object();

    // Keys in DESIGN §5's order.
    const QList<QByteArray> order
        = {"format", "id", "title", "summary", "severity", "status", "milestones", "slo", "roles",
            "timeline", "status_updates", "action_items", "diagnostics", "postmortem"};
    qsizetype last = -1;
    for (const QByteArray &key : order) {
        const qsizetype at = exported.indexOf("\n  \"" + key + "\": ");
        QVERIFY2(at > last, key.constData());
        last = at;
    }

    QCOMPARE(object.value(u"format").toString(), QStringLiteral("incidentdesk.incident/v1"));
    QCOMPARE(object.value(u"id").toString(), QStringLiteral("INC-42"));
    QCOMPARE(object.value(u"severity").toString(), QStringLiteral("SEV-2"));
    QCOMPARE(object.value(u"status").toString(), QStringLiteral("monitoring"));

    const QJsonObject milestones = object.value(u"milestones").toObject();
    QCOMPARE(milestones.size(), 7);
    QCOMPARE(milestones.value(u"started").toString(), QStringLiteral("2024-11-25T15:45:00.250Z"));
    QCOMPARE(milestones.value(u"detected").toString(), QStringLiteral("2024-11-25T15:47:00Z"));
    QVERIFY(milestones.value(u"acknowledged").isNull());
    QVERIFY(milestones.value(u"closed").isNull());
    QVERIFY(exported.contains(R"("started": "2024-11-25T15:45:00.250Z",)"
                              "\n    \"detected\""));

    const QJsonArray timeline = object.value(u"timeline").toArray();
    QVERIFY(!timeline[0].toObject().contains(u"link"));
    QCOMPARE(timeline[3].toObject().value(u"link").toString(), QStringLiteral("update:3"));
    QCOMPARE(timeline[2].toObject().value(u"redacted").toObject().value(u"reason").toString(),
        QStringLiteral("pasted a password 🔑"));
    QVERIFY(timeline[0].toObject().value(u"redacted").isNull());
    const QJsonArray revisions = timeline[1].toObject().value(u"revisions").toArray();
    QCOMPARE(revisions.size(), 2);
    QCOMPARE(revisions[1].toObject().value(u"replaced_at").toString(),
        QStringLiteral("2024-11-25T16:06:00.500Z"));
    QCOMPARE(revisions[1].toObject().value(u"replaced_by").toString(), QStringLiteral("Bob"));

    const QJsonArray items = object.value(u"action_items").toArray();
    QCOMPARE(items[0].toObject().value(u"due").toString(), QStringLiteral("2024-12-01"));
    QVERIFY(items[1].toObject().value(u"due").isNull());
    QVERIFY(items[1].toObject().value(u"link").isNull());
    QCOMPARE(items[2].toObject().value(u"link").toString(), QString());
    QCOMPARE(items[1].toObject().value(u"status").toString(), QStringLiteral("in-progress"));
    QCOMPARE(items[3].toObject().value(u"status").toString(), QStringLiteral("wont-do"));

    const QJsonObject diagnostic = object.value(u"diagnostics").toArray()[0].toObject();
    QCOMPARE(diagnostic.value(u"result").toObject().value(u"status").toString(),
        QStringLiteral("success"));
    QCOMPARE(
        QByteArray::fromBase64(diagnostic.value(u"chart_png").toString().toLatin1()), binaryPng());
    QVERIFY(object.value(u"diagnostics").toArray()[1].toObject().value(u"result").isNull());
    QVERIFY(object.value(u"diagnostics").toArray()[1].toObject().value(u"chart_png").isNull());

    // Text is UTF-8, not \u-escaped; control characters are escaped.
    QVERIFY(exported.contains("Zoë Ødegård"));
    QVERIFY(exported.contains("🔥"));
    QVERIFY(exported.contains(R"(control \u0001\u001f)"));
    QVERIFY(exported.contains(R"(Line one\nLine two\twith tab, \"quotes\", back\\slash)"));

    // No SLO: null. No id: no key.
    incident.header.slo.reset();
    incident.header.id = 0;
    const QJsonObject bare = IncidentJson::toJsonObject(incident);
    QVERIFY(bare.value(u"slo").isNull());
    QVERIFY(bare.contains(u"slo"));
    QVERIFY(!bare.contains(u"id"));
}

void IncidentJsonTest::numbersAreDeterministic_data()
{
    QTest::addColumn<double>("target");
    QTest::addColumn<double>("fraction");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("fixture") << 0.999 << 1.0
                             << QByteArray(
                                    R"({"target":0.999,"window_days":30,"affected_fraction":1.0})");
    QTest::newRow("zero fraction")
        << 0.95 << 0.0 << QByteArray(R"({"target":0.95,"window_days":30,"affected_fraction":0.0})");
    QTest::newRow("many nines")
        << 0.99999 << 0.1
        << QByteArray(R"({"target":0.99999,"window_days":30,"affected_fraction":0.1})");
    QTest::newRow("computed fraction")
        << 0.999 << (0.1 + 0.2)
        << QByteArray(
               R"({"target":0.999,"window_days":30,"affected_fraction":0.30000000000000004})");
    QTest::newRow("third")
        << 0.999 << (1.0 / 3.0)
        << QByteArray(
               R"({"target":0.999,"window_days":30,"affected_fraction":0.3333333333333333})");
}

void IncidentJsonTest::numbersAreDeterministic()
{
    QFETCH(double, target);
    QFETCH(double, fraction);
    QFETCH(QByteArray, expected);
    Incident incident = richIncident();
    incident.header.slo = SloContext {target, 30, fraction};
    const QByteArray exported = IncidentJson::toJson(incident, false);
    QVERIFY2(exported.contains("\"slo\":" + expected), exported.constData());
    const auto imported = IncidentJson::fromJson(exported);
    QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
    QCOMPARE(imported->header.slo, incident.header.slo); // bit for bit
    QCOMPARE(IncidentJson::toJson(*imported, false), exported);
}

void IncidentJsonTest::idIsOptional()
{
    const QJsonValue document = edited(fixtureObject(), u"/id", std::nullopt);
    const auto parsed = IncidentJson::fromJson(QJsonDocument(document.toObject()).toJson());
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed->header.id, qint64(0));
    QVERIFY(!IncidentJson::toJson(*parsed).contains("\"id\""));
}

void IncidentJsonTest::timelineKeepsDocumentOrder()
{
    QJsonValue document = fixtureObject();
    const QJsonArray forward = document.toObject().value(u"timeline").toArray();
    QJsonArray timeline;
    for (qsizetype i = forward.size() - 1; i >= 0; --i)
        timeline.append(forward.at(i));
    document = edited(document, u"/timeline", QJsonValue(timeline));
    const auto parsed = IncidentJson::fromJson(QJsonDocument(document.toObject()).toJson());
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed->timeline.first().text, QStringLiteral("Full recovery confirmed"));
    QCOMPARE(parsed->timeline.last().text, QStringLiteral("Deployment of v2.5.0"));
}

void IncidentJsonTest::diagnosticResults_data()
{
    QTest::addColumn<QByteArray>("stored"); // DiagnosticSnapshot::result
    QTest::addColumn<QByteArray>("embedded"); // what the compact document holds
    QTest::addColumn<QByteArray>("imported"); // what an import stores
    QTest::newRow("none") << QByteArray() << QByteArray("null") << QByteArray();
    QTest::newRow("object, keys sorted")
        << QByteArray(R"({"status":"success","data":{"result":[]}})")
        << QByteArray(R"({"data":{"result":[]},"status":"success"})")
        << QByteArray(R"({"data":{"result":[]},"status":"success"})");
    QTest::newRow("whitespace dropped")
        << QByteArray("[ 1 ,\n 2 ]\n") << QByteArray("[1,2]") << QByteArray("[1,2]");
    QTest::newRow("scalar") << QByteArray("42") << QByteArray("42") << QByteArray("42");
    QTest::newRow("big integer") << QByteArray("[9007199254740993]")
                                 << QByteArray("[9007199254740993]")
                                 << QByteArray("[9007199254740993]");
    QTest::newRow("double") << QByteArray("[0.1,1e300,-2.5]") << QByteArray("[0.1,1e+300,-2.5]")
                            << QByteArray("[0.1,1e+300,-2.5]");
    QTest::newRow("not JSON: kept as a string")
        << QByteArray("upstream said: 502 Bad Gateway")
        << QByteArray(R"("upstream said: 502 Bad Gateway")")
        << QByteArray(R"("upstream said: 502 Bad Gateway")");
}

void IncidentJsonTest::diagnosticResults()
{
    QFETCH(QByteArray, stored);
    QFETCH(QByteArray, embedded);
    QFETCH(QByteArray, imported);
    Incident incident = richIncident();
    incident.diagnostics.resize(1);
    incident.diagnostics[0].result = stored;
    const QByteArray exported = IncidentJson::toJson(incident, false);
    QVERIFY2(exported.contains("\"result\":" + embedded + ",\"chart_png\""), exported.constData());
    const auto parsed = IncidentJson::fromJson(exported);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed->diagnostics[0].result, imported);
    QCOMPARE(IncidentJson::toJson(*parsed, false), exported);
}

void IncidentJsonTest::loneSurrogateSurvives()
{
    Incident incident = richIncident();
    incident.header.title = QStringLiteral("broken ") + QChar(0xD800) + QStringLiteral(" pair");
    const QByteArray exported = IncidentJson::toJson(incident);
    QVERIFY(exported.contains(R"("broken \ud800 pair")"));
    const auto parsed = IncidentJson::fromJson(exported);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed->header.title, incident.header.title);
}

void IncidentJsonTest::toJsonObjectMatches()
{
    const Incident incident = richIncident();
    QCOMPARE(IncidentJson::toJsonObject(incident),
        QJsonDocument::fromJson(IncidentJson::toJson(incident)).object());
}

void IncidentJsonTest::refusesMalformed_data()
{
    QTest::addColumn<QByteArray>("raw"); // the document, when not an edit
    QTest::addColumn<QString>("pointer"); // else: an edit of the fixture
    QTest::addColumn<QByteArray>("replacement"); // JSON; empty removes
    QTest::addColumn<QString>("expected"); // the start of the message

    const auto raw = [](const char *name, const QByteArray &document, const char *expected) {
        QTest::newRow(name) << document << QString() << QByteArray() << QString::fromUtf8(expected);
    };
    const auto edit = [](const char *name, const char *pointer, const QByteArray &replacement,
                          const char *expected) {
        QTest::newRow(name) << QByteArray() << QString::fromUtf8(pointer) << replacement
                            << QString::fromUtf8(expected);
    };

    raw("not JSON", R"({"format": )", "not valid JSON at offset 11: ");
    raw("garbage after", R"({"format": "x"} x)", "not valid JSON at offset 16: ");
    raw("invalid UTF-8", "{\"title\": \"\xff\"}", "not valid JSON at offset ");
    raw("empty", "", "the document is empty");
    raw("blank", " \n", "the document is empty");
    raw("top-level array", "[]", "$: expected object, got array");
    raw("top-level string", R"("incident")", "$: expected object, got string \"incident\"");
    raw("top-level number", "7", "$: expected object, got number 7");
    raw("empty object", "{}", "$.format: required property is missing");

    edit("wrong format", "/format", R"("incidentdesk.incident/v2")",
        "$.format: expected \"incidentdesk.incident/v1\", got string "
        "\"incidentdesk.incident/v2\"");
    edit("missing title", "/title", {}, "$.title: required property is missing");
    edit("empty title", "/title", R"("")", "$.title: must not be empty");
    edit("title a number", "/title", "42", "$.title: expected string, got number 42");
    edit("summary null", "/summary", "null", "$.summary: expected string, got null");
    edit("severity SEV-X", "/severity", R"("SEV-X")",
        "$.severity: \"SEV-X\" does not match ^SEV-[1-9]$");
    edit("severity number", "/severity", "1", "$.severity: expected string, got number 1");
    edit("severity lower case", "/severity", R"("sev-1")", "$.severity: \"sev-1\" does not match");
    edit("unknown status", "/status", R"("fixed")",
        "$.status: \"fixed\" is not one of investigating, identified, monitoring, resolved, "
        "closed");
    edit("id without prefix", "/id", R"("7")", "$.id: \"7\" does not match ^INC-[0-9]+$");
    edit("id zero", "/id", R"("INC-0")", "$.id: \"INC-0\" is not a valid incident id");
    edit("id too large", "/id", R"("INC-99999999999999999999")",
        "$.id: \"INC-99999999999999999999\" is not a valid incident id");
    edit("bad milestone date", "/milestones/started", R"("yesterday")",
        "$.milestones.started: \"yesterday\" is not a date-time");
    edit("milestone without zone", "/milestones/detected", R"("2024-11-25T15:45:00")",
        "$.milestones.detected: \"2024-11-25T15:45:00\" is not a date-time");
    edit("milestone February 30", "/milestones/resolved", R"("2024-02-30T10:00:00Z")",
        "$.milestones.resolved: \"2024-02-30T10:00:00Z\" is not a date-time");
    edit("milestone a number", "/milestones/closed", "1732549500",
        "$.milestones.closed: expected string or null, got number 1732549500");
    edit("missing milestone", "/milestones/closed", {},
        "$.milestones.closed: required property is missing");
    edit("unknown milestone", "/milestones/fixed", "null",
        "$.milestones.fixed: unknown property; allowed: acknowledged, closed, declared, "
        "detected, mitigated, resolved, started");
    edit("milestones an array", "/milestones", "[]", "$.milestones: expected object, got array");
    edit("negative window_days", "/slo/window_days", "-1",
        "$.slo.window_days: -1 is less than the minimum 1");
    edit("fractional window_days", "/slo/window_days", "2.5",
        "$.slo.window_days: expected integer, got number 2.5");
    edit("window_days a string", "/slo/window_days", R"("30")",
        "$.slo.window_days: expected integer, got string \"30\"");
    edit("target 1", "/slo/target", "1", "$.slo.target: 1 is not less than 1");
    edit("target 0", "/slo/target", "0", "$.slo.target: 0 is not greater than 0");
    edit("fraction above 1", "/slo/affected_fraction", "1.5",
        "$.slo.affected_fraction: 1.5 is greater than the maximum 1");
    edit("slo an array", "/slo", "[0.999]", "$.slo: expected object or null, got array");
    edit("roles an object", "/roles", "{}", "$.roles: expected array, got object");
    edit("role name", "/roles/1/role", R"("Tech Lead!")",
        "$.roles[1].role: \"Tech Lead!\" does not match");
    edit("role without from", "/roles/0/from", {}, "$.roles[0].from: required property is missing");
    edit("role to a number", "/roles/1/to", "0",
        "$.roles[1].to: expected string or null, got number 0");
    edit("unknown kind", "/timeline/3/kind", R"("foo")",
        "$.timeline[3].kind: \"foo\" is not one of note, decision, action, observation, "
        "status, severity, role, milestone, update, alert, diagnostic");
    edit("entry an array", "/timeline/2", "[]", "$.timeline[2]: expected object, got array");
    edit("entry with id", "/timeline/0/id", "5", "$.timeline[0].id: unknown property; allowed: ");
    edit("revisions a string", "/timeline/4/revisions", R"("none")",
        "$.timeline[4].revisions: expected array, got string \"none\"");
    edit("revision incomplete", "/timeline/4/revisions/0", R"({"text":"old"})",
        "$.timeline[4].revisions[0].replaced_at: required property is missing");
    edit("redaction incomplete", "/timeline/0/redacted", R"({"reason":"x"})",
        "$.timeline[0].redacted.at: required property is missing");
    edit("redaction a string", "/timeline/0/redacted", R"("yes")",
        "$.timeline[0].redacted: expected object or null, got string \"yes\"");
    edit("bad link", "/timeline/1/link", R"("update")",
        "$.timeline[1].link: \"update\" does not match");
    edit("written_at missing", "/timeline/8/written_at", {},
        "$.timeline[8].written_at: required property is missing");
    edit("audience", "/status_updates/1/audience", R"("everyone")",
        "$.status_updates[1].audience: \"everyone\" is not one of internal, external");
    edit("next update bad", "/status_updates/0/next_update_at", R"("16:15")",
        "$.status_updates[0].next_update_at: \"16:15\" is not a date-time");
    edit("due bad date", "/action_items/0/due", R"("2024-13-01")",
        "$.action_items[0].due: \"2024-13-01\" is not a date (expected YYYY-MM-DD)");
    edit("due a date-time", "/action_items/1/due", R"("2024-12-05T00:00:00Z")",
        "$.action_items[1].due: \"2024-12-05T00:00:00Z\" is not a date");
    edit("action type", "/action_items/2/type", R"("fix")",
        "$.action_items[2].type: \"fix\" is not one of prevent, mitigate, detect, process, "
        "other");
    edit("action status", "/action_items/3/status", R"("closed")",
        "$.action_items[3].status: \"closed\" is not one of open, in-progress, done, wont-do");
    const QByteArray diagnostic
        = R"({"source":"prometheus","query":"up","window_start":"2024-11-25T15:00:00Z",)"
          R"("window_end":"2024-11-25T16:00:00Z","captured_at":"2024-11-25T16:00:00Z",)"
          R"("result":null,"chart_png":)";
    edit("chart not base64", "/diagnostics/0", diagnostic + R"("!!!"})",
        "$.diagnostics[0].chart_png: \"!!!\" does not match");
    edit("chart base64 cut short", "/diagnostics/0", diagnostic + R"("iVBORw0KGg"})",
        "$.diagnostics[0].chart_png: not valid base64");
    edit("diagnostic missing result", "/diagnostics/0",
        R"({"source":"s","query":"q","window_start":"2024-11-25T15:00:00Z",)"
        R"("window_end":"2024-11-25T16:00:00Z","captured_at":"2024-11-25T16:00:00Z",)"
        R"("chart_png":null})",
        "$.diagnostics[0].result: required property is missing");
    edit("postmortem missing", "/postmortem", {}, "$.postmortem: required property is missing");
    edit("postmortem impact an array", "/postmortem/impact", "[]",
        "$.postmortem.impact: expected object, got array");
    edit("lessons not strings", "/postmortem/lessons_learned/1", "{}",
        "$.postmortem.lessons_learned[1]: expected string, got object");
    edit("went_well a string", "/postmortem/went_well", R"("all")",
        "$.postmortem.went_well: expected array, got string \"all\"");
    edit("extra top-level key", "/colour", R"("red")",
        "$.colour: unknown property; allowed: action_items, diagnostics, format, id, "
        "milestones, postmortem, roles, severity, slo, status, status_updates, summary, "
        "timeline, title");
}

void IncidentJsonTest::refusesMalformed()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, pointer);
    QFETCH(QByteArray, replacement);
    QFETCH(QString, expected);

    QByteArray document = raw;
    if (!pointer.isEmpty()) {
        const std::optional<QJsonValue> value
            = replacement.isEmpty() ? std::nullopt : std::optional(json(replacement));
        document = QJsonDocument(edited(fixtureObject(), pointer, value).toObject()).toJson();
    }
    const auto parsed = IncidentJson::fromJson(document);
    QVERIFY2(!parsed.ok(), document.left(2000).constData());
    QCOMPARE(parsed.error().kind, Error::Kind::Validation);
    QVERIFY2(parsed.errorMessage().startsWith(expected),
        qPrintable(QStringLiteral("got: ") + parsed.errorMessage()));
    QVERIFY(!parsed.errorMessage().contains(u'\n'));
}

void IncidentJsonTest::refusesOverlongString()
{
    const QString limit(IncidentJson::kMaxStringChars, u'a');
    QJsonValue document = edited(fixtureObject(), u"/title", QJsonValue(limit));
    QVERIFY(IncidentJson::fromJson(QJsonDocument(document.toObject()).toJson()).ok());

    document = edited(document, u"/timeline/2/text", QJsonValue(limit + u'a'));
    const auto parsed = IncidentJson::fromJson(QJsonDocument(document.toObject()).toJson());
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, Error::Kind::Validation);
    QCOMPARE(parsed.errorMessage(),
        QStringLiteral("$.timeline[2].text: a string of 1000001 characters is longer than "
                       "the limit of 1000000"));

    // A long key is refused too, and the message stays short.
    document = edited(
        fixtureObject(), u'/' + QString(IncidentJson::kMaxStringChars + 1, u'k'), QJsonValue(1));
    const auto longKey = IncidentJson::fromJson(QJsonDocument(document.toObject()).toJson());
    QVERIFY(!longKey.ok());
    QVERIFY2(longKey.errorMessage().startsWith(u"$: a key of 1000001 characters is longer"),
        qPrintable(longKey.errorMessage().left(200)));

    // An unknown key within the limit is named, shortened.
    document = edited(fixtureObject(), u'/' + QString(200, u'k'), QJsonValue(1));
    const auto unknownKey = IncidentJson::fromJson(QJsonDocument(document.toObject()).toJson());
    QVERIFY(!unknownKey.ok());
    QVERIFY2(unknownKey.errorMessage().startsWith(QStringLiteral("$[\"") + QString(60, u'k')
                 + QStringLiteral("…\"]: unknown property")),
        qPrintable(unknownKey.errorMessage()));

    // Inside a diagnostic's free-form result too.
    Incident incident = richIncident();
    incident.diagnostics[0].result
        = "[\"" + QByteArray(IncidentJson::kMaxStringChars + 1, 'r') + "\"]";
    const auto big = IncidentJson::fromJson(IncidentJson::toJson(incident));
    QVERIFY(!big.ok());
    QVERIFY2(big.errorMessage().startsWith(u"$.diagnostics[0].result[0]: a string of 1000001"),
        qPrintable(big.errorMessage()));
}

void IncidentJsonTest::largeChartIsAccepted()
{
    // A chart is binary data: its base64 may exceed the text limit.
    Incident incident = richIncident();
    incident.diagnostics[0].chartPng = QByteArray(900'000, '\x89');
    const QByteArray exported = IncidentJson::toJson(incident);
    const auto parsed = IncidentJson::fromJson(exported);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed->diagnostics[0].chartPng, incident.diagnostics[0].chartPng);
}

void IncidentJsonTest::refusesOversizedDocument()
{
    QByteArray document = fixtureBytes();
    document.append(IncidentJson::kMaxDocumentBytes + 1 - document.size(), ' ');
    QCOMPARE(document.size(), IncidentJson::kMaxDocumentBytes + 1);
    const auto parsed = IncidentJson::fromJson(document);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, Error::Kind::Validation);
    QCOMPARE(parsed.errorMessage(),
        QStringLiteral("the document is 67108865 bytes, more than the limit of 67108864 bytes "
                       "(64 MiB)"));

    document.chop(1); // at the limit exactly: trailing whitespace is fine
    const auto atLimit = IncidentJson::fromJson(document);
    QVERIFY2(atLimit.ok(), qPrintable(atLimit.errorMessage()));
}

QTEST_GUILESS_MAIN(IncidentJsonTest)
#include "tst_incidentjson.moc"
