#include "sqliteincidentrepository.h"

#include "changesetwriter.h"
#include "databasebackup.h"
#include "databasefile.h"
#include "incidentreader.h"
#include "incidentwriter.h"
#include "schema.h"
#include "searchindex.h"
#include "sqlitetransaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <sqlite3.h>

namespace idesk {

namespace {

constexpr int kBusyTimeoutMs = 5000;

QString tr(const char *text)
{
    return QCoreApplication::translate("Storage", text);
}

QDateTime now()
{
    return QDateTime::currentDateTimeUtc();
}

// Says what was being done when SQLite failed; other kinds already say it.
Error inContext(Error error, const QString &what)
{
    if (error.kind == Error::Kind::Storage) {
        QString cause = error.message;
        if (cause.endsWith(u'.')) // one full stop, at the end of the whole sentence
            cause.chop(1);
        error.message = QStringLiteral("%1 (%2).").arg(what, cause);
    }
    return error;
}

Error entryNotFound(qint64 entryId)
{
    return Error::notFound(tr("Timeline entry %1 does not exist.").arg(entryId));
}

VoidResult configure(SqliteConnection &db, bool isFile)
{
    // Set the busy timeout first: switching to WAL already needs a lock.
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    if (isFile) {
        // WAL lets a CLI command write while the GUI reads. On a file system
        // without shared memory SQLite keeps its rollback journal instead, which
        // is slower with two writers but just as safe, so that is accepted.
        const auto mode = db.queryText("PRAGMA journal_mode = WAL");
        if (!mode)
            return mode.error();
    }
    // FULL: a commit survives a power cut, as "every edit is durable" promises.
    // secure_delete: a redacted text's old bytes are overwritten, not left in free space.
    return db.exec("PRAGMA synchronous = FULL;\n"
                   "PRAGMA foreign_keys = ON;\n"
                   "PRAGMA secure_delete = ON;");
}

// Settings, then pending migrations. Switching a file to WAL needs an exclusive
// lock and SQLite reports SQLITE_BUSY at once, without waiting for the busy
// timeout, when that would deadlock with another connection doing the same (two
// processes creating the file together). Those attempts are retried until the
// busy timeout has passed.
VoidResult prepare(SqliteConnection &db, bool isFile)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        VoidResult prepared = configure(db, isFile);
        if (prepared)
            prepared = Schema::migrate(db);
        if (prepared || !db.lastErrorWasBusy() || waited.elapsed() > kBusyTimeoutMs)
            return prepared;
        sqlite3_sleep(20);
    }
}

} // namespace

SqliteIncidentRepository::SqliteIncidentRepository(QString path, SqliteConnection db)
    : m_path(std::move(path)), m_db(std::move(db))
{
}

SqliteIncidentRepository::~SqliteIncidentRepository() = default;

Result<std::unique_ptr<SqliteIncidentRepository>> SqliteIncidentRepository::open(
    const QString &path, OpenMode mode)
{
    const bool inMemory = path == u":memory:";
    bool isNew = true;
    if (!inMemory) {
        const QFileInfo info(path);
        if (!info.exists()) {
            if (mode == OpenMode::MustExist)
                return Error::notFound(tr("%1 does not exist.").arg(path));
            if (!QDir().mkpath(info.absolutePath()))
                return Error::io(tr("Could not create the folder %1.").arg(info.absolutePath()));
        } else {
            // Nothing below may run on a file before it is known to be ours.
            const auto inspection = DatabaseFile::inspect(path);
            if (!inspection)
                return inspection.error();
            isNew = inspection->isNew;
        }
    }

    const int flags = SQLITE_OPEN_READWRITE | (isNew ? SQLITE_OPEN_CREATE : 0);
    auto db = SqliteConnection::open(path, flags);
    if (!db)
        return db.error();
    if (sqlite3_db_readonly(db->handle(), "main") == 1)
        return Error::io(tr("%1 is read-only; IncidentDesk needs to write to it.").arg(path));
    if (auto prepared = prepare(*db, !inMemory); !prepared)
        return inContext(prepared.error(), tr("Could not open %1").arg(path));
    if (auto ranking = SearchIndex::registerRanking(*db); !ranking)
        return inContext(ranking.error(), tr("Could not open %1").arg(path));
    return std::unique_ptr<SqliteIncidentRepository>(
        new SqliteIncidentRepository(path, std::move(db).value()));
}

Result<QList<SeverityDefinition>> SqliteIncidentRepository::severities() const
{
    auto severities = IncidentReader::severities(m_db);
    if (!severities)
        return inContext(severities.error(), tr("Could not read the severity levels"));
    return severities;
}

