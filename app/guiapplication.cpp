#include "guiapplication.h"

#include "actionitemswindow.h"
#include "clicommands.h"
#include "commandline.h"
#include "incidentpage.h"
#include "incidentservice.h"
#include "integrationwiring.h"
#include "logging.h"
#include "mainwindow.h"
#include "quickentrybar.h"
#include "searchpalette.h"
#include "sqliteincidentrepository.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>

namespace idesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("GuiApplication", text);
}

struct ScreenshotRequest
{
    QString file;
    std::optional<qint64> incident;
    QSize size {1400, 900};
    // incident | comms | diagnostics | postmortem | action-items
    QString page = QStringLiteral("incident");
};

Result<std::optional<ScreenshotRequest>> parseGuiArguments(const QStringList &arguments)
{
    const cli::CommandSpec spec {QStringLiteral("--screenshot"),
        QStringLiteral("--screenshot FILE.png [--incident ID] [--size WxH] "
                       "[--page incident|comms|diagnostics|postmortem|action-items]"),
        0, 0,
        {QStringLiteral("screenshot"), QStringLiteral("incident"), QStringLiteral("size"),
            QStringLiteral("page")},
        {}, {}};
    const auto parsed = cli::parseCommand(arguments, spec);
    if (!parsed)
        return parsed.error();
    if (!parsed->has(QStringLiteral("screenshot"))) {
        if (parsed->has(QStringLiteral("incident")) || parsed->has(QStringLiteral("size"))
            || parsed->has(QStringLiteral("page")))
            return Error::validation(tr("--incident, --size and --page go with --screenshot."));
        return std::optional<ScreenshotRequest>();
    }
    ScreenshotRequest request;
    request.file = parsed->option(QStringLiteral("screenshot"));
    if (!request.file.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
        return Error::validation(tr("--screenshot: the file name must end in .png."));
    if (parsed->has(QStringLiteral("incident"))) {
        const auto id = parseIncidentId(parsed->option(QStringLiteral("incident")));
        if (!id)
            return Error::validation(tr("--incident: \"%1\" is not an incident id.")
                                         .arg(parsed->option(QStringLiteral("incident"))));
        request.incident = id;
    }
    if (parsed->has(QStringLiteral("size"))) {
        static const QRegularExpression pattern(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"));
        const auto match = pattern.match(parsed->option(QStringLiteral("size")));
        const QSize size = match.hasMatch()
            ? QSize(match.captured(1).toInt(), match.captured(2).toInt())
            : QSize();
        if (!size.isValid() || size.width() > 8000 || size.height() > 8000)
            return Error::validation(tr("--size: \"%1\" is not WxH between 100x100 and "
                                        "8000x8000.")
                                         .arg(parsed->option(QStringLiteral("size"))));
        request.size = size;
    }
    if (parsed->has(QStringLiteral("page"))) {
        request.page = parsed->option(QStringLiteral("page"));
        if (request.page != u"incident" && request.page != u"comms"
            && request.page != u"diagnostics" && request.page != u"postmortem"
            && request.page != u"action-items")
            return Error::validation(
                tr("--page: \"%1\" is not incident, comms, diagnostics, postmortem or "
                   "action-items.")
                    .arg(request.page));
    }
    return std::optional<ScreenshotRequest>(request);
}

int failLine(const Error &error)
{
    logError(error.message);
    QTextStream(stderr) << QStringLiteral("incidentdesk: ") << error.message << Qt::endl;
    return error.kind == Error::Kind::Validation ? cli::kExitUsage : cli::kExitFailure;
}

int renderScreenshot(MainWindow &window, const ScreenshotRequest &request)
{
    if (request.incident) {
        if (!window.selectIncident(*request.incident))
            return failLine(
                Error::notFound(tr("%1 does not exist.").arg(formatIncidentId(*request.incident))));
    }
    QWidget *target = &window;
    if (request.page == u"comms") {
        window.incidentPage()->showCommsTab();
    } else if (request.page == u"diagnostics") {
        window.incidentPage()->showDiagnosticsTab();
    } else if (request.page == u"postmortem") {
        window.incidentPage()->showPostmortemTab();
    } else if (request.page == u"action-items") {
        target = window.actionItemsWindow();
    }
    target->resize(request.size);
    window.show();
    target->show();
    // Let layouts, the models, the deferred refreshes and the preview (debounced)
    // settle before grabbing.
    QElapsedTimer settling;
    settling.start();
    while (settling.elapsed() < 600)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const QPixmap pixmap = target->grab();
    if (!pixmap.save(request.file, "PNG"))
        return failLine(Error::io(tr("Cannot write the screenshot to %1.").arg(request.file)));
    return cli::kExitOk;
}

// Test hooks, set through the environment so no user meets them as options.
//  INCIDENTDESK_TEST_SCRIBE=ID: the window logs one entry after another into
//   incident ID through its own quick-entry bar (the path a scribe's Enter
//   takes) and prints "<entry id> <text>" on stdout as each one is committed.
//   tests/cli/tst_gui_kill.cpp kills it with SIGKILL at random moments.
//  INCIDENTDESK_TEST_SEARCH=TEXT: the search palette opens with TEXT searched,
//   for a --screenshot of it.
//  INCIDENTDESK_TEST_FIRST_PAINT=1: prints "painted" on stdout once the window's
//   first frame is painted, and quits (tests/bench/bench_startup.cpp times it).

// Runs `then` once, on the turn of the event loop after the first frame of `window`
// is painted (the backing store paints every widget of a frame at once).
class AfterFirstPaint final : public QObject
{
public:
    AfterFirstPaint(QWidget *window, std::function<void()> then)
        : QObject(window), m_window(window), m_then(std::move(then))
    {
        qApp->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_seen && event->type() == QEvent::Paint && watched->isWidgetType()
            && static_cast<QWidget *>(watched)->window() == m_window) {
            m_seen = true;
            // Not watching every event of the application any longer than needed.
            qApp->removeEventFilter(this);
            QTimer::singleShot(0, this, [this] {
                m_then();
                deleteLater();
            });
        }
        return false;
    }

private:
    QWidget *m_window;
    std::function<void()> m_then;
    bool m_seen = false;
};

void applyTestHooks(MainWindow &window)
{
    if (qEnvironmentVariableIsSet("INCIDENTDESK_TEST_FIRST_PAINT")) {
        (void)new AfterFirstPaint(&window, [] {
            std::fputs("painted\n", stdout);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    }
    if (const QString search = qEnvironmentVariable("INCIDENTDESK_TEST_SEARCH");
        !search.isEmpty()) {
        window.openSearch();
        window.searchPalette()->queryField()->setText(search);
        window.searchPalette()->searchNow();
    }
    const QString scribe = qEnvironmentVariable("INCIDENTDESK_TEST_SCRIBE");
    if (scribe.isEmpty())
        return;
    const auto id = parseIncidentId(scribe);
    if (!id || !window.selectIncident(*id)) {
        QTextStream(stderr)
            << QStringLiteral("incidentdesk: no incident %1 to scribe into\n").arg(scribe);
        std::exit(cli::kExitFailure);
    }
    QuickEntryBar *bar = window.incidentPage()->quickEntry();
    const auto typed = std::make_shared<QString>(); // the text of the entry being written
    auto *pace = new QTimer(&window);
    QObject::connect(bar, &QuickEntryBar::entryLogged, &window, [typed](qint64 entryId) {
        // Committed: only now is it reported, as the window shows it saved.
        const QByteArray line = QByteArray::number(entryId) + ' ' + typed->toUtf8() + '\n';
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    });
    QObject::connect(
        pace, &QTimer::timeout, bar, [bar, typed] {
            static int n = 0;
            // Plain words plus what must stay literal (HTML, quotes, LIKE wildcards).
            *typed = QStringLiteral("gui scribe %1 entry %2 <b>&amp; \"it's\" 100%_done")
                         .arg(QCoreApplication::applicationPid())
                         .arg(++n);
            bar->lineEdit()->setText(*typed);
            if (!bar->submit()) {
                QTextStream(stderr)
                    << QStringLiteral("incidentdesk: scribe: %1\n").arg(bar->errorText());
                std::exit(cli::kExitFailure);
            }
        });
    pace->start(0);
}

} // namespace

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

int runGui(int &argc, char **argv, const QString &databasePath, const QStringList &arguments)
{
    const auto request = parseGuiArguments(arguments);
    if (!request)
        return failLine(request.error());
    const bool screenshot = request->has_value();
    if (!hasDisplay()) {
        if (!screenshot) {
            QTextStream(stderr) << tr(
                "incidentdesk: no display found (neither DISPLAY nor WAYLAND_DISPLAY is "
                "set). Run it in a desktop session, or under a virtual display with "
                "\"xvfb-run scripts/run\"; headless commands work anywhere: "
                "incidentdesk --help.")
                                << Qt::endl;
            return cli::kExitFailure;
        }
        // A screenshot needs no screen: render offscreen.
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("IncidentDesk"));
    QApplication::setDesktopFileName(QStringLiteral("incidentdesk"));

    auto repository = SqliteIncidentRepository::open(databasePath);
    if (!repository) {
        if (!screenshot)
            QMessageBox::critical(nullptr, tr("IncidentDesk"), repository.error().message);
        return failLine(repository.error());
    }
    SystemClock clock;
    IncidentService service(**repository, clock);
    MainWindow window(service);
    std::unique_ptr<AppIntegrations> integrations; // goes before the window that uses it
    const auto wireIntegrations = [&] {
        integrations = std::make_unique<AppIntegrations>(service);
        window.setIntegrations(integrations->access());
    };
    window.setDatabaseLabel(databasePath);
    logInfo(QStringLiteral("opened %1").arg(databasePath));

    if (screenshot) {
        wireIntegrations();
        applyTestHooks(window);
        return renderScreenshot(window, **request);
    }
    // The keychain (a D-Bus round trip, or a file), the HTTP client and the data
    // sources serve menus and tabs the first frame does not show: wired just after it.
    // (Event filters run newest first: the test hooks' first-paint watcher, installed
    // after this one, reports the frame before this runs.)
    (void)new AfterFirstPaint(&window, wireIntegrations);
    applyTestHooks(window);
    window.show();
    return QApplication::exec();
}

} // namespace idesk
