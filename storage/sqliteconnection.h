#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

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

    // The statement cache behind SqliteStatement::prepare: the same SQL text is
    // compiled once per connection and reused (a timeline append runs six
    // statements; preparing them every time was a third of its CPU cost).
    // takeCached() hands out an idle cached statement for `sql`, or nothing;
    // remember() caches a fresh one, marked in use, when there is room;
    // giveBack() resets a cached statement and marks it idle again.
    sqlite3_stmt *takeCached(QByteArrayView sql);
    bool remember(QByteArrayView sql, sqlite3_stmt *statement);
    bool giveBack(sqlite3_stmt *statement);

private:
    explicit SqliteConnection(sqlite3 *db) : m_db(db) { }
    void close();

    struct CachedStatement
    {
        sqlite3_stmt *statement = nullptr;
        bool inUse = false;
    };
    static constexpr qsizetype kCacheSize = 64;

    sqlite3 *m_db = nullptr;
    // Behind a pointer so that a moved connection takes its cache along.
    std::unique_ptr<QHash<QByteArray, CachedStatement>> m_cache;
    // Kept separately because a later call (a ROLLBACK) resets sqlite3_errcode.
    mutable int m_lastErrorCode = 0;
};

} // namespace idesk
