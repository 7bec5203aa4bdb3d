#pragma once

#include "incident.h"
#include "sqliteincidentrepository.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace idesk::StorageTest {

const QDateTime kT0(QDate(2024, 11, 25), QTime(15, 45), Qt::UTC);

// Minutes after kT0.
inline QDateTime at(int minutes, int ms = 0)
{
    return kT0.addSecs(qint64(minutes) * 60).addMSecs(ms);
}

QByteArray readFile(const QString &path);
void writeFile(const QString &path, const QByteArray &bytes);
// The -wal, -shm and -journal files SQLite leaves beside a database, if any.
QStringList sidecarFiles(const QString &path);

// Opens a repository or fails the calling test with the error (use with QVERIFY).
std::unique_ptr<SqliteIncidentRepository> openRepository(const QString &path);

// Runs SQL on a file through the bare sqlite3 API, the way another program would.
bool rawExec(const QString &path, const QByteArray &sql);
// Reads one integer (a PRAGMA) through the bare sqlite3 API; -1 on failure.
qint64 rawQueryInt(const QString &path, const QByteArray &sql);
// Reads one text value the same way (e.g. PRAGMA integrity_check); a null
// QString on failure.
QString rawQueryText(const QString &path, const QByteArray &sql);

// A small declared incident: SEV-2, investigating, Alice as commander.
Incident simpleIncident(const QString &title);
// An incident with something in every collection: revisions, a redaction,
// links between objects, unicode and binary data. Objects carry made-up ids
// (as an import would) so that link remapping can be checked.
Incident richIncident();

// The incident with every id the store assigns set to 0 and the revision to 0,
// so a stored copy compares equal to what was inserted.
Incident withoutIds(Incident incident);

// One line describing each mismatching part, empty when equal: readable failures
// for types that QCOMPARE cannot print.
QString differences(const Incident &expected, const Incident &actual);

} // namespace idesk::StorageTest
