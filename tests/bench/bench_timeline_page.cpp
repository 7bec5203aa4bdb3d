// Opening a 100,000-entry incident: the first page of its timeline.
//
//   bench_timeline_page [ENTRIES=100000] [RUNS=50] [DIR=current folder]
//
// What the incident page does when it opens: loadHeader, timelineCount and the
// first timelinePage of 200 entries (views/timelinemodel.h PageSize), measured
// on a freshly opened repository (the file opened and checked each time) and on
// an open one. A page deep into the timeline shows the keyset query costs the
// same everywhere. Goal: first page < 20 ms.
#include "benchsupport.h"
#include "sqliteincidentrepository.h"

#include <QCoreApplication>
#include <QDir>

using namespace idesk;
using namespace idesk::Bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int entries = int(intArgument(args, 1, 100000));
    const int runs = int(intArgument(args, 2, 50));
    const QString dir = args.value(3, QDir::currentPath());
    const QString path = dir + QStringLiteral("/bench-timeline.sqlite3");
    constexpr int kPageSize = 200;
    removeDatabase(path);

    qint64 id = 0;
    {
        auto repo = std::move(SqliteIncidentRepository::open(path)).value();
        TextGenerator text(5);
        const QDateTime start(QDate(2023, 5, 2), QTime(6, 0), Qt::UTC);
        for (int i = 0; i < 20; ++i) // neighbours, so the big one is not alone in the file
            (void)repo->insertIncident(generateIncident(text, 500, start.addDays(-i - 1)));
        id = *repo->insertIncident(generateIncident(text, entries, start));
    }

    const auto openIncident = [&](SqliteIncidentRepository &repo) {
        const auto header = repo.loadHeader(id);
        const auto count = repo.timelineCount(id);
        const auto page = repo.timelinePage(id, {}, kPageSize);
        if (!header || !count || !page || page->size() != kPageSize || *count != entries) {
            say("unexpected result\n");
            std::exit(1);
        }
        return page->last();
    };

    Stats cold;
    Stats warm;
    Stats deep;
    auto open = std::move(SqliteIncidentRepository::open(path)).value();
    TimelineEntry last = openIncident(*open);
    // A cursor half-way through, as after scrolling 250 pages.
    const auto middle = open->timelinePage(id, {last.at, last.id}, entries / 2);
    const TimelineEntry halfway = middle->last();
    for (int i = 0; i < runs; ++i) {
        Stopwatch watch;
        auto repo = std::move(SqliteIncidentRepository::open(path)).value();
        openIncident(*repo);
        cold.add(watch.elapsedMs());

        watch.restart();
        openIncident(*open);
        warm.add(watch.elapsedMs());

        watch.restart();
        const auto page = open->timelinePage(id, {halfway.at, halfway.id}, kPageSize);
        deep.add(watch.elapsedMs());
        if (!page || page->size() != kPageSize)
            return 1;
    }
    say("first page (%d entries) of a %d-entry timeline: loadHeader + timelineCount + "
        "timelinePage, %d runs\n",
        kPageSize, entries, runs);
    say("  repository opened each time  p50 %7.2f ms   p99 %7.2f ms\n", cold.p50(), cold.p99());
    say("  repository already open      p50 %7.2f ms   p99 %7.2f ms\n", warm.p50(), warm.p99());
    say("  a page half-way down         p50 %7.2f ms   p99 %7.2f ms\n", deep.p50(), deep.p99());
    say("  goal: first page < 20 ms -> %s\n", cold.p99() < 20 ? "met" : "MISSED");
    open.reset();
    removeDatabase(path);
    return 0;
}
