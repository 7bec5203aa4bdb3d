#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Runs the incidentdesk binary the way a script would: no display, no Qt
// platform, a private data folder, and one database file.
class CliRunner
{
public:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QString stdoutText() const { return QString::fromUtf8(out); }
        QString stderrText() const { return QString::fromUtf8(err); }
    };

    CliRunner(QString databasePath, QString dataHome);

    Outcome run(const QStringList &arguments) const;
    Outcome runWithoutDb(const QStringList &arguments) const;
    QProcessEnvironment &environment() { return m_environment; }

private:
    QString m_databasePath;
    QProcessEnvironment m_environment;
};
