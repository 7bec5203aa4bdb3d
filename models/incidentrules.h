#pragma once

#include "changeset.h"
#include "incident.h"
#include "result.h"
#include "severity.h"

#include <QList>

namespace idesk {

// What a commander fills in to declare an incident.
struct DeclareRequest
{
    QString title;
    int severity = 1;
    QString summary;
    QString commander;                 // empty: nobody takes command yet
    std::optional<QDateTime> startedAt; // impact began; defaults to now
    QString author;
};

// The pure rules: each takes a snapshot and the request, and returns either
// the complete change the action makes (state and the timeline entries that
// record it) or the reason it is refused. Nothing here touches storage.
namespace IncidentRules {

constexpr int kMaxTitleLength = 300;
constexpr int kMaxTextLength = 100'000;

Result<Incident> planDeclare(const DeclareRequest &request,
                             const QList<SeverityDefinition> &severities, const QDateTime &now);

Result<ChangeSet> planStatusChange(const IncidentHeader &incident, Status to,
                                   const QDateTime &at, const QString &author, bool explicitReopen);

Result<ChangeSet> planSeverityChange(const IncidentHeader &incident, int level,
                                     const QList<SeverityDefinition> &severities,
                                     const QDateTime &at, const QString &author,
                                     const QString &reason);

Result<ChangeSet> planMilestone(const IncidentHeader &incident, Milestone milestone,
                                std::optional<QDateTime> at, const QString &author,
                                const QDateTime &now);

Result<ChangeSet> planRoleAssignment(const IncidentHeader &incident,
                                     const QList<RoleAssignment> &roles, const QString &role,
                                     const QString &person, const QDateTime &at,
                                     const QString &author, const QString &note);

Result<NewEntry> planEntry(EntryKind kind, const QString &text, const QDateTime &at,
                           const QString &author);

Result<ChangeSet> planStatusUpdate(const IncidentHeader &incident, StatusUpdate update,
                                   const QList<SeverityDefinition> &severities,
                                   const QString &author);

Result<ChangeSet> planNewActionItem(const ActionItem &item);

VoidResult checkEdit(const TimelineEntry &entry, const QString &newText);
VoidResult checkRedaction(const TimelineEntry &entry, const QString &reason);

// Who held `role` at `at`, if anyone.
std::optional<RoleAssignment> holderAt(const QList<RoleAssignment> &roles, const QString &role,
                                       const QDateTime &at);
std::optional<RoleAssignment> currentHolder(const QList<RoleAssignment> &roles,
                                            const QString &role);

// A time as a person reads it on the timeline: "14:05 UTC".
QString shortUtc(const QDateTime &at);

} // namespace IncidentRules
} // namespace idesk
