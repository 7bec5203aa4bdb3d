#pragma once

#include "clock.h"
#include "incident.h"
#include "severity.h"
#include "updatecadence.h"
#include "updatereminder.h"

#include <QLabel>
#include <QTimer>

namespace idesk {

// "Next update in 12m" — the status-update countdown (issue 4). It holds a snapshot
// of the incident's header and updates and ticks every second against the clock;
// amber two minutes before the due time, red once overdue. It emits reminderDue once
// when an update becomes due and again while it stays overdue.
class CadenceIndicator final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CadenceIndicator)

public:
    CadenceIndicator(const Clock &clock, QWidget *parent = nullptr);

    void setSnapshot(const IncidentHeader &incident, const QList<StatusUpdate> &updates,
                     const QList<SeverityDefinition> &severities);
    void clear();
    UpdateCadence::Status status() const { return m_status; }
    void setTickInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    void tick();

Q_SIGNALS:
    void reminderDue(qint64 incidentId, const QString &message);

private:
    const Clock &m_clock;
    QTimer m_timer;
    std::optional<IncidentHeader> m_incident;
    QList<StatusUpdate> m_updates;
    QList<SeverityDefinition> m_severities;
    UpdateCadence::Status m_status;
    UpdateReminder m_reminder;
};

} // namespace idesk
