#include "incidentreader.h"

#include "postmortemjson.h"
#include "sqliteconnection.h"
#include "sqlitestatement.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <limits>

namespace idesk::IncidentReader {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Storage", text);
}

// The CHECK constraints keep unknown names out; a file from a newer build that
// slipped past them gets a clear message instead of a silently wrong value.
template<typename T>
Result<T> parsed(std::optional<T> value, const QString &what, const QString &text)
{
    if (!value)
        return Error::storage(tr("The database holds an unknown %1 \"%2\".").arg(what, text));
    return *value;
}

constexpr const char *kHeaderColumns = R"sql(
    SELECT id, title, summary, severity, status,
           started_at, detected_at, declared_at, acknowledged_at, mitigated_at, resolved_at,
           closed_at, slo_target, slo_window_days, slo_affected_fraction, revision
    FROM incidents
)sql";

Result<IncidentHeader> readHeader(const SqliteStatement &s)
{
    IncidentHeader h;
    h.id = s.columnInt64(0);
    h.title = s.columnText(1);
    h.summary = s.columnText(2);
    h.severity = s.columnInt(3);
    const auto status = parsed(parseStatus(s.columnText(4)), tr("status"), s.columnText(4));
    if (!status)
        return status.error();
    h.status = *status;
    int column = 5;
    for (const Milestone m : allMilestones()) // started_at .. closed_at
        h.milestones.set(m, s.columnOptionalTime(column++));
    if (!s.isNull(12))
        h.slo = SloContext {s.columnDouble(12), s.columnInt(13), s.columnDouble(14)};
    h.revision = s.columnInt64(15);
    return h;
}

constexpr const char *kEntryColumns = R"sql(
    SELECT e.id, e.incident_id, e.at, e.written_at, e.kind, e.author, e.text, e.link,
           e.redaction_reason, e.redacted_at, e.redacted_by
    FROM timeline_entries e
)sql";

Result<TimelineEntry> readEntry(const SqliteStatement &s)
{
    TimelineEntry e;
    e.id = s.columnInt64(0);
    e.incidentId = s.columnInt64(1);
    e.at = s.columnTime(2);
    e.writtenAt = s.columnTime(3);
    const auto kind = parsed(parseEntryKind(s.columnText(4)), tr("entry kind"), s.columnText(4));
    if (!kind)
        return kind.error();
    e.kind = *kind;
    e.author = s.columnText(5);
    e.text = s.columnText(6);
    if (!s.isNull(7))
        e.link = EntryLink::fromString(s.columnText(7));
    if (!s.isNull(8))
        e.redaction = Redaction {s.columnText(8), s.columnTime(9), s.columnText(10)};
    return e;
}

// Runs a prepared query and turns each row into a T with `read`.
template<typename T, typename Read> Result<QList<T>> collect(SqliteStatement &s, Read read)
{
    QList<T> rows;
    for (;;) {
        const auto row = s.step();
        if (!row)
            return row.error();
        if (!*row)
            return rows;
        Result<T> value = read(s);
        if (!value)
            return value.error();
        rows.append(std::move(value).value());
    }
}

// An action item from the columns id, text, owner, due, type, status, link
// starting at `first`.
Result<ActionItem> readActionItem(const SqliteStatement &row, int first)
{
    const int c = first;
    const auto type
        = parsed(parseActionType(row.columnText(c + 4)), tr("action type"), row.columnText(c + 4));
    if (!type)
        return type.error();
    const auto status = parsed(
        parseActionStatus(row.columnText(c + 5)), tr("action status"), row.columnText(c + 5));
    if (!status)
        return status.error();
    ActionItem item;
    item.id = row.columnInt64(c);
    item.text = row.columnText(c + 1);
    item.owner = row.columnText(c + 2);
    if (!row.isNull(c + 3))
        item.due = QDate::fromString(row.columnText(c + 3), Qt::ISODate);
    item.type = *type;
    item.status = *status;
    item.link = row.columnOptionalText(c + 6);
    return item;
}

