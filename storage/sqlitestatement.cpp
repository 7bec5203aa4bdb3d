#include "sqlitestatement.h"

#include "sqliteconnection.h"
#include "timeformat.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <utility>

namespace idesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Storage", text);
}
} // namespace

Result<SqliteStatement> SqliteStatement::prepare(SqliteConnection &db, QByteArrayView sql)
{
    if (sqlite3_stmt *cached = db.takeCached(sql))
        return SqliteStatement(db, cached, true);
    sqlite3_stmt *statement = nullptr;
    const int rc = sqlite3_prepare_v3(
        db.handle(), sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK)
        return db.error();
    if (!statement) // only whitespace or a comment: a caller's mistake
        return Error::storage(tr("An empty database query was prepared."));
    const bool cached = db.remember(sql, statement);
    return SqliteStatement(db, statement, cached);
}

SqliteStatement::SqliteStatement(SqliteConnection &db, sqlite3_stmt *statement, bool cached)
    : m_db(&db), m_statement(statement), m_cached(cached)
{
}

void SqliteStatement::release()
{
    // A cached statement goes back to the connection, reset for its next use.
    if (m_statement && !(m_cached && m_db->giveBack(m_statement)))
        sqlite3_finalize(m_statement);
    m_statement = nullptr;
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(other.m_db), m_statement(std::exchange(other.m_statement, nullptr)),
      m_cached(other.m_cached), m_bindError(other.m_bindError)
{
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        release();
        m_db = other.m_db;
        m_statement = std::exchange(other.m_statement, nullptr);
        m_cached = other.m_cached;
        m_bindError = other.m_bindError;
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    release();
}

void SqliteStatement::noteBind(int rc)
{
    if (rc != SQLITE_OK && m_bindError == 0)
        m_bindError = rc;
}

SqliteStatement &SqliteStatement::bind(int index, qint64 value)
{
    noteBind(sqlite3_bind_int64(m_statement, index, value));
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, double value)
{
    noteBind(sqlite3_bind_double(m_statement, index, value));
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    // A null QString has no data pointer, and a NULL pointer would bind SQL NULL.
    noteBind(sqlite3_bind_text64(m_statement, index, utf8.isNull() ? "" : utf8.constData(),
        sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

SqliteStatement &SqliteStatement::bindBlob(int index, const QByteArray &blob)
{
    // Same trap as text: sqlite3_bind_blob with a NULL pointer binds NULL, not ''.
    if (blob.isEmpty())
        noteBind(sqlite3_bind_zeroblob(m_statement, index, 0));
    else
        noteBind(sqlite3_bind_blob64(
            m_statement, index, blob.constData(), sqlite3_uint64(blob.size()), SQLITE_TRANSIENT));
    return *this;
}

SqliteStatement &SqliteStatement::bindNull(int index)
{
    noteBind(sqlite3_bind_null(m_statement, index));
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, const QDateTime &at)
{
    return at.isValid() ? bind(index, toStorageTime(at)) : bindNull(index);
}

Result<bool> SqliteStatement::step()
{
    if (m_bindError != 0)
        return Error::storage(tr("SQLite: could not bind a query parameter: %1")
                                  .arg(QString::fromUtf8(sqlite3_errstr(m_bindError))));
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return m_db->error();
}

VoidResult SqliteStatement::exec()
{
    const auto row = step();
    if (!row)
        return row.error();
    reset();
    return {};
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 SqliteStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

int SqliteStatement::columnInt(int column) const
{
    return sqlite3_column_int(m_statement, column);
}

double SqliteStatement::columnDouble(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

QString SqliteStatement::columnText(int column) const
{
    // Call text before bytes: the documented order that avoids a second conversion.
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    const int bytes = sqlite3_column_bytes(m_statement, column);
    return QString::fromUtf8(text, bytes);
}

QByteArray SqliteStatement::columnBlob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    const int bytes = sqlite3_column_bytes(m_statement, column);
    return QByteArray(data, bytes);
}

QDateTime SqliteStatement::columnTime(int column) const
{
    return isNull(column) ? QDateTime() : fromStorageTime(columnInt64(column));
}

std::optional<QDateTime> SqliteStatement::columnOptionalTime(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return fromStorageTime(columnInt64(column));
}

std::optional<QString> SqliteStatement::columnOptionalText(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return columnText(column);
}

} // namespace idesk
