#pragma once

#include "result.h"

#include <QString>

namespace idesk {

class SqliteConnection;

namespace DatabaseBackup {

// Copies the main database of `db` into a new file `path` with SQLite's online
// backup API: one consistent snapshot, taken while other connections go on
// reading and writing. The copy is written under a temporary name in the same
// folder, synced, and renamed into place, so `path` is either absent or a
// complete database. Refuses (changing nothing) when `path` exists.
VoidResult copy(SqliteConnection &db, const QString &path);

} // namespace DatabaseBackup
} // namespace idesk
