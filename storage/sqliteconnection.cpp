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
    : m_db(std::exchange(other.m_db, nullptr)), m_lastErrorCode(other.m_lastErrorCode)
{
}

SqliteConnection &SqliteConnection::operator=(SqliteConnection &&other) noexcept
{
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_lastErrorCode = other.m_lastErrorCode;
    }
    return *this;
}

SqliteConnection::~SqliteConnection()
{
    // close_v2 defers the close until every statement is finalised, so an
    // unexpected leak cannot turn into a use-after-free.
    sqlite3_close_v2(m_db);
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
