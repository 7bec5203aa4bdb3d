#pragma once

#include "result.h"

#include <QtGlobal>

namespace idesk {

class SqliteConnection;

namespace Schema {

// PRAGMA application_id of every IncidentDesk database: "IDK1" in ASCII. It is
// how we tell our files from other SQLite files, so it never changes; the
// schema version lives in PRAGMA user_version.
constexpr quint32 kApplicationId = 0x49444B31;

// The newest schema this build can read and write.
int currentVersion();

// Brings the database up to currentVersion(), one numbered forward-only migration at a
// time, each in its own transaction together with its user_version bump. Safe to run
// from two processes at once: each step re-reads user_version under the write lock.
VoidResult migrate(SqliteConnection &db);

} // namespace Schema
} // namespace idesk
