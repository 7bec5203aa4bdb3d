#pragma once

#include "incident.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace idesk {

// The figures a postmortem reports, derived from the incident's record (DESIGN §2).
// A figure whose inputs are missing is absent, never guessed: the document says
// "not recorded" where a wrong number would otherwise mislead.
namespace IncidentMetrics {

// Until the postmortem settings store a team's own rate.
constexpr double kDefaultHourlyRate = 100.0;
// Review time per responder: preparation plus the review meeting, at kReviewFactor.
constexpr double kReviewPreparationHours = 1.0;
constexpr double kReviewMeetingHours = 1.0;
constexpr double kReviewFactor = 0.5;

// Time to detect, acknowledge, mitigate and resolve, in seconds (see Milestones).
struct KeyMetrics
{
    std::optional<qint64> timeToDetect;
    std::optional<qint64> timeToAcknowledge;
    std::optional<qint64> timeToMitigate;
    std::optional<qint64> timeToResolve;
    bool operator==(const KeyMetrics &) const = default;
};
KeyMetrics keyMetrics(const Milestones &milestones);

// How much of the SLO's error budget the incident used, with every input shown.
struct ErrorBudget
{
    SloContext slo;
    double budgetMinutes = 0; // (1 − target) × window in minutes
    std::optional<double> impactMinutes; // mitigated − started
    std::optional<double> affectedMinutes; // impact × affected fraction
    std::optional<double> consumedPercent; // of the budget; over 100 stays as it is
};
// Nothing when the incident has no SLO. The consumed figure is missing when started or
// mitigated is, when mitigated is before started, or when the budget is zero.
std::optional<ErrorBudget> errorBudget(const IncidentHeader &header);

// How much of a person's attention a role takes: commander 1.0, scribe and comms
// lead 0.75, every other role 0.5.
double engagementFactor(const QString &role);

// Where a role interval's end came from when it was computed.
enum class IntervalEnd {
    Recorded, // the assignment's own end (a handoff or a release)
    Resolved, // still held: ends at the incident's resolved milestone
    Closed, // still held, no resolved milestone: ends at the closed milestone
    Now, // still held and the incident is not resolved: ends now
};

struct RoleCostLine
{
    QString person;
    QString role;
    QDateTime from;
    QDateTime to;
    IntervalEnd end = IntervalEnd::Recorded;
    double hours = 0; // held; zero when the end is before the start
    double factor = 0; // engagementFactor(role)
    double weightedHours = 0; // hours × factor
    double cost = 0; // weightedHours × rate
};

struct ReviewCostLine
{
    QString person;
    double hours = kReviewPreparationHours + kReviewMeetingHours;
    double factor = kReviewFactor;
    double weightedHours = 0;
    double cost = 0;
};

// An estimate a manager can check: every line with its inputs, and the totals. Hours and
// weighted hours are rounded to hundredths line by line (36 seconds), and the costs are
// computed from the rounded figures, so the document's numbers add up by hand.
struct IncidentCost
{
    QList<RoleCostLine> roles; // one per role interval, in order of `from`
    QList<ReviewCostLine> reviews; // one per distinct responder
    double hourlyRate = kDefaultHourlyRate;
    double weightedHours = 0; // sum over all lines
    double total = 0; // weightedHours × hourlyRate
};
// `now` ends the intervals still open on an incident that is not resolved.
IncidentCost incidentCost(const Incident &incident, double hourlyRate, const QDateTime &now);

// Someone who held a role or wrote on the timeline.
struct Responder
{
    QString name;
    QList<RoleAssignment> roles; // in order of `from`
    int entries = 0; // timeline entries written
};
// In order of first appearance; names compare trimmed and case-insensitively, the first
// spelling wins. Empty names are nobody.
QList<Responder> responders(const Incident &incident);

} // namespace IncidentMetrics
} // namespace idesk
