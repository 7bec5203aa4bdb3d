#include "databaselocation.h"

#include <QDir>
#include <QStandardPaths>

namespace idesk {

QString defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("incidentdesk.sqlite3"));
}

QString logDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("logs"));
}

} // namespace idesk
