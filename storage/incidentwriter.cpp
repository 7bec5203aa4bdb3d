#include "incidentwriter.h"

#include "postmortemjson.h"
#include "sqliteconnection.h"
#include "sqlitestatement.h"

#include <QCoreApplication>

namespace idesk::IncidentWriter {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Storage", text);
}

// NOT NULL would catch a missing time too, but with SQLite's wording; this says
// which time is missing.
VoidResult requireTime(const QDateTime &at, const QString &what)
{
    if (!at.isValid())
        return Error::validation(tr("%1 needs a valid time.").arg(what));
    return {};
}

Result<qint64> insertAndReturnId(SqliteConnection &db, SqliteStatement &statement)
{
    if (auto done = statement.exec(); !done)
        return done.error();
    return db.lastInsertId();
}

// Binds ?1..?15 of the header columns, in the order of the table definition.
void bindHeader(SqliteStatement &s, const IncidentHeader &h)
{
    s.bind(1, h.title).bind(2, h.summary).bind(3, h.severity).bind(4, statusName(h.status));
    int column = 5;
    for (const Milestone m : allMilestones()) // started_at .. closed_at
        s.bind(column++, h.milestones.get(m));
    if (h.slo)
        s.bind(12, h.slo->target).bind(13, h.slo->windowDays).bind(14, h.slo->affectedFraction);
    else
        s.bindNull(12).bindNull(13).bindNull(14);
}

QString dueText(const std::optional<QDate> &due)
{
    return due->toString(Qt::ISODate);
}

void bindActionItem(SqliteStatement &s, const ActionItem &item)
{
    s.bind(1, item.text).bind(2, item.owner);
    if (item.due && item.due->isValid())
        s.bind(3, dueText(item.due));
    else
        s.bindNull(3);
    s.bind(4, actionTypeName(item.type)).bind(5, actionStatusName(item.status)).bind(6, item.link);
}

} // namespace

Result<qint64> insertHeader(
    SqliteConnection &db, const IncidentHeader &header, const QDateTime &now)
{
    auto s = SqliteStatement::prepare(db, R"sql(
        INSERT INTO incidents (title, summary, severity, status,
            started_at, detected_at, declared_at, acknowledged_at, mitigated_at, resolved_at,
            closed_at, slo_target, slo_window_days, slo_affected_fraction,
            revision, created_at, updated_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?15, ?15)
    )sql");
    if (!s)
        return s.error();
    bindHeader(*s, header);
    s->bind(15, now);
    return insertAndReturnId(db, *s);
}

VoidResult updateHeader(SqliteConnection &db, const IncidentHeader &header, const QDateTime &now)
{
    auto s = SqliteStatement::prepare(db, R"sql(
        UPDATE incidents SET title = ?1, summary = ?2, severity = ?3, status = ?4,
            started_at = ?5, detected_at = ?6, declared_at = ?7, acknowledged_at = ?8,
            mitigated_at = ?9, resolved_at = ?10, closed_at = ?11,
            slo_target = ?12, slo_window_days = ?13, slo_affected_fraction = ?14,
            updated_at = ?15, revision = ?16
        WHERE id = ?17
    )sql");
    if (!s)
        return s.error();
    bindHeader(*s, header);
    s->bind(15, now).bind(16, header.revision).bind(17, header.id);
    return s->exec();
}

VoidResult touch(SqliteConnection &db, qint64 incidentId, const QDateTime &now)
{
    auto s = SqliteStatement::prepare(db, "UPDATE incidents SET updated_at = ?1 WHERE id = ?2");
    if (!s)
        return s.error();
    s->bind(1, now).bind(2, incidentId);
    return s->exec();
}