Result<SqliteStatement> prepareForIncident(
    SqliteConnection &db, QByteArrayView sql, qint64 incidentId)
{
    auto s = SqliteStatement::prepare(db, sql);
    if (s)
        s->bind(1, incidentId);
    return s;
}

} // namespace

Result<QList<SeverityDefinition>> severities(SqliteConnection &db)
{
    auto s = SqliteStatement::prepare(
        db, "SELECT level, criteria, cadence_minutes FROM severities ORDER BY level");
    if (!s)
        return s.error();
    return collect<SeverityDefinition>(*s, [](const SqliteStatement &row) {
        return Result<SeverityDefinition>(
            SeverityDefinition {row.columnInt(0), row.columnText(1), row.columnInt(2)});
    });
}

Result<QList<IncidentSummary>> summaries(SqliteConnection &db, bool includeClosed)
{
    // `status IN (...)` is 0 for open incidents, so they sort first.
    auto s = SqliteStatement::prepare(db, R"sql(
        SELECT id, title, severity, status, started_at, declared_at, resolved_at
        FROM incidents
        WHERE ?1 OR status <> 'closed'
        ORDER BY status IN ('resolved', 'closed'), severity, started_at IS NULL,
                 started_at DESC, id DESC
    )sql");
    if (!s)
        return s.error();
    s->bind(1, includeClosed ? 1 : 0);
    return collect<IncidentSummary>(*s, [](const SqliteStatement &row) -> Result<IncidentSummary> {
        const auto status = parsed(parseStatus(row.columnText(3)), tr("status"), row.columnText(3));
        if (!status)
            return status.error();
        return IncidentSummary {row.columnInt64(0), row.columnText(1), row.columnInt(2), *status,
            row.columnOptionalTime(4), row.columnOptionalTime(5), row.columnOptionalTime(6)};
    });
}

namespace {

// The list's order as one row value, every part ascending: the status group
// (open 0, resolved 1, closed 2), the severity, whether the start is unknown,
// the start negated (latest first) and the id negated (newest first). A keyset
// page continues where the row value of the last incident shown leaves off.
constexpr const char *kListOrder = R"sql(
    CASE status WHEN 'resolved' THEN 1 WHEN 'closed' THEN 2 ELSE 0 END, severity,
    started_at IS NULL, -COALESCE(started_at, 0), -id
)sql";

constexpr const char *kSummaryColumns = R"sql(
    SELECT id, title, severity, status, started_at, declared_at, resolved_at FROM incidents
)sql";

Result<IncidentSummary> readSummary(const SqliteStatement &row)
{
    const auto status = parsed(parseStatus(row.columnText(3)), tr("status"), row.columnText(3));
    if (!status)
        return status.error();
    return IncidentSummary {row.columnInt64(0), row.columnText(1), row.columnInt(2), *status,
        row.columnOptionalTime(4), row.columnOptionalTime(5), row.columnOptionalTime(6)};
}

int statusGroup(Status status)
{
    if (status == Status::Resolved)
        return 1;
    return status == Status::Closed ? 2 : 0;
}

} // namespace

Result<QList<IncidentSummary>> summariesPage(
    SqliteConnection &db, const std::optional<IncidentSummary> &after, int limit)
{
    auto s = SqliteStatement::prepare(db,
        QByteArray(kSummaryColumns) + "WHERE (" + kListOrder + ") > (?1, ?2, ?3, ?4, ?5) ORDER BY "
            + kListOrder + " LIMIT ?6");
    if (!s)
        return s.error();
    if (after) {
        const qint64 started = after->started ? toStorageTime(*after->started) : 0;
        s->bind(1, statusGroup(after->status))
            .bind(2, after->severity)
            .bind(3, after->started ? 0 : 1)
            .bind(4, -started)
            .bind(5, -after->id);
    } else {
        // Sorts before every incident: no status group is negative.
        s->bind(1, -1).bind(2, 0).bind(3, 0).bind(4, 0).bind(5, 0);
    }
    s->bind(6, limit < 0 ? -1 : limit);
    return collect<IncidentSummary>(*s, readSummary);
}

