#include "benchsupport.h"

#include <QFile>
#include <QStringList>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdlib>

namespace idesk::Bench {

double Stats::percentile(double p) const
{
    if (samples.isEmpty())
        return 0;
    QList<double> sorted = samples;
    std::sort(sorted.begin(), sorted.end());
    // Nearest rank: the smallest sample with at least p% of them at or below it.
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1));
}

double Stats::mean() const
{
    if (samples.isEmpty())
        return 0;
    double sum = 0;
    for (const double s : samples)
        sum += s;
    return sum / double(samples.size());
}

void say(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    std::vprintf(format, args);
    va_end(args);
    std::fflush(stdout);
}

qint64 intArgument(const QStringList &arguments, int index, qint64 fallback)
{
    bool ok = false;
    const qint64 value = arguments.value(index).toLongLong(&ok);
    return ok && value > 0 ? value : fallback;
}

namespace {

const char *const kWords[] = {"the", "error", "rate", "on", "api", "gateway", "checkout", "latency",
    "p99", "database", "replica", "primary", "failover", "deploy", "rollback", "release", "canary",
    "traffic", "shifted", "to", "region", "eu-west", "us-east", "pods", "restarting", "oom",
    "killed", "memory", "leak", "cpu", "throttling", "disk", "full", "queue", "backlog", "kafka",
    "consumer", "lag", "timeouts", "retries", "storm", "circuit", "breaker", "opened", "closed",
    "dns", "resolution", "failing", "certificate", "expired", "tls", "handshake", "load",
    "balancer", "health", "check", "alert", "fired", "paged", "on-call", "acknowledged",
    "investigating", "mitigated", "customers", "reporting", "5xx", "errors", "increased",
    "decreased", "back", "to", "normal", "waiting", "for", "confirmation", "from", "vendor",
    "support", "ticket", "opened", "scaled", "up", "down", "nodes", "cache", "hit", "ratio",
    "dropped", "redis", "connection", "pool", "exhausted", "postgres", "vacuum", "lock",
    "contention", "slow", "query", "index", "missing", "migration", "stuck", "feature", "flag",
    "disabled", "enabled", "config", "change", "reverted", "cdn", "purge", "origin", "saturated",
    "bandwidth", "packet", "loss", "network", "partition", "between", "zones", "we", "see", "still",
    "no", "impact", "on", "payments", "login", "search", "mobile", "clients", "web", "dashboard",
    "grafana", "shows", "spike", "at", "after", "before", "since", "minutes", "users", "affected",
    "about", "percent", "of", "requests", "and", "is", "are", "was", "with", "a", "in", "it",
    "this", "that", "should", "next", "update", "comms", "posted", "status", "page", "incident",
    "commander", "handoff", "decision", "keep", "monitoring", "confirmed", "root", "cause",
    "likely", "suspect", "bad", "hash", "ring", "rebalance", "throttled", "quota", "limit",
    "raised", "hotfix", "built", "tests", "passed", "shipping", "now"};
constexpr int kWordCount = int(sizeof kWords / sizeof *kWords);

const char *const kPeople[]
    = {"Alice", "Bob", "Carol", "Dan", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory",
        "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Zoë"};

const char *const kServices[] = {"checkout", "payments", "search", "login", "api-gateway",
    "notifications", "billing", "inventory", "orders", "recommendations", "media", "cdn"};
const char *const kSymptoms[] = {"errors", "latency", "outage", "degradation", "timeouts",
    "data delay", "partial outage", "elevated 5xx", "failed deploys", "slow pages"};

} // namespace

QString TextGenerator::word()
{
    // One word in eight is an identifier or a number: these make the vocabulary
    // large (as real hosts, ids and codes do) and each of them rare.
    switch (m_random.bounded(16)) {
    case 0:
        return QStringLiteral("db-%1").arg(m_random.bounded(5000));
    case 1:
        return QStringLiteral("ERR%1").arg(m_random.bounded(100000));
    default:
        break;
    }
    // Skewed: low indexes (common words) far more often than high ones.
    const double u = m_random.generateDouble();
    return QString::fromUtf8(kWords[int(u * u * kWordCount)]);
}

QString TextGenerator::sentence(int minWords, int maxWords)
{
    const int count = minWords + int(m_random.bounded(maxWords - minWords + 1));
    QStringList words;
    words.reserve(count);
    for (int i = 0; i < count; ++i)
        words.append(word());
    QString text = words.join(u' ');
    text[0] = text[0].toUpper();
    return text;
}

QString TextGenerator::title()
{
    return QStringLiteral("%1 %2 in %3")
        .arg(QString::fromUtf8(kServices[m_random.bounded(int(std::size(kServices)))]),
            QString::fromUtf8(kSymptoms[m_random.bounded(int(std::size(kSymptoms)))]),
            QString::fromUtf8(m_random.bounded(2) ? "eu-west" : "us-east"));
}

