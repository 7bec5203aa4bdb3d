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
// search() matches the same rows, but asks for the last word whole first and
// may spell a long prefix out as the words it starts.
QString matchExpression(const QString &userText);

// Makes the ranking function and the vocabulary table search() uses known to
// `db`; once per connection.
VoidResult registerRanking(SqliteConnection &db);

// How many matches search() ranks at most: with more, the newest of them.
inline constexpr int RankWindow = 2000;

// Best match first, title matches weighted up, at most `limit` hits. With
// more than RankWindow matches, the best among the newest RankWindow of them.
// While the last word is typed, hits holding it as a whole word come first;
// only when there are fewer than `limit` of them do hits for longer words it
// starts follow (best first, none twice).
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
