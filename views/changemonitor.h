#pragma once

#include "incidentrepository.h"

#include <QObject>
#include <QTimer>

#include <optional>

namespace idesk {

// Notices writes made by other processes (a CLI command while the window is
// open) by polling IncidentRepository::externalChangeStamp() on a timer.
class ChangeMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeMonitor)

public:
    static constexpr int DefaultIntervalMs = 1000;

    explicit ChangeMonitor(const IncidentRepository &repository, QObject *parent = nullptr);

    void setInterval(int milliseconds);
    int interval() const { return m_timer.interval(); }
    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }

    // Polls once now; emits externalChangeDetected() if the stamp moved.
    void poll();

Q_SIGNALS:
    void externalChangeDetected();
    void pollFailed(const QString &message);

private:
    const IncidentRepository &m_repository;
    QTimer m_timer;
    std::optional<qint64> m_lastStamp;
    bool m_failing = false;
};

} // namespace idesk
