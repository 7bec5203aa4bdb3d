// From start to the first painted window with 10,000 incidents in the file:
//
//   bench_startup [INCIDENTS=10000] [RUNS=7] [DB=DIR/bench-startup-N.sqlite3] [BINARY]
//
// What a user waits for: from launching the program to its window's first frame
// on screen. Each run starts a process (offscreen platform) and times it from
// QProcess::start to the "painted" line it prints once the first frame of its
// window is painted (after the rest of that frame):
//   ours      BINARY (the incidentdesk next to this build, by default) with
//             --db DB and INCIDENTDESK_TEST_FIRST_PAINT=1 (a test hook in
//             app/guiapplication.cpp): loading, QApplication, opening and
//             checking the file, the MainWindow with the incident list's first
//             page and the first incident's page, show();
//   baseline  this program with --bare-window: loading, QApplication, a bare
//             QMainWindow with a label, show().
// Runs alternate, after one warm-up run of each (the page cache). Goal: ratio <= 2.
// For the cost of the window alone, the same is also measured in this process,
// after QApplication exists (so with loading and Qt's start-up left out).
//
// The DB is generated when missing (INCIDENTS incidents of 20 entries each)
// and kept for the next run.
#include "benchsupport.h"
#include "incidentlistmodel.h"
#include "incidentservice.h"
#include "mainwindow.h"
#include "sqliteincidentrepository.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMainWindow>
#include <QProcess>
#include <QTemporaryDir>

using namespace idesk;
using namespace idesk::Bench;

namespace {

// Notes when a widget of `window` gets painted.
class PaintProbe final : public QObject
{
public:
    explicit PaintProbe(const Stopwatch &watch) : m_watch(watch) { }
    QWidget *window = nullptr;
    double lastPaintMs = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && window && watched->isWidgetType()
            && static_cast<QWidget *>(watched)->window() == window)
            lastPaintMs = m_watch.elapsedMs();
        return false;
    }

private:
    const Stopwatch &m_watch;
};

// Shows the window and returns when its first frame is painted: the time of
// the last paint event of that frame.
double showAndPaint(QWidget *window, PaintProbe &probe)
{
    probe.window = window;
    probe.lastPaintMs = -1;
    window->resize(1400, 900);
    window->show();
    while (probe.lastPaintMs < 0)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    // The rest of the same frame: the backing store paints every widget in one go.
    QCoreApplication::processEvents();
    probe.window = nullptr;
    return probe.lastPaintMs;
}

} // namespace

// The baseline child: a bare window, "painted" once its first frame is.
int bareWindow(int argc, char **argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("IncidentDesk"));
    window.setCentralWidget(new QLabel(QStringLiteral("IncidentDesk"), &window));
    window.resize(1400, 900);
    Stopwatch unused;
    PaintProbe probe(unused);
    probe.window = &window;
    app.installEventFilter(&probe);
    window.show();
    while (probe.lastPaintMs < 0)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    QCoreApplication::processEvents();
    std::fputs("painted\n", stdout);
    std::fflush(stdout);
    return 0;
}

