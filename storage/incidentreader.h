#pragma once

#include "incident.h"
#include "incidentrepository.h"
#include "result.h"
#include "severity.h"

#include <QList>

#include <optional>

namespace idesk {

class SqliteConnection;

// The SELECTs behind the repository's reads. Callers that combine several of them
// hold a read transaction so the pieces come from one snapshot.
namespace IncidentReader {

Result<QList<SeverityDefinition>> severities(SqliteConnection &db);

// Open incidents first, then by severity (SEV-1 first), then the latest start
// first (unknown starts last), then the newest incident first.
Result<QList<IncidentSummary>> summaries(SqliteConnection &db, bool includeClosed);
// Every incident in the list's order (open, resolved, closed; then SEV-1
// first; the latest start first, none last; the newest first), strictly after
// `after` (from the top without it), at most `limit` (all when negative).
Result<QList<IncidentSummary>> summariesPage(
    SqliteConnection &db, const std::optional<IncidentSummary> &after, int limit);
// Nothing when the incident does not exist.
Result<std::optional<IncidentSummary>> summary(SqliteConnection &db, qint64 incidentId);

// Nothing when the incident does not exist.
Result<std::optional<IncidentHeader>> header(SqliteConnection &db, qint64 incidentId);
// NotFound "INC-n does not exist." unless the incident exists.
VoidResult requireIncident(SqliteConnection &db, qint64 incidentId);

Result<QList<RoleAssignment>> roles(SqliteConnection &db, qint64 incidentId);
Result<QList<StatusUpdate>> statusUpdates(SqliteConnection &db, qint64 incidentId);
Result<QList<ActionItem>> actionItems(SqliteConnection &db, qint64 incidentId);
// Every incident's action items: open incidents' first, then by due date (none last).
Result<QList<ActionItemRow>> allActionItems(SqliteConnection &db);
Result<QList<DiagnosticSnapshot>> diagnostics(SqliteConnection &db, qint64 incidentId);
Result<Postmortem> postmortem(SqliteConnection &db, qint64 incidentId);

// Entries after `after` in (at, id) order with their revisions; a negative
// `limit` means all of them.
Result<QList<TimelineEntry>> timeline(
    SqliteConnection &db, qint64 incidentId, TimelineCursor after, int limit);
Result<qint64> timelineCount(SqliteConnection &db, qint64 incidentId);
// The same restricted to the entries that pass `filter` (see TimelineFilter).
Result<QList<TimelineEntry>> filteredTimeline(SqliteConnection &db, qint64 incidentId,
    const TimelineFilter &filter, TimelineCursor after, int limit);
// The `limit` entries before `before` (before the end without it), in (at, id) order.
Result<QList<TimelineEntry>> filteredTimelineBefore(SqliteConnection &db, qint64 incidentId,
    const TimelineFilter &filter, std::optional<TimelineCursor> before, int limit);
Result<qint64> filteredTimelineCount(
    SqliteConnection &db, qint64 incidentId, const TimelineFilter &filter);
// The entries whose link is of one of `linkTypes` (EntryLink::type), in (at, id)
// order with their revisions.
Result<QList<TimelineEntry>> linkedEntries(
    SqliteConnection &db, qint64 incidentId, const QStringList &linkTypes);
// Nothing when the entry does not exist.
Result<std::optional<TimelineEntry>> entry(SqliteConnection &db, qint64 entryId);

// A team setting's value; empty when unset.
Result<QString> setting(SqliteConnection &db, const QString &key);

} // namespace IncidentReader
} // namespace idesk