Result<qint64> insertRole(SqliteConnection &db, qint64 incidentId, const RoleAssignment &role)
{
    if (auto ok = requireTime(role.from, tr("A role assignment")); !ok)
        return ok.error();
    auto s = SqliteStatement::prepare(db, R"sql(
        INSERT INTO role_assignments (incident_id, role, person, from_at, to_at)
        VALUES (?1, ?2, ?3, ?4, ?5)
    )sql");
    if (!s)
        return s.error();
    s->bind(1, incidentId).bind(2, role.role).bind(3, role.person).bind(4, role.from);
    s->bind(5, role.to);
    return insertAndReturnId(db, *s);
}

VoidResult closeRole(
    SqliteConnection &db, qint64 incidentId, qint64 assignmentId, const QDateTime &at)
{
    if (auto ok = requireTime(at, tr("A role handoff")); !ok)
        return ok;
    auto s = SqliteStatement::prepare(db, R"sql(
        UPDATE role_assignments SET to_at = ?1
        WHERE id = ?2 AND incident_id = ?3 AND to_at IS NULL
    )sql");
    if (!s)
        return s.error();
    s->bind(1, at).bind(2, assignmentId).bind(3, incidentId);
    if (auto done = s->exec(); !done)
        return done;
    if (db.changes() == 0)
        return Error::conflict(
            tr("Role assignment %1 of %2 is not open any more.")
                .arg(QString::number(assignmentId), formatIncidentId(incidentId)));
    return {};
}

Result<qint64> insertStatusUpdate(
    SqliteConnection &db, qint64 incidentId, const StatusUpdate &update)
{
    if (auto ok = requireTime(update.at, tr("A status update")); !ok)
        return ok.error();
    auto s = SqliteStatement::prepare(db, R"sql(
        INSERT INTO status_updates
            (incident_id, at, status, impact, actions, needs, next_update_at, audience)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    )sql");
    if (!s)
        return s.error();
    s->bind(1, incidentId).bind(2, update.at).bind(3, update.status).bind(4, update.impact);
    s->bind(5, update.actions).bind(6, update.needs).bind(7, update.nextUpdateAt);
    s->bind(8, audienceName(update.audience));
    return insertAndReturnId(db, *s);
}

Result<qint64> insertActionItem(SqliteConnection &db, qint64 incidentId, const ActionItem &item)
{
    // Computing the position inside the INSERT keeps it right under concurrent
    // writers: the caller's write transaction serialises them.
    auto s = SqliteStatement::prepare(db, R"sql(
        INSERT INTO action_items (incident_id, position, text, owner, due, type, status, link)
        VALUES (?7, (SELECT COALESCE(MAX(position), 0) + 1 FROM action_items
                     WHERE incident_id = ?7),
                ?1, ?2, ?3, ?4, ?5, ?6)
    )sql");
    if (!s)
        return s.error();
    bindActionItem(*s, item);
    s->bind(7, incidentId);
    return insertAndReturnId(db, *s);
}

VoidResult updateActionItem(
    SqliteConnection &db, qint64 incidentId, qint64 itemId, const ActionItem &item)
{
    auto s = SqliteStatement::prepare(db, R"sql(
        UPDATE action_items SET text = ?1, owner = ?2, due = ?3, type = ?4, status = ?5, link = ?6
        WHERE id = ?7 AND incident_id = ?8
    )sql");
    if (!s)
        return s.error();
    bindActionItem(*s, item);
    s->bind(7, itemId).bind(8, incidentId);
    if (auto done = s->exec(); !done)
        return done;
    if (db.changes() == 0)
        return Error::notFound(tr("%1 has no action item with id %2.")
                                   .arg(formatIncidentId(incidentId), QString::number(itemId)));
    return {};
}

