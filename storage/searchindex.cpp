#include "searchindex.h"

#include "sqliteconnection.h"
#include "sqlitestatement.h"

#include <QStringList>

namespace idesk::SearchIndex {

namespace {

// Beyond this many words a query only gets slower, not better.
constexpr qsizetype kMaxWords = 16;
// A one-letter prefix would expand to a large part of the vocabulary; the
// schema keeps prefix indexes for two and three letters.
constexpr qsizetype kMinPrefixLength = 2;

bool hasTokenCharacter(const QString &word)
{
    // unicode61 splits on everything but letters and digits, so a word without
    // any would be an empty phrase, which makes the whole query match nothing.
    return std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); });
}

QString quoted(QString word)
{
    word.replace(u'"', QStringLiteral("\"\""));
    return u'"' + word + u'"';
}

// The search_index rowid tags (see schema version 3).
enum Tag : qint64 { IncidentTag = 0, EntryTag = 1, UpdateTag = 2, PostmortemTag = 3 };

} // namespace

QString matchExpression(const QString &userText)
{
    QStringList words;
    for (const QString &word : userText.simplified().split(u' ', Qt::SkipEmptyParts)) {
        if (hasTokenCharacter(word) && words.size() < kMaxWords)
            words.append(word);
    }
    if (words.isEmpty())
        return {};
    const bool typing = !userText.isEmpty() && !userText.back().isSpace();
    QStringList terms;
    for (const QString &word : words)
        terms.append(quoted(word));
    if (typing && words.size() < kMaxWords && words.back().size() >= kMinPrefixLength)
        terms.back() += u'*';
    return terms.join(u' ');
}

Result<QList<SearchHit>> search(SqliteConnection &db, const QString &userText, int limit)
{
    QList<SearchHit> hits;
    const QString match = matchExpression(userText);
    if (match.isEmpty())
        return hits;
    // ORDER BY rank lets FTS5 sort inside the virtual table; the snippet and the
    // correlated lookups then run only for the rows that LIMIT lets through.
    auto s = SqliteStatement::prepare(db, R"sql(
        SELECT s.rowid, s.incident_id, i.title,
               snippet(search_index, -1, '[', ']', '\xe2\x80\xa6', 16),
               CASE s.rowid & 7
                   WHEN 1 THEN (SELECT kind FROM timeline_entries WHERE id = s.rowid >> 3)
                   WHEN 2 THEN 'update'
                   WHEN 3 THEN 'postmortem'
                   ELSE 'incident' END,
               CASE s.rowid & 7
                   WHEN 1 THEN (SELECT at FROM timeline_entries WHERE id = s.rowid >> 3)
                   WHEN 2 THEN (SELECT at FROM status_updates WHERE id = s.rowid >> 3)
                   ELSE COALESCE(i.started_at, i.declared_at, i.created_at) END
        FROM search_index s JOIN incidents i ON i.id = s.incident_id
        WHERE search_index MATCH ?1
        ORDER BY s.rank
        LIMIT ?2
    )sql");
    if (!s)
        return s.error();
    s->bind(1, match).bind(2, limit);
    for (;;) {
        const auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return hits;
        SearchHit hit;
        const qint64 rowid = s->columnInt64(0);
        if ((rowid & 7) == EntryTag)
            hit.entryId = rowid >> 3;
        hit.incidentId = s->columnInt64(1);
        hit.incidentTitle = s->columnText(2);
        hit.snippet = s->columnText(3);
        hit.kind = s->columnText(4);
        hit.at = s->columnTime(5);
        hits.append(hit);
    }
}

namespace {

VoidResult indexFrom(SqliteConnection &db, QByteArrayView sql, qint64 firstId)
{
    auto s = SqliteStatement::prepare(db, sql);
    if (!s)
        return s.error();
    s->bind(1, firstId);
    return s->exec();
}

} // namespace

VoidResult indexEntries(SqliteConnection &db, qint64 firstId)
{
    // A redacted entry (text '') has nothing to find.
    return indexFrom(db, R"sql(
        INSERT INTO search_index (rowid, title, body, incident_id)
        SELECT id * 8 + 1, '', text, incident_id FROM timeline_entries
        WHERE id >= ?1 AND text <> ''
    )sql",
        firstId);
}

VoidResult indexStatusUpdates(SqliteConnection &db, qint64 firstId)
{
    return indexFrom(db, R"sql(
        INSERT INTO search_index (rowid, title, body, incident_id)
        SELECT id * 8 + 2, '',
               status || char(10) || impact || char(10) || actions || char(10) || needs,
               incident_id
        FROM status_updates WHERE id >= ?1
    )sql",
        firstId);
}

VoidResult purgeDeleted(SqliteConnection &db)
{
    return db.exec("INSERT INTO search_index (search_index) VALUES ('optimize')");
}

} // namespace idesk::SearchIndex
