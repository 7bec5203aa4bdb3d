// Peak memory with 1,000,000 entries in the file and the largest incident open:
//
//   bench_memory [DB=DIR/bench-memory.sqlite3] [BIG=100000] [ENTRIES=1000000]
//
// Generates DB when missing (one incident of BIG entries and the rest in
// incidents of 1,000, ENTRIES in all; kept for the next run). Then, in one
// process with the offscreen platform: the main window on that file, the
// largest incident selected (its page and the last page of its timeline), then
// what a user does next: scrolling up a few pages, a search in the Ctrl+K
// palette for a very common word (on the worker's own connection), and a
// timeline filter. Reports the peak resident size (VmHWM in /proc/self/status).
// Baseline, in the same process before the database is opened: a bare shown
// QMainWindow. Goal: < 200 MB. Run it again once the DB exists: a run that
// generated the DB has that in its peak.
#include "benchsupport.h"
#include "incidentpage.h"
#include "incidentservice.h"
#include "mainwindow.h"
#include "searchpalette.h"
#include "searchresultsmodel.h"
#include "sqliteincidentrepository.h"
#include "timelinefilterbar.h"
#include "timelinemodel.h"
#include "timelineview.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QTimer>

using namespace idesk;
using namespace idesk::Bench;

namespace {

// A "VmHWM:   123456 kB" line of /proc/self/status, in MB.
double statusMb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

void settle(int rounds = 20)
{
    for (int i = 0; i < rounds; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString path = args.value(1).isEmpty()
        ? QDir::currentPath() + QStringLiteral("/bench-memory.sqlite3")
        : args.value(1);
    const qint64 big = intArgument(args, 2, 100000);
    const qint64 entries = std::max(intArgument(args, 3, 1000000), big);

    if (!QFileInfo::exists(path)) {
        say("generating %lld entries (one incident of %lld) into %s ...\n", entries, big,
            qPrintable(path));
        auto repo = std::move(SqliteIncidentRepository::open(path)).value();
        TextGenerator text(41);
        QDateTime start(QDate(2019, 1, 4), QTime(9, 0), Qt::UTC);
        Stopwatch watch;
        for (qint64 done = 0; done < entries;) {
            const qint64 size = done == 0 ? big : std::min<qint64>(1000, entries - done);
            Incident incident = generateIncident(text, int(size), start);
            if (done == 0)
                incident.header.status = Status::Investigating; // the one being worked on
            if (auto id = repo->insertIncident(incident); !id) {
                say("%s\n", qPrintable(id.errorMessage()));
                return 1;
            }
            done += size;
            start = start.addSecs(86400);
        }
        say("generated in %.1f s\n", watch.elapsedMs() / 1000);
    }

    // Baseline: Qt with a bare window on screen.
    {
        QMainWindow bare;
        bare.setCentralWidget(new QLabel(QStringLiteral("IncidentDesk"), &bare));
        bare.resize(1400, 900);
        bare.show();
        settle();
    }
    const double baseline = statusMb("VmHWM:");

    auto repository
        = SqliteIncidentRepository::open(path, SqliteIncidentRepository::OpenMode::MustExist);
    if (!repository) {
        say("%s\n", qPrintable(repository.errorMessage()));
        return 1;
    }
    // The largest incident, and the total, as the store counts them.
    const auto incidents = (*repository)->incidentPage(std::nullopt, -1);
    qint64 largest = 0;
    qint64 largestCount = -1;
    qint64 total = 0;
    for (const auto &s : *incidents) {
        const qint64 count = *(*repository)->timelineCount(s.id);
        total += count;
        if (count > largestCount) {
            largest = s.id;
            largestCount = count;
        }
    }

    SystemClock clock;
    IncidentService service(**repository, clock);
    MainWindow window(service);
    window.resize(1400, 900);
    window.show();
    settle();
    const double opened = statusMb("VmHWM:");
    Stopwatch selecting;
    window.selectIncident(largest);
    const double selectMs = selecting.elapsedMs();
    settle();
    const double incidentOpen = statusMb("VmHWM:");
    Stopwatch refreshing;
    window.incidentPage()->refresh(); // what every write to it causes
    const double refreshMs = refreshing.elapsedMs();

    TimelineView *timeline = window.incidentPage()->timeline();
    for (int i = 0; i < 10 && timeline->timelineModel()->canFetchEarlier(); ++i) {
        timeline->timelineModel()->fetchEarlier();
        settle(2);
    }
    window.openSearch();
    SearchPalette *palette = window.searchPalette();
    QEventLoop waiting;
    QObject::connect(palette, &SearchPalette::resultsShown, &waiting, &QEventLoop::quit);
    QTimer::singleShot(60'000, &waiting, &QEventLoop::quit);
    palette->queryField()->setText(QStringLiteral("error"));
    palette->searchNow();
    waiting.exec();
    const int hits = palette->resultsModel()->hitCount();
    palette->dismiss();
    settle();
    TimelineFilter filter;
    filter.text = QStringLiteral("error");
    window.incidentPage()->timelineFilter()->setFilter(filter);
    TimelineModel *filtered = window.incidentPage()->timeline()->timelineModel();
    const QDeadlineTimer filterDeadline(60'000); // a large incident filters on the worker
    while (filtered->isFilterPending() && !filterDeadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    filtered->countNow(); // as after a pause
    settle();
    const double peak = statusMb("VmHWM:");
    const double rss = statusMb("VmRSS:");

    say("peak memory, %lld entries in %lld incidents (%.0f MB file), the largest (%lld "
        "entries) open\n",
        total, qint64(incidents->size()), double(QFileInfo(path).size()) / 1e6, largestCount);
    say("  baseline  Qt and a bare window shown          VmHWM %7.1f MB\n", baseline);
    say("  ours      window with the list               VmHWM %7.1f MB\n", opened);
    say("            + the largest incident open         VmHWM %7.1f MB\n", incidentOpen);
    say("            + 10 pages up, a search (%d hits),  \n", hits);
    say("              a filter (%lld match)              VmHWM %7.1f MB   (VmRSS now %.1f MB)\n",
        window.incidentPage()->timeline()->timelineModel()->totalCount(), peak, rss);
    say("  ratio to the baseline                                %7.2f\n", peak / baseline);
    say("  (selecting the largest incident took %.0f ms; refreshing its page %.0f ms)\n", selectMs,
        refreshMs);
    say("  goal: peak < 200 MB -> %s\n", peak < 200 ? "met" : "MISSED");
    return 0;
}
