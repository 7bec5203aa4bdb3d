// Full-text search over a large database:
//
//   bench_search [ENTRIES=1000000] [DB=DIR/bench-search-N.sqlite3] [RUNS=20]
//
// Uses DB when it exists (make one with generate_database), otherwise
// generates ENTRIES entries as ENTRIES/1000 incidents of 1,000 entries into it
// and keeps the file for the next run. Each query is the text a user types;
// the repository turns it into FTS5 queries (every word; the last one, unless
// followed by a space, as a whole word first and as a prefix when that finds
// fewer than 50), ranks the newest 2,000 matches (BM25 without IDF) and
// returns the best 50 with snippets. Goal: < 20 ms.
#include "benchsupport.h"
#include "sqliteincidentrepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

using namespace idesk;
using namespace idesk::Bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 entries = intArgument(args, 1, 1000000);
    const QString path = args.value(2).isEmpty()
        ? QDir::currentPath() + QStringLiteral("/bench-search-%1.sqlite3").arg(entries)
        : args.value(2);
    const int runs = int(intArgument(args, 3, 20));
    constexpr int kLimit = 50;

    if (!QFileInfo::exists(path)) {
        say("generating %lld entries into %s ...\n", entries, qPrintable(path));
        auto repo = std::move(SqliteIncidentRepository::open(path)).value();
        TextGenerator text(1);
        const qint64 perIncident = std::min<qint64>(1000, entries);
        QDateTime start(QDate(2021, 1, 4), QTime(9, 0), Qt::UTC);
        Stopwatch watch;
        for (qint64 done = 0; done < entries; done += perIncident) {
            if (auto id = repo->insertIncident(generateIncident(text, int(perIncident), start));
                !id) {
                say("%s\n", qPrintable(id.errorMessage()));
                return 1;
            }
            start = start.addSecs(86400);
        }
        say("generated in %.1f s\n", watch.elapsedMs() / 1000);
    }
    auto repo = SqliteIncidentRepository::open(path, SqliteIncidentRepository::OpenMode::MustExist);
    if (!repo) {
        say("%s\n", qPrintable(repo.errorMessage()));
        return 1;
    }
    qint64 total = 0;
    const auto incidents = (*repo)->listIncidents(true);
    if (!incidents) {
        say("%s\n", qPrintable(incidents.errorMessage()));
        return 1;
    }
    for (const auto &incident : *incidents) {
        const auto count = (*repo)->timelineCount(incident.id);
        if (!count) {
            say("%s\n", qPrintable(count.errorMessage()));
            return 1;
        }
        total += *count;
    }

    struct Query
    {
        const char *text;
        const char *what;
    };
    const Query queries[] = {
        {"ERR4242", "a rare error code"},
        {"db-1234 ", "a host name"},
        {"vacuum lock", "two mid-frequency words"},
        {"connection pool exhausted", "three words"},
        {"kafka consumer la", "typing, last word a prefix"},
        {"fail", "a prefix"},
        {"erro", "typing, a common prefix"},
        {"error", "a very common word"},
        {"the", "the most common word"},
        {"zebra unicorn", "no match"},
    };
    say("full-text search over %lld timeline entries (%s, %.0f MB), best %d with snippets, %d "
        "runs each\n",
        total, qPrintable(QFileInfo(path).fileName()), double(QFileInfo(path).size()) / 1e6, kLimit,
        runs);
    Stats all;
    for (const Query &query : queries) {
        const QString text = QString::fromUtf8(query.text);
        Stats stats;
        qsizetype hits = 0;
        for (int i = 0; i < runs + 2; ++i) {
            Stopwatch watch;
            const auto found = (*repo)->search(text, kLimit);
            const double ms = watch.elapsedMs();
            if (!found) {
                say("%s\n", qPrintable(found.errorMessage()));
                return 1;
            }
            hits = found->size();
            if (i >= 2) { // the first two warm the page cache
                stats.add(ms);
                all.add(ms);
            }
        }
        say("  %-28s %-30s p50 %8.2f ms   p99 %8.2f ms   %3lld hits\n",
            qPrintable(u'"' + text + u'"'), query.what, stats.p50(), stats.p99(), qint64(hits));
    }
    say("  all queries                                                 p50 %8.2f ms   p99 %8.2f "
        "ms\n",
        all.p50(), all.p99());
    say("  goal: < 20 ms\n");
    return 0;
}