Result<std::optional<IncidentSummary>> summary(SqliteConnection &db, qint64 incidentId)
{
    auto s = prepareForIncident(db, QByteArray(kSummaryColumns) + "WHERE id = ?1", incidentId);
    if (!s)
        return s.error();
    const auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<IncidentSummary>();
    auto found = readSummary(*s);
    if (!found)
        return found.error();
    return std::optional<IncidentSummary>(std::move(found).value());
}

Result<std::optional<IncidentHeader>> header(SqliteConnection &db, qint64 incidentId)
{
    auto s = prepareForIncident(db, QByteArray(kHeaderColumns) + "WHERE id = ?1", incidentId);
    if (!s)
        return s.error();
    const auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<IncidentHeader>();
    auto h = readHeader(*s);
    if (!h)
        return h.error();
    return std::optional<IncidentHeader>(std::move(h).value());
}

VoidResult requireIncident(SqliteConnection &db, qint64 incidentId)
{
    auto s = prepareForIncident(db, "SELECT 1 FROM incidents WHERE id = ?1", incidentId);
    if (!s)
        return s.error();
    const auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return Error::notFound(tr("%1 does not exist.").arg(formatIncidentId(incidentId)));
    return {};
}

Result<QList<RoleAssignment>> roles(SqliteConnection &db, qint64 incidentId)
{
    auto s = prepareForIncident(db, R"sql(
        SELECT id, role, person, from_at, to_at FROM role_assignments
        WHERE incident_id = ?1 ORDER BY from_at, id
    )sql",
        incidentId);
    if (!s)
        return s.error();
    return collect<RoleAssignment>(*s, [](const SqliteStatement &row) {
        return Result<RoleAssignment>(RoleAssignment {row.columnInt64(0), row.columnText(1),
            row.columnText(2), row.columnTime(3), row.columnOptionalTime(4)});
    });
}

Result<QList<StatusUpdate>> statusUpdates(SqliteConnection &db, qint64 incidentId)
{
    auto s = prepareForIncident(db, R"sql(
        SELECT id, at, status, impact, actions, needs, next_update_at, audience
        FROM status_updates WHERE incident_id = ?1 ORDER BY at, id
    )sql",
        incidentId);
    if (!s)
        return s.error();
    return collect<StatusUpdate>(*s, [](const SqliteStatement &row) -> Result<StatusUpdate> {
        const auto audience
            = parsed(parseAudience(row.columnText(7)), tr("audience"), row.columnText(7));
        if (!audience)
            return audience.error();
        return StatusUpdate {row.columnInt64(0), row.columnTime(1), row.columnText(2),
            row.columnText(3), row.columnText(4), row.columnText(5), row.columnOptionalTime(6),
            *audience};
    });
}

Result<QList<ActionItem>> actionItems(SqliteConnection &db, qint64 incidentId)
{
    auto s = prepareForIncident(db, R"sql(
        SELECT id, text, owner, due, type, status, link
        FROM action_items WHERE incident_id = ?1 ORDER BY position
    )sql",
        incidentId);
    if (!s)
        return s.error();
    return collect<ActionItem>(
        *s, [](const SqliteStatement &row) { return readActionItem(row, 0); });
}

Result<QList<ActionItemRow>> allActionItems(SqliteConnection &db)
{
    // `status IN (...)` is 0 for open incidents, so their items sort first.
    auto s = SqliteStatement::prepare(db, R"sql(
        SELECT a.id, a.text, a.owner, a.due, a.type, a.status, a.link,
               a.incident_id, i.title, a.position
        FROM action_items a JOIN incidents i ON i.id = a.incident_id
        ORDER BY i.status IN ('resolved', 'closed'), a.due IS NULL, a.due,
                 a.incident_id, a.position
    )sql");
    if (!s)
        return s.error();
    return collect<ActionItemRow>(*s, [](const SqliteStatement &row) -> Result<ActionItemRow> {
        auto item = readActionItem(row, 0);
        if (!item)
            return item.error();
        return ActionItemRow {
            row.columnInt64(7), row.columnText(8), row.columnInt(9), std::move(item).value()};
    });
}

