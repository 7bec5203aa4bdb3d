// Importing one incident with a 100,000-entry timeline:
//
//   bench_import [ENTRIES=100000] [ROUNDS=3] [DIR=current folder]
//
// Ours: SqliteIncidentRepository::insertIncident (what `incidentdesk import`
// runs), one transaction. Baseline: raw sqlite3 inserting the same rows
// (header, roles, status updates, entries) with prepared statements in one
// transaction, same pragmas, into the same schema, and indexing them for
// full-text search the same way (one INSERT ... SELECT after the rows). A
// second baseline without any index shows what indexing costs. Each round makes fresh files; the
// median round is reported.
#include "benchsupport.h"
#include "sqliteincidentrepository.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QDir>

#include <sqlite3.h>

using namespace idesk;
using namespace idesk::Bench;

namespace {

void bindText(sqlite3_stmt *s, int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(s, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void step(sqlite3 *db, sqlite3_stmt *s)
{
    if (sqlite3_step(s) != SQLITE_DONE) {
        say("raw insert: %s\n", sqlite3_errmsg(db));
        std::exit(1);
    }
    sqlite3_reset(s);
}

sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) {
        say("prepare: %s\n", sqlite3_errmsg(db));
        std::exit(1);
    }
    return s;
}

// The same rows insertIncident writes, straight through the C API.
void rawImport(sqlite3 *db, const Incident &incident, bool withIndex)
{
    execRaw(db, "BEGIN IMMEDIATE");
    const IncidentHeader &h = incident.header;
    sqlite3_stmt *header = prepare(db,
        "INSERT INTO incidents (title, summary, severity, status, started_at, detected_at, "
        "declared_at, mitigated_at, resolved_at, closed_at, revision, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?11)");
    bindText(header, 1, h.title);
    bindText(header, 2, h.summary);
    sqlite3_bind_int(header, 3, h.severity);
    bindText(header, 4, statusName(h.status));
    int column = 5;
    for (const Milestone m : {Milestone::Started, Milestone::Detected, Milestone::Declared,
             Milestone::Mitigated, Milestone::Resolved, Milestone::Closed}) {
        const auto at = h.milestones.get(m);
        if (at)
            sqlite3_bind_int64(header, column, toStorageTime(*at));
        else
            sqlite3_bind_null(header, column);
        ++column;
    }
    sqlite3_bind_int64(header, 11, toStorageTime(QDateTime::currentDateTimeUtc()));
    step(db, header);
    sqlite3_finalize(header);
    const qint64 id = sqlite3_last_insert_rowid(db);

    sqlite3_stmt *role = prepare(db,
        "INSERT INTO role_assignments (incident_id, role, person, from_at, to_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto &r : incident.roles) {
        sqlite3_bind_int64(role, 1, id);
        bindText(role, 2, r.role);
        bindText(role, 3, r.person);
        sqlite3_bind_int64(role, 4, toStorageTime(r.from));
        if (r.to)
            sqlite3_bind_int64(role, 5, toStorageTime(*r.to));
        else
            sqlite3_bind_null(role, 5);
        step(db, role);
    }
    sqlite3_finalize(role);

    sqlite3_stmt *update = prepare(db,
        "INSERT INTO status_updates (incident_id, at, status, impact, actions, needs, "
        "next_update_at, audience) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const auto &u : incident.statusUpdates) {
        sqlite3_bind_int64(update, 1, id);
        sqlite3_bind_int64(update, 2, toStorageTime(u.at));
        bindText(update, 3, u.status);
        bindText(update, 4, u.impact);
        bindText(update, 5, u.actions);
        bindText(update, 6, u.needs);
        sqlite3_bind_int64(update, 7, toStorageTime(*u.nextUpdateAt));
        bindText(update, 8, audienceName(u.audience));
        step(db, update);
    }
    sqlite3_finalize(update);

    sqlite3_stmt *entry = prepare(db,
        "INSERT INTO timeline_entries (incident_id, at, written_at, kind, author, text, link) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)");
    for (const auto &e : incident.timeline) {
        sqlite3_bind_int64(entry, 1, id);
        sqlite3_bind_int64(entry, 2, toStorageTime(e.at));
        sqlite3_bind_int64(entry, 3, toStorageTime(e.writtenAt));
        bindText(entry, 4, entryKindName(e.kind));
        bindText(entry, 5, e.author);
        bindText(entry, 6, e.text);
        step(db, entry);
    }
    sqlite3_finalize(entry);
    if (withIndex) { // what SearchIndex::indexStatusUpdates and indexEntries run
        execRaw(db,
            "INSERT INTO search_index (rowid, title, body, incident_id) "
            "SELECT id * 8 + 2, '', status || char(10) || impact || char(10) || actions "
            "|| char(10) || needs, incident_id FROM status_updates");
        execRaw(db,
            "INSERT INTO search_index (rowid, title, body, incident_id) "
            "SELECT id * 8 + 1, '', text, incident_id FROM timeline_entries "
            "WHERE text <> ''");
    }
    execRaw(db, "COMMIT");
}

QString freshSchemaFile(const QString &path)
{
    removeDatabase(path);
    (void)SqliteIncidentRepository::open(path); // our schema, then closed again
    return path;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int entries = int(intArgument(args, 1, 100000));
    const int rounds = int(intArgument(args, 2, 3));
    const QString dir = args.value(3, QDir::currentPath());
    const QString oursPath = dir + QStringLiteral("/bench-import-ours.sqlite3");
    const QString rawPath = dir + QStringLiteral("/bench-import-raw.sqlite3");
    const QString plainPath = dir + QStringLiteral("/bench-import-plain.sqlite3");

    TextGenerator text(11);
    Incident incident
        = generateIncident(text, entries, QDateTime(QDate(2024, 3, 1), QTime(8, 0), Qt::UTC));
    incident.actionItems.clear(); // a few rows either way; kept out of the raw code
    incident.postmortem = {};

    Stats oursMs;
    Stats rawMs;
    Stats plainMs;
    for (int round = 0; round < rounds; ++round) {
        {
            auto repo
                = std::move(SqliteIncidentRepository::open(freshSchemaFile(oursPath))).value();
            Stopwatch watch;
            if (auto id = repo->insertIncident(incident); !id) {
                say("%s\n", qPrintable(id.errorMessage()));
                return 1;
            }
            oursMs.add(watch.elapsedMs());
        }
        {
            sqlite3 *raw = openRaw(freshSchemaFile(rawPath));
            Stopwatch watch;
            rawImport(raw, incident, true);
            rawMs.add(watch.elapsedMs());
            sqlite3_close(raw);
        }
        {
            sqlite3 *plain = openRaw(freshSchemaFile(plainPath));
            execRaw(plain, "DROP TRIGGER search_incident_insert");
            Stopwatch watch;
            rawImport(plain, incident, false);
            plainMs.add(watch.elapsedMs());
            sqlite3_close(plain);
        }
        say("round %d: ours %.0f ms, raw %.0f ms, raw without index %.0f ms\n", round + 1,
            oursMs.samples.last(), rawMs.samples.last(), plainMs.samples.last());
    }
    say("import one incident of %d entries (+ %lld status updates, %lld roles), median of %d\n",
        entries, qint64(incident.statusUpdates.size()), qint64(incident.roles.size()), rounds);
    say("  ours      insertIncident           %8.0f ms  (%.0f entries/s)\n", oursMs.p50(),
        entries / oursMs.p50() * 1000);
    say("  baseline  raw bulk INSERT          %8.0f ms\n", rawMs.p50());
    say("  ratio                              %8.2f     (goal <= 1.5)\n",
        oursMs.p50() / rawMs.p50());
    say("  (raw without the full-text index   %8.0f ms: indexing is %.0f%% of the raw time)\n",
        plainMs.p50(), 100.0 * (rawMs.p50() - plainMs.p50()) / rawMs.p50());
    for (const QString &path : {oursPath, rawPath, plainPath})
        removeDatabase(path);
    return 0;
}
