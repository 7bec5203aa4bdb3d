// Full-text search (schema 3, FTS5): what is indexed, how a user's text is
// turned into a query, that the index follows every write, and the migration
// of a file made by schema version 1.
#include "postmortemjson.h"
#include "schema.h"
#include "searchindex.h"
#include "sqliteincidentrepository.h"
#include "storagetestsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace idesk;
using namespace idesk::StorageTest;

namespace {

NewEntry newEntry(int minute, const QString &text, EntryKind kind = EntryKind::Note)
{
    NewEntry entry;
    entry.at = at(minute);
    entry.kind = kind;
    entry.author = QStringLiteral("Tester");
    entry.text = text;
    return entry;
}

// The words the FTS5 index holds, read from its segments (fts5vocab).
// The hits' snippets without the [ ] around matches: for texts shorter than a
// snippet, the matched text itself.
QStringList texts(const QList<SearchHit> &hits)
{
    QStringList result;
    for (const SearchHit &hit : hits)
        result.append(QString(hit.snippet).remove(u'[').remove(u']'));
    return result;
}

QList<qint64> entryIds(const QList<SearchHit> &hits)
{
    QList<qint64> ids;
    for (const SearchHit &hit : hits)
        ids.append(hit.entryId);
    return ids;
}

QStringList indexedTerms(const QString &path)
{
    sqlite3 *db = nullptr;
    QStringList terms;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
        == SQLITE_OK) {
        sqlite3_exec(db,
            "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_index, 'row')", nullptr,
            nullptr, nullptr);
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT term FROM temp.terms", -1, &s, nullptr) == SQLITE_OK) {
            while (sqlite3_step(s) == SQLITE_ROW)
                terms.append(
                    QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0))));
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return terms;
}

} // namespace

class StorageSearchTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteIncidentRepository> m_repo;
    QString m_path;
    int m_counter = 0;

    qint64 insert(const Incident &incident)
    {
        const auto id = m_repo->insertIncident(incident);
        if (!id)
            qWarning().noquote() << id.errorMessage();
        return id ? *id : 0;
    }

    QList<SearchHit> find(const QString &text, int limit = 50)
    {
        const auto hits = m_repo->search(text, limit);
        if (!hits)
            qWarning().noquote() << hits.errorMessage();
        return hits ? *hits : QList<SearchHit> {};
    }

    // An incident whose timeline holds these texts as notes, oldest first
    // (after the "declared" entry), so the last text is the newest match.
    qint64 insertWithNotes(const QString &title, const QStringList &texts)
    {
        Incident incident = simpleIncident(title);
        for (int i = 0; i < texts.size(); ++i) {
            TimelineEntry entry;
            entry.at = at(10, i);
            entry.writtenAt = entry.at;
            entry.author = QStringLiteral("Tester");
            entry.text = texts.at(i);
            incident.timeline.append(entry);
        }
        return insert(incident);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("search-%1.sqlite3").arg(++m_counter));
        m_repo = openRepository(m_path);
        QVERIFY(m_repo);
    }
    void cleanup() { m_repo.reset(); }

    void matchExpression_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expression");
        const auto row = [](const char *name, const QString &text, const QString &expression) {
            QTest::newRow(name) << text << expression;
        };
        row("empty", QString(), QString());
        row("blank", QStringLiteral(" \t\n "), QString());
        row("punctuation only", QStringLiteral("- * \" : ( )"), QString());
        row("one word, typing", QStringLiteral("disk"), QStringLiteral("\"disk\"*"));
        row("word finished", QStringLiteral("disk "), QStringLiteral("\"disk\""));
        row("one letter is no prefix", QStringLiteral("disk f"), QStringLiteral("\"disk\" \"f\""));
        row("several words", QStringLiteral("  db   pool ex"),
            QStringLiteral("\"db\" \"pool\" \"ex\"*"));
        row("quotes doubled", QStringLiteral("say \"hi\""),
            QStringLiteral("\"say\" \"\"\"hi\"\"\"*"));
        row("operators are words", QStringLiteral("a OR b NOT c"),
            QStringLiteral("\"a\" \"OR\" \"b\" \"NOT\" \"c\""));
        row("column filter is text", QStringLiteral("title:disk"),
            QStringLiteral("\"title:disk\"*"));
        row("unicode", QStringLiteral("Ünïcödé 数据"), QStringLiteral("\"Ünïcödé\" \"数据\"*"));
    }

    void matchExpression()
    {
        QFETCH(QString, text);
        QFETCH(QString, expression);
        QCOMPARE(SearchIndex::matchExpression(text), expression);
    }

    void findsEverythingIndexed()
    {
        Incident incident = simpleIncident(QStringLiteral("Checkout latency spike"));
        incident.header.summary = QStringLiteral("Payments slowed by a saturated connection pool");
        StatusUpdate update;
        update.at = at(20);
        update.status = QStringLiteral("Investigating");
        update.impact = QStringLiteral("Customers see timeouts at checkout");
        update.actions = QStringLiteral("Raising the pgbouncer limit");
        incident.statusUpdates.append(update);
        incident.postmortem.rootCause = QStringLiteral("A retry storm exhausted the pool");
        incident.postmortem.lessonsLearned = {QStringLiteral("Cap retries with jitter")};
        const qint64 id = insert(incident);
        const auto entryId = m_repo->appendEntry(
            id, newEntry(12, QStringLiteral("Rolled back deploy 4711"), EntryKind::Action));
        QVERIFY(entryId.ok());

        // The imported timeline is indexed too.
        const auto declared = find(QStringLiteral("declared investigating"));
        QCOMPARE(declared.size(), 1);
        QCOMPARE(declared.at(0).kind, QStringLiteral("status"));

        const auto title = find(QStringLiteral("latency"));
        QCOMPARE(title.size(), 1);
        QCOMPARE(title.at(0).kind, QStringLiteral("incident"));
        QCOMPARE(title.at(0).incidentId, id);
        QCOMPARE(title.at(0).incidentTitle, QStringLiteral("Checkout latency spike"));
        QCOMPARE(title.at(0).entryId, 0);
        QCOMPARE(title.at(0).at, at(0)); // the incident's start
        QCOMPARE(title.at(0).snippet, QStringLiteral("Checkout [latency] spike"));

        const auto summary = find(QStringLiteral("saturated"));
        QCOMPARE(summary.size(), 1);
        QCOMPARE(summary.at(0).kind, QStringLiteral("incident"));
        QVERIFY(summary.at(0).snippet.contains(QStringLiteral("[saturated]")));

        const auto entry = find(QStringLiteral("4711"));
        QCOMPARE(entry.size(), 1);
        QCOMPARE(entry.at(0).kind, QStringLiteral("action"));
        QCOMPARE(entry.at(0).entryId, *entryId);
        QCOMPARE(entry.at(0).at, at(12));
        QCOMPARE(entry.at(0).snippet, QStringLiteral("Rolled back deploy [4711]"));

        const auto updates = find(QStringLiteral("pgbouncer"));
        QCOMPARE(updates.size(), 1);
        QCOMPARE(updates.at(0).kind, QStringLiteral("update"));
        QCOMPARE(updates.at(0).at, at(20));
        QCOMPARE(updates.at(0).entryId, 0);

        const auto postmortem = find(QStringLiteral("jitter"));
        QCOMPARE(postmortem.size(), 1);
        QCOMPARE(postmortem.at(0).kind, QStringLiteral("postmortem"));
        QCOMPARE(postmortem.at(0).incidentId, id);
        QCOMPARE(find(QStringLiteral("retry storm")).size(), 1);

        // "pool" is in the summary and in the postmortem.
        QCOMPARE(find(QStringLiteral("pool ")).size(), 2);
        // Case and diacritics do not matter; every word must occur.
        QCOMPARE(find(QStringLiteral("CHECKOUT")).size(), 2);
        QCOMPARE(find(QStringLiteral("rolled deploy")).size(), 1);
        QCOMPARE(find(QStringLiteral("rolled nothing")).size(), 0);
    }

    void prefixMatchesWhileTyping()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Database failover")));
        QVERIFY(m_repo->appendEntry(id, newEntry(1, QStringLiteral("Replica promoted"))).ok());
        QCOMPARE(find(QStringLiteral("datab")).size(), 1);
        QCOMPARE(find(QStringLiteral("replica prom")).size(), 1);
        QCOMPARE(find(QStringLiteral("prom ")).size(), 0); // a finished word is whole
        QCOMPARE(find(QStringLiteral("fail")).size(), 1);
    }

    // While a word is typed, hits holding it whole come first, best first;
    // longer words it starts fill up to the limit, best first, none twice.
    void wholeWordComesBeforeLongerWords()
    {
        insertWithNotes(QStringLiteral("Plain"),
            {QStringLiteral("errors errors errors"),
                QStringLiteral("error in the checkout service today"),
                QStringLiteral("errored settings in the config file today"),
                QStringLiteral("error and errors again"), QStringLiteral("error error"),
                QStringLiteral("nothing to see")});
        // Best first: more hits, then shorter text.
        const QStringList whole
            = {QStringLiteral("error error"), QStringLiteral("error and errors again"),
                QStringLiteral("error in the checkout service today")};
        const QStringList longer = {QStringLiteral("errors errors errors"),
            QStringLiteral("errored settings in the config file today")};

        // "errors errors errors" ranks above two whole-word hits as a prefix
        // match, and "error and errors again" is found both ways: listed once.
        QCOMPARE(texts(find(QStringLiteral("error"))), whole + longer);
        QCOMPARE(texts(find(QStringLiteral("error"), 4)), whole + longer.first(1));
        // Enough whole-word hits: nothing else.
        QCOMPARE(texts(find(QStringLiteral("error"), 3)), whole);
        QCOMPARE(texts(find(QStringLiteral("error"), 2)), whole.first(2));
        // A finished word is whole.
        QCOMPARE(texts(find(QStringLiteral("error "))), whole);
        QCOMPARE(texts(find(QStringLiteral("errors"))),
            QStringList({QStringLiteral("errors errors errors"),
                QStringLiteral("error and errors again")}));
        // No word "erro": the prefix's hits alone, each once.
        QStringList prefixed = texts(find(QStringLiteral("erro")));
        QCOMPARE(prefixed.size(), 5);
        QCOMPARE(prefixed.first(), QStringLiteral("errors errors errors"));
        prefixed.sort();
        QStringList all = whole + longer;
        all.sort();
        QCOMPARE(prefixed, all);
        // The other words of the text still all have to match.
        QCOMPARE(texts(find(QStringLiteral("today err"))),
            QStringList({QStringLiteral("error in the checkout service today"),
                QStringLiteral("errored settings in the config file today")}));
    }

    // A prefix longer than the schema's prefix indexes is searched as the
    // words it starts (see SearchIndex's prefixExpression()): found as FTS5
    // would find the prefix, ranked as the prefix would be.
    void prefixFindsTheWordsItStarts()
    {
        insertWithNotes(QStringLiteral("Plain"),
            {QStringLiteral("Überlastung nach dem FAILOVER"), QStringLiteral("host-12345 down"),
                QStringLiteral("host-123456 down"), QStringLiteral("host-99-12345 down"),
                QStringLiteral("other-12345 down"), QStringLiteral("failover failing"),
                QStringLiteral("failover failover")});
        // Case and diacritics as in the index.
        QCOMPARE(find(QStringLiteral("überl")).size(), 1);
        QCOMPARE(find(QStringLiteral("UBERLAS")).size(), 1);
        QCOMPARE(find(QStringLiteral("nach Failo")).size(), 1);
        // The last word's tokens stay a phrase: host followed by 1234...
        QCOMPARE(texts(find(QStringLiteral("host-1234"))),
            QStringList({QStringLiteral("host-123456 down"), QStringLiteral("host-12345 down")}));
        // Two different words of the prefix count as two hits of one word,
        // not as two words: both rows have two hits and two words, so the
        // newer comes first. As two words, "failover failing" would lead.
        QCOMPARE(texts(find(QStringLiteral("fail"))).first(2),
            QStringList({QStringLiteral("failover failover"), QStringLiteral("failover failing")}));
        QCOMPARE(find(QStringLiteral("fail")).size(), 3);
        QCOMPARE(find(QStringLiteral("faile")).size(), 0);
    }

    // A prefix of more words than are spelled out is left to FTS5.
    void prefixOfManyWords()
    {
        QStringList notes;
        for (int i = 0; i < 40; ++i)
            notes.append(QStringLiteral("node%1 rebooted").arg(i, 4, 10, QChar(u'0')));
        insertWithNotes(QStringLiteral("Fleet"), notes);
        const auto hits = find(QStringLiteral("node"));
        QCOMPARE(hits.size(), 40);
        QCOMPARE(texts(hits).first(), QStringLiteral("node0039 rebooted")); // ties: newest first
        QCOMPARE(find(QStringLiteral("rebooted node0")).size(), 40);
        // Ten words: spelled out.
        QCOMPARE(find(QStringLiteral("node002")).size(), 10);
        QCOMPARE(find(QStringLiteral("rebooted node001")).size(), 10);
    }

    // The best `limit` of many matches, whatever their order in the index,
    // each with its snippet: the same as the first of a longer list.
    void bestOfManyMatchesAtAnyLimit()
    {
        QStringList notes;
        for (int i = 0; i < 40; ++i) {
            QStringList words(1 + (i * 7) % 4, QStringLiteral("kafka"));
            words += QStringList((i * 5) % 6, QStringLiteral("lag"));
            notes.append(words.join(u' '));
        }
        const QString best = QStringLiteral("kafka kafka kafka kafka kafka");
        const QString worst = QStringLiteral("kafka") + QStringLiteral(" lag").repeated(12);
        notes[17] = best;
        notes[23] = worst;
        insertWithNotes(QStringLiteral("Streaming"), notes);

        const auto all = find(QStringLiteral("kafka "), 100);
        QCOMPARE(all.size(), 40);
        QCOMPARE(texts(all).first(), best);
        QCOMPARE(texts(all).last(), worst);
        for (const SearchHit &hit : all) {
            QVERIFY2(hit.snippet.startsWith(QStringLiteral("[kafka]")), qPrintable(hit.snippet));
            QCOMPARE(hit.incidentTitle, QStringLiteral("Streaming"));
            QCOMPARE(hit.kind, QStringLiteral("note"));
            QVERIFY(hit.entryId > 0);
        }
        for (const int limit : {1, 2, 5, 13, 39})
            QCOMPARE(entryIds(find(QStringLiteral("kafka "), limit)), entryIds(all).first(limit));
        // As a prefix (no word "kafk"), the same ranking.
        QCOMPARE(entryIds(find(QStringLiteral("kafk"), 100)), entryIds(all));
        QCOMPARE(entryIds(find(QStringLiteral("kafk"), 5)), entryIds(all).first(5));
    }

    // With more matches than the ranking window, the best of the newest.
    void ranksTheNewestOfManyMatches()
    {
        QStringList notes;
        notes.append(QStringLiteral("disk disk disk overheated")); // the best, but the oldest
        notes += QStringList(SearchIndex::RankWindow, QStringLiteral("disk is slow today"));
        notes.append(QStringLiteral("disk disk is slow today"));
        notes += QStringList(3, QStringLiteral("disk is slow today"));
        insertWithNotes(QStringLiteral("Storage"), notes);

        const auto hits = find(QStringLiteral("disk "), 3);
        QCOMPARE(texts(hits),
            QStringList({QStringLiteral("disk disk is slow today"),
                QStringLiteral("disk is slow today"), QStringLiteral("disk is slow today")}));
        QCOMPARE(find(QStringLiteral("disk "), SearchIndex::RankWindow + 10).size(),
            SearchIndex::RankWindow);
        // Fewer matches are ranked all.
        QCOMPARE(texts(find(QStringLiteral("disk overheated "), 1)), QStringList(notes.first()));
    }

    void hostileInputIsPlainText_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *text : {"\"", "\"\"", "*", "disk*", "-disk", "+disk", "^disk",
                 "disk:", "title:disk", "body : x", "NEAR(disk full)", "NEAR", "AND", "OR", "NOT",
                 "(", ")", "disk OR", "{title}: x", "a\"b", "'", "';DROP TABLE incidents;--", "\\",
                 "%", "_", "\t\n", "\xef\xbf\xbd", "disk AND full", "disk NOT full"})
            QTest::newRow(text) << QString::fromUtf8(text);
    }

    void hostileInputIsPlainText()
    {
        QFETCH(QString, text);
        const qint64 id = insert(simpleIncident(QStringLiteral("Disk full on db-1")));
        QVERIFY(
            m_repo->appendEntry(id, newEntry(1, QStringLiteral("disk OR full, NEAR done"))).ok());
        const auto hits = m_repo->search(text, 10);
        QVERIFY2(hits.ok(), qPrintable(hits.errorMessage()));
        QCOMPARE(m_repo->listIncidents(true)->size(), 1);
    }

    void operatorWordsAreSearchedForThemselves()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Plain")));
        QVERIFY(m_repo->appendEntry(id, newEntry(1, QStringLiteral("the NEAR cache"))).ok());
        QVERIFY(m_repo->appendEntry(id, newEntry(2, QStringLiteral("cache only"))).ok());
        QCOMPARE(find(QStringLiteral("near cache")).size(), 1);
        QCOMPARE(find(QStringLiteral("\"cache\" OR ")).size(), 0); // needs the word "or"
    }

    void ranksTitleAndDenserMatchesFirst()
    {
        const qint64 a = insert(simpleIncident(QStringLiteral("Unrelated")));
        QVERIFY(m_repo
                    ->appendEntry(a,
                        newEntry(1,
                            QStringLiteral("long text that mentions kafka once "
                                           "among many other words about things")))
                    .ok());
        const qint64 b = insert(simpleIncident(QStringLiteral("Kafka lag")));
        const auto hits = find(QStringLiteral("kafka"));
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits.at(0).incidentId, b);
        QCOMPARE(hits.at(0).kind, QStringLiteral("incident"));
    }

    void limitAndValidation()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Many")));
        for (int i = 0; i < 30; ++i)
            QVERIFY(m_repo->appendEntry(id, newEntry(i, QStringLiteral("repeat %1").arg(i))).ok());
        QCOMPARE(find(QStringLiteral("repeat"), 7).size(), 7);
        QCOMPARE(find(QStringLiteral("repeat"), 100).size(), 30);
        QCOMPARE(m_repo->search(QStringLiteral("repeat"), 0).error().kind, Error::Kind::Validation);
        QCOMPARE(find(QStringLiteral("   ")).size(), 0);
    }

    void indexFollowsEveryWrite()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Original title")));
        const auto entryId = m_repo->appendEntry(id, newEntry(1, QStringLiteral("first wording")));
        QVERIFY(entryId.ok());

        // An edit replaces the indexed text; the old one is only a revision.
        QVERIFY(m_repo
                    ->editEntry(
                        *entryId, QStringLiteral("second phrasing"), QStringLiteral("Bob"), at(2))
                    .ok());
        QCOMPARE(find(QStringLiteral("wording")).size(), 0);
        QCOMPARE(find(QStringLiteral("phrasing")).size(), 1);

        // Header changes through a change set.
        ChangeSet rename;
        rename.title = QStringLiteral("Renamed headline");
        rename.summary = QStringLiteral("fresh summary");
        rename.statusUpdate = StatusUpdate {0, at(3), QStringLiteral("Mitigated"),
            QStringLiteral("none left"), QString(), QString(), std::nullopt, Audience::External};
        Postmortem postmortem;
        postmortem.trigger = QStringLiteral("certificate expiry");
        rename.postmortem = postmortem;
        rename.entries.append(newEntry(3, QStringLiteral("Renamed by the commander")));
        QVERIFY(m_repo->apply(id, std::nullopt, rename).ok());
        QCOMPARE(find(QStringLiteral("original")).size(), 0);
        QCOMPARE(find(QStringLiteral("headline")).size(), 1);
        QCOMPARE(find(QStringLiteral("fresh summary")).size(), 1);
        QCOMPARE(find(QStringLiteral("mitigated")).size(), 1);
        QCOMPARE(find(QStringLiteral("certificate")).size(), 1);
        QCOMPARE(find(QStringLiteral("renamed")).size(), 2);

        // A rewritten postmortem replaces its indexed text.
        ChangeSet rewrite;
        postmortem.trigger = QStringLiteral("clock skew");
        rewrite.postmortem = postmortem;
        QVERIFY(m_repo->apply(id, std::nullopt, rewrite).ok());
        QCOMPARE(find(QStringLiteral("certificate")).size(), 0);
        QCOMPARE(find(QStringLiteral("skew")).size(), 1);

        // A refused change set leaves nothing searchable behind.
        ChangeSet refused;
        refused.title = QStringLiteral("Phantom");
        refused.entries.append(newEntry(4, QStringLiteral("phantom entry")));
        refused.removeActionItemId = 424242;
        QVERIFY(!m_repo->apply(id, std::nullopt, refused).ok());
        QCOMPARE(find(QStringLiteral("phantom")).size(), 0);

        // Another connection's writes are found at once.
        auto other = openRepository(m_path);
        QVERIFY(other);
        QVERIFY(other->appendEntry(id, newEntry(5, QStringLiteral("written by the cli"))).ok());
        QCOMPARE(find(QStringLiteral("cli")).size(), 1);
    }

    void redactionRemovesTheTextFromTheIndex()
    {
        const qint64 id = insert(simpleIncident(QStringLiteral("Leak")));
        const auto leaked = m_repo->appendEntry(
            id, newEntry(1, QStringLiteral("token hunter2secret pasted by mistake")));
        QVERIFY(leaked.ok());
        QVERIFY(m_repo->appendEntry(id, newEntry(2, QStringLiteral("mistake noticed"))).ok());
        QCOMPARE(find(QStringLiteral("hunter2secret")).size(), 1);
        QVERIFY(indexedTerms(m_path).contains(QStringLiteral("hunter2secret")));

        const auto redacted = m_repo->redactEntry(
            *leaked, Redaction {QStringLiteral("credential"), at(3), QStringLiteral("Alice")});
        QVERIFY2(redacted.ok(), qPrintable(redacted.errorMessage()));
        QCOMPARE(find(QStringLiteral("hunter2secret")).size(), 0);
        QCOMPARE(find(QStringLiteral("pasted")).size(), 0);
        QCOMPARE(find(QStringLiteral("mistake")).size(), 1); // the other entry stays
        // Not only hidden from results: gone from the index and from the file.
        const QStringList terms = indexedTerms(m_path);
        QVERIFY(!terms.contains(QStringLiteral("hunter2secret")));
        QVERIFY(terms.contains(QStringLiteral("noticed")));
        m_repo.reset();
        QVERIFY(!readFile(m_path).contains("hunter2secret"));
        for (const QString &sidecar : sidecarFiles(m_path))
            QVERIFY2(!readFile(sidecar).contains("hunter2secret"), qPrintable(sidecar));
    }

    void importedRedactedEntriesAreNotIndexed()
    {
        insert(richIncident()); // holds a redacted entry whose text was "SECRET-rich ..."
        QCOMPARE(find(QStringLiteral("SECRET")).size(), 0);
        QVERIFY(!indexedTerms(m_path).contains(QStringLiteral("secret")));
    }

    // tests/data/schema-v1.sqlite3 was written through the CLI of the first
    // release (schema 1, before settings and search; see tests/data/README.md).
    void migratesAFileFromSchemaVersion1()
    {
        const QString source = qEnvironmentVariable("INCIDENTDESK_SOURCE_DIR")
            + QStringLiteral("/tests/data/schema-v1.sqlite3");
        QVERIFY2(QFile::exists(source), qPrintable(source));
        const QByteArray original = readFile(source); // never opened with SQLite itself
        const QString copy = m_dir.filePath(QStringLiteral("v1-copy.sqlite3"));
        QVERIFY(QFile::copy(source, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(rawQueryInt(copy, "PRAGMA user_version"), 1);
        // That release's CLI could not write a postmortem yet; add one the way
        // its GUI would have stored it, to see it indexed by the migration.
        Postmortem postmortem;
        postmortem.rootCause = QStringLiteral("A config flag flipped by the release train");
        postmortem.wentWell = {QStringLiteral("Quick rollback")};
        QVERIFY(rawExec(copy,
            "INSERT INTO postmortems (incident_id, json) VALUES (1, '"
                + PostmortemJson::toJson(postmortem).replace('\'', "''") + "')"));

        auto repo = openRepository(copy);
        QVERIFY(repo);
        QCOMPARE(readFile(source), original);
        QCOMPARE(rawQueryInt(copy, "PRAGMA user_version"), Schema::currentVersion());
        QCOMPARE(rawQueryText(copy, "PRAGMA integrity_check"), QStringLiteral("ok"));

        // Everything written by version 1 is there ...
        const auto incidents = repo->listIncidents(true);
        QVERIFY2(incidents.ok(), qPrintable(incidents.errorMessage()));
        QCOMPARE(incidents->size(), 2);
        qint64 checkout = 0;
        for (const auto &summary : *incidents) {
            if (summary.title == QStringLiteral("Checkout errors after deploy"))
                checkout = summary.id;
        }
        QVERIFY(checkout > 0);
        const auto incident = repo->loadIncident(checkout);
        QVERIFY2(incident.ok(), qPrintable(incident.errorMessage()));
        QCOMPARE(incident->header.severity, 2); // raised as SEV-1, lowered later
        QCOMPARE(incident->header.status, Status::Monitoring);
        QVERIFY(incident->timeline.size() >= 10);
        QCOMPARE(incident->actionItems.at(0).due, std::optional<QDate>(QDate(2024, 12, 15)));
        QCOMPARE(incident->statusUpdates.size(), 1);
        QCOMPARE(incident->actionItems.size(), 2);
        QVERIFY(!incident->roles.isEmpty());

        // ... and searchable, from every kind of source.
        const auto search = [&](const QString &text) {
            const auto hits = repo->search(text, 20);
            return hits ? *hits : QList<SearchHit> {};
        };
        QCOMPARE(
            search(QStringLiteral("checkout errors")).value(0).kind, QStringLiteral("incident"));
        // A decision, a severity change and the postmortem.
        QCOMPARE(search(QStringLiteral("rollback")).size(), 3);
        const auto entry = search(QStringLiteral("2024.11.3"));
        QCOMPARE(entry.size(), 1);
        QCOMPARE(entry.at(0).kind, QStringLiteral("decision"));
        QCOMPARE(
            entry.at(0).snippet, QStringLiteral("Decided on a rollback of release [2024.11.3]"));
        QVERIFY(entry.at(0).entryId > 0);
        QCOMPARE(entry.at(0).incidentId, checkout);
        QCOMPARE(search(QStringLiteral("elevated 5xx")).value(0).kind, QStringLiteral("update"));
        QCOMPARE(search(QStringLiteral("certificate")).value(0).kind, QStringLiteral("incident"));
        QCOMPARE(
            search(QStringLiteral("release train")).value(0).kind, QStringLiteral("postmortem"));
        QCOMPARE(search(QStringLiteral("数据库")).size(), 1);
        QCOMPARE(repo->loadIncident(checkout)->postmortem, postmortem);

        // The new parts work on the migrated file.
        QVERIFY(repo->setSetting(QStringLiteral("cost.hourlyRate"), QStringLiteral("80")).ok());
        QCOMPARE(repo->allActionItems()->size(), 2);
        QVERIFY(
            repo->appendEntry(checkout, newEntry(90, QStringLiteral("after the upgrade"))).ok());
        QCOMPARE(search(QStringLiteral("upgrade")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(StorageSearchTest)
#include "tst_storage_search.moc"
