// Scrolling down a 100,000-entry timeline in the window:
//
//   bench_timeline_scroll [ENTRIES=100000] [STEPS=60] [DIR=current folder]
//
// A TimelineView (the incident page's timeline) shown on the offscreen
// platform, its incident opened, then the scroll bar dragged to the bottom
// STEPS times: each time the view pages the next 200 entries in (fetchMore),
// fits their rows and columns, and paints. Each step is timed until the event
// loop is idle again. The figure is the time of a step with thousands of rows
// loaded; the baseline, in the same run, is the same step with the first few
// pages loaded: a ratio near 1 means a page costs the same however far down
// the user is (a view that measures every row on each change grows with the
// rows loaded). Then Page Up steps back through what was loaded.
#include "benchsupport.h"
#include "incidentservice.h"
#include "sqliteincidentrepository.h"
#include "timelinemodel.h"
#include "timelineview.h"

#include <QApplication>
#include <QDir>
#include <QScrollBar>

using namespace idesk;
using namespace idesk::Bench;

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int entries = int(intArgument(args, 1, 100000));
    const int steps = std::max(4, int(intArgument(args, 2, 60)));
    const QString dir = args.value(3, QDir::currentPath());
    const QString path = dir + QStringLiteral("/bench-scroll.sqlite3");
    removeDatabase(path);

    qint64 id = 0;
    {
        auto repo = std::move(SqliteIncidentRepository::open(path)).value();
        TextGenerator text(17);
        id = *repo->insertIncident(
            generateIncident(text, entries, QDateTime(QDate(2023, 5, 2), QTime(6, 0), Qt::UTC)));
    }
    auto repo = std::move(SqliteIncidentRepository::open(path)).value();
    const ManualClock clock(QDateTime(QDate(2023, 6, 1), QTime(12, 0), Qt::UTC));
    IncidentService service(*repo, clock);

    TimelineView view(service);
    view.resize(1000, 700);
    view.show();
    Stopwatch watch;
    view.timelineModel()->setIncident(id);
    QApplication::processEvents();
    const double open = watch.elapsedMs();

    // The first quarter of the steps is the baseline, the last quarter the figure.
    Stats early;
    Stats late;
    int rowsEarly = 0;
    for (int step = 0; step < steps; ++step) {
        QScrollBar *bar = view.verticalScrollBar();
        watch.restart();
        bar->setValue(bar->maximum());
        QApplication::processEvents();
        const double ms = watch.elapsedMs();
        if (step < steps / 4) {
            early.add(ms);
            rowsEarly = view.timelineModel()->rowCount();
        } else if (step >= steps - steps / 4) {
            late.add(ms);
        }
    }
    const int rowsLate = view.timelineModel()->rowCount();
    Stats pageUp;
    for (int i = 0; i < 50; ++i) {
        watch.restart();
        view.verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepSub);
        QApplication::processEvents();
        pageUp.add(watch.elapsedMs());
    }

    say("scrolling down a %d-entry timeline, %d steps to the bottom (each pages in %d entries)\n",
        entries, steps, int(TimelineModel::PageSize));
    say("  open the incident (first page, fitted, painted)      %8.2f ms\n", open);
    say("  ours      a step with %6d rows loaded           p50 %7.2f ms   p99 %7.2f ms\n", rowsLate,
        late.p50(), late.p99());
    say("  baseline  a step with up to %6d rows loaded     p50 %7.2f ms   p99 %7.2f ms\n",
        rowsEarly, early.p50(), early.p99());
    say("  ratio                                           p50 %7.2f      (near 1: flat)\n",
        late.p50() / early.p50());
    say("  Page Up through the loaded rows                 p50 %7.2f ms   p99 %7.2f ms\n",
        pageUp.p50(), pageUp.p99());
    repo.reset();
    removeDatabase(path);
    return 0;
}