// Starts `program` and returns the milliseconds until it printed "painted".
double timeToPainted(
    const QString &program, const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    Stopwatch watch;
    process.start(program, arguments);
    QByteArray out;
    while (!out.contains("painted\n")) {
        if (!process.waitForReadyRead(60'000)) {
            say("%s did not paint: %s\n", qPrintable(program),
                process.readAllStandardError().constData());
            std::exit(1);
        }
        out += process.readAllStandardOutput();
    }
    const double ms = watch.elapsedMs();
    process.waitForFinished(60'000);
    return ms;
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (argc > 1 && qstrcmp(argv[1], "--bare-window") == 0)
        return bareWindow(argc, argv);
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 incidents = intArgument(args, 1, 10000);
    const int runs = int(intArgument(args, 2, 7));
    const QString path = args.value(3).isEmpty()
        ? QDir::currentPath() + QStringLiteral("/bench-startup-%1.sqlite3").arg(incidents)
        : args.value(3);

    if (!QFileInfo::exists(path)) {
        say("generating %lld incidents into %s ...\n", incidents, qPrintable(path));
        auto repo = std::move(SqliteIncidentRepository::open(path)).value();
        TextGenerator text(31);
        QDateTime start(QDate(2016, 1, 4), QTime(9, 0), Qt::UTC);
        Stopwatch watch;
        for (qint64 i = 0; i < incidents; ++i) {
            Incident incident = generateIncident(text, 20, start);
            // A short incident: the generator's commander handoff half-way can
            // come before the first commander took over; move it after.
            if (incident.roles.size() > 1 && incident.roles[0].to
                && *incident.roles[0].to < incident.roles[0].from) {
                incident.roles[0].to = incident.roles[0].from.addSecs(60);
                incident.roles[1].from = *incident.roles[0].to;
            }
            if (auto id = repo->insertIncident(incident); !id) {
                say("%s\n", qPrintable(id.errorMessage()));
                return 1;
            }
            start = start.addSecs(3600 * (2 + text.random().bounded(20)));
        }
        say("generated in %.1f s\n", watch.elapsedMs() / 1000);
    }

    // Processes, as a user starts them.
    const QString binary = args.value(4).isEmpty()
        ? QCoreApplication::applicationDirPath() + QStringLiteral("/../../app/incidentdesk")
        : args.value(4);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("INCIDENTDESK_TEST_FIRST_PAINT"), QStringLiteral("1"));
    // Its log file goes to a scratch folder, not the user's data folder.
    const QTemporaryDir scratch;
    environment.insert(QStringLiteral("XDG_DATA_HOME"), scratch.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), scratch.path());
    const QString self = QCoreApplication::applicationFilePath();
    const auto launchOurs = [&] {
        return timeToPainted(binary, {QStringLiteral("--db"), path}, environment);
    };
    const auto launchBare
        = [&] { return timeToPainted(self, {QStringLiteral("--bare-window")}, environment); };
    launchBare();
    launchOurs();
    Stats launchedOurs;
    Stats launchedBare;
    for (int i = 0; i < runs; ++i) {
        launchedBare.add(launchBare());
        launchedOurs.add(launchOurs());
    }

    SystemClock clock;
    Stopwatch watch;
    PaintProbe probe(watch);
    app.installEventFilter(&probe);

    const auto bare = [&] {
        watch.restart();
        auto window = std::make_unique<QMainWindow>();
        window->setWindowTitle(QStringLiteral("IncidentDesk"));
        window->setCentralWidget(new QLabel(QStringLiteral("IncidentDesk"), window.get()));
        return showAndPaint(window.get(), probe);
    };
    int listed = 0;
    Stats openMs;
    Stats buildMs;
    const auto ours = [&] {
        watch.restart();
        auto repository
            = SqliteIncidentRepository::open(path, SqliteIncidentRepository::OpenMode::MustExist);
        if (!repository) {
            say("%s\n", qPrintable(repository.errorMessage()));
            std::exit(1);
        }
        const double opened = watch.elapsedMs();
        IncidentService service(**repository, clock);
        MainWindow window(service);
        window.setDatabaseLabel(path);
        const double built = watch.elapsedMs();
        const double ms = showAndPaint(&window, probe);
        openMs.add(opened);
        buildMs.add(built - opened);
        listed = window.incidentListModel().rowCount();
        return ms;
    };

    bare(); // warm-up: fonts, style, platform
    ours();
    Stats bareStats;
    Stats oursStats;
    for (int i = 0; i < runs; ++i) {
        bareStats.add(bare());
        oursStats.add(ours());
    }
    say("start to the first painted window, %lld incidents in the file (%d listed at once), "
        "%d runs\n",
        incidents, listed, runs);
    say("launched as a process (what a user waits for):\n");
    say("  ours      incidentdesk --db FILE             p50 %8.2f ms   max %8.2f ms\n",
        launchedOurs.p50(), launchedOurs.percentile(100));
    say("  baseline  a bare QMainWindow program         p50 %8.2f ms   max %8.2f ms\n",
        launchedBare.p50(), launchedBare.percentile(100));
    const double launchRatio = launchedOurs.p50() / launchedBare.p50();
    say("  ratio                                        p50 %8.2f      (goal <= 2) -> %s\n",
        launchRatio, launchRatio <= 2 ? "met" : "MISSED");
    say("in this process, after QApplication exists (the window's own cost):\n");
    say("  ours      open the file + MainWindow + show  p50 %8.2f ms   max %8.2f ms\n",
        oursStats.p50(), oursStats.percentile(100));
    say("    of which opening the file                 p50 %8.2f ms\n", openMs.p50());
    say("             MainWindow (list, first incident) p50 %8.2f ms\n", buildMs.p50());
    say("  baseline  a bare QMainWindow + show          p50 %8.2f ms   max %8.2f ms\n",
        bareStats.p50(), bareStats.percentile(100));
    const double ratio = oursStats.p50() / bareStats.p50();
    say("  ratio                                        p50 %8.2f\n", ratio);
    return 0;
}
