#include "updatecadence.h"

#include <algorithm>

namespace idesk::UpdateCadence {

Status evaluate(const IncidentHeader &incident, const QList<StatusUpdate> &updates,
                const QList<SeverityDefinition> &severities, const QDateTime &now)
{
    Status status;
    if (!Lifecycle::isOpen(incident.status))
        return status;
    const auto severity = std::find_if(severities.begin(), severities.end(), [&](const auto &s) {
        return s.level == incident.severity;
    });
    if (severity == severities.end() || severity->cadenceMinutes <= 0)
        return status;
    status.cadenceMinutes = severity->cadenceMinutes;
    const qint64 cadenceSeconds = qint64(severity->cadenceMinutes) * 60;

    const StatusUpdate *latest = nullptr;
    for (const auto &update : updates) {
        if (!latest || update.at >= latest->at)
            latest = &update;
    }
    QDateTime due;
    if (latest) {
        due = latest->at.addSecs(cadenceSeconds);
        if (latest->nextUpdateAt && *latest->nextUpdateAt < due)
            due = *latest->nextUpdateAt;
    } else {
        const auto since = incident.milestones.get(Milestone::Declared)
                                   .value_or(incident.milestones.get(Milestone::Started)
                                                     .value_or(now));
        due = since.addSecs(cadenceSeconds);
    }
    status.dueAt = due;
    status.secondsLeft = now.secsTo(due);
    if (status.secondsLeft < 0)
        status.state = State::Overdue;
    else if (status.secondsLeft <= kWarningSeconds)
        status.state = State::DueSoon;
    else
        status.state = State::OnTrack;
    return status;
}

} // namespace idesk::UpdateCadence
