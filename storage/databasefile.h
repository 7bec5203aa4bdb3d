#pragma once

#include "result.h"

#include <QString>

namespace idesk::DatabaseFile {

struct Inspection
{
    bool isNew = true; // missing, empty, or a SQLite file with nothing in it yet
    int schemaVersion = 0; // of an existing IncidentDesk file
};

// Decides whether `path` may be opened read-write as an IncidentDesk database,
// without changing a byte of it: a file that turns out not to be ours must be
// left exactly as it was, so this runs before anything opens it for writing.
// Refuses (with a one-line message naming the file) a directory, a file that is
// not SQLite or is corrupt, another application's database, and a database from
// a newer IncidentDesk.
Result<Inspection> inspect(const QString &path);

} // namespace idesk::DatabaseFile
