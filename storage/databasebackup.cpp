#include "databasebackup.h"

#include "sqliteconnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

namespace idesk::DatabaseBackup {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Storage", text);
}

// How long a backup keeps retrying while another connection holds a lock it
// needs (the same patience as the busy timeout of a write).
constexpr int kPatienceMs = 5000;

// Makes the rename itself durable: the new directory entry reaches the disk.
void syncFolder(const QString &folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)::fsync(fd);
        ::close(fd);
    }
}

VoidResult copyInto(SqliteConnection &source, const QString &target)
{
    auto destination = SqliteConnection::open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!destination)
        return destination.error();
    // FULL: the copy is on disk when the backup's final commit returns.
    if (auto configured = destination->exec("PRAGMA synchronous = FULL"); !configured)
        return configured;
    sqlite3_backup *backup
        = sqlite3_backup_init(destination->handle(), "main", source.handle(), "main");
    if (!backup)
        return destination->error();
    // All pages in one step: a step-by-step copy restarts whenever another
    // connection writes in between, which a busy GUI could make endless.
    QElapsedTimer waited;
    waited.start();
    int rc = SQLITE_OK;
    for (;;) {
        rc = sqlite3_backup_step(backup, -1);
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || waited.elapsed() > kPatienceMs)
            break;
        sqlite3_sleep(20);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return Error::storage(QStringLiteral("SQLite: ") + QString::fromUtf8(sqlite3_errstr(rc)));
    return {};
}

} // namespace

VoidResult copy(SqliteConnection &db, const QString &path)
{
    const QFileInfo info(path);
    if (path.isEmpty())
        return Error::validation(tr("A backup needs a file name."));
    if (info.exists() || info.isSymLink())
        return Error::validation(tr("%1 exists already; a backup never overwrites a file.")
                                     .arg(QDir::toNativeSeparators(path)));
    const QString folder = info.absolutePath();
    if (!QFileInfo(folder).isDir())
        return Error::io(tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(folder)));

    // A name of our own beside the target, so the final rename stays within
    // one file system and cannot expose a half-written copy under `path`.
    QTemporaryFile temporary(folder + u'/' + info.fileName() + QStringLiteral(".XXXXXX.partial"));
    if (!temporary.open())
        return Error::io(tr("Could not create a file in %1: %2")
                             .arg(QDir::toNativeSeparators(folder), temporary.errorString()));
    const QString temporaryPath = temporary.fileName();
    temporary.close(); // SQLite opens it by name; the object still removes it on failure

    if (auto copied = copyInto(db, temporaryPath); !copied) {
        QFile::remove(temporaryPath + QStringLiteral("-journal"));
        return copied;
    }
    // Qt renames with RENAME_NOREPLACE where the system has it: a file that
    // appeared at `path` meanwhile is not overwritten either.
    if (!QFile::rename(temporaryPath, path))
        return Error::io(
            tr("Could not move the backup into place as %1.").arg(QDir::toNativeSeparators(path)));
    temporary.setAutoRemove(false);
    syncFolder(folder);
    return {};
}

} // namespace idesk::DatabaseBackup