Result<QList<DiagnosticSnapshot>> diagnostics(SqliteConnection &db, qint64 incidentId)
{
    auto s = prepareForIncident(db, R"sql(
        SELECT id, source, query, window_start, window_end, captured_at, result, chart_png
        FROM diagnostics WHERE incident_id = ?1 ORDER BY id
    )sql",
        incidentId);
    if (!s)
        return s.error();
    return collect<DiagnosticSnapshot>(*s, [](const SqliteStatement &row) {
        return Result<DiagnosticSnapshot>(DiagnosticSnapshot {row.columnInt64(0), row.columnText(1),
            row.columnText(2), row.columnTime(3), row.columnTime(4), row.columnTime(5),
            row.columnBlob(6), row.columnBlob(7)});
    });
}

Result<Postmortem> postmortem(SqliteConnection &db, qint64 incidentId)
{
    auto s
        = prepareForIncident(db, "SELECT json FROM postmortems WHERE incident_id = ?1", incidentId);
    if (!s)
        return s.error();
    const auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return Postmortem {}; // nobody has written one yet
    return PostmortemJson::fromJson(s->columnBlob(0));
}

Result<QList<TimelineEntry>> timeline(
    SqliteConnection &db, qint64 incidentId, TimelineCursor after, int limit)
{
    // A keyset page: it continues from the last (at, id) seen rather than an
    // OFFSET, so it costs the same on page 500 as on page 1 and an entry
    // appended meanwhile does not shift the rows. The start cursor sorts before
    // every real entry (ids start at 1).
    const qint64 afterAt
        = after.isStart() ? std::numeric_limits<qint64>::min() : toStorageTime(after.at);
    constexpr const char *kPage = R"sql(
        WHERE e.incident_id = ?1 AND (e.at > ?2 OR (e.at = ?2 AND e.id > ?3))
        ORDER BY e.at, e.id LIMIT ?4
    )sql";
    auto s = prepareForIncident(db, QByteArray(kEntryColumns) + kPage, incidentId);
    if (!s)
        return s.error();
    s->bind(2, afterAt).bind(3, after.id).bind(4, limit);
    auto entries = collect<TimelineEntry>(*s, readEntry);
    if (!entries || entries->isEmpty())
        return entries;

    // The revisions of exactly the entries on this page, by the same keyset.
    auto r = SqliteStatement::prepare(db,
        QByteArrayLiteral("SELECT entry_id, text, replaced_at, replaced_by "
                          "FROM entry_revisions WHERE entry_id IN (SELECT e.id "
                          "FROM timeline_entries e ")
            + kPage + ") ORDER BY entry_id, seq");
    if (!r)
        return r.error();
    r->bind(1, incidentId).bind(2, afterAt).bind(3, after.id).bind(4, limit);
    QHash<qint64, qsizetype> indexById;
    for (qsizetype i = 0; i < entries->size(); ++i)
        indexById.insert(entries->at(i).id, i);
    for (;;) {
        const auto row = r->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const qsizetype index = indexById.value(r->columnInt64(0), -1);
        if (index >= 0)
            (*entries)[index].revisions.append(
                Revision {r->columnText(1), r->columnTime(2), r->columnText(3)});
    }
    return entries;
}

Result<qint64> timelineCount(SqliteConnection &db, qint64 incidentId)
{
    auto s = prepareForIncident(
        db, "SELECT count(*) FROM timeline_entries WHERE incident_id = ?1", incidentId);
    if (!s)
        return s.error();
    const auto row = s->step();
    if (!row)
        return row.error();
    return s->columnInt64(0);
}

