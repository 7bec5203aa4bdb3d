#include "changesetwriter.h"

#include "incidentwriter.h"
#include "searchindex.h"

#include <QCoreApplication>
#include <QHash>

namespace idesk::ChangeSetWriter {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Storage", text);
}

// Ids of the objects one insert or change set creates, by the id they had
// before (for imports) or by kind (for NewEntry::linkToNew).
struct CreatedIds
{
    QHash<QString, QHash<qint64, qint64>> byOldId; // link type → old id → new id
    std::optional<qint64> role;
    std::optional<qint64> update;
    std::optional<qint64> action;
    std::optional<qint64> diagnostic;

    void remember(const QString &type, qint64 oldId, qint64 newId)
    {
        if (oldId != 0)
            byOldId[type].insert(oldId, newId);
    }
    // An imported entry's link follows its object to the object's new id.
    EntryLink remap(const EntryLink &link) const
    {
        // A delivery outcome ("delivered:<update id>") follows its status update.
        const bool delivery = link.type == QLatin1String("delivered")
                || link.type == QLatin1String("undelivered");
        const auto ids = byOldId.value(delivery ? IncidentWriter::LinkType::Update : link.type);
        return ids.contains(link.id) ? EntryLink {link.type, ids.value(link.id)} : link;
    }
};

Result<EntryLink> resolveLink(const NewEntry &entry, const CreatedIds &created)
{
    using Link = NewEntry::LinkToNew;
    const auto linkTo = [](const QString &type, std::optional<qint64> id,
                            const QString &what) -> Result<EntryLink> {
        if (!id)
            return Error::validation(
                tr("A timeline entry links to a new %1, but the change creates none.").arg(what));
        return EntryLink {type, *id};
    };
    switch (entry.linkToNew) {
    case Link::None:
        return entry.link;
    case Link::RoleAssignment:
        return linkTo(IncidentWriter::LinkType::Role, created.role, tr("role assignment"));
    case Link::StatusUpdate:
        return linkTo(IncidentWriter::LinkType::Update, created.update, tr("status update"));
    case Link::ActionItem:
        return linkTo(IncidentWriter::LinkType::Action, created.action, tr("action item"));
    case Link::Diagnostic:
        return linkTo(
            IncidentWriter::LinkType::Diagnostic, created.diagnostic, tr("diagnostic snapshot"));
    }
    return entry.link;
}

} // namespace

TimelineEntry toTimelineEntry(
    const NewEntry &entry, const EntryLink &link, const QDateTime &writtenAt)
{
    TimelineEntry e;
    e.at = entry.at;
    e.writtenAt = writtenAt;
    e.kind = entry.kind;
    e.author = entry.author;
    e.text = entry.text;
    e.link = link;
    return e;
}

void applyHeaderChanges(IncidentHeader &h, const ChangeSet &changes)
{
    if (changes.title)
        h.title = *changes.title;
    if (changes.summary)
        h.summary = *changes.summary;
    if (changes.severity)
        h.severity = *changes.severity;
    if (changes.status)
        h.status = *changes.status;
    for (const auto &change : changes.milestones)
        h.milestones.set(change.milestone, change.at);
    if (changes.clearSlo)
        h.slo.reset();
    if (changes.slo)
        h.slo = changes.slo;
    if (changes.clearSlo)
        h.slo.reset();
}