Result<qint64> SqliteIncidentRepository::insertIncident(const Incident &incident)
{
    const QString what = tr("Could not save the new incident \"%1\"").arg(incident.header.title);
    auto transaction = SqliteTransaction::begin(m_db);
    if (!transaction)
        return inContext(transaction.error(), what);
    const auto id = IncidentWriter::insertHeader(m_db, incident.header, now());
    if (!id)
        return inContext(id.error(), what);
    if (auto inserted = ChangeSetWriter::insertCollections(m_db, *id, incident); !inserted)
        return inContext(inserted.error(), what);
    if (auto committed = transaction->commit(); !committed)
        return inContext(committed.error(), what);
    return *id;
}

VoidResult SqliteIncidentRepository::apply(
    qint64 incidentId, std::optional<qint64> expectedRevision, const ChangeSet &changes)
{
    const QString what = tr("Could not change %1").arg(formatIncidentId(incidentId));
    // IMMEDIATE: the revision check and the writes happen under one write lock,
    // so no other writer can slip in between them.
    auto transaction = SqliteTransaction::begin(m_db);
    if (!transaction)
        return inContext(transaction.error(), what);
    const auto current = IncidentReader::header(m_db, incidentId);
    if (!current)
        return inContext(current.error(), what);
    if (!*current)
        return Error::notFound(tr("%1 does not exist.").arg(formatIncidentId(incidentId)));
    IncidentHeader header = **current;
    if (expectedRevision && *expectedRevision != header.revision)
        return Error::conflict(
            tr("%1 was changed by someone else meanwhile (revision %2, now "
               "%3); reload it and try again.")
                .arg(formatIncidentId(incidentId), QString::number(*expectedRevision),
                    QString::number(header.revision)));

    const QDateTime writtenAt = now();
    ChangeSetWriter::applyHeaderChanges(header, changes);
    if (auto applied = ChangeSetWriter::applyCollections(m_db, incidentId, changes, writtenAt);
        !applied)
        return inContext(applied.error(), what);
    ++header.revision;
    if (auto updated = IncidentWriter::updateHeader(m_db, header, writtenAt); !updated)
        return inContext(updated.error(), what);
    if (auto committed = transaction->commit(); !committed)
        return inContext(committed.error(), what);
    return {};
}

Result<qint64> SqliteIncidentRepository::appendEntry(qint64 incidentId, const NewEntry &entry)
{
    const QString what
        = tr("Could not add to the timeline of %1").arg(formatIncidentId(incidentId));
    if (entry.linkToNew != NewEntry::LinkToNew::None)
        return Error::validation(
            tr("A single timeline entry cannot link to a new object; use a change set."));
    auto transaction = SqliteTransaction::begin(m_db);
    if (!transaction)
        return inContext(transaction.error(), what);
    if (auto exists = IncidentReader::requireIncident(m_db, incidentId); !exists)
        return inContext(exists.error(), what);
    const QDateTime writtenAt = now();
    const auto id = IncidentWriter::insertEntry(
        m_db, incidentId, ChangeSetWriter::toTimelineEntry(entry, entry.link, writtenAt));
    if (!id)
        return inContext(id.error(), what);
    if (auto indexed = SearchIndex::indexEntries(m_db, *id); !indexed)
        return inContext(indexed.error(), what);
    // Appends leave the revision alone: they never invalidate a decision.
    if (auto touched = IncidentWriter::touch(m_db, incidentId, writtenAt); !touched)
        return inContext(touched.error(), what);
    if (auto committed = transaction->commit(); !committed)
        return inContext(committed.error(), what);
    return *id;
}

VoidResult SqliteIncidentRepository::editEntry(
    qint64 entryId, const QString &newText, const QString &author, const QDateTime &at)
{
    const QString what = tr("Could not edit timeline entry %1").arg(entryId);
    auto transaction = SqliteTransaction::begin(m_db);
    if (!transaction)
        return inContext(transaction.error(), what);
    const auto existing = IncidentReader::entry(m_db, entryId);
    if (!existing)
        return inContext(existing.error(), what);
    if (!*existing)
        return entryNotFound(entryId);
    // Editing would bring text back into a redacted entry.
    if ((*existing)->isRedacted())
        return Error::validation(tr("A redacted entry cannot be edited."));
    if (auto edited = IncidentWriter::editEntry(m_db, entryId, newText, author, at); !edited)
        return inContext(edited.error(), what);
    if (auto touched = IncidentWriter::touch(m_db, (*existing)->incidentId, now()); !touched)
        return inContext(touched.error(), what);
    if (auto committed = transaction->commit(); !committed)
        return inContext(committed.error(), what);
    return {};
}

