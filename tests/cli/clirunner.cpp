#include "clirunner.h"

#include <QProcess>

CliRunner::CliRunner(QString databasePath, QString dataHome)
    : m_databasePath(std::move(databasePath)), m_environment(QProcessEnvironment::systemEnvironment())
{
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        m_environment.remove(QString::fromLatin1(name));
    m_environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    m_environment.insert(QStringLiteral("INCIDENTDESK_USER"), QStringLiteral("scribe-bot"));
}

CliRunner::Outcome CliRunner::run(const QStringList &arguments) const
{
    return runWithoutDb(QStringList{QStringLiteral("--db"), m_databasePath} + arguments);
}

CliRunner::Outcome CliRunner::runWithoutDb(const QStringList &arguments) const
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(qEnvironmentVariable("INCIDENTDESK_BINARY"), arguments);
    Outcome outcome;
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        outcome.err = "timed out";
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}