namespace {

// A LIKE pattern that finds `text` anywhere, every character literal: the
// wildcards % and _ and the escape character itself are escaped with \.
QString containsPattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += u'%';
    for (const QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    escaped += u'%';
    return escaped;
}

// The WHERE conditions of a filter after the incident and keyset ones, with
// their parameters ?5 (kinds), ?6 (author) and ?7 (text). Only the parts that
// are set appear, so each shape of filter is its own (cached) statement and
// the query planner sees no always-true conditions.
QByteArray filterConditions(const TimelineFilter &filter)
{
    QByteArray sql;
    // ",note,decision,": one parameter for any number of kinds.
    if (!filter.kinds.isEmpty())
        sql += " AND instr(?5, ',' || e.kind || ',') > 0";
    if (!filter.author.isEmpty())
        sql += " AND e.author LIKE ?6 ESCAPE '\\'";
    // A redacted entry's text is '' and matches no non-empty pattern.
    if (!filter.text.isEmpty())
        sql += " AND e.text LIKE ?7 ESCAPE '\\'";
    return sql;
}

void bindFilter(SqliteStatement &s, const TimelineFilter &filter)
{
    if (!filter.kinds.isEmpty()) {
        QString kinds = QStringLiteral(",");
        for (const EntryKind kind : filter.kinds)
            kinds += entryKindName(kind) + u',';
        s.bind(5, kinds);
    }
    if (!filter.author.isEmpty())
        s.bind(6, containsPattern(filter.author));
    if (!filter.text.isEmpty())
        s.bind(7, containsPattern(filter.text));
}

// Reads the revisions of `entries` (one page) into them.
VoidResult attachRevisions(SqliteConnection &db, QList<TimelineEntry> &entries)
{
    if (entries.isEmpty())
        return {};
    QHash<qint64, qsizetype> indexById;
    QByteArray ids = "[";
    for (qsizetype i = 0; i < entries.size(); ++i) {
        indexById.insert(entries.at(i).id, i);
        if (i > 0)
            ids += ',';
        ids += QByteArray::number(entries.at(i).id);
    }
    ids += ']';
    auto r = SqliteStatement::prepare(db, R"sql(
        SELECT entry_id, text, replaced_at, replaced_by FROM entry_revisions
        WHERE entry_id IN (SELECT value FROM json_each(?1)) ORDER BY entry_id, seq
    )sql");
    if (!r)
        return r.error();
    r->bind(1, QString::fromLatin1(ids));
    for (;;) {
        const auto row = r->step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        const qsizetype index = indexById.value(r->columnInt64(0), -1);
        if (index >= 0)
            entries[index].revisions.append(
                Revision {r->columnText(1), r->columnTime(2), r->columnText(3)});
    }
}

// The entries a prepared query returns, with their revisions.
Result<QList<TimelineEntry>> entriesWithRevisions(SqliteConnection &db, SqliteStatement &s)
{
    auto entries = collect<TimelineEntry>(s, readEntry);
    if (!entries)
        return entries;
    if (auto attached = attachRevisions(db, *entries); !attached)
        return attached.error();
    return entries;
}

Result<QList<TimelineEntry>> filteredPage(SqliteConnection &db, qint64 incidentId,
    const TimelineFilter &filter, const char *keyset, const char *order, qint64 cursorAt,
    qint64 cursorId, int limit)
{
    auto s = prepareForIncident(db,
        QByteArray(kEntryColumns) + "WHERE e.incident_id = ?1 AND " + keyset
            + filterConditions(filter) + " ORDER BY " + order + " LIMIT ?4",
        incidentId);
    if (!s)
        return s.error();
    s->bind(2, cursorAt).bind(3, cursorId).bind(4, limit);
    bindFilter(*s, filter);
    return entriesWithRevisions(db, *s);
}

} // namespace

Result<QList<TimelineEntry>> filteredTimeline(SqliteConnection &db, qint64 incidentId,
    const TimelineFilter &filter, TimelineCursor after, int limit)
{
    const TimelineFilter f = filter.normalised();
    if (f.isEmpty())
        return timeline(db, incidentId, after, limit);
    const qint64 afterAt
        = after.isStart() ? std::numeric_limits<qint64>::min() : toStorageTime(after.at);
    return filteredPage(db, incidentId, f, "(e.at > ?2 OR (e.at = ?2 AND e.id > ?3))", "e.at, e.id",
        afterAt, after.id, limit);
}

