#include "sqlitetransaction.h"

#include "sqliteconnection.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <utility>

namespace idesk {

Result<SqliteTransaction> SqliteTransaction::begin(SqliteConnection &db, Mode mode)
{
    const auto begun = db.exec(mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN");
    if (!begun)
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
    if (auto committed = m_db->exec("COMMIT"); !committed)
        return committed; // still open: the destructor rolls it back
    m_db = nullptr;
    return {};
}

} // namespace idesk
