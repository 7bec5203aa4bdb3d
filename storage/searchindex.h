#pragma once

#include "incidentrepository.h"
#include "result.h"

#include <QList>
#include <QString>

namespace idesk {

class SqliteConnection;

// The full-text index (schema 3, SQLite FTS5) over incident titles and
// summaries, timeline entries, status updates and postmortems, and the
// queries on it. Triggers on those tables keep the index in step within the
// writing transaction itself, so the write path never calls in here.
namespace SearchIndex {

// The FTS5 MATCH expression for what a user typed. A user's text is words, not
// query syntax: each word is double-quoted (so `"`, `*`, `-`, `:`, `^`, `NEAR`,
// `OR`, parentheses are plain text), all words are required, and the last one
// matches as a prefix unless the text ends with a space, so results come while
// typing. Empty when there is nothing searchable (no letter or digit).
QString matchExpression(const QString &userText);

// Best match first (bm25, title matches weighted up), at most `limit` hits.
Result<QList<SearchHit>> search(SqliteConnection &db, const QString &userText, int limit);

// Rewrites the index so words of deleted rows (a redacted entry) are gone
// from the file, not only from results. Runs in the caller's transaction.
VoidResult purgeDeleted(SqliteConnection &db);

} // namespace SearchIndex
} // namespace idesk
