#include "schema.h"

#include "sqliteconnection.h"
#include "sqlitestatement.h"
#include "sqlitetransaction.h"

#include "severity.h"

#include <QCoreApplication>

namespace idesk::Schema {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Storage", text);
}

// Version 1: the whole domain of DESIGN.md §2.
//
// Times are INTEGER UTC milliseconds since the epoch. Enumerations are stored as
// their lower-case names (readable in the sqlite3 shell, stable across reorderings
// of the C++ enums) and checked where the set is fixed by the design.
// AUTOINCREMENT on incidents and entries: an id once shown ("INC-7", entry 42) is
// never handed out again, and entry ids grow with insertion, which the timeline's
// (at, id) keyset order relies on for entries written at the same instant.
constexpr const char *kVersion1 = R"sql(
CREATE TABLE severities (
    level           INTEGER PRIMARY KEY CHECK (level >= 1),
    criteria        TEXT    NOT NULL,
    cadence_minutes INTEGER NOT NULL CHECK (cadence_minutes > 0)
);

CREATE TABLE incidents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT    NOT NULL,
    summary         TEXT    NOT NULL DEFAULT '',
    severity        INTEGER NOT NULL CHECK (severity >= 1),
    status          TEXT    NOT NULL CHECK (status IN
                        ('investigating', 'identified', 'monitoring', 'resolved', 'closed')),
    started_at      INTEGER,
    detected_at     INTEGER,
    declared_at     INTEGER,
    acknowledged_at INTEGER,
    mitigated_at    INTEGER,
    resolved_at     INTEGER,
    closed_at       INTEGER,
    slo_target            REAL    CHECK (slo_target > 0 AND slo_target <= 1),
    slo_window_days       INTEGER CHECK (slo_window_days > 0),
    slo_affected_fraction REAL    CHECK (slo_affected_fraction BETWEEN 0 AND 1),
    revision        INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    -- The SLO context is all there or not at all.
    CHECK ((slo_target IS NULL) = (slo_window_days IS NULL)
           AND (slo_target IS NULL) = (slo_affected_fraction IS NULL))
);

CREATE TABLE role_assignments (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    role        TEXT    NOT NULL CHECK (role <> ''),
    person      TEXT    NOT NULL,
    from_at     INTEGER NOT NULL,
    to_at       INTEGER CHECK (to_at >= from_at)
);
CREATE INDEX role_assignments_by_incident ON role_assignments (incident_id, from_at, id);

CREATE TABLE timeline_entries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id      INTEGER NOT NULL REFERENCES incidents (id),
    at               INTEGER NOT NULL,
    written_at       INTEGER NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN
                        ('note', 'decision', 'action', 'observation', 'status', 'severity',
                         'role', 'milestone', 'update', 'alert', 'diagnostic')),
    author           TEXT    NOT NULL DEFAULT '',
    text             TEXT    NOT NULL,
    link             TEXT,   -- "update:12": the object the entry records
    redaction_reason TEXT,
    redacted_at      INTEGER,
    redacted_by      TEXT,
    CHECK ((redaction_reason IS NULL) = (redacted_at IS NULL))
);
-- Serves both the keyset page query and the per-incident count.
CREATE INDEX timeline_entries_by_time ON timeline_entries (incident_id, at, id);

-- The text an entry had before each edit, oldest first (seq 1, 2, ...).
CREATE TABLE entry_revisions (
    entry_id    INTEGER NOT NULL REFERENCES timeline_entries (id),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    text        TEXT    NOT NULL,
    replaced_at INTEGER NOT NULL,
    replaced_by TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (entry_id, seq)
) WITHOUT ROWID;

CREATE TABLE status_updates (
    id             INTEGER PRIMARY KEY,
    incident_id    INTEGER NOT NULL REFERENCES incidents (id),
    at             INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    impact         TEXT    NOT NULL DEFAULT '',
    actions        TEXT    NOT NULL DEFAULT '',
    needs          TEXT    NOT NULL DEFAULT '',
    next_update_at INTEGER,
    audience       TEXT    NOT NULL CHECK (audience IN ('internal', 'external'))
);
CREATE INDEX status_updates_by_incident ON status_updates (incident_id, at, id);

-- `position` numbers an incident's items 1, 2, ... in creation order: "action 3".
CREATE TABLE action_items (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    position    INTEGER NOT NULL CHECK (position >= 1),
    text        TEXT    NOT NULL,
    owner       TEXT    NOT NULL DEFAULT '',
    due         TEXT    CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    type        TEXT    NOT NULL CHECK (type IN
                    ('prevent', 'mitigate', 'detect', 'process', 'other')),
    status      TEXT    NOT NULL CHECK (status IN ('open', 'in-progress', 'done', 'wont-do')),
    link        TEXT,
    UNIQUE (incident_id, position)
);