QString TextGenerator::person()
{
    return QString::fromUtf8(kPeople[m_random.bounded(int(std::size(kPeople)))]);
}

EntryKind TextGenerator::entryKind()
{
    static const EntryKind kinds[] = {EntryKind::Note, EntryKind::Note, EntryKind::Note,
        EntryKind::Observation, EntryKind::Observation, EntryKind::Action, EntryKind::Action,
        EntryKind::Decision, EntryKind::Alert};
    return kinds[m_random.bounded(int(std::size(kinds)))];
}

Incident generateIncident(TextGenerator &text, int entries, const QDateTime &start)
{
    QRandomGenerator &random = text.random();
    Incident incident;
    IncidentHeader &h = incident.header;
    h.title = text.title();
    h.summary = text.sentence(8, 30);
    h.severity = 1 + int(random.bounded(4));
    const int secondsPerEntry = 2 + int(random.bounded(20));
    const QDateTime end = start.addSecs(qint64(entries) * secondsPerEntry);
    h.milestones.set(Milestone::Started, start);
    h.milestones.set(Milestone::Detected, start.addSecs(60));
    h.milestones.set(Milestone::Declared, start.addSecs(120));
    const int fate = int(random.bounded(10));
    h.status = fate < 6 ? Status::Closed : fate < 8 ? Status::Resolved : Status::Investigating;
    if (h.status != Status::Investigating) {
        h.milestones.set(Milestone::Mitigated, end.addSecs(-300));
        h.milestones.set(Milestone::Resolved, end);
    }
    if (h.status == Status::Closed)
        h.milestones.set(Milestone::Closed, end.addDays(3));

    const QString commander = text.person();
    const QString next = text.person();
    const QDateTime handoff
        = start.addSecs((end.toSecsSinceEpoch() - start.toSecsSinceEpoch()) / 2);
    incident.roles = {{1, Roles::Commander, commander, start.addSecs(120), handoff},
        {2, Roles::Commander, next, handoff, std::nullopt},
        {3, Roles::TechLead, text.person(), start.addSecs(180), std::nullopt},
        {4, Roles::Scribe, text.person(), start.addSecs(180), std::nullopt}};

    const int updates = std::max(1, entries / 50);
    for (int i = 0; i < updates; ++i) {
        StatusUpdate update;
        update.id = i + 1;
        update.at = start.addSecs(
            qint64(i + 1) * (end.toSecsSinceEpoch() - start.toSecsSinceEpoch()) / (updates + 1));
        update.status = text.sentence(2, 5);
        update.impact = text.sentence(5, 15);
        update.actions = text.sentence(5, 15);
        update.nextUpdateAt = update.at.addSecs(1800);
        update.audience = random.bounded(3) == 0 ? Audience::External : Audience::Internal;
        incident.statusUpdates.append(update);
    }
    const int items = 2 + int(random.bounded(4));
    for (int i = 0; i < items; ++i) {
        ActionItem item;
        item.id = i + 1;
        item.text = text.sentence(4, 10);
        item.owner = text.person();
        item.due = end.date().addDays(14 + 7 * i);
        item.type = ActionType(random.bounded(5));
        item.status = ActionStatus(random.bounded(4));
        incident.actionItems.append(item);
    }
    if (h.status != Status::Investigating) {
        Postmortem &p = incident.postmortem;
        p.executiveSummary = text.sentence(20, 40);
        p.rootCause = text.sentence(10, 30);
        p.trigger = text.sentence(5, 15);
        p.detection = text.sentence(5, 15);
        p.resolution = text.sentence(5, 15);
        p.contributingFactors = {text.sentence(), text.sentence()};
        p.wentWell = {text.sentence()};
        p.wentWrong = {text.sentence(), text.sentence()};
        p.lessonsLearned = {text.sentence()};
    }

    incident.timeline.reserve(entries);
    for (int i = 0; i < entries; ++i) {
        TimelineEntry entry;
        entry.at = start.addSecs(qint64(i) * secondsPerEntry);
        entry.writtenAt = entry.at.addMSecs(random.bounded(5000));
        entry.kind = text.entryKind();
        entry.author = text.person();
        entry.text = text.sentence();
        incident.timeline.append(entry);
    }
    return incident;
}

sqlite3 *openRaw(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(
            path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK) {
        say("cannot open %s: %s\n", qPrintable(path), sqlite3_errmsg(db));
        std::exit(1);
    }
    sqlite3_busy_timeout(db, 5000);
    execRaw(db,
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
        "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;");
    return db;
}

void execRaw(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        say("sqlite3: %s\n  in: %s\n", message, sql);
        std::exit(1);
    }
}

void removeDatabase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QString::fromLatin1(suffix));
}

} // namespace idesk::Bench
