#include "searchindex.h"

#include "sqliteconnection.h"
#include "sqlitestatement.h"
#include "sqlitetransaction.h"

#include <QSet>
#include <QStringList>

#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <queue>

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

// The ranking of search(): BM25's term-frequency part (k1 = 1.2, b = 0.75)
// with column weights (title 4, body 1), but without its inverse document
// frequency. FTS5's bm25() computes that IDF by walking every phrase's whole
// posting list, on each query: over half a second for a word in every fourth
// of a million entries, however few rows are finally ranked. Every row found
// contains every word (the words are ANDed), so IDF mostly reorders rows that
// hold the same words anyway. Lower is better; rankedHits() sorts by score,
// then newer rows (higher rowid) first.
//
// idesk_best(search_index, N, G) returns that score when the row is among the
// N best rows scored so far in this query, and NULL when it is not; phrases
// from G on count as one (see prefixExpression()). A row among the N best of
// all rows is among the N best of those scored before it, so rankedHits()
// reads a row's text for its snippet only when the score is not NULL: about
// 140 snippets for the best 50 of 2,000 rows in bench_search, instead of 2,000
// (7 ms). Rows come newest first, so a later row with an equal score is older
// and worse: it takes no place. The query calls idesk_best several times per
// row (for the score and for each condition); it scores a row once and
// answers the other calls from that.
struct RankState
{
    double columnLength[2] = {1, 1}; // averages over the whole table
    std::priority_queue<double> best; // the N lowest scores so far; top() is the worst of them
    bool scoredOne = false;
    qint64 lastRowid = 0;
    std::optional<double> lastResult; // for lastRowid: its score, if among the best
};

// The current row's score, or nullopt with the error in `rc`. Phrases from
// `group` on are alternatives for one word (see prefixExpression()) and count
// as one phrase, as they would as a prefix.
std::optional<double> score(
    const Fts5ExtensionApi *api, Fts5Context *fts, const RankState &state, int group, int *rc)
{
    constexpr double k1 = 1.2;
    constexpr double b = 0.75;
    constexpr double weights[2] = {4.0, 1.0}; // title, body
    constexpr int kColumns = 2;

    // Hits per phrase (word) and column.
    int hits[kMaxWords][kColumns] = {};
    const int phrases = std::min({api->xPhraseCount(fts), group + 1, int(kMaxWords)});
    int instances = 0;
    if (*rc = api->xInstCount(fts, &instances); *rc != SQLITE_OK)
        return std::nullopt;
    for (int i = 0; i < instances; ++i) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK)
            continue;
        phrase = std::min(phrase, group);
        if (phrase >= 0 && phrase < phrases && column >= 0 && column < kColumns)
            ++hits[phrase][column];
    }
    double sum = 0;
    for (int c = 0; c < kColumns; ++c) {
        int length = 0;
        if (api->xColumnSize(fts, c, &length) != SQLITE_OK)
            continue;
        const double norm = k1 * (1 - b + b * double(length) / state.columnLength[c]);
        for (int p = 0; p < phrases; ++p) {
            const double tf = hits[p][c];
            sum += weights[c] * tf * (k1 + 1) / (tf + norm);
        }
    }
    return -sum;
}

