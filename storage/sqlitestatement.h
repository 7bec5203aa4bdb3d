#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <optional>

struct sqlite3_stmt;

namespace idesk {

class SqliteConnection;

// A short-lived prepared statement, owned by the caller and finalised in the
// destructor; or, for SQL the connection has cached (see
// SqliteConnection::takeCached), borrowed and handed back reset.
//
// Mind the indexing: SQLite numbers bind parameters from 1 (matching "?1") but
// result columns from 0. Both conventions are kept here so the numbers in the
// code read the same as in the SQLite documentation.
//
// bind() never fails on its own: the first bind error is remembered and
// reported by the next step(), so a chain of binds needs a single check.
class SqliteStatement
{
public:
    static Result<SqliteStatement> prepare(SqliteConnection &db, QByteArrayView sql);

    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement();

    // Binding, 1-based.
    SqliteStatement &bind(int index, qint64 value);
    SqliteStatement &bind(int index, int value) { return bind(index, qint64(value)); }
    SqliteStatement &bind(int index, double value);
    SqliteStatement &bind(int index, const QString &text); // a null QString binds ''
    SqliteStatement &bindBlob(int index, const QByteArray &blob);
    SqliteStatement &bindNull(int index);
    // A time as UTC milliseconds since the epoch; an invalid time binds NULL.
    SqliteStatement &bind(int index, const QDateTime &at);
    template<typename T> SqliteStatement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // For the rare call this class does not wrap (sqlite3_bind_pointer).
    sqlite3_stmt *handle() const { return m_statement; }

    // Advances to the next row: true when a row is ready, false when done.
    Result<bool> step();
    // Runs a statement that returns no rows (INSERT, UPDATE, ...).
    VoidResult exec();
    // Makes the statement runnable again; the bindings stay.
    void reset();

    // Reading the current row, 0-based.
    bool isNull(int column) const;
    qint64 columnInt64(int column) const;
    int columnInt(int column) const;
    double columnDouble(int column) const;
    QString columnText(int column) const;
    QByteArray columnBlob(int column) const;
    QDateTime columnTime(int column) const; // a NULL column gives an invalid QDateTime
    std::optional<QDateTime> columnOptionalTime(int column) const;
    std::optional<QString> columnOptionalText(int column) const;

private:
    SqliteStatement(SqliteConnection &db, sqlite3_stmt *statement, bool cached);
    void noteBind(int rc);
    void release();

    SqliteConnection *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    bool m_cached = false; // borrowed from the connection's cache
    int m_bindError = 0; // first failed sqlite3_bind_* code, reported by step()
};

} // namespace idesk
