#include "searchindex.h"

#include "sqliteconnection.h"
#include "sqlitestatement.h"

#include <QStringList>

#include <sqlite3.h>

#include <algorithm>

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

// How many of the newest matches a broad query ranks (see search()).
constexpr int kRankWindow = 2000;

// The search_index rowid tags (see schema version 3).
enum Tag : qint64 { IncidentTag = 0, EntryTag = 1, UpdateTag = 2, PostmortemTag = 3 };

// The ranking of search(): BM25's term-frequency part (k1 = 1.2, b = 0.75)
// with column weights (title 4, body 1), but without its inverse document
// frequency. FTS5's bm25() computes that IDF by walking every phrase's whole
// posting list, on each query: over half a second for a word in every fourth
// of a million entries, however few rows are finally ranked. Every row found
// contains every word (the words are ANDed), so IDF mostly reorders rows that
// hold the same words anyway. Lower is better, as FTS5 sorts rank ascending;
// the row id breaks ties in favour of the newer row.
struct RankAverages
{
    double columnLength[2] = {1, 1};
};

void rankRow(
    const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int, sqlite3_value **)
{
    constexpr double k1 = 1.2;
    constexpr double b = 0.75;
    constexpr double weights[2] = {4.0, 1.0}; // title, body
    constexpr int kColumns = 2;

    // Average column lengths are stored totals: read once per query.
    auto *averages = static_cast<RankAverages *>(api->xGetAuxdata(fts, 0));
    if (!averages) {
        averages = new RankAverages;
        sqlite3_int64 rows = 0;
        if (api->xRowCount(fts, &rows) == SQLITE_OK && rows > 0) {
            for (int c = 0; c < kColumns; ++c) {
                sqlite3_int64 total = 0;
                if (api->xColumnTotalSize(fts, c, &total) == SQLITE_OK)
                    averages->columnLength[c] = std::max(1.0, double(total) / double(rows));
            }
        }
        if (api->xSetAuxdata(fts, averages, [](void *p) { delete static_cast<RankAverages *>(p); })
            != SQLITE_OK) {
            sqlite3_result_error_code(context, SQLITE_NOMEM);
            return;
        }
    }

    // Hits per phrase and column.
    constexpr int kMaxPhrases = 32;
    int hits[kMaxPhrases][kColumns] = {};
    const int phrases = std::min(api->xPhraseCount(fts), kMaxPhrases);
    int instances = 0;
    if (int rc = api->xInstCount(fts, &instances); rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    for (int i = 0; i < instances; ++i) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK && phrase < phrases
            && column >= 0 && column < kColumns)
            ++hits[phrase][column];
    }
    double score = 0;
    for (int c = 0; c < kColumns; ++c) {
        int length = 0;
        if (api->xColumnSize(fts, c, &length) != SQLITE_OK)
            continue;
        const double norm = k1 * (1 - b + b * double(length) / averages->columnLength[c]);
        for (int p = 0; p < phrases; ++p) {
            const double tf = hits[p][c];
            score += weights[c] * tf * (k1 + 1) / (tf + norm);
        }
    }
    score += double(api->xRowid(fts)) * 1e-18;
    sqlite3_result_double(context, -score);
}

} // namespace

VoidResult registerRanking(SqliteConnection &db)
{
    // The documented way to reach the FTS5 API: a pointer passed out through
    // SELECT fts5(?1).
    fts5_api *api = nullptr;
    auto s = SqliteStatement::prepare(db, "SELECT fts5(?1)");
    if (!s)
        return s.error();
    if (sqlite3_bind_pointer(s->handle(), 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr)
        != SQLITE_OK)
        return db.error();
    if (auto ran = s->step(); !ran)
        return ran.error();
    if (!api || api->iVersion < 2)
        return Error::storage(QStringLiteral("SQLite: this SQLite has no usable FTS5."));
    if (api->xCreateFunction(api, "idesk_rank", nullptr, rankRow, nullptr) != SQLITE_OK)
        return db.error();
    return {};
}

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
    // Ranking scores every match: fine for a few thousand, not for a word in
    // every tenth of a million entries. So when there are more than
    // kRankWindow matches, only the newest kRankWindow of them (the highest
    // rowids: the latest entries) are ranked.
    // Walking the matches newest first is cheap (FTS5 streams the posting
    // lists in rowid order), and the ranked query then seeks to that rowid.
    auto window = SqliteStatement::prepare(db, R"sql(
        SELECT rowid FROM search_index WHERE search_index MATCH ?1
        ORDER BY rowid DESC LIMIT 1 OFFSET ?2
    )sql");
    if (!window)
        return window.error();
    window->bind(1, match).bind(2, kRankWindow - 1);
    const auto windowed = window->step();
    if (!windowed)
        return windowed.error();
    const qint64 lowestRowid = *windowed ? window->columnInt64(0) : 0;
    window->reset();

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
        WHERE search_index MATCH ?1 AND s.rowid >= ?3 AND s.rank MATCH 'idesk_rank()'
        ORDER BY s.rank
        LIMIT ?2
    )sql");
    if (!s)
        return s.error();
    s->bind(1, match).bind(2, limit).bind(3, lowestRowid);
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
