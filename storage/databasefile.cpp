#include "databasefile.h"

#include "schema.h"
#include "sqliteconnection.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>

#include <memory>

namespace idesk::DatabaseFile {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Storage", text);
}

constexpr int kInspectBusyTimeoutMs = 5000;

// The 16 bytes every SQLite 3 database starts with (the format's "magic").
constexpr char kSqliteMagic[] = "SQLite format 3";

Error notSqlite(const QString &path, const QString &detail = {})
{
    QString message = tr("%1 is not a SQLite database or is corrupt").arg(path);
    if (!detail.isEmpty())
        message += QStringLiteral(" (") + detail + u')';
    return Error::storage(message + u'.');
}

// Reading the header ourselves keeps SQLite away from files that are plainly
// something else (a text file, a PNG), and gives a precise message for them.
//
// The read goes through SQLite's own file layer, not QFile: POSIX locks belong
// to the process, and closing any descriptor of a file drops every lock the
// process holds on it, including those of a connection already open on it
// here (the GUI opening a second repository). Another process could then take
// the file for its own, e.g. checkpoint and delete the -wal file in use. SQLite
// keeps such a descriptor open until the process's last lock on the file goes.
VoidResult checkHeader(const QString &path)
{
    sqlite3_vfs *vfs = sqlite3_vfs_find(nullptr);
    if (!vfs)
        return Error::storage(tr("SQLite has no file system layer."));
    // The name in the form SQLite gives its file layer (with an empty URI part).
    const QByteArray absolute = QFile::encodeName(QFileInfo(path).absoluteFilePath());
    const auto name = std::unique_ptr<const char, void (*)(const char *)>(
        sqlite3_create_filename(absolute.constData(), "", "", 0, nullptr),
        [](const char *n) { sqlite3_free_filename(n); });
    if (!name)
        return Error::storage(tr("Out of memory."));
    QByteArray storage(vfs->szOsFile, '\0');
    auto *file = reinterpret_cast<sqlite3_file *>(storage.data());
    int flags = 0;
    int rc = vfs->xOpen(vfs, name.get(), file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &flags);
    char header[100] = {};
    if (rc == SQLITE_OK)
        rc = file->pMethods->xRead(file, header, int(sizeof header), 0);
    if (file->pMethods) // set whenever the open got far enough to need a close
        file->pMethods->xClose(file);
    if (rc == SQLITE_IOERR_SHORT_READ)
        return notSqlite(path);
    if (rc != SQLITE_OK)
        return Error::io(
            tr("%1 cannot be read: %2.").arg(path, QString::fromUtf8(sqlite3_errstr(rc))));
    if (!QByteArrayView(header, sizeof header).startsWith(QByteArrayView(kSqliteMagic, 16)))
        return notSqlite(path);
    return {};
}

// A file nobody has open (no -wal or -journal beside it) is opened "immutable":
// SQLite then takes no locks and creates no -wal/-shm files, so inspecting leaves
// the directory as it was. When sidecar files exist, another connection is
// writing or one crashed, and the read must go through the WAL to see the truth;
// those files exist already, so a plain read-only open adds nothing.
QString readOnlyUri(const QString &path)
{
    const bool inUse = QFile::exists(path + QStringLiteral("-wal"))
        || QFile::exists(path + QStringLiteral("-journal"));
    const QUrl url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    return QString::fromLatin1(url.toEncoded())
        + (inUse ? QStringLiteral("?mode=ro") : QStringLiteral("?mode=ro&immutable=1"));
}

struct Identity
{
    qint64 applicationId = 0;
    qint64 userVersion = 0;
    qint64 userTables = 0;
};

Result<Identity> readIdentity(const QString &path)
{
    auto db = SqliteConnection::open(readOnlyUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    if (!db)
        return notSqlite(path, db.errorMessage());
    // Another process may be creating or changing the file right now.
    sqlite3_busy_timeout(db->handle(), kInspectBusyTimeoutMs);
    const auto failed = [&] {
        if (db->lastErrorWasBusy())
            return Error::storage(tr("%1 is locked by another program; try again.").arg(path));
        return notSqlite(path, db->lastErrorMessage());
    };
    Identity identity;
    // Any of these reads page 1, where SQLite checks the header against the file's
    // size: a truncated copy fails here with "database disk image is malformed".
    const auto applicationId = db->queryInt("PRAGMA application_id");
    if (!applicationId)
        return failed();
    const auto userVersion = db->queryInt("PRAGMA user_version");
    if (!userVersion)
        return failed();
    const auto tables = db->queryInt(
        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    if (!tables)
        return failed();
    // Application ids are 32-bit values that SQLite reports signed.
    identity.applicationId = quint32(*applicationId);
    identity.userVersion = *userVersion;
    identity.userTables = *tables;
    return identity;
}

} // namespace

Result<Inspection> inspect(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Inspection {};
    if (info.isDir())
        return Error::io(tr("%1 is a directory, not a database file.").arg(path));
    if (info.size() == 0) // SQLite itself treats an empty file as an empty database
        return Inspection {};
    if (auto header = checkHeader(path); !header)
        return header.error();

    const auto identity = readIdentity(path);
    if (!identity)
        return identity.error();
    if (identity->applicationId == 0) {
        if (identity->userTables > 0)
            return Error::storage(
                tr("%1 is not an IncidentDesk database (it holds another application's "
                   "tables).")
                    .arg(path));
        return Inspection {}; // an empty SQLite file: nothing to lose, make it ours
    }
    if (identity->applicationId != Schema::kApplicationId)
        return Error::storage(tr("%1 is not an IncidentDesk database (application_id 0x%2).")
                                  .arg(path)
                                  .arg(identity->applicationId, 8, 16, QLatin1Char('0')));
    if (identity->userVersion > Schema::currentVersion())
        return Error::storage(
            tr("%1 was written by a newer IncidentDesk (schema %2, this build knows %3).")
                .arg(path)
                .arg(identity->userVersion)
                .arg(Schema::currentVersion()));
    return Inspection {false, int(identity->userVersion)};
}

} // namespace idesk::DatabaseFile
