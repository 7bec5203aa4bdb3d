#pragma once

#include "incident.h"

#include <QList>

#include <optional>

namespace idesk {

// A new timeline entry. When `linkToNew` names an object created by the same
// change set, the store links the entry to that object's new id.
struct NewEntry
{
    QDateTime at;
    EntryKind kind = EntryKind::Note;
    QString author;
    QString text;
    EntryLink link;
    enum class LinkToNew { None, RoleAssignment, StatusUpdate, ActionItem, Diagnostic };
    LinkToNew linkToNew = LinkToNew::None;
    bool operator==(const NewEntry &) const = default;
};

struct MilestoneChange
{
    Milestone milestone;
    std::optional<QDateTime> at; // unset clears it
    bool operator==(const MilestoneChange &) const = default;
};

struct ActionItemChange
{
    qint64 id = 0;
    ActionItem item; // the whole new value; its id is ignored
    bool operator==(const ActionItemChange &) const = default;
};

// Everything one user action changes on one incident. The models layer decides
// it from a snapshot; the store applies it in a single transaction, and refuses
// it with Error::Kind::Conflict when the incident's revision moved meanwhile.
struct ChangeSet
{
    std::optional<QString> title;
    std::optional<QString> summary;
    std::optional<int> severity;
    std::optional<Status> status;
    QList<MilestoneChange> milestones;
    std::optional<SloContext> slo;
    bool clearSlo = false; // the incident no longer has an SLO context
    QList<qint64> closeRoleAssignments; // closed at `roleChangeAt`
    std::optional<RoleAssignment> openRoleAssignment;
    QDateTime roleChangeAt;
    std::optional<StatusUpdate> statusUpdate;
    std::optional<ActionItem> newActionItem;
    std::optional<DiagnosticSnapshot> newDiagnostic; // pinned evidence; its id is ignored
    std::optional<ActionItemChange> actionItemChange;
    std::optional<qint64> removeActionItemId;
    std::optional<Postmortem> postmortem;
    QList<NewEntry> entries;

    bool changesHeader() const
    {
        return title || summary || severity || status || !milestones.isEmpty() || slo || clearSlo;
    }
};

} // namespace idesk