VoidResult removeActionItem(SqliteConnection &db, qint64 incidentId, qint64 itemId)
{
    auto find = SqliteStatement::prepare(
        db, "SELECT position FROM action_items WHERE id = ?1 AND incident_id = ?2");
    if (!find)
        return find.error();
    find->bind(1, itemId).bind(2, incidentId);
    const auto row = find->step();
    if (!row)
        return row.error();
    if (!*row)
        return Error::notFound(tr("%1 has no action item with id %2.")
                                   .arg(formatIncidentId(incidentId), QString::number(itemId)));
    const qint64 position = find->columnInt64(0);

    auto remove = SqliteStatement::prepare(db, "DELETE FROM action_items WHERE id = ?1");
    if (!remove)
        return remove.error();
    remove->bind(1, itemId);
    if (auto done = remove->exec(); !done)
        return done;
    // UNIQUE (incident_id, position) is checked row by row, so shifting the later
    // items down by one in place could collide in whatever order SQLite visits
    // them. Move them out of the way above every used number first, then down.
    auto shift = SqliteStatement::prepare(db, R"sql(
        UPDATE action_items SET position = position + ?3
        WHERE incident_id = ?1 AND position > ?2
    )sql");
    if (!shift)
        return shift.error();
    constexpr qint64 kAside = qint64(1) << 40;
    shift->bind(1, incidentId).bind(2, position).bind(3, kAside);
    if (auto done = shift->exec(); !done)
        return done;
    shift->reset();
    shift->bind(2, kAside).bind(3, -kAside - 1);
    return shift->exec();
}

Result<qint64> insertDiagnostic(
    SqliteConnection &db, qint64 incidentId, const DiagnosticSnapshot &snapshot)
{
    if (auto ok = requireTime(snapshot.capturedAt, tr("A diagnostic snapshot")); !ok)
        return ok.error();
    auto s = SqliteStatement::prepare(db, R"sql(
        INSERT INTO diagnostics (incident_id, source, query, window_start, window_end,
                                 captured_at, result, chart_png)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    )sql");
    if (!s)
        return s.error();
    s->bind(1, incidentId).bind(2, snapshot.source).bind(3, snapshot.query);
    s->bind(4, snapshot.windowStart).bind(5, snapshot.windowEnd).bind(6, snapshot.capturedAt);
    s->bindBlob(7, snapshot.result).bindBlob(8, snapshot.chartPng);
    return insertAndReturnId(db, *s);
}

VoidResult writePostmortem(SqliteConnection &db, qint64 incidentId, const Postmortem &postmortem)
{
    auto s = SqliteStatement::prepare(db, R"sql(
        INSERT INTO postmortems (incident_id, json) VALUES (?1, ?2)
        ON CONFLICT (incident_id) DO UPDATE SET json = excluded.json
    )sql");
    if (!s)
        return s.error();
    s->bind(1, incidentId).bind(2, QString::fromUtf8(PostmortemJson::toJson(postmortem)));
    return s->exec();
}

Result<qint64> EntryWriter::insert(qint64 incidentId, const TimelineEntry &entry)
{
    if (auto ok = requireTime(entry.at, tr("A timeline entry")); !ok)
        return ok.error();
    if (auto ok = requireTime(entry.writtenAt, tr("A timeline entry's written-at")); !ok)
        return ok.error();
    const bool redacted = entry.redaction.has_value();
    if (!m_entry) {
        auto prepared = SqliteStatement::prepare(m_db, R"sql(
            INSERT INTO timeline_entries (incident_id, at, written_at, kind, author, text, link,
                                          redaction_reason, redacted_at, redacted_by)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        )sql");
        if (!prepared)
            return prepared.error();
        m_entry.emplace(std::move(prepared).value());
    }
    SqliteStatement &s = *m_entry;
    s.bind(1, incidentId).bind(2, entry.at).bind(3, entry.writtenAt);
    s.bind(4, entryKindName(entry.kind)).bind(5, entry.author);
    s.bind(6, redacted ? QString() : entry.text);
    if (entry.link.isNull())
        s.bindNull(7);
    else
        s.bind(7, entry.link.toString());
    if (redacted) {
        if (auto ok = requireTime(entry.redaction->at, tr("A redaction")); !ok)
            return ok.error();
        s.bind(8, entry.redaction->reason).bind(9, entry.redaction->at);
        s.bind(10, entry.redaction->by);
    } else {
        s.bindNull(8).bindNull(9).bindNull(10);
    }
    const auto id = insertAndReturnId(m_db, s);
    if (!id)
        return id;
    if (entry.revisions.isEmpty())
        return id;

    if (!m_revision) {
        auto prepared = SqliteStatement::prepare(m_db, R"sql(
            INSERT INTO entry_revisions (entry_id, seq, text, replaced_at, replaced_by)
            VALUES (?1, ?2, ?3, ?4, ?5)
        )sql");
        if (!prepared)
            return prepared.error();
        m_revision.emplace(std::move(prepared).value());
    }
    SqliteStatement &revision = *m_revision;
    int seq = 0;
    for (const auto &r : entry.revisions) {
        if (auto ok = requireTime(r.replacedAt, tr("An entry revision")); !ok)
            return ok.error();
        revision.bind(1, *id).bind(2, ++seq).bind(3, redacted ? QString() : r.text);
        revision.bind(4, r.replacedAt).bind(5, r.replacedBy);
        if (auto done = revision.exec(); !done)
            return done.error();
    }
    return id;
}

