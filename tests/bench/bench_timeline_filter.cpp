// One keystroke in the timeline filter of a 100,000-entry incident:
//
//   bench_timeline_filter [ENTRIES=100000] [RUNS=5] [DIR=current folder]
//
// What the incident page does on each keystroke in its filter bar
// (views/timelinefilterbar.h): TimelineModel::setFilter, which asks the store for
// the first filtered page of 200 entries and resets the model (a page that is
// not full is the count; a full one's count comes later).
// Typed: a common word letter by letter, a rarer phrase, a word found nowhere,
// an author, a kind. A keystroke shows the first page; when that page is full,
// the exact count comes CountDelayMs after the last keystroke (measured apart). Baseline, in the
// same run: opening the same timeline unfiltered (count and first page, the same model call with no
// filter). Goal: < 30 ms per keystroke.
#include "benchsupport.h"
#include "sqliteincidentrepository.h"
#include "timelinemodel.h"

#include <QCoreApplication>
#include <QDir>

using namespace idesk;
using namespace idesk::Bench;

namespace {

struct Typing
{
    const char *what;
    QString author; // typed into the author field, letter by letter
    QString text; // typed into the text field, letter by letter
    QList<EntryKind> kinds;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int entries = int(intArgument(args, 1, 100000));
    const int runs = int(intArgument(args, 2, 5));
    const QString dir = args.value(3, QDir::currentPath());
    const QString path = dir + QStringLiteral("/bench-filter.sqlite3");
    removeDatabase(path);

    qint64 id = 0;
    {
        auto repo = std::move(SqliteIncidentRepository::open(path)).value();
        TextGenerator text(11);
        const QDateTime start(QDate(2023, 5, 2), QTime(6, 0), Qt::UTC);
        for (int i = 0; i < 20; ++i) // neighbours, so the big one is not alone in the file
            (void)repo->insertIncident(generateIncident(text, 500, start.addDays(-i - 1)));
        id = *repo->insertIncident(generateIncident(text, entries, start));
    }
    auto repo = std::move(SqliteIncidentRepository::open(path)).value();
    const ManualClock clock(QDateTime(QDate(2023, 6, 1), QTime(12, 0), Qt::UTC));
    TimelineModel model(*repo, clock);

    // Baseline: the timeline opened unfiltered.
    Stats baseline;
    for (int i = 0; i < runs * 10; ++i) {
        Stopwatch watch;
        model.setIncident(id);
        baseline.add(watch.elapsedMs());
        model.setIncident(std::nullopt);
    }

    const Typing typings[] = {
        {"a common word", {}, QStringLiteral("rollback"), {}},
        {"a phrase", {}, QStringLiteral("connection pool exhausted"), {}},
        {"a code found once or never", {}, QStringLiteral("ERR4242"), {}},
        {"nothing matches", {}, QStringLiteral("zebra"), {}},
        {"an author", QStringLiteral("Olivia"), {}, {}},
        {"kind + text", {}, QStringLiteral("failover"), {EntryKind::Decision}},
    };
    say("one filter keystroke on a %d-entry timeline (the first page of %d and the model "
        "reset; a full page's count comes later), %d runs of each typing\n",
        entries, int(TimelineModel::PageSize), runs);
    say("  baseline: the timeline opened unfiltered        p50 %7.2f ms   p99 %7.2f ms\n",
        baseline.p50(), baseline.p99());
    Stats all;
    Stats allCounts;
    for (const Typing &typing : typings) {
        Stats stats;
        Stats counts;
        qint64 matches = 0;
        for (int run = 0; run < runs; ++run) {
            model.setIncident(id);
            TimelineFilter filter;
            if (!typing.kinds.isEmpty()) {
                filter.kinds = typing.kinds;
                Stopwatch watch;
                model.setFilter(filter);
                stats.add(watch.elapsedMs());
            }
            for (qsizetype i = 1; i <= typing.author.size(); ++i) {
                filter.author = typing.author.left(i);
                Stopwatch watch;
                model.setFilter(filter);
                stats.add(watch.elapsedMs());
            }
            for (qsizetype i = 1; i <= typing.text.size(); ++i) {
                filter.text = typing.text.left(i);
                Stopwatch watch;
                model.setFilter(filter);
                stats.add(watch.elapsedMs());
            }
            // The exact count, which the model makes CountDelayMs after the
            // last keystroke when the first page was full.
            Stopwatch watch;
            const bool pending = !model.isTotalKnown();
            model.countNow();
            if (pending)
                counts.add(watch.elapsedMs());
            matches = model.totalCount();
        }
        say("  %-32s %8lld match  p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms", typing.what, matches,
            stats.p50(), stats.p99(), stats.percentile(100));
        if (!counts.samples.isEmpty())
            say("   (the count after: %.2f ms)", counts.p50());
        say("\n");
        for (const double s : counts.samples)
            allCounts.add(s);
        for (const double s : stats.samples)
            all.add(s);
    }
    say("  every keystroke                                 p50 %7.2f ms   p99 %7.2f ms   max "
        "%7.2f ms\n",
        all.p50(), all.p99(), all.percentile(100));
    say("  ratio to the unfiltered open                    p50 %7.2f      p99 %7.2f\n",
        all.p50() / baseline.p50(), all.p99() / baseline.p99());
    say("  the deferred count (%d of them), once typing pauses  p50 %7.2f ms   p99 %7.2f ms\n",
        int(allCounts.samples.size()), allCounts.p50(), allCounts.p99());
    say("  goal: a keystroke < 30 ms -> %s (p99 %.1f ms)\n", all.p99() < 30 ? "met" : "MISSED",
        all.p99());
    model.setIncident(std::nullopt);
    repo.reset();
    removeDatabase(path);
    return 0;
}