CREATE TABLE diagnostics (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    source       TEXT    NOT NULL,
    query        TEXT    NOT NULL,
    window_start INTEGER,
    window_end   INTEGER,
    captured_at  INTEGER NOT NULL,
    result       BLOB    NOT NULL,
    chart_png    BLOB    NOT NULL
);
CREATE INDEX diagnostics_by_incident ON diagnostics (incident_id, id);

-- The postmortem is one document edited as a whole, so it is stored as one:
-- the fields of DESIGN.md §5 "postmortem" as a JSON object.
CREATE TABLE postmortems (
    incident_id INTEGER PRIMARY KEY REFERENCES incidents (id),
    json        TEXT    NOT NULL CHECK (json_valid(json))
);
)sql";

VoidResult seedSeverities(SqliteConnection &db)
{
    auto insert = SqliteStatement::prepare(
        db, "INSERT INTO severities (level, criteria, cadence_minutes) VALUES (?1, ?2, ?3)");
    if (!insert)
        return insert.error();
    for (const auto &severity : defaultSeverities()) {
        insert->bind(1, severity.level).bind(2, severity.criteria).bind(3, severity.cadenceMinutes);
        if (auto done = insert->exec(); !done)
            return done;
    }
    return {};
}

VoidResult migrateTo1(SqliteConnection &db)
{
    if (auto created = db.exec(kVersion1); !created)
        return created;
    return seedSeverities(db);
}

// Version 2: team settings, small text values by key (the hourly rate of the
// cost estimate, templates, ...).
constexpr const char *kVersion2 = R"sql(
CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY CHECK (key <> ''),
    value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

VoidResult migrateTo2(SqliteConnection &db)
{
    return db.exec(kVersion2);
}

// Version 3: the full-text index (SQLite FTS5) behind search().
//
// One FTS5 table holds a row for each searchable thing. Its rowid says what the
// row is: the thing's own id times 8 plus a tag (0 incident title and summary,
// 1 timeline entry, 2 status update, 3 postmortem), so a trigger finds "its" row
// by rowid instead of scanning. Triggers keep the index in step inside the
// writing transaction itself: a committed write is searchable, a rolled-back
// one never was. A redacted entry (text '') has no row; the repository also
// merges the index after a redaction so no segment keeps the old words.
//
// The postmortem is indexed as every string value of its JSON document.
// `prefix`: prefix indexes for the search-as-you-type last word.
constexpr const char *kVersion3 = R"sql(
CREATE VIRTUAL TABLE search_index USING fts5 (
    title,
    body,
    incident_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
-- A title match counts more than a match in a long text.
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

CREATE TRIGGER search_incident_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO search_index (rowid, title, body, incident_id)
    VALUES (NEW.id * 8, NEW.title, NEW.summary, NEW.id);
END;
CREATE TRIGGER search_incident_update AFTER UPDATE OF title, summary ON incidents
WHEN OLD.title IS NOT NEW.title OR OLD.summary IS NOT NEW.summary BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8;
    INSERT INTO search_index (rowid, title, body, incident_id)
    VALUES (NEW.id * 8, NEW.title, NEW.summary, NEW.id);
END;
CREATE TRIGGER search_incident_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8;
END;

CREATE TRIGGER search_entry_insert AFTER INSERT ON timeline_entries
WHEN NEW.text <> '' BEGIN
    INSERT INTO search_index (rowid, title, body, incident_id)
    VALUES (NEW.id * 8 + 1, '', NEW.text, NEW.incident_id);
END;
CREATE TRIGGER search_entry_update AFTER UPDATE OF text ON timeline_entries
WHEN OLD.text IS NOT NEW.text BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
    INSERT INTO search_index (rowid, title, body, incident_id)
    SELECT NEW.id * 8 + 1, '', NEW.text, NEW.incident_id WHERE NEW.text <> '';
END;
CREATE TRIGGER search_entry_delete AFTER DELETE ON timeline_entries BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
END;

CREATE TRIGGER search_update_insert AFTER INSERT ON status_updates BEGIN
    INSERT INTO search_index (rowid, title, body, incident_id)
    VALUES (NEW.id * 8 + 2, '',
            NEW.status || char(10) || NEW.impact || char(10) || NEW.actions
                || char(10) || NEW.needs,
            NEW.incident_id);
END;
CREATE TRIGGER search_update_update
AFTER UPDATE OF status, impact, actions, needs ON status_updates BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
    INSERT INTO search_index (rowid, title, body, incident_id)
    VALUES (NEW.id * 8 + 2, '',
            NEW.status || char(10) || NEW.impact || char(10) || NEW.actions
                || char(10) || NEW.needs,
            NEW.incident_id);
END;
CREATE TRIGGER search_update_delete AFTER DELETE ON status_updates BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
END;

CREATE TRIGGER search_postmortem_insert AFTER INSERT ON postmortems BEGIN
    INSERT INTO search_index (rowid, title, body, incident_id)
    VALUES (NEW.incident_id * 8 + 3, '',
            (SELECT group_concat(value, char(10)) FROM json_tree(NEW.json) WHERE type = 'text'),
            NEW.incident_id);
END;
CREATE TRIGGER search_postmortem_update AFTER UPDATE OF json ON postmortems BEGIN
    DELETE FROM search_index WHERE rowid = OLD.incident_id * 8 + 3;
    INSERT INTO search_index (rowid, title, body, incident_id)
    VALUES (NEW.incident_id * 8 + 3, '',
            (SELECT group_concat(value, char(10)) FROM json_tree(NEW.json) WHERE type = 'text'),
            NEW.incident_id);
END;
CREATE TRIGGER search_postmortem_delete AFTER DELETE ON postmortems BEGIN
    DELETE FROM search_index WHERE rowid = OLD.incident_id * 8 + 3;
END;

-- Files from schema 2 already hold data: index all of it.
INSERT INTO search_index (rowid, title, body, incident_id)
    SELECT id * 8, title, summary, id FROM incidents;
INSERT INTO search_index (rowid, title, body, incident_id)
    SELECT id * 8 + 1, '', text, incident_id FROM timeline_entries WHERE text <> '';
INSERT INTO search_index (rowid, title, body, incident_id)
    SELECT id * 8 + 2, '',
           status || char(10) || impact || char(10) || actions || char(10) || needs, incident_id
    FROM status_updates;
INSERT INTO search_index (rowid, title, body, incident_id)
    SELECT p.incident_id * 8 + 3, '',
           (SELECT group_concat(value, char(10)) FROM json_tree(p.json) WHERE type = 'text'),
           p.incident_id
    FROM postmortems p;
)sql";