Result<qint64> insertEntry(SqliteConnection &db, qint64 incidentId, const TimelineEntry &entry)
{
    return EntryWriter(db).insert(incidentId, entry);
}

VoidResult editEntry(SqliteConnection &db, qint64 entryId, const QString &newText,
    const QString &author, const QDateTime &at)
{
    if (auto ok = requireTime(at, tr("An edit")); !ok)
        return ok;
    // The old text becomes revision N+1 in the same statement that reads it.
    auto keep = SqliteStatement::prepare(db, R"sql(
        INSERT INTO entry_revisions (entry_id, seq, text, replaced_at, replaced_by)
        SELECT e.id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM entry_revisions WHERE entry_id = e.id),
               e.text, ?2, ?3
        FROM timeline_entries e WHERE e.id = ?1
    )sql");
    if (!keep)
        return keep.error();
    keep->bind(1, entryId).bind(2, at).bind(3, author);
    if (auto done = keep->exec(); !done)
        return done;
    auto replace
        = SqliteStatement::prepare(db, "UPDATE timeline_entries SET text = ?1 WHERE id = ?2");
    if (!replace)
        return replace.error();
    replace->bind(1, newText).bind(2, entryId);
    return replace->exec();
}

VoidResult redactEntry(SqliteConnection &db, qint64 entryId, const Redaction &redaction)
{
    if (auto ok = requireTime(redaction.at, tr("A redaction")); !ok)
        return ok;
    // The reason for redacting is usually that the text leaked a secret, so no
    // copy may survive: neither the text nor the revisions that preceded it.
    auto entry = SqliteStatement::prepare(db, R"sql(
        UPDATE timeline_entries
        SET text = '', redaction_reason = ?2, redacted_at = ?3, redacted_by = ?4
        WHERE id = ?1
    )sql");
    if (!entry)
        return entry.error();
    entry->bind(1, entryId).bind(2, redaction.reason).bind(3, redaction.at).bind(4, redaction.by);
    if (auto done = entry->exec(); !done)
        return done;
    auto revisions
        = SqliteStatement::prepare(db, "UPDATE entry_revisions SET text = '' WHERE entry_id = ?1");
    if (!revisions)
        return revisions.error();
    revisions->bind(1, entryId);
    return revisions->exec();
}

VoidResult setSetting(SqliteConnection &db, const QString &key, const QString &value)
{
    auto s = SqliteStatement::prepare(db,
        value.isEmpty() ? QByteArrayView("DELETE FROM settings WHERE key = ?1")
                        : QByteArrayView(R"sql(
            INSERT INTO settings (key, value) VALUES (?1, ?2)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
        )sql"));
    if (!s)
        return s.error();
    s->bind(1, key);
    if (!value.isEmpty())
        s->bind(2, value);
    return s->exec();
}

} // namespace idesk::IncidentWriter
