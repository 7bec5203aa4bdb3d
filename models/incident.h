#pragma once

#include "lifecycle.h"
#include "milestones.h"
#include "timelineentry.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace idesk {

// Shown as INC-<n>; accepted as "INC-<n>" or "<n>".
QString formatIncidentId(qint64 id);
std::optional<qint64> parseIncidentId(const QString &text);

namespace Roles {
inline const QString Commander = QStringLiteral("commander");
inline const QString TechLead = QStringLiteral("tech-lead");
inline const QString CommsLead = QStringLiteral("comms-lead");
inline const QString Scribe = QStringLiteral("scribe");
QStringList standard();
QString title(const QString &role); // "Incident Commander" for "commander"
// Normalises aliases ("ic", "tl", "techlead") and validates custom names
// (lower-case letters, digits and hyphens). Returns nothing for an invalid name.
std::optional<QString> normalise(const QString &text);
} // namespace Roles

// A person holding a role from `from` until `to` (open while `to` is unset).
struct RoleAssignment
{
    qint64 id = 0;
    QString role;
    QString person;
    QDateTime from;
    std::optional<QDateTime> to;
    bool isCurrent() const { return !to.has_value(); }
    bool covers(const QDateTime &at) const { return from <= at && (!to || at < *to); }
    bool operator==(const RoleAssignment &) const = default;
};

enum class Audience { Internal, External };
QString audienceName(Audience a);
std::optional<Audience> parseAudience(const QString &text);

struct StatusUpdate
{
    qint64 id = 0;
    QDateTime at;
    QString status;  // headline status
    QString impact;  // conditions
    QString actions; // current actions
    QString needs;
    std::optional<QDateTime> nextUpdateAt;
    Audience audience = Audience::Internal;
    bool operator==(const StatusUpdate &) const = default;
};

enum class ActionType { Prevent, Mitigate, Detect, Process, Other };
enum class ActionStatus { Open, InProgress, Done, WontDo };
QString actionTypeName(ActionType t);
std::optional<ActionType> parseActionType(const QString &text);
QString actionStatusName(ActionStatus s);
std::optional<ActionStatus> parseActionStatus(const QString &text);

struct ActionItem
{
    qint64 id = 0;
    QString text;
    QString owner;
    std::optional<QDate> due;
    ActionType type = ActionType::Other;
    ActionStatus status = ActionStatus::Open;
    std::optional<QString> link;
    bool operator==(const ActionItem &) const = default;
};

// Evidence captured from a monitoring system, kept as it was at that moment.
struct DiagnosticSnapshot
{
    qint64 id = 0;
    QString source;
    QString query;
    QDateTime windowStart;
    QDateTime windowEnd;
    QDateTime capturedAt;
    QByteArray result;   // the series as JSON
    QByteArray chartPng; // rendered chart, may be empty
    bool operator==(const DiagnosticSnapshot &) const = default;
};

struct SloContext
{
    double target = 0.999;
    int windowDays = 30;
    double affectedFraction = 1.0;
    bool operator==(const SloContext &) const = default;
};

struct PostmortemImpact
{
    QString usersAffected;
    QString revenueImpact;
    QString notes;
    bool operator==(const PostmortemImpact &) const = default;
};

struct Postmortem
{
    QString executiveSummary;
    PostmortemImpact impact;
    QString rootCause;
    QStringList contributingFactors;
    QString trigger;
    QString detection;
    QString resolution;
    QStringList wentWell;
    QStringList wentWrong;
    QStringList gotLucky;
    QStringList lessonsLearned;
    QString supportingInformation;
    bool operator==(const Postmortem &) const = default;
};

// One row of the incident list.
struct IncidentSummary
{
    qint64 id = 0;
    QString title;
    int severity = 1;
    Status status = Status::Investigating;
    std::optional<QDateTime> started;
    std::optional<QDateTime> declared;
    std::optional<QDateTime> resolved;
    bool operator==(const IncidentSummary &) const = default;
};

// An incident's own fields without its collections: what rules need to decide.
struct IncidentHeader
{
    qint64 id = 0;
    QString title;
    QString summary;
    int severity = 1;
    Status status = Status::Investigating;
    Milestones milestones;
    std::optional<SloContext> slo;
    qint64 revision = 0; // bumped by every change; guards read-decide-write races
    bool operator==(const IncidentHeader &) const = default;
};

// The whole incident document.
struct Incident
{
    IncidentHeader header;
    QList<RoleAssignment> roles;
    QList<TimelineEntry> timeline; // sorted by (at, id)
    QList<StatusUpdate> statusUpdates;
    QList<ActionItem> actionItems;
    QList<DiagnosticSnapshot> diagnostics;
    Postmortem postmortem;
    bool operator==(const Incident &) const = default;
};

IncidentSummary summaryOf(const IncidentHeader &header);

} // namespace idesk
