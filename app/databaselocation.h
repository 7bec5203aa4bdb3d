#pragma once

#include <QString>

namespace idesk {

// Where the database and logs live when no --db is given (DESIGN §3).
QString defaultDatabasePath();
QString logDirectory();
// The 0600 file that holds secrets when no keychain is reachable.
QString secretsFallbackPath();

} // namespace idesk
