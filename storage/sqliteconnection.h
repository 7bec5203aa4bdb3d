#pragma once

#include "result.h"

#include <QByteArrayView>
#include <QString>

struct sqlite3;

namespace idesk {

// One open sqlite3 handle, closed in the destructor. Everything else in storage
// borrows it; statements must not outlive it.
class SqliteConnection
{
public:
    // Flags are SQLITE_OPEN_* values; `name` is a path, a "file:" URI (with
    // SQLITE_OPEN_URI) or ":memory:".
    static Result<SqliteConnection> open(const QString &name, int flags);

    SqliteConnection(SqliteConnection &&other) noexcept;
    SqliteConnection &operator=(SqliteConnection &&other) noexcept;
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;
    ~SqliteConnection();

    sqlite3 *handle() const { return m_db; }

    // Runs one or more statements that return no rows we care about.
    VoidResult exec(QByteArrayView sql);
    // Runs a statement returning one integer (a PRAGMA, a count).
    Result<qint64> queryInt(QByteArrayView sql);
    // Runs a statement returning one text value (e.g. PRAGMA journal_mode=WAL).
    Result<QString> queryText(QByteArrayView sql);

    qint64 lastInsertId() const;
    int changes() const; // rows changed by the most recent statement

    // sqlite3_errmsg of the last failed call.
    QString lastErrorMessage() const;
    // A storage error carrying SQLite's message: "SQLite: database is locked ...".
    // Every failure in storage is reported through here, which also remembers its code.
    Error error() const;
    // Whether the last error() was SQLITE_BUSY: another connection held a lock,
    // so trying again later may succeed.
    bool lastErrorWasBusy() const;

private:
    explicit SqliteConnection(sqlite3 *db) : m_db(db) { }
    sqlite3 *m_db = nullptr;
    // Kept separately because a later call (a ROLLBACK) resets sqlite3_errcode.
    mutable int m_lastErrorCode = 0;
};

} // namespace idesk
