// Appending one durable timeline entry, the scribe's most frequent action:
//
//   bench_append [COUNT=1000] [DIR=current folder]
//
// Ours: SqliteIncidentRepository::appendEntry (BEGIN IMMEDIATE, check the
// incident, INSERT the entry and its full-text index row, touch the incident,
// COMMIT with synchronous=FULL). Baseline: raw sqlite3 storing the same rows
// (the entry and its index row) with prepared statements in one transaction,
// same pragmas, same schema. A bare single autocommit INSERT of the entry
// alone is shown too. All run alternately on files in DIR, so disk and cache
// conditions are shared.
#include "benchsupport.h"
#include "sqliteincidentrepository.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QDir>

#include <sqlite3.h>

using namespace idesk;
using namespace idesk::Bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int count = int(intArgument(args, 1, 1000));
    const QString dir = args.value(2, QDir::currentPath());
    const QString oursPath = dir + QStringLiteral("/bench-append-ours.sqlite3");
    const QString rawPath = dir + QStringLiteral("/bench-append-raw.sqlite3");
    removeDatabase(oursPath);
    removeDatabase(rawPath);

    TextGenerator text(7);
    const QDateTime start(QDate(2024, 11, 25), QTime(15, 45), Qt::UTC);
    // Both files start with the same incident of 1,000 entries, made by our code.
    qint64 incidentId = 0;
    for (const QString &path : {oursPath, rawPath}) {
        auto repo = SqliteIncidentRepository::open(path);
        TextGenerator same(3);
        incidentId = *(*repo)->insertIncident(generateIncident(same, 1000, start));
    }
    auto ours = std::move(SqliteIncidentRepository::open(oursPath)).value();
    sqlite3 *raw = openRaw(rawPath);
    const auto prepare = [&](const char *sql) {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(raw, sql, -1, &s, nullptr) != SQLITE_OK) {
            say("prepare: %s\n", sqlite3_errmsg(raw));
            std::exit(1);
        }
        return s;
    };
    sqlite3_stmt *begin = prepare("BEGIN IMMEDIATE");
    sqlite3_stmt *commit = prepare("COMMIT");
    sqlite3_stmt *insert = prepare(
        "INSERT INTO timeline_entries (incident_id, at, written_at, kind, author, text, link) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)");
    sqlite3_stmt *index = prepare("INSERT INTO search_index (rowid, title, body, incident_id) "
                                  "VALUES (last_insert_rowid() * 8 + 1, '', ?1, ?2)");
    const auto run = [&](sqlite3_stmt *s) {
        if (sqlite3_step(s) != SQLITE_DONE) {
            say("raw: %s\n", sqlite3_errmsg(raw));
            std::exit(1);
        }
        sqlite3_reset(s);
    };

    Stats oursMs;
    Stats rawMs;
    Stats bareMs;
    const int warmup = std::min(20, count);
    for (int i = 0; i < count + warmup; ++i) {
        NewEntry entry;
        entry.at = start.addSecs(3600 + i);
        entry.kind = text.entryKind();
        entry.author = text.person();
        entry.text = text.sentence();
        const QByteArray kind = entryKindName(entry.kind).toUtf8();
        const QByteArray author = entry.author.toUtf8();
        const QByteArray body = entry.text.toUtf8();
        const auto bindEntry = [&] {
            sqlite3_bind_int64(insert, 1, incidentId);
            sqlite3_bind_int64(insert, 2, toStorageTime(entry.at));
            sqlite3_bind_int64(insert, 3, toStorageTime(QDateTime::currentDateTimeUtc()));
            sqlite3_bind_text(insert, 4, kind.constData(), int(kind.size()), SQLITE_STATIC);
            sqlite3_bind_text(insert, 5, author.constData(), int(author.size()), SQLITE_STATIC);
            sqlite3_bind_text(insert, 6, body.constData(), int(body.size()), SQLITE_STATIC);
        };

        Stopwatch watch;
        if (auto id = ours->appendEntry(incidentId, entry); !id) {
            say("%s\n", qPrintable(id.errorMessage()));
            return 1;
        }
        const double oursOne = watch.elapsedMs();

        watch.restart();
        run(begin);
        bindEntry();
        run(insert);
        sqlite3_bind_text(index, 1, body.constData(), int(body.size()), SQLITE_STATIC);
        sqlite3_bind_int64(index, 2, incidentId);
        run(index);
        run(commit);
        const double rawOne = watch.elapsedMs();

        watch.restart();
        bindEntry();
        run(insert); // autocommit, no index row
        const double bareOne = watch.elapsedMs();
        if (i >= warmup) {
            oursMs.add(oursOne);
            rawMs.add(rawOne);
            bareMs.add(bareOne);
        }
    }
    for (sqlite3_stmt *s : {begin, commit, insert, index})
        sqlite3_finalize(s);
    sqlite3_close(raw);
    ours.reset();

    say("append one durable timeline entry, %d appends each (after %d warm-up), in %s\n", count,
        warmup, qPrintable(QDir(dir).absolutePath()));
    say("  ours      appendEntry           p50 %8.3f ms   p99 %8.3f ms   mean %8.3f ms\n",
        oursMs.p50(), oursMs.p99(), oursMs.mean());
    say("  baseline  raw entry + index row p50 %8.3f ms   p99 %8.3f ms   mean %8.3f ms\n",
        rawMs.p50(), rawMs.p99(), rawMs.mean());
    say("  ratio                           p50 %8.2f      p99 %8.2f      (goal <= 1.3)\n",
        oursMs.p50() / rawMs.p50(), oursMs.p99() / rawMs.p99());
    say("  (a bare autocommit INSERT       p50 %8.3f ms   p99 %8.3f ms: ratio %.2f / %.2f)\n",
        bareMs.p50(), bareMs.p99(), oursMs.p50() / bareMs.p50(), oursMs.p99() / bareMs.p99());
    removeDatabase(oursPath);
    removeDatabase(rawPath);
    return 0;
}
