#pragma once

#include "changeset.h"
#include "incident.h"
#include "result.h"

namespace idesk {

class SqliteConnection;

// Writes the composite parts of the port's mutations: a whole incident's
// collections, and everything a ChangeSet adds besides its header fields.
// Runs inside the caller's write transaction.
namespace ChangeSetWriter {

// The entry a NewEntry becomes, written at `writtenAt`.
TimelineEntry toTimelineEntry(
    const NewEntry &entry, const EntryLink &link, const QDateTime &writtenAt);

// Sets the header fields the change set names (title ... SLO); the caller writes it.
void applyHeaderChanges(IncidentHeader &header, const ChangeSet &changes);

// Role handoffs, the status update, action items, the postmortem, then the
// entries, whose linkToNew resolves to the objects created just before.
VoidResult applyCollections(
    SqliteConnection &db, qint64 incidentId, const ChangeSet &changes, const QDateTime &writtenAt);

// Roles, updates, action items (in list order: "action N"), diagnostics, the
// postmortem and the timeline of an incident being inserted with id `incidentId`.
VoidResult insertCollections(SqliteConnection &db, qint64 incidentId, const Incident &incident);

} // namespace ChangeSetWriter
} // namespace idesk