Result<QList<TimelineEntry>> filteredTimelineBefore(SqliteConnection &db, qint64 incidentId,
    const TimelineFilter &filter, std::optional<TimelineCursor> before, int limit)
{
    const TimelineFilter f = filter.normalised();
    // The end cursor sorts after every real entry.
    const qint64 beforeAt = before ? toStorageTime(before->at) : std::numeric_limits<qint64>::max();
    const qint64 beforeId = before ? before->id : std::numeric_limits<qint64>::max();
    auto entries = filteredPage(db, incidentId, f, "(e.at < ?2 OR (e.at = ?2 AND e.id < ?3))",
        "e.at DESC, e.id DESC", beforeAt, beforeId, limit);
    if (entries)
        std::reverse(entries->begin(), entries->end());
    return entries;
}

Result<qint64> filteredTimelineCount(
    SqliteConnection &db, qint64 incidentId, const TimelineFilter &filter)
{
    const TimelineFilter f = filter.normalised();
    if (f.isEmpty())
        return timelineCount(db, incidentId);
    auto s = prepareForIncident(db,
        "SELECT count(*) FROM timeline_entries e WHERE e.incident_id = ?1" + filterConditions(f),
        incidentId);
    if (!s)
        return s.error();
    bindFilter(*s, f);
    const auto row = s->step();
    if (!row)
        return row.error();
    return s->columnInt64(0);
}

Result<QList<TimelineEntry>> linkedEntries(
    SqliteConnection &db, qint64 incidentId, const QStringList &linkTypes)
{
    if (linkTypes.isEmpty())
        return QList<TimelineEntry>();
    // A link is stored as "type:id": without its digits it is "type:", looked up in
    // ",checklist:,delivered:," (one parameter for any number of types, as the kinds
    // filter does). Still one pass over the incident's entries, but only the few that
    // match are read into entries.
    auto s = prepareForIncident(db, QByteArray(kEntryColumns) + R"sql(
        WHERE e.incident_id = ?1 AND e.link IS NOT NULL
          AND instr(?2, ',' || rtrim(e.link, '0123456789-') || ',') > 0
        ORDER BY e.at, e.id
    )sql",
        incidentId);
    if (!s)
        return s.error();
    QString types = QStringLiteral(",");
    for (const QString &type : linkTypes)
        types += type + QStringLiteral(":,");
    s->bind(2, types);
    return entriesWithRevisions(db, *s);
}

Result<std::optional<TimelineEntry>> entry(SqliteConnection &db, qint64 entryId)
{
    auto s = SqliteStatement::prepare(db, QByteArray(kEntryColumns) + "WHERE e.id = ?1");
    if (!s)
        return s.error();
    s->bind(1, entryId);
    const auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<TimelineEntry>();
    auto e = readEntry(*s);
    if (!e)
        return e.error();
    auto r = SqliteStatement::prepare(db, R"sql(
        SELECT text, replaced_at, replaced_by FROM entry_revisions
        WHERE entry_id = ?1 ORDER BY seq
    )sql");
    if (!r)
        return r.error();
    r->bind(1, entryId);
    const auto revisions = collect<Revision>(*r, [](const SqliteStatement &row) {
        return Result<Revision>(Revision {row.columnText(0), row.columnTime(1), row.columnText(2)});
    });
    if (!revisions)
        return revisions.error();
    e->revisions = *revisions;
    return std::optional<TimelineEntry>(std::move(e).value());
}

Result<QString> setting(SqliteConnection &db, const QString &key)
{
    auto s = SqliteStatement::prepare(db, "SELECT value FROM settings WHERE key = ?1");
    if (!s)
        return s.error();
    s->bind(1, key);
    const auto row = s->step();
    if (!row)
        return row.error();
    return *row ? s->columnText(0) : QString();
}

} // namespace idesk::IncidentReader