VoidResult migrateTo3(SqliteConnection &db)
{
    return db.exec(kVersion3);
}

// Version 4: timeline entries and status updates are indexed by the writer,
// not by a trigger. A trigger makes every INSERT a multi-statement write that
// opens a statement savepoint, and at each savepoint FTS5 flushes its pending
// terms into a new index segment: importing 100,000 entries wrote 100,000
// one-row segments and merged them over and over (about 5x slower than the
// same import indexed afterwards in one statement). SearchIndex::indexEntries
// and indexStatusUpdates now run in the same transaction as the inserts.
// Edits, redactions, header and postmortem changes keep their triggers.
constexpr const char *kVersion4 = R"sql(
DROP TRIGGER search_entry_insert;
DROP TRIGGER search_update_insert;
)sql";

VoidResult migrateTo4(SqliteConnection &db)
{
    return db.exec(kVersion4);
}

struct Migration
{
    int version;
    VoidResult (*run)(SqliteConnection &db);
};

// Append only. A shipped migration is never edited: files made by it exist.
constexpr Migration kMigrations[] = {
    {1, migrateTo1},
    {2, migrateTo2},
    {3, migrateTo3},
    {4, migrateTo4},
};

VoidResult runMigration(SqliteConnection &db, const Migration &migration)
{
    auto transaction = SqliteTransaction::begin(db);
    if (!transaction)
        return transaction.error();
    // Another process may have migrated while we waited for the write lock.
    const auto version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    if (*version >= migration.version)
        return transaction->commit();

    if (auto ran = migration.run(db); !ran)
        return Error::storage(tr("Could not upgrade the database to schema %1: %2")
                                  .arg(migration.version)
                                  .arg(ran.errorMessage()));
    // Both pragmas write the database header inside this transaction, so a crash
    // leaves either the old schema and version or the new ones, never a mix.
    const QByteArray stamp = "PRAGMA application_id = " + QByteArray::number(kApplicationId)
        + ";\nPRAGMA user_version = " + QByteArray::number(migration.version) + ";";
    if (auto stamped = db.exec(stamp); !stamped)
        return stamped;
    return transaction->commit();
}

} // namespace

int currentVersion()
{
    return std::end(kMigrations)[-1].version;
}

VoidResult migrate(SqliteConnection &db)
{
    // The common case, an up-to-date file, costs one read and no write lock.
    const auto version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    if (*version > currentVersion())
        return Error::storage(tr("The database was written by a newer IncidentDesk (schema %1, "
                                 "this build knows %2).")
                                  .arg(*version)
                                  .arg(currentVersion()));
    if (*version == currentVersion())
        return {};
    for (const auto &migration : kMigrations) {
        if (auto ran = runMigration(db, migration); !ran)
            return ran;
    }
    return {};
}

} // namespace idesk::Schema
