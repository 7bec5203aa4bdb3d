#include "storagetestsupport.h"

#include <QDebug>
#include <QFile>

#include <sqlite3.h>

namespace idesk::StorageTest {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(bytes);
}

QStringList sidecarFiles(const QString &path)
{
    QStringList found;
    for (const char *suffix : {"-wal", "-shm", "-journal"}) {
        const QString sidecar = path + QLatin1String(suffix);
        if (QFile::exists(sidecar))
            found.append(sidecar);
    }
    return found;
}

std::unique_ptr<SqliteIncidentRepository> openRepository(const QString &path)
{
    auto repository = SqliteIncidentRepository::open(path);
    if (!repository) {
        qWarning().noquote() << "open failed:" << repository.errorMessage();
        return nullptr;
    }
    return std::move(repository).value();
}

namespace {
sqlite3 *rawOpen(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(
            path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK) {
        sqlite3_close(db);
        return nullptr;
    }
    return db;
}
} // namespace

bool rawExec(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = rawOpen(path);
    if (!db)
        return false;
    char *message = nullptr;
    const bool ok = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK;
    if (!ok)
        qWarning() << "raw SQL failed:" << message;
    sqlite3_free(message);
    sqlite3_close(db);
    return ok;
}

qint64 rawQueryInt(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = rawOpen(path);
    if (!db)
        return -1;
    qint64 value = -1;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW)
        value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

QString rawQueryText(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = rawOpen(path);
    if (!db)
        return {};
    QString value;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW)
        value
            = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

Incident simpleIncident(const QString &title)
{
    Incident incident;
    incident.header.title = title;
    incident.header.severity = 2;
    incident.header.status = Status::Investigating;
    incident.header.milestones.set(Milestone::Started, at(0));
    incident.header.milestones.set(Milestone::Declared, at(5));
    incident.roles.append({0, Roles::Commander, QStringLiteral("Alice"), at(5), std::nullopt});
    TimelineEntry declared;
    declared.at = at(5);
    declared.writtenAt = at(5);
    declared.kind = EntryKind::Status;
    declared.author = QStringLiteral("Alice");
    declared.text = QStringLiteral("Incident declared: SEV-2, investigating");
    incident.timeline.append(declared);
    return incident;
}

Incident richIncident()
{
    Incident incident;
    IncidentHeader &h = incident.header;
    h.id = 4242;
    h.title = QStringLiteral("Ünïcödé outage 🚒 — 数据库连接池耗尽");
    h.summary
        = QStringLiteral("Line one\nline two with 'quotes', \"doubles\", %1 and ; DROP TABLE x;--");
    h.severity = 1;
    h.status = Status::Monitoring;
    int minute = 0;
    for (const Milestone m : allMilestones()) {
        if (m != Milestone::Resolved && m != Milestone::Closed)
            h.milestones.set(m, at(minute, 123));
        minute += 7;
    }
    h.slo = SloContext {0.9995, 28, 0.25};
    h.revision = 17;

    incident.roles = {
        {11, Roles::Commander, QStringLiteral("Alice"), at(7), at(30)},
        {12, Roles::Commander, QStringLiteral("Björn Øster"), at(30), std::nullopt},
        {13, QStringLiteral("db-expert"), QStringLiteral("李雷"), at(10), std::nullopt},
    };
    incident.statusUpdates = {
        {77, at(20), QStringLiteral("Investigating"), QStringLiteral("All API requests failing"),
            QStringLiteral("Rolling back"), QString(), at(35), Audience::Internal},
        {78, at(40), QStringLiteral("Monitoring"), QStringLiteral("Recovered"), QString(),
            QStringLiteral("Nothing"), std::nullopt, Audience::External},
    };
    incident.actionItems = {
        {91, QStringLiteral("Add pool monitoring"), QStringLiteral("Alice"), QDate(2024, 12, 1),
            ActionType::Detect, ActionStatus::Open, QStringLiteral("https://tracker/OPS-1")},
        {92, QStringLiteral("Raise pool size"), QString(), std::nullopt, ActionType::Mitigate,
            ActionStatus::Done, std::nullopt},
        {93, QStringLiteral("Write runbook"), QStringLiteral("Zoë"), QDate(2025, 1, 15),
            ActionType::Process, ActionStatus::WontDo, std::nullopt},
    };
    QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    png.append(QByteArray(300, '\0'));
    incident.diagnostics = {
        {55, QStringLiteral("prometheus"), QStringLiteral("sum(rate(http_errors_total[5m]))"),
            at(-30), at(60), at(61), QByteArray(R"({"data":{"result":[]}})"), png},
        {56, QStringLiteral("alertmanager"), QStringLiteral("active alerts"), QDateTime(),
            QDateTime(), at(62), QByteArray(), QByteArray()},
    };

    const auto entry = [](int minute, EntryKind kind, const QString &text, EntryLink link = {}) {
        TimelineEntry e;
        e.id = 1000 + minute;
        e.incidentId = 4242;
        e.at = at(minute);
        e.writtenAt = at(minute + 90, 999);
        e.kind = kind;
        e.author = QStringLiteral("Scribe Ōno");
        e.text = text;
        e.link = link;
        return e;
    };
    // Deliberately out of time order, with two pairs at the same instant.
    incident.timeline = {
        entry(20, EntryKind::Update, QStringLiteral("Status update (internal): Investigating"),
            {QStringLiteral("update"), 77}),
        entry(0, EntryKind::Milestone, QStringLiteral("Started at 15:45")),
        entry(30, EntryKind::Role, QStringLiteral("Alice handed commander to Björn"),
            {QStringLiteral("role"), 12}),
        entry(20, EntryKind::Note, QStringLiteral("Same minute as the update 📈")),
        entry(0, EntryKind::Observation, QStringLiteral("Error rate at 100%")),
        entry(61, EntryKind::Diagnostic, QStringLiteral("Snapshot: error rate"),
            {QStringLiteral("diagnostic"), 55}),
        entry(62, EntryKind::Alert, QStringLiteral("Alert fired elsewhere"),
            {QStringLiteral("alert"), 5}), // not an object of this incident: kept as is
        entry(
            45, EntryKind::Action, QStringLiteral("Opened ticket"), {QStringLiteral("action"), 92}),
    };
    TimelineEntry edited = entry(10, EntryKind::Decision, QStringLiteral("Roll back to v2.4.9"));
    edited.revisions = {{QStringLiteral("Roll back"), at(11), QStringLiteral("Alice")},
        {QStringLiteral("Roll back to v2.4"), at(12), QStringLiteral("Björn")}};
    incident.timeline.append(edited);
    TimelineEntry redacted = entry(15, EntryKind::Note, QStringLiteral("token=SECRET-rich-123"));
    redacted.revisions = {{QStringLiteral("token=SECRET-rich-0"), at(16), QStringLiteral("Alice")}};
    redacted.redaction
        = Redaction {QStringLiteral("leaked a credential"), at(17), QStringLiteral("Björn")};
    incident.timeline.append(redacted);

    Postmortem &p = incident.postmortem;
    p.executiveSummary = QStringLiteral("**Complete** API outage for 35 minutes.");
    p.impact = {QStringLiteral("100%"), QStringLiteral("~$50,000"), QStringLiteral("EU only")};
    p.rootCause = QStringLiteral("Pool exhaustion");
    p.contributingFactors = {QStringLiteral("No alert on pool"), QStringLiteral("Friday deploy")};
    p.trigger = QStringLiteral("v2.5.0");
    p.detection = QStringLiteral("Customer reports");
    p.resolution = QStringLiteral("Rollback");
    p.wentWell = {QStringLiteral("Fast rollback")};
    p.wentWrong = {QStringLiteral("Slow detection"), QString()};
    p.gotLucky = {};
    p.lessonsLearned = {QStringLiteral("Watch the pool — ⚠")};
    p.supportingInformation = QStringLiteral("See dashboards.");
    return incident;
}

