// The incidentdesk executable: the window by default, a headless command when the
// first word names one. Commands never create a QApplication, so they run on
// machines with no display at all.

#include "clicommands.h"
#include "commandline.h"
#include "databaselocation.h"
#include "guiapplication.h"
#include "logging.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

using namespace idesk;

namespace {

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

void setApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("incidentdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(INCIDENTDESK_VERSION));
}

} // namespace

int main(int argc, char **argv)
{
    setApplicationIdentity();
    const auto global = cli::extractGlobalOptions(argumentsOf(argc, argv));
    if (!global) {
        QTextStream(stderr) << QStringLiteral("incidentdesk: ") << global.error().message
                            << Qt::endl;
        return cli::kExitUsage;
    }
    if (global->help) {
        QTextStream(stdout) << cli::usageText();
        return cli::kExitOk;
    }
    if (global->version) {
        QTextStream(stdout)
            << QStringLiteral("incidentdesk %1\n").arg(QStringLiteral(INCIDENTDESK_VERSION));
        return cli::kExitOk;
    }
    const QString databasePath
        = global->databasePath.isEmpty() ? defaultDatabasePath() : global->databasePath;
    const QString first = global->rest.value(0);
    const bool isCommand = !first.isEmpty() && !first.startsWith(u'-');
    if (isCommand && first == u"diagnose") {
        // Charts render through QtWidgets' graphics scene: an offscreen application, so
        // the command still needs no display.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        setUpLogging(logDirectory(), LogMode::Cli, global->verbose);
        return cli::runCommand(global->rest, databasePath);
    }
    if (isCommand) {
        QCoreApplication app(argc, argv);
        setUpLogging(logDirectory(), LogMode::Cli, global->verbose);
        return cli::runCommand(global->rest, databasePath);
    }
    setUpLogging(logDirectory(), LogMode::Gui, global->verbose);
    return runGui(argc, argv, databasePath, global->rest);
}
