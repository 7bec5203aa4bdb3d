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
// Pins evidence: stores the snapshot and a `diagnostic` timeline entry at its capture
// time, "<title>: <query>" (or the query alone), linked to it.
Result<ChangeSet> planPinDiagnostic(const DiagnosticSnapshot &snapshot, const QString &title,
                                    const QString &author);

// ---- the postmortem (DESIGN §2) -------------------------------------------------
// None of these write timeline entries: the postmortem is written after the fact, and
// the timeline records the incident itself. A plan that changes nothing is an empty
// ChangeSet (see isEmpty), so an autosave of an unchanged field writes nothing.

constexpr int kMaxListItems = 500;
constexpr int kMaxPersonLength = 200;
constexpr int kMaxLinkLength = 2'000;

// Whether a change set changes anything at all.
bool isEmpty(const ChangeSet &changes);

// The postmortem as it is stored: blank list items dropped, every text and list
// within its limits. Unchanged gives an empty ChangeSet.
Result<ChangeSet> planPostmortem(const Postmortem &current, Postmortem edited);

// 0 < target < 1, window 1..36500 days, affected fraction 0..1 (all finite).
VoidResult checkSlo(const SloContext &slo);
// Sets, replaces or (with nothing) clears the incident's SLO context.
Result<ChangeSet> planSlo(const IncidentHeader &incident, const std::optional<SloContext> &slo);

// Text required; owner, due date and link checked: the link is empty or an absolute
// http(s) URL, as a tracker link is.
VoidResult checkActionItem(const ActionItem &item);
// `number` is 1-based, in creation order (the order of `items`). The new value's text,
// owner and link are trimmed; unchanged gives an empty ChangeSet.
Result<ChangeSet> planActionItemUpdate(const QList<ActionItem> &items, int number,
                                       ActionItem item);
Result<ChangeSet> planActionItemRemoval(const QList<ActionItem> &items, int number);
VoidResult checkActionItemNumber(const QList<ActionItem> &items, int number);

// ---- team settings ---------------------------------------------------------------
namespace Settings {
// The cost estimate's hourly rate, as a decimal number ("120" or "87.5").
inline const QString HourlyRate = QStringLiteral("cost.hourly_rate");
} // namespace Settings

constexpr double kMaxHourlyRate = 1'000'000.0;
// A rate is finite and 0 < rate <= kMaxHourlyRate.
VoidResult checkHourlyRate(double rate);
// The stored text as a rate; nothing when it is empty or not a valid rate.
std::optional<double> parseHourlyRate(const QString &stored);
QString formatHourlyRate(double rate); // "120", "87.5"

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
