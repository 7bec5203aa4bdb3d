// One keystroke in the timeline filter of a 100,000-entry incident:
//
//   bench_timeline_filter [ENTRIES=100000] [RUNS=5] [DIR=current folder]
//
// What the incident page does on each keystroke in its filter bar
// (views/timelinefilterbar.h): TimelineModel::setFilter. On an incident of
// TimelineModel::BackgroundFrom entries or more, the first filtered page of 200
// is read on the model's worker thread and the model resets when it arrives
// (a page that is not full is the count; a full one's count comes later, also
// from the worker). Two figures per keystroke:
//   - the window's thread: setFilter returning, plus the model reset when the
//     rows arrive (what typing and painting wait for);
//   - keystroke to rows shown: until the filtered rows are the model's, with
//     each keystroke waiting for the previous one's rows (no keystroke is
//     superseded, so every query runs in full: the slowest case).
// Typed: a common word letter by letter, a rarer phrase, a word found nowhere,
// an author, a kind. Baseline, in the same run: opening the same timeline
// unfiltered (count and first page, the same model call with no filter).
// Goal: < 30 ms per keystroke.
#include "benchsupport.h"
#include "sqliteincidentrepository.h"
#include "timelinemodel.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
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
    // The model reset when rows arrive: on the window's thread too.
    double resetMs = 0;
    Stopwatch resetWatch;
    QObject::connect(
        &model, &QAbstractItemModel::modelAboutToBeReset, [&] { resetWatch.restart(); });
    QObject::connect(
        &model, &QAbstractItemModel::modelReset, [&] { resetMs += resetWatch.elapsedMs(); });
    const auto waitForRows = [&model] {
        const QDeadlineTimer deadline(30'000);
        while (model.isFilterPending() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        if (model.isFilterPending()) {
            say("the filtered rows never came\n");
            std::exit(1);
        }
    };

    say("one filter keystroke on a %d-entry timeline (filters read on the worker: %s), %d runs "
        "of each typing\n",
        entries, entries >= TimelineModel::BackgroundFrom ? "yes" : "no", runs);
    say("  baseline: the timeline opened unfiltered        p50 %7.2f ms   p99 %7.2f ms\n",
        baseline.p50(), baseline.p99());
    say("  %-32s %8s         %-34s %s\n", "", "", "the window's thread", "keystroke to rows shown");
    Stats all;
    Stats allShown;
    Stats allCounts;
    for (const Typing &typing : typings) {
        Stats stats;
        Stats shown;
        Stats counts;
        qint64 matches = 0;
        const auto keystroke = [&](const TimelineFilter &filter) {
            resetMs = 0;
            Stopwatch watch;
            model.setFilter(filter);
            const double returned = watch.elapsedMs();
            waitForRows();
            shown.add(watch.elapsedMs());
            stats.add(returned + resetMs);
        };
        for (int run = 0; run < runs; ++run) {
            model.setIncident(id);
            TimelineFilter filter;
            if (!typing.kinds.isEmpty()) {
                filter.kinds = typing.kinds;
                keystroke(filter);
            }
            for (qsizetype i = 1; i <= typing.author.size(); ++i) {
                filter.author = typing.author.left(i);
                keystroke(filter);
            }
            for (qsizetype i = 1; i <= typing.text.size(); ++i) {
                filter.text = typing.text.left(i);
                keystroke(filter);
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
        say("  %-32s %8lld match  p50 %6.2f ms  p99 %6.2f ms       p50 %6.2f ms  p99 %6.2f ms",
            typing.what, matches, stats.p50(), stats.p99(), shown.p50(), shown.p99());
        if (!counts.samples.isEmpty())
            say("   (the count after: %.2f ms)", counts.p50());
        say("\n");
        for (const double v : counts.samples)
            allCounts.add(v);
        for (const double v : stats.samples)
            all.add(v);
        for (const double v : shown.samples)
            allShown.add(v);
    }
    say("  every keystroke                                 p50 %6.2f ms  p99 %6.2f ms       p50 "
        "%6.2f ms  p99 %6.2f ms\n",
        all.p50(), all.p99(), allShown.p50(), allShown.p99());
    say("  ratio to the unfiltered open                    p50 %6.2f     p99 %6.2f          p50 "
        "%6.2f     p99 %6.2f\n",
        all.p50() / baseline.p50(), all.p99() / baseline.p99(), allShown.p50() / baseline.p50(),
        allShown.p99() / baseline.p99());
    say("  the deferred count (%d of them), once typing pauses  p50 %7.2f ms   p99 %7.2f ms\n",
        int(allCounts.samples.size()), allCounts.p50(), allCounts.p99());
    say("  goal: a keystroke < 30 ms -> the window's thread %s (p99 %.1f ms); rows shown %s (p99 "
        "%.1f ms)\n",
        all.p99() < 30 ? "met" : "MISSED", all.p99(), allShown.p99() < 30 ? "met" : "MISSED",
        allShown.p99());
    model.setIncident(std::nullopt);
    repo.reset();
    removeDatabase(path);
    return 0;
}