void bestRow(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc,
    sqlite3_value **argv)
{
    const int limit = argc == 2 ? sqlite3_value_int(argv[0]) : 0;
    const int group = argc == 2 ? sqlite3_value_int(argv[1]) : -1;
    if (limit <= 0 || group < 0) {
        sqlite3_result_error(context, "idesk_best: needs a positive limit and a phrase", -1);
        return;
    }
    // Average column lengths are stored totals: read once per query. The
    // state lives as long as the cursor: FTS5 drops it when the statement is
    // run again.
    auto *state = static_cast<RankState *>(api->xGetAuxdata(fts, 0));
    if (!state) {
        state = new RankState;
        sqlite3_int64 rows = 0;
        if (api->xRowCount(fts, &rows) == SQLITE_OK && rows > 0) {
            for (int c = 0; c < int(std::size(state->columnLength)); ++c) {
                sqlite3_int64 total = 0;
                if (api->xColumnTotalSize(fts, c, &total) == SQLITE_OK)
                    state->columnLength[c] = std::max(1.0, double(total) / double(rows));
            }
        }
        if (api->xSetAuxdata(fts, state, [](void *p) { delete static_cast<RankState *>(p); })
            != SQLITE_OK) {
            sqlite3_result_error_code(context, SQLITE_NOMEM);
            return;
        }
    }
    const qint64 rowid = api->xRowid(fts);
    if (!state->scoredOne || state->lastRowid != rowid) {
        int rc = SQLITE_OK;
        const std::optional<double> rowScore = score(api, fts, *state, group, &rc);
        if (!rowScore) {
            sqlite3_result_error_code(context, rc);
            return;
        }
        state->scoredOne = true;
        state->lastRowid = rowid;
        state->lastResult.reset();
        if (qsizetype(state->best.size()) < limit || *rowScore < state->best.top()) {
            if (qsizetype(state->best.size()) >= limit)
                state->best.pop();
            state->best.push(*rowScore);
            state->lastResult = rowScore;
        }
    }
    if (state->lastResult)
        sqlite3_result_double(context, *state->lastResult);
    else
        sqlite3_result_null(context);
}

} // namespace

namespace {

Result<fts5_api *> fts5Api(SqliteConnection &db)
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
    return api;
}

} // namespace

VoidResult registerRanking(SqliteConnection &db)
{
    const auto api = fts5Api(db);
    if (!api)
        return api.error();
    if ((*api)->xCreateFunction(*api, "idesk_best", nullptr, bestRow, nullptr) != SQLITE_OK)
        return db.error();
    // The index's words, for prefixExpression(); in this connection only.
    return db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words "
                   "USING fts5vocab(main, search_index, 'row')");
}