VoidResult SqliteIncidentRepository::redactEntry(qint64 entryId, const Redaction &redaction)
{
    const QString what = tr("Could not redact timeline entry %1").arg(entryId);
    auto transaction = SqliteTransaction::begin(m_db);
    if (!transaction)
        return inContext(transaction.error(), what);
    const auto existing = IncidentReader::entry(m_db, entryId);
    if (!existing)
        return inContext(existing.error(), what);
    if (!*existing)
        return entryNotFound(entryId);
    // A second redaction would overwrite the first one's reason and author.
    if ((*existing)->isRedacted())
        return Error::validation(tr("The entry is already redacted."));
    if (auto redacted = IncidentWriter::redactEntry(m_db, entryId, redaction); !redacted)
        return inContext(redacted.error(), what);
    // The index row went with the text (a trigger), but FTS5 only marks it
    // deleted: the words stay in older index segments until they are merged.
    if (auto scrubbed = SearchIndex::purgeDeleted(m_db); !scrubbed)
        return inContext(scrubbed.error(), what);
    if (auto touched = IncidentWriter::touch(m_db, (*existing)->incidentId, now()); !touched)
        return inContext(touched.error(), what);
    if (auto committed = transaction->commit(); !committed)
        return inContext(committed.error(), what);
    // The old text also sits in earlier frames of the -wal file. Copying the WAL
    // into the database and truncating it drops them; secure_delete has zeroed
    // the old cells. Best effort: with a reader still open it cannot truncate,
    // and the frames are overwritten by later writes instead.
    (void)m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return {};
}

Result<QList<IncidentSummary>> SqliteIncidentRepository::listIncidents(bool includeClosed) const
{
    auto list = IncidentReader::summaries(m_db, includeClosed);
    if (!list)
        return inContext(list.error(), tr("Could not list the incidents"));
    return list;
}

Result<IncidentHeader> SqliteIncidentRepository::loadHeader(qint64 incidentId) const
{
    const auto header = IncidentReader::header(m_db, incidentId);
    if (!header)
        return inContext(header.error(), tr("Could not read %1").arg(formatIncidentId(incidentId)));
    if (!*header)
        return Error::notFound(tr("%1 does not exist.").arg(formatIncidentId(incidentId)));
    return **header;
}

Result<Incident> SqliteIncidentRepository::loadIncident(qint64 incidentId) const
{
    return loadIncidentParts(incidentId, IncidentParts::everything());
}

Result<Incident> SqliteIncidentRepository::loadIncidentParts(
    qint64 incidentId, const IncidentParts &parts) const
{
    const QString what = tr("Could not read %1").arg(formatIncidentId(incidentId));
    // One snapshot for all the pieces, even while another process writes.
    auto transaction = SqliteTransaction::begin(m_db, SqliteTransaction::Mode::Read);
    if (!transaction)
        return inContext(transaction.error(), what);
    Incident incident;
    const auto header = IncidentReader::header(m_db, incidentId);
    if (!header)
        return inContext(header.error(), what);
    if (!*header)
        return Error::notFound(tr("%1 does not exist.").arg(formatIncidentId(incidentId)));
    incident.header = **header;

    // A part asked for goes into its member, or stops the load with its error.
    const qint64 id = incidentId;
    const auto load = [](bool wanted, auto read, auto &target) -> VoidResult {
        if (!wanted)
            return {};
        auto result = read();
        if (!result)
            return result.error();
        target = std::move(result).value();
        return {};
    };
    VoidResult loaded = load(
        parts.roles, [&] { return IncidentReader::roles(m_db, id); }, incident.roles);
    if (loaded && parts.timeline)
        loaded = load(
            true, [&] { return IncidentReader::timeline(m_db, id, {}, -1); }, incident.timeline);
    else if (loaded)
        loaded = load(
            !parts.linkedEntries.isEmpty(),
            [&] { return IncidentReader::linkedEntries(m_db, id, parts.linkedEntries); },
            incident.timeline);
    if (loaded)
        loaded = load(
            parts.statusUpdates, [&] { return IncidentReader::statusUpdates(m_db, id); },
            incident.statusUpdates);
    if (loaded)
        loaded = load(
            parts.actionItems, [&] { return IncidentReader::actionItems(m_db, id); },
            incident.actionItems);
    if (loaded)
        loaded = load(
            parts.diagnostics, [&] { return IncidentReader::diagnostics(m_db, id); },
            incident.diagnostics);
    if (loaded)
        loaded = load(
            parts.postmortem, [&] { return IncidentReader::postmortem(m_db, id); },
            incident.postmortem);
    if (!loaded)
        return inContext(loaded.error(), what);
    return incident;
}