Incident withoutIds(Incident incident)
{
    static const QStringList ownTypes = {QStringLiteral("role"), QStringLiteral("update"),
        QStringLiteral("action"), QStringLiteral("diagnostic")};
    incident.header.id = 0;
    incident.header.revision = 0;
    for (auto &role : incident.roles)
        role.id = 0;
    for (auto &entry : incident.timeline) {
        entry.id = 0;
        entry.incidentId = 0;
        if (ownTypes.contains(entry.link.type))
            entry.link.id = 0;
    }
    for (auto &update : incident.statusUpdates)
        update.id = 0;
    for (auto &item : incident.actionItems)
        item.id = 0;
    for (auto &snapshot : incident.diagnostics)
        snapshot.id = 0;
    return incident;
}

namespace {
template<typename T>
void compareList(
    QStringList &out, const char *what, const QList<T> &expected, const QList<T> &actual)
{
    if (expected.size() != actual.size()) {
        out.append(QStringLiteral("%1: %2 expected, %3 stored")
                       .arg(QLatin1String(what))
                       .arg(expected.size())
                       .arg(actual.size()));
        return;
    }
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (!(expected[i] == actual[i]))
            out.append(QStringLiteral("%1[%2] differs").arg(QLatin1String(what)).arg(i));
    }
}
} // namespace

QString differences(const Incident &expected, const Incident &actual)
{
    QStringList out;
    const IncidentHeader &e = expected.header;
    const IncidentHeader &a = actual.header;
    if (e.title != a.title || e.summary != a.summary)
        out.append(QStringLiteral("title/summary: '%1' vs '%2'").arg(e.title, a.title));
    if (e.severity != a.severity || e.status != a.status)
        out.append(QStringLiteral("severity/status"));
    for (const Milestone m : allMilestones()) {
        if (e.milestones.get(m) != a.milestones.get(m))
            out.append(QStringLiteral("milestone %1").arg(milestoneName(m)));
    }
    if (e.slo != a.slo)
        out.append(QStringLiteral("slo"));
    if (e.id != a.id || e.revision != a.revision)
        out.append(QStringLiteral("id/revision %1/%2 vs %3/%4")
                       .arg(e.id)
                       .arg(e.revision)
                       .arg(a.id)
                       .arg(a.revision));
    compareList(out, "roles", expected.roles, actual.roles);
    compareList(out, "timeline", expected.timeline, actual.timeline);
    for (qsizetype i = 0; i < qMin(expected.timeline.size(), actual.timeline.size()); ++i) {
        const auto &x = expected.timeline[i];
        const auto &y = actual.timeline[i];
        if (!(x == y))
            out.append(
                QStringLiteral("  entry %1: '%2' @%3 link %4 rev %5 vs '%6' @%7 link %8 rev %9")
                    .arg(QString::number(i), x.text, x.at.toString(Qt::ISODateWithMs),
                        x.link.toString(), QString::number(x.revisions.size()), y.text,
                        y.at.toString(Qt::ISODateWithMs), y.link.toString(),
                        QString::number(y.revisions.size())));
    }
    compareList(out, "statusUpdates", expected.statusUpdates, actual.statusUpdates);
    compareList(out, "actionItems", expected.actionItems, actual.actionItems);
    compareList(out, "diagnostics", expected.diagnostics, actual.diagnostics);
    if (!(expected.postmortem == actual.postmortem))
        out.append(QStringLiteral("postmortem"));
    return out.join(u'\n');
}

} // namespace idesk::StorageTest
