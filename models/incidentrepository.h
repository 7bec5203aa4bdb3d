#pragma once

#include "changeset.h"
#include "incident.h"
#include "result.h"
#include "severity.h"
#include "timelinefilter.h"

#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

namespace idesk {

// Where the keyset paging of a timeline continues: after the entry at (at, id).
struct TimelineCursor
{
    QDateTime at;
    qint64 id = 0;
    bool isStart() const { return id == 0; }
};

// One action item in the list across incidents.
struct ActionItemRow
{
    qint64 incidentId = 0;
    QString incidentTitle;
    int number = 0; // the item's number within its incident (1-based, creation order)
    ActionItem item;
};

// One full-text match. `entryId` is set when the match is a timeline entry.
struct SearchHit
{
    qint64 incidentId = 0;
    QString incidentTitle;
    qint64 entryId = 0;
    QString kind; // an entry kind, or "incident", "update", "postmortem"
    QDateTime at; // when the matched thing happened (entry or update time; incident start)
    QString snippet; // the matched text around the match, matches wrapped in [ and ]
};

// Which parts of an incident IncidentRepository::loadIncidentParts() reads besides
// its header; what is not asked for stays empty.
struct IncidentParts
{
    // All of it, as loadIncident() reads it.
    static IncidentParts everything()
    {
        IncidentParts parts;
        parts.roles = parts.timeline = parts.statusUpdates = parts.actionItems = parts.diagnostics
            = parts.postmortem = true;
        return parts;
    }

    bool roles = false;
    bool timeline = false; // every entry, sorted by (at, id); linkedEntries is then not read
    bool statusUpdates = false;
    bool actionItems = false;
    bool diagnostics = false;
    bool postmortem = false;
    // Of the timeline only the entries that record one of these link types
    // (TimelineEntry::link.type, e.g. "checklist"), sorted by (at, id); none when empty.
    QStringList linkedEntries;
};

// The storage port. Storage implements it (SQLite today); the models layer and
// the views depend only on this interface. Every mutating call is one transaction.
class IncidentRepository
{
public:
    virtual ~IncidentRepository() = default;

    virtual Result<QList<SeverityDefinition>> severities() const = 0;

    // Inserts a whole incident (declare or import); ids inside are ignored.
    virtual Result<qint64> insertIncident(const Incident &incident) = 0;

    // Applies a change set atomically. With `expectedRevision`, refuses with a
    // Conflict error if the incident changed since that revision was read.
    virtual VoidResult apply(
        qint64 incidentId, std::optional<qint64> expectedRevision, const ChangeSet &changes)
        = 0;
    // Appends one entry and returns its id; needs no revision (appends never conflict).
    virtual Result<qint64> appendEntry(qint64 incidentId, const NewEntry &entry) = 0;
    virtual VoidResult editEntry(
        qint64 entryId, const QString &newText, const QString &author, const QDateTime &at)
        = 0;
    virtual VoidResult redactEntry(qint64 entryId, const Redaction &redaction) = 0;

    virtual Result<QList<IncidentSummary>> listIncidents(bool includeClosed) const = 0;
    virtual Result<IncidentHeader> loadHeader(qint64 incidentId) const = 0;
    virtual Result<Incident> loadIncident(qint64 incidentId) const = 0;
    // The header and the parts asked for, in one snapshot: for a page that shows a few
    // things of an incident (updates, checklist ticks, pinned snapshots) and must not
    // read every entry of a long timeline to get them.
    virtual Result<Incident> loadIncidentParts(
        qint64 incidentId, const IncidentParts &parts) const = 0;
    virtual Result<QList<RoleAssignment>> roles(qint64 incidentId) const = 0;
    virtual Result<TimelineEntry> entry(qint64 entryId) const = 0;
    // Entries sorted by (at, id), strictly after `after`, at most `limit` of them.
    virtual Result<QList<TimelineEntry>> timelinePage(
        qint64 incidentId, TimelineCursor after, int limit) const = 0;
    virtual Result<qint64> timelineCount(qint64 incidentId) const = 0;

    // The same pages and count restricted to the entries that pass `filter`
    // (TimelineFilter says what passes); an empty filter passes every entry.
    virtual Result<QList<TimelineEntry>> filteredTimelinePage(
        qint64 incidentId, const TimelineFilter &filter, TimelineCursor after, int limit) const = 0;
    // Paging backwards: the `limit` entries that come just before `before`
    // (before the end of the timeline when it is nothing), still sorted by (at, id).
    virtual Result<QList<TimelineEntry>> filteredTimelinePageBefore(qint64 incidentId,
        const TimelineFilter &filter, std::optional<TimelineCursor> before, int limit) const = 0;
    virtual Result<qint64> filteredTimelineCount(
        qint64 incidentId, const TimelineFilter &filter) const = 0;

    // Every incident (closed ones too) in the list's order, strictly after the
    // incident `after` describes (from the top when it is nothing), at most
    // `limit` of them (all of them when `limit` is negative). The order: open
    // incidents, then resolved, then closed; within each SEV-1 first, then the
    // latest start first (none last), then the newest incident first. Only the
    // fields that order depends on (id, status, severity, started) are read of `after`.
    virtual Result<QList<IncidentSummary>> incidentPage(
        const std::optional<IncidentSummary> &after, int limit) const = 0;
    // One incident's row of the list; NotFound when it does not exist.
    virtual Result<IncidentSummary> incidentSummary(qint64 incidentId) const = 0;

    // Action items of every incident, open incidents' first.
    virtual Result<QList<ActionItemRow>> allActionItems() const = 0;

    // Team settings (the cost estimate's hourly rate, templates, ...): small text values.
    virtual Result<QString> setting(const QString &key) const = 0; // empty when unset
    virtual VoidResult setSetting(const QString &key, const QString &value) = 0;

    // Full-text search over titles, summaries, timeline, status updates and postmortems.
    virtual Result<QList<SearchHit>> search(const QString &text, int limit) const = 0;

    // A consistent copy of the whole database, made while it stays in use.
    virtual VoidResult backupTo(const QString &path) const = 0;

    // A number that changes whenever another connection (another process) has
    // committed a write since the last call. Cheap enough to poll every second.
    virtual Result<qint64> externalChangeStamp() const = 0;

    // Another connection to the same store, for a worker thread: a repository is
    // used by one thread only. An error when the store cannot have a second
    // connection (an in-memory database); the caller then stays on its own.
    virtual Result<std::unique_ptr<IncidentRepository>> openConnection() const = 0;
};

} // namespace idesk
