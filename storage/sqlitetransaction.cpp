#include "sqlitetransaction.h"

#include "sqliteconnection.h"
#include "sqlitestatement.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <utility>

namespace idesk {

Result<SqliteTransaction> SqliteTransaction::begin(SqliteConnection &db, Mode mode)
{
    // Prepared statements (cached by the connection), not exec(): every user
    // action begins and commits one, and exec() compiles the SQL each time.
    auto begin = SqliteStatement::prepare(db, mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN");
    if (!begin)
        return begin.error();
    if (auto begun = begin->exec(); !begun)
        return begun.error();
    return SqliteTransaction(db);
}

SqliteTransaction::SqliteTransaction(SqliteTransaction &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
{
}

SqliteTransaction::~SqliteTransaction()
{
    // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL);
    // ROLLBACK then fails harmlessly, so check autocommit first to keep it quiet.
    if (m_db && !sqlite3_get_autocommit(m_db->handle()))
        (void)m_db->exec("ROLLBACK");
}

VoidResult SqliteTransaction::commit()
{
    if (!m_db)
        return Error::storage(
            QCoreApplication::translate("Storage", "The transaction has already ended."));
    auto commit = SqliteStatement::prepare(*m_db, "COMMIT");
    if (!commit)
        return commit.error();
    if (auto committed = commit->exec(); !committed)
        return committed; // still open: the destructor rolls it back
    m_db = nullptr;
    return {};
}

} // namespace idesk
