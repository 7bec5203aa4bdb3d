#include "sqliteconnection.h"

#include "sqlitestatement.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <utility>

namespace idesk {

Result<SqliteConnection> SqliteConnection::open(const QString &name, int flags)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(name.toUtf8().constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        // Even a failed open may allocate a handle that carries the message.
        const QString message
            = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        return Error::storage(
            QCoreApplication::translate("Storage", "Could not open %1: %2").arg(name, message));
    }
    // Report the precise code (SQLITE_CORRUPT_*, SQLITE_BUSY_*) in sqlite3_extended_errcode.
    sqlite3_extended_result_codes(db, 1);
    return SqliteConnection(db);
}

SqliteConnection::SqliteConnection(SqliteConnection &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_cache(std::move(other.m_cache)),
      m_lastErrorCode(other.m_lastErrorCode)
{
}

SqliteConnection &SqliteConnection::operator=(SqliteConnection &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_cache = std::move(other.m_cache);
        m_lastErrorCode = other.m_lastErrorCode;
    }
    return *this;
}

SqliteConnection::~SqliteConnection()
{
    close();
}

void SqliteConnection::close()
{
    if (m_cache) {
        for (const auto &cached : std::as_const(*m_cache))
            sqlite3_finalize(cached.statement);
        m_cache.reset();
    }
    // close_v2 defers the close until every statement is finalised, so an
    // unexpected leak cannot turn into a use-after-free.
    sqlite3_close_v2(m_db);
    m_db = nullptr;
}

sqlite3_stmt *SqliteConnection::takeCached(QByteArrayView sql)
{
    if (!m_cache)
        return nullptr;
    const auto it = m_cache->find(sql.toByteArray());
    if (it == m_cache->end() || it->inUse) // in use: the caller prepares its own copy
        return nullptr;
    it->inUse = true;
    return it->statement;
}

bool SqliteConnection::remember(QByteArrayView sql, sqlite3_stmt *statement)
{
    if (!m_cache)
        m_cache = std::make_unique<QHash<QByteArray, CachedStatement>>();
    const QByteArray key = sql.toByteArray();
    if (m_cache->size() >= kCacheSize || m_cache->contains(key))
        return false;
    m_cache->insert(key, {statement, true});
    return true;
}

bool SqliteConnection::giveBack(sqlite3_stmt *statement)
{
    if (!m_cache)
        return false;
    for (auto &cached : *m_cache) {
        if (cached.statement == statement) {
            sqlite3_reset(statement);
            sqlite3_clear_bindings(statement);
            cached.inUse = false;
            return true;
        }
    }
    return false;
}

VoidResult SqliteConnection::exec(QByteArrayView sql)
{
    // sqlite3_exec needs a NUL-terminated string; a view may not be one.
    const QByteArray text = sql.toByteArray();
    if (sqlite3_exec(m_db, text.constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return error();
    return {};
}

Result<qint64> SqliteConnection::queryInt(QByteArrayView sql)
{
    auto statement = SqliteStatement::prepare(*this, sql);
    if (!statement)
        return statement.error();
    const auto row = statement->step();
    if (!row)
        return row.error();
    if (!*row)
        return Error::storage(QCoreApplication::translate("Storage", "A query returned no row."));
    return statement->columnInt64(0);
}

Result<QString> SqliteConnection::queryText(QByteArrayView sql)
{
    auto statement = SqliteStatement::prepare(*this, sql);
    if (!statement)
        return statement.error();
    const auto row = statement->step();
    if (!row)
        return row.error();
    if (!*row)
        return Error::storage(QCoreApplication::translate("Storage", "A query returned no row."));
    return statement->columnText(0);
}

qint64 SqliteConnection::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int SqliteConnection::changes() const
{
    return sqlite3_changes(m_db);
}

bool SqliteConnection::lastErrorWasBusy() const
{
    return (m_lastErrorCode & 0xff) == SQLITE_BUSY;
}

QString SqliteConnection::lastErrorMessage() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

Error SqliteConnection::error() const
{
    m_lastErrorCode = sqlite3_errcode(m_db);
    QString message = QStringLiteral("SQLite: ") + lastErrorMessage();
    // "database is locked" alone does not tell a user that waiting may help.
    if (lastErrorWasBusy())
        message += QCoreApplication::translate(
            "Storage", " (another program held the write lock too long; try again)");
    return Error::storage(message);
}

} // namespace idesk