VoidResult applyCollections(
    SqliteConnection &db, qint64 id, const ChangeSet &changes, const QDateTime &writtenAt)
{
    CreatedIds created;
    for (const qint64 assignment : changes.closeRoleAssignments) {
        if (auto closed = IncidentWriter::closeRole(db, id, assignment, changes.roleChangeAt);
            !closed)
            return closed;
    }
    if (changes.openRoleAssignment) {
        RoleAssignment role = *changes.openRoleAssignment;
        if (!role.from.isValid()) // a handoff starts the new term when the old one ends
            role.from = changes.roleChangeAt;
        const auto roleId = IncidentWriter::insertRole(db, id, role);
        if (!roleId)
            return roleId.error();
        created.role = *roleId;
    }
    if (changes.statusUpdate) {
        const auto updateId = IncidentWriter::insertStatusUpdate(db, id, *changes.statusUpdate);
        if (!updateId)
            return updateId.error();
        created.update = *updateId;
        if (auto indexed = SearchIndex::indexStatusUpdates(db, *updateId); !indexed)
            return indexed;
    }
    if (changes.newDiagnostic) {
        const auto snapshotId = IncidentWriter::insertDiagnostic(db, id, *changes.newDiagnostic);
        if (!snapshotId)
            return snapshotId.error();
        created.diagnostic = *snapshotId;
    }
    if (changes.newActionItem) {
        const auto actionId = IncidentWriter::insertActionItem(db, id, *changes.newActionItem);
        if (!actionId)
            return actionId.error();
        created.action = *actionId;
    }
    if (const auto &change = changes.actionItemChange) {
        if (auto updated = IncidentWriter::updateActionItem(db, id, change->id, change->item);
            !updated)
            return updated;
    }
    if (changes.removeActionItemId) {
        if (auto removed = IncidentWriter::removeActionItem(db, id, *changes.removeActionItemId);
            !removed)
            return removed;
    }
    if (changes.postmortem) {
        if (auto written = IncidentWriter::writePostmortem(db, id, *changes.postmortem); !written)
            return written;
    }
    std::optional<qint64> firstEntry;
    for (const auto &entry : changes.entries) {
        const auto link = resolveLink(entry, created);
        if (!link)
            return link.error();
        const auto e
            = IncidentWriter::insertEntry(db, id, toTimelineEntry(entry, *link, writtenAt));
        if (!e)
            return e.error();
        if (!firstEntry)
            firstEntry = *e;
    }
    if (firstEntry)
        return SearchIndex::indexEntries(db, *firstEntry);
    return {};
}

VoidResult insertCollections(SqliteConnection &db, qint64 id, const Incident &incident)
{
    using namespace IncidentWriter;
    CreatedIds created;
    for (const auto &role : incident.roles) {
        const auto newId = insertRole(db, id, role);
        if (!newId)
            return newId.error();
        created.remember(LinkType::Role, role.id, *newId);
    }
    std::optional<qint64> firstUpdate;
    for (const auto &update : incident.statusUpdates) {
        const auto newId = insertStatusUpdate(db, id, update);
        if (!newId)
            return newId.error();
        created.remember(LinkType::Update, update.id, *newId);
        if (!firstUpdate)
            firstUpdate = *newId;
    }
    for (const auto &item : incident.actionItems) { // list order is "action N" order
        const auto newId = insertActionItem(db, id, item);
        if (!newId)
            return newId.error();
        created.remember(LinkType::Action, item.id, *newId);
    }
    for (const auto &snapshot : incident.diagnostics) {
        const auto newId = insertDiagnostic(db, id, snapshot);
        if (!newId)
            return newId.error();
        created.remember(LinkType::Diagnostic, snapshot.id, *newId);
    }
    if (incident.postmortem != Postmortem {}) {
        if (auto written = writePostmortem(db, id, incident.postmortem); !written)
            return written;
    }
    std::optional<qint64> firstEntry;
    EntryWriter entries(db);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (TimelineEntry entry : incident.timeline) {
        entry.link = created.remap(entry.link);
        if (!entry.writtenAt.isValid())
            entry.writtenAt = now;
        const auto inserted = entries.insert(id, entry);
        if (!inserted)
            return inserted.error();
        if (!firstEntry)
            firstEntry = *inserted;
    }
    // Indexed in one statement each, after all the inserts (schema version 4).
    if (firstUpdate) {
        if (auto indexed = SearchIndex::indexStatusUpdates(db, *firstUpdate); !indexed)
            return indexed;
    }
    if (firstEntry)
        return SearchIndex::indexEntries(db, *firstEntry);
    return {};
}

} // namespace idesk::ChangeSetWriter