namespace {

// What a user typed: words, not query syntax.
struct UserQuery
{
    QStringList words;
    bool lastIsPrefix = false; // the last word is still being typed
};

UserQuery parse(const QString &userText)
{
    UserQuery query;
    for (const QString &word : userText.simplified().split(u' ', Qt::SkipEmptyParts)) {
        if (hasTokenCharacter(word) && query.words.size() < kMaxWords)
            query.words.append(word);
    }
    const bool typing = !userText.isEmpty() && !userText.back().isSpace();
    query.lastIsPrefix = typing && !query.words.isEmpty() && query.words.size() < kMaxWords
        && query.words.back().size() >= kMinPrefixLength;
    return query;
}

// Each word double-quoted, so `"`, `*`, `-`, `:`, `^`, `NEAR`, `OR` and
// parentheses are plain text; the last with `*` when `lastAsPrefix`.
QString expression(const UserQuery &query, bool lastAsPrefix)
{
    QStringList terms;
    for (const QString &word : query.words)
        terms.append(quoted(word));
    if (lastAsPrefix && query.lastIsPrefix)
        terms.back() += u'*';
    return terms.join(u' ');
}

// The tokens search_index's tokenizer makes of `text` (lower case, without
// diacritics; see schema version 3): the words as the index holds them.
Result<QStringList> indexTokens(SqliteConnection &db, const QString &text)
{
    const auto api = fts5Api(db);
    if (!api)
        return api.error();
    void *context = nullptr;
    fts5_tokenizer tokenizer {};
    if ((*api)->xFindTokenizer(*api, "unicode61", &context, &tokenizer) != SQLITE_OK)
        return Error::storage(QStringLiteral("SQLite: FTS5 has no unicode61 tokenizer."));
    const char *arguments[] = {"remove_diacritics", "2"};
    Fts5Tokenizer *instance = nullptr;
    if (tokenizer.xCreate(context, arguments, 2, &instance) != SQLITE_OK)
        return Error::storage(QStringLiteral("SQLite: could not make an FTS5 tokenizer."));
    QStringList tokens;
    const QByteArray utf8 = text.toUtf8();
    const int rc = tokenizer.xTokenize(instance, &tokens, FTS5_TOKENIZE_QUERY, utf8.constData(),
        int(utf8.size()), [](void *list, int, const char *token, int size, int, int) {
            static_cast<QStringList *>(list)->append(QString::fromUtf8(token, size));
            return SQLITE_OK;
        });
    tokenizer.xDelete(instance);
    if (rc != SQLITE_OK)
        return Error::storage(QStringLiteral("SQLite: could not tokenize the search text."));
    return tokens;
}

// The most words a prefix is spelled out as (see prefixExpression()).
constexpr int kMaxCompletions = 16;

// The match expression for `query` with its last word as a prefix. FTS5
// (SQLite 3.40) answers a prefix longer than its prefix indexes (two and three
// letters) by merging the posting lists of all the words it starts (for
// "fail": failover, failing, failed) into one, in full, before it returns a
// row: whatever the LIMIT, 10 ms for a prefix in one of seven entries of a
// million, twice that under load. The same words ORed stream newest first
// like any word, and listing them from the vocabulary (fts5vocab, which
// counts their postings) costs a quarter to a third of that merge. So a
// prefix of up to kMaxCompletions words is spelled out, "kafka" AND
// ("failover" OR "failing" OR "failed"); a prefix of more words (such as
// "err4" for thousands of error codes) is left to FTS5. Ranking counts the
// alternatives as one phrase, the last word, as it counts the prefix.
Result<QString> prefixExpression(SqliteConnection &db, const UserQuery &query)
{
    const QString asPrefix = expression(query, true);
    const auto tokens = indexTokens(db, query.words.back());
    if (!tokens)
        return tokens.error();
    // A prefix of two or three letters has its own index in the schema.
    if (tokens->isEmpty() || tokens->back().size() <= 3)
        return asPrefix;
    const QString prefix = tokens->back();
    auto s = SqliteStatement::prepare(db, R"sql(
        SELECT term FROM temp.search_words WHERE term >= ?1 AND term <= ?1 || char(1114111)
        LIMIT ?2
    )sql");
    if (!s)
        return s.error();
    s->bind(1, prefix).bind(2, kMaxCompletions + 1);
    QStringList completions;
    for (;;) {
        const auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const QString term = s->columnText(0);
        if (term.startsWith(prefix))
            completions.append(term);
    }
    if (completions.isEmpty() || completions.size() > kMaxCompletions)
        return asPrefix;
    // Every phrase but the last as typed; the last word's other tokens (as in
    // "host-1234", tokens host and 1234) lead each alternative.
    QStringList alternatives;
    const QStringList leading = tokens->first(tokens->size() - 1);
    for (const QString &completion : std::as_const(completions))
        alternatives.append(quoted((leading + QStringList {completion}).join(u' ')));
    QStringList terms;
    for (qsizetype i = 0; i + 1 < query.words.size(); ++i)
        terms.append(quoted(query.words.at(i)));
    terms.append(u'(' + alternatives.join(QStringLiteral(" OR ")) + u')');
    // FTS5 ANDs phrases side by side, but a phrase and a group need the word.
    return terms.join(QStringLiteral(" AND "));
}

} // namespace

QString matchExpression(const QString &userText)
{
    const UserQuery query = parse(userText);
    return expression(query, query.lastIsPrefix);
}