Result<QList<RoleAssignment>> SqliteIncidentRepository::roles(qint64 incidentId) const
{
    const QString what = tr("Could not read the roles of %1").arg(formatIncidentId(incidentId));
    auto transaction = SqliteTransaction::begin(m_db, SqliteTransaction::Mode::Read);
    if (!transaction)
        return inContext(transaction.error(), what);
    if (auto exists = IncidentReader::requireIncident(m_db, incidentId); !exists)
        return inContext(exists.error(), what);
    auto roles = IncidentReader::roles(m_db, incidentId);
    if (!roles)
        return inContext(roles.error(), what);
    return roles;
}

Result<TimelineEntry> SqliteIncidentRepository::entry(qint64 entryId) const
{
    const QString what = tr("Could not read timeline entry %1").arg(entryId);
    auto transaction = SqliteTransaction::begin(m_db, SqliteTransaction::Mode::Read);
    if (!transaction)
        return inContext(transaction.error(), what);
    const auto entry = IncidentReader::entry(m_db, entryId);
    if (!entry)
        return inContext(entry.error(), what);
    if (!*entry)
        return entryNotFound(entryId);
    return **entry;
}

Result<QList<TimelineEntry>> SqliteIncidentRepository::timelinePage(
    qint64 incidentId, TimelineCursor after, int limit) const
{
    const QString what = tr("Could not read the timeline of %1").arg(formatIncidentId(incidentId));
    if (limit <= 0)
        return Error::validation(tr("A timeline page needs a positive size, not %1.").arg(limit));
    auto transaction = SqliteTransaction::begin(m_db, SqliteTransaction::Mode::Read);
    if (!transaction)
        return inContext(transaction.error(), what);
    if (auto exists = IncidentReader::requireIncident(m_db, incidentId); !exists)
        return inContext(exists.error(), what);
    auto page = IncidentReader::timeline(m_db, incidentId, after, limit);
    if (!page)
        return inContext(page.error(), what);
    return page;
}

Result<qint64> SqliteIncidentRepository::timelineCount(qint64 incidentId) const
{
    const QString what = tr("Could not count the timeline of %1").arg(formatIncidentId(incidentId));
    auto transaction = SqliteTransaction::begin(m_db, SqliteTransaction::Mode::Read);
    if (!transaction)
        return inContext(transaction.error(), what);
    if (auto exists = IncidentReader::requireIncident(m_db, incidentId); !exists)
        return inContext(exists.error(), what);
    auto count = IncidentReader::timelineCount(m_db, incidentId);
    if (!count)
        return inContext(count.error(), what);
    return count;
}

Result<QList<TimelineEntry>> SqliteIncidentRepository::filteredTimelinePage(
    qint64 incidentId, const TimelineFilter &filter, TimelineCursor after, int limit) const
{
    const QString what = tr("Could not read the timeline of %1").arg(formatIncidentId(incidentId));
    if (limit <= 0)
        return Error::validation(tr("A timeline page needs a positive size, not %1.").arg(limit));
    auto transaction = SqliteTransaction::begin(m_db, SqliteTransaction::Mode::Read);
    if (!transaction)
        return inContext(transaction.error(), what);
    if (auto exists = IncidentReader::requireIncident(m_db, incidentId); !exists)
        return inContext(exists.error(), what);
    auto page = IncidentReader::filteredTimeline(m_db, incidentId, filter, after, limit);
    if (!page)
        return inContext(page.error(), what);
    return page;
}

Result<QList<TimelineEntry>> SqliteIncidentRepository::filteredTimelinePageBefore(qint64 incidentId,
    const TimelineFilter &filter, std::optional<TimelineCursor> before, int limit) const
{
    const QString what = tr("Could not read the timeline of %1").arg(formatIncidentId(incidentId));
    if (limit <= 0)
        return Error::validation(tr("A timeline page needs a positive size, not %1.").arg(limit));
    auto transaction = SqliteTransaction::begin(m_db, SqliteTransaction::Mode::Read);
    if (!transaction)
        return inContext(transaction.error(), what);
    if (auto exists = IncidentReader::requireIncident(m_db, incidentId); !exists)
        return inContext(exists.error(), what);
    auto page = IncidentReader::filteredTimelineBefore(m_db, incidentId, filter, before, limit);
    if (!page)
        return inContext(page.error(), what);
    return page;
}

