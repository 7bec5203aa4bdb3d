#include "incidentmetrics.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace idesk::IncidentMetrics {

namespace {

constexpr double kMinutesPerDay = 1440.0;

// Hundredths: what the document shows, so every line can be checked by hand.
double hundredths(double value)
{
    return std::round(value * 100.0) / 100.0;
}

QList<RoleAssignment> rolesByStart(const QList<RoleAssignment> &roles)
{
    QList<RoleAssignment> sorted = roles;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return a.from != b.from ? a.from < b.from : a.id < b.id;
    });
    return sorted;
}

} // namespace

KeyMetrics keyMetrics(const Milestones &milestones)
{
    return {milestones.timeToDetect(), milestones.timeToAcknowledge(), milestones.timeToMitigate(),
        milestones.timeToResolve()};
}

std::optional<ErrorBudget> errorBudget(const IncidentHeader &header)
{
    if (!header.slo)
        return std::nullopt;
    ErrorBudget budget;
    budget.slo = *header.slo;
    const double allowed = 1.0 - budget.slo.target;
    budget.budgetMinutes = std::max(0.0, allowed * budget.slo.windowDays * kMinutesPerDay);
    if (const auto seconds = header.milestones.timeToMitigate()) {
        budget.impactMinutes = double(*seconds) / 60.0;
        budget.affectedMinutes = *budget.impactMinutes * budget.slo.affectedFraction;
        // A target of 100% leaves no budget: any impact is "infinitely" over, which is
        // no figure a reader can use.
        if (budget.budgetMinutes > 0 && std::isfinite(budget.budgetMinutes))
            budget.consumedPercent = *budget.affectedMinutes / budget.budgetMinutes * 100.0;
    }
    return budget;
}

double engagementFactor(const QString &role)
{
    if (role == Roles::Commander)
        return 1.0;
    if (role == Roles::Scribe || role == Roles::CommsLead)
        return 0.75;
    return 0.5;
}

IncidentCost incidentCost(const Incident &incident, double hourlyRate, const QDateTime &now)
{
    IncidentCost cost;
    cost.hourlyRate = std::isfinite(hourlyRate) && hourlyRate > 0 ? hourlyRate : 0.0;
    const auto resolved = incident.header.milestones.get(Milestone::Resolved);
    const auto closed = incident.header.milestones.get(Milestone::Closed);

    for (const auto &assignment : rolesByStart(incident.roles)) {
        RoleCostLine line;
        line.person = assignment.person.trimmed();
        line.role = assignment.role;
        line.from = assignment.from.toUTC();
        if (assignment.to) {
            line.to = assignment.to->toUTC();
            line.end = IntervalEnd::Recorded;
        } else if (resolved) {
            line.to = resolved->toUTC();
            line.end = IntervalEnd::Resolved;
        } else if (closed) {
            line.to = closed->toUTC();
            line.end = IntervalEnd::Closed;
        } else {
            line.to = now.toUTC();
            line.end = IntervalEnd::Now;
        }
        // A role taken after the incident was resolved held nothing during it.
        const qint64 seconds = std::max<qint64>(0, line.from.secsTo(line.to));
        line.hours = hundredths(double(seconds) / 3600.0);
        line.factor = engagementFactor(line.role);
        line.weightedHours = hundredths(line.hours * line.factor);
        line.cost = line.weightedHours * cost.hourlyRate;
        cost.weightedHours += line.weightedHours;
        cost.roles.append(line);
    }

    for (const auto &responder : responders(incident)) {
        ReviewCostLine line;
        line.person = responder.name;
        line.weightedHours = hundredths(line.hours * line.factor);
        line.cost = line.weightedHours * cost.hourlyRate;
        cost.weightedHours += line.weightedHours;
        cost.reviews.append(line);
    }
    cost.weightedHours = hundredths(cost.weightedHours); // a sum of hundredths, exactly
    cost.total = cost.weightedHours * cost.hourlyRate;
    return cost;
}

QList<Responder> responders(const Incident &incident)
{
    struct Appearance
    {
        qint64 at; // ms since the epoch: sorting thousands of entries compares integers
        int order; // roles before entries at the same moment, then input order
        QString name;
        const RoleAssignment *role;
    };
    QList<Appearance> appearances;
    int order = 0;
    const QList<RoleAssignment> roles = rolesByStart(incident.roles);
    for (const auto &assignment : roles)
        appearances.append({assignment.from.toMSecsSinceEpoch(), order++,
            assignment.person.trimmed(), &assignment});
    for (const auto &entry : incident.timeline)
        appearances.append(
            {entry.at.toMSecsSinceEpoch(), order++, entry.author.trimmed(), nullptr});
    std::stable_sort(appearances.begin(), appearances.end(), [](const auto &a, const auto &b) {
        return a.at != b.at ? a.at < b.at : a.order < b.order;
    });

    QList<Responder> result;
    QHash<QString, qsizetype> byKey;
    // A few names over thousands of entries: each spelling is case-folded once.
    QHash<QString, qsizetype> bySpelling;
    for (const auto &appearance : appearances) {
        if (appearance.name.isEmpty())
            continue;
        auto spelling = bySpelling.find(appearance.name);
        if (spelling == bySpelling.end()) {
            auto it = byKey.find(appearance.name.toCaseFolded());
            if (it == byKey.end()) {
                it = byKey.insert(appearance.name.toCaseFolded(), result.size());
                result.append(Responder {appearance.name, {}, 0});
            }
            spelling = bySpelling.insert(appearance.name, *it);
        }
        Responder &responder = result[*spelling];
        if (appearance.role)
            responder.roles.append(*appearance.role);
        else
            ++responder.entries;
    }
    return result;
}

} // namespace idesk::IncidentMetrics
