#include "changemonitor.h"

namespace idesk {

ChangeMonitor::ChangeMonitor(const IncidentRepository &repository, QObject *parent)
    : QObject(parent), m_repository(repository)
{
    m_timer.setInterval(DefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ChangeMonitor::poll);
}

void ChangeMonitor::setInterval(int milliseconds)
{
    m_timer.setInterval(milliseconds);
}

void ChangeMonitor::start()
{
    // The first reading is the baseline: what is on screen was read after it.
    if (!m_lastStamp) {
        if (const auto stamp = m_repository.externalChangeStamp())
            m_lastStamp = *stamp;
    }
    m_timer.start();
}

void ChangeMonitor::stop()
{
    m_timer.stop();
}

void ChangeMonitor::poll()
{
    const auto stamp = m_repository.externalChangeStamp();
    if (!stamp) {
        // Report a failing store once, not every second.
        if (!m_failing)
            Q_EMIT pollFailed(stamp.errorMessage());
        m_failing = true;
        return;
    }
    m_failing = false;
    const bool changed = m_lastStamp && *m_lastStamp != *stamp;
    m_lastStamp = *stamp;
    if (changed)
        Q_EMIT externalChangeDetected();
}

} // namespace idesk
