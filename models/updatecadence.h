#pragma once

#include "incident.h"
#include "severity.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace idesk {

// When the next status update is due, and how urgent that is (DESIGN §2: each
// severity carries an update cadence). Pure: the caller passes `now`.
namespace UpdateCadence {

constexpr qint64 kWarningSeconds = 2 * 60;

enum class State {
    NotRequired, // resolved or closed: nobody is waiting for updates
    OnTrack,
    DueSoon,     // within kWarningSeconds of the due time
    Overdue
};

struct Status
{
    State state = State::NotRequired;
    std::optional<QDateTime> dueAt;
    qint64 secondsLeft = 0; // negative when overdue
    int cadenceMinutes = 0;
};

// The due time: the latest update's own "next update" time, but never later than
// that update plus the current severity's cadence, so raising the severity
// shortens the wait at once. Before any update, the first is due one cadence
// after the incident was declared (or started, when no declaration time is known).
Status evaluate(const IncidentHeader &incident, const QList<StatusUpdate> &updates,
                const QList<SeverityDefinition> &severities, const QDateTime &now);

} // namespace UpdateCadence
} // namespace idesk
