#pragma once

#include "incidentrepository.h"
#include "result.h"

#include <QList>
#include <QString>

namespace idesk {

class SqliteConnection;

// The full-text index (schema 3 and 4, SQLite FTS5) over incident titles and
// summaries, timeline entries, status updates and postmortems, and the queries
// on it. The index changes in the writing transaction itself: through triggers
// for incidents, postmortems, edits and redactions, and through indexEntries()
// and indexStatusUpdates() for new entries and updates.
namespace SearchIndex {

// The FTS5 MATCH expression for what a user typed. A user's text is words, not
// query syntax: each word is double-quoted (so `"`, `*`, `-`, `:`, `^`, `NEAR`,
// `OR`, parentheses are plain text), all words are required, and the last one
// matches as a prefix unless the text ends with a space, so results come while
// typing. Empty when there is nothing searchable (no letter or digit).
QString matchExpression(const QString &userText);

// Makes the ranking function search() uses known to `db`; once per connection.
VoidResult registerRanking(SqliteConnection &db);

// Best match first, title matches weighted up, at most `limit` hits. With
// more matches than a couple of thousand, the best among the newest of them.
Result<QList<SearchHit>> search(SqliteConnection &db, const QString &userText, int limit);

// Indexes the timeline entries (status updates) with ids from `firstId` on:
// those the caller's transaction has just inserted. Entries and updates have no
// insert trigger (see schema version 4); every path that inserts them calls
// these once after its inserts, in the same transaction.
VoidResult indexEntries(SqliteConnection &db, qint64 firstId);
VoidResult indexStatusUpdates(SqliteConnection &db, qint64 firstId);

// Rewrites the index so words of deleted rows (a redacted entry) are gone
// from the file, not only from results. Runs in the caller's transaction.
VoidResult purgeDeleted(SqliteConnection &db);

} // namespace SearchIndex
} // namespace idesk
