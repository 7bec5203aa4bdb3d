#pragma once

#include "result.h"

namespace idesk {

class SqliteConnection;

// A transaction that rolls back in the destructor unless commit() succeeded, so
// every early `return error;` leaves the database as it was.
class SqliteTransaction
{
public:
    enum class Mode {
        // BEGIN IMMEDIATE: take the write lock up front. A read-decide-write in a
        // deferred transaction could fail with SQLITE_BUSY half-way, when another
        // writer got in first; immediate waits (busy_timeout) before reading.
        Write,
        // BEGIN (deferred): a consistent snapshot for reads spanning several queries.
        Read,
    };

    static Result<SqliteTransaction> begin(SqliteConnection &db, Mode mode = Mode::Write);

    SqliteTransaction(SqliteTransaction &&other) noexcept;
    SqliteTransaction &operator=(SqliteTransaction &&) = delete;
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;
    ~SqliteTransaction();

    VoidResult commit();

private:
    explicit SqliteTransaction(SqliteConnection &db) : m_db(&db) { }
    SqliteConnection *m_db = nullptr; // null once committed, rolled back or moved from
};

} // namespace idesk
