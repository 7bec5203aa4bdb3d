#include "updatereminder.h"

namespace idesk {

bool UpdateReminder::shouldRemind(const UpdateCadence::Status &status, const QDateTime &now)
{
    if (status.state != UpdateCadence::State::Overdue || !status.dueAt) {
        m_dueAt.reset();
        m_lastReminder.reset();
        return false;
    }
    if (m_dueAt != status.dueAt) {
        m_dueAt = status.dueAt;
        m_lastReminder = now;
        return true;
    }
    if (m_lastReminder && m_lastReminder->secsTo(now) >= m_repeatSeconds) {
        m_lastReminder = now;
        return true;
    }
    return false;
}

} // namespace idesk