Result<qint64> SqliteIncidentRepository::filteredTimelineCount(
    qint64 incidentId, const TimelineFilter &filter) const
{
    const QString what = tr("Could not count the timeline of %1").arg(formatIncidentId(incidentId));
    auto transaction = SqliteTransaction::begin(m_db, SqliteTransaction::Mode::Read);
    if (!transaction)
        return inContext(transaction.error(), what);
    if (auto exists = IncidentReader::requireIncident(m_db, incidentId); !exists)
        return inContext(exists.error(), what);
    auto count = IncidentReader::filteredTimelineCount(m_db, incidentId, filter);
    if (!count)
        return inContext(count.error(), what);
    return count;
}

Result<QList<IncidentSummary>> SqliteIncidentRepository::incidentPage(
    const std::optional<IncidentSummary> &after, int limit) const
{
    if (limit == 0)
        return Error::validation(tr("A page of incidents needs a size."));
    auto page = IncidentReader::summariesPage(m_db, after, limit);
    if (!page)
        return inContext(page.error(), tr("Could not list the incidents"));
    return page;
}

Result<IncidentSummary> SqliteIncidentRepository::incidentSummary(qint64 incidentId) const
{
    const auto found = IncidentReader::summary(m_db, incidentId);
    if (!found)
        return inContext(found.error(), tr("Could not read %1").arg(formatIncidentId(incidentId)));
    if (!*found)
        return Error::notFound(tr("%1 does not exist.").arg(formatIncidentId(incidentId)));
    return **found;
}

Result<QList<ActionItemRow>> SqliteIncidentRepository::allActionItems() const
{
    auto rows = IncidentReader::allActionItems(m_db);
    if (!rows)
        return inContext(rows.error(), tr("Could not list the action items"));
    return rows;
}

Result<QString> SqliteIncidentRepository::setting(const QString &key) const
{
    auto value = IncidentReader::setting(m_db, key);
    if (!value)
        return inContext(value.error(), tr("Could not read the setting \"%1\"").arg(key));
    return value;
}

VoidResult SqliteIncidentRepository::setSetting(const QString &key, const QString &value)
{
    const QString what = tr("Could not save the setting \"%1\"").arg(key);
    if (key.isEmpty())
        return Error::validation(tr("A setting needs a name."));
    auto transaction = SqliteTransaction::begin(m_db);
    if (!transaction)
        return inContext(transaction.error(), what);
    if (auto written = IncidentWriter::setSetting(m_db, key, value); !written)
        return inContext(written.error(), what);
    if (auto committed = transaction->commit(); !committed)
        return inContext(committed.error(), what);
    return {};
}

Result<QList<SearchHit>> SqliteIncidentRepository::search(const QString &text, int limit) const
{
    const QString what = tr("Could not search for \"%1\"").arg(text);
    if (limit <= 0)
        return Error::validation(tr("A search needs a positive limit, not %1.").arg(limit));
    auto hits = SearchIndex::search(m_db, text, limit);
    if (!hits)
        return inContext(hits.error(), what);
    return hits;
}

VoidResult SqliteIncidentRepository::backupTo(const QString &path) const
{
    auto copied = DatabaseBackup::copy(m_db, path);
    if (!copied)
        return inContext(copied.error(), tr("Could not back up the database to %1").arg(path));
    return copied;
}

Result<std::unique_ptr<IncidentRepository>> SqliteIncidentRepository::openConnection() const
{
    if (m_path == u":memory:")
        return Error::storage(tr("An in-memory database has no second connection."));
    auto opened = open(m_path, OpenMode::MustExist);
    if (!opened)
        return opened.error();
    // A worker's connection reads whole incidents (a timeline filter that matches
    // almost nothing is a pass over every entry): with a page cache that holds one,
    // the next keystroke's pass reads memory instead of making a system call per
    // page. The cache grows only as pages are read.
    if (auto cached = (*opened)->m_db.exec("PRAGMA cache_size = -65536"); !cached)
        return cached.error();
    return std::unique_ptr<IncidentRepository>(std::move(opened).value());
}

Result<qint64> SqliteIncidentRepository::externalChangeStamp() const
{
    auto stamp = m_db.queryInt("PRAGMA data_version");
    if (!stamp)
        return inContext(stamp.error(), tr("Could not check the database for changes"));
    return stamp;
}

} // namespace idesk