namespace {

struct RankedHit
{
    qint64 rowid = 0;
    SearchHit hit;
};

// The best `limit` rows matching the FTS5 expression `match`, best first;
// phrases from `lastPhrase` on are the last word (see idesk_best). Ranking
// scores every row it sees: fine for a few thousand, not for a word in every
// tenth of a million entries. So only the newest RankWindow matches (the
// highest rowids: the latest entries) are ranked. One FTS5 cursor does it
// all, walking the matches newest first (FTS5 streams posting lists in rowid
// order and stops at the LIMIT). Two cursors over the same expression (one to
// find the window's lowest rowid, one to rank above it) walk twice, and for a
// prefix FTS5 merges twice (see prefixExpression()).
Result<QList<RankedHit>> rankedHits(
    SqliteConnection &db, const QString &match, int lastPhrase, int limit)
{
    // The window is a subquery, so only the best ?2 rows reach the join and
    // the correlated lookups. A row whose idesk_best() is NULL cannot be among
    // them: its text is not read, for the snippet or for incident_id (an
    // UNINDEXED column, stored with the text: over a thousand rows spread
    // through the file, reading it would cost milliseconds).
    auto s = SqliteStatement::prepare(db, R"sql(
        SELECT w.id, w.incident_id, i.title, w.snippet,
               CASE w.id & 7
                   WHEN 1 THEN (SELECT kind FROM timeline_entries WHERE id = w.id >> 3)
                   WHEN 2 THEN 'update'
                   WHEN 3 THEN 'postmortem'
                   ELSE 'incident' END,
               CASE w.id & 7
                   WHEN 1 THEN (SELECT at FROM timeline_entries WHERE id = w.id >> 3)
                   WHEN 2 THEN (SELECT at FROM status_updates WHERE id = w.id >> 3)
                   ELSE COALESCE(i.started_at, i.declared_at, i.created_at) END
        FROM (SELECT s.rowid AS id, idesk_best(search_index, ?2, ?4) AS score,
                     CASE WHEN idesk_best(search_index, ?2, ?4) IS NOT NULL
                         THEN s.incident_id END AS incident_id,
                     CASE WHEN idesk_best(search_index, ?2, ?4) IS NOT NULL
                         THEN snippet(search_index, -1, '[', ']', '\xe2\x80\xa6', 16) END
                         AS snippet
              FROM search_index s WHERE search_index MATCH ?1
              ORDER BY s.rowid DESC LIMIT ?3) w
        JOIN incidents i ON i.id = w.incident_id
        WHERE w.score IS NOT NULL
        ORDER BY w.score, w.id DESC
        LIMIT ?2
    )sql");
    if (!s)
        return s.error();
    s->bind(1, match).bind(2, limit).bind(3, RankWindow).bind(4, lastPhrase);
    QList<RankedHit> hits;
    for (;;) {
        const auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return hits;
        RankedHit ranked;
        ranked.rowid = s->columnInt64(0);
        SearchHit &hit = ranked.hit;
        if ((ranked.rowid & 7) == EntryTag)
            hit.entryId = ranked.rowid >> 3;
        hit.incidentId = s->columnInt64(1);
        hit.incidentTitle = s->columnText(2);
        hit.snippet = s->columnText(3);
        hit.kind = s->columnText(4);
        hit.at = s->columnTime(5);
        hits.append(ranked);
    }
}

} // namespace

Result<QList<SearchHit>> search(SqliteConnection &db, const QString &userText, int limit)
{
    QList<SearchHit> hits;
    const UserQuery query = parse(userText);
    if (query.words.isEmpty())
        return hits;
    // The last word as typed first: a word streams newest first and stops at
    // the window, while even spelled out as its words (error, errors: see
    // prefixExpression()) a prefix costs a walk over all their postings,
    // 10 ms for words in a third of a million entries. When the word itself
    // has `limit` hits they are the answer; when not, the prefix's best follow
    // them, so typing "fail" still finds "failover", and a whole word is
    // never pushed out by longer ones. Both queries read one snapshot, so a
    // write in between neither duplicates nor loses a hit.
    std::optional<SqliteTransaction> snapshot;
    if (query.lastIsPrefix) {
        auto begun = SqliteTransaction::begin(db, SqliteTransaction::Mode::Read);
        if (!begun)
            return begun.error();
        snapshot.emplace(std::move(*begun));
    }
    const int lastPhrase = int(query.words.size()) - 1;
    auto exact = rankedHits(db, expression(query, false), lastPhrase, limit);
    if (!exact)
        return exact.error();
    QSet<qint64> found;
    for (const RankedHit &ranked : *exact) {
        hits.append(ranked.hit);
        found.insert(ranked.rowid);
    }
    if (query.lastIsPrefix && hits.size() < limit) {
        const auto match = prefixExpression(db, query);
        if (!match)
            return match.error();
        auto prefixed = rankedHits(db, *match, lastPhrase, limit);
        if (!prefixed)
            return prefixed.error();
        for (const RankedHit &ranked : *prefixed) {
            if (hits.size() >= limit)
                break;
            if (!found.contains(ranked.rowid))
                hits.append(ranked.hit);
        }
    }
    if (snapshot) {
        if (auto ended = snapshot->commit(); !ended)
            return ended.error();
    }
    return hits;
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
