#pragma once

#include "updatecadence.h"

#include <QDateTime>

#include <optional>

namespace idesk {

// Decides when to remind the comms lead that an update is due: once when it
// becomes due, and again every `repeatSeconds` while it stays overdue. Stateful,
// fed with each evaluation; forgets itself when an update restarts the cadence.
class UpdateReminder
{
public:
    explicit UpdateReminder(qint64 repeatSeconds = 5 * 60) : m_repeatSeconds(repeatSeconds) { }

    bool shouldRemind(const UpdateCadence::Status &status, const QDateTime &now);

private:
    qint64 m_repeatSeconds;
    std::optional<QDateTime> m_dueAt;       // the due time we reminded about
    std::optional<QDateTime> m_lastReminder;
};

} // namespace idesk
