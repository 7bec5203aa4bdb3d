#include "cadenceindicator.h"

#include "presentation.h"
#include "timeformat.h"

namespace idesk {

CadenceIndicator::CadenceIndicator(const Clock &clock, QWidget *parent)
    : QLabel(parent), m_clock(clock)
{
    setTextFormat(Qt::RichText);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &CadenceIndicator::tick);
    hide();
}

void CadenceIndicator::setSnapshot(const IncidentHeader &incident,
                                   const QList<StatusUpdate> &updates,
                                   const QList<SeverityDefinition> &severities)
{
    m_incident = incident;
    m_updates = updates;
    m_severities = severities;
    m_timer.start();
    tick();
}

void CadenceIndicator::clear()
{
    m_incident.reset();
    m_timer.stop();
    m_status = {};
    hide();
}

void CadenceIndicator::tick()
{
    if (!m_incident)
        return;
    const QDateTime now = m_clock.now();
    m_status = UpdateCadence::evaluate(*m_incident, m_updates, m_severities, now);
    using State = UpdateCadence::State;
    if (m_status.state == State::NotRequired) {
        hide();
        return;
    }
    const QString due = m_status.dueAt->toLocalTime().toString(QStringLiteral("HH:mm"));
    QString text;
    QString colour;
    switch (m_status.state) {
    case State::OnTrack:
        text = tr("Next update in <b>%1</b> (%2)").arg(formatDuration(m_status.secondsLeft), due);
        colour = Presentation::mutedTextColor().name();
        break;
    case State::DueSoon:
        text = tr("Update due in <b>%1</b> (%2)").arg(formatDuration(m_status.secondsLeft), due);
        colour = QStringLiteral("#b45309");
        break;
    case State::Overdue:
        text = tr("Update <b>overdue by %1</b> (was due %2)")
                       .arg(formatDuration(-m_status.secondsLeft), due);
        colour = Presentation::errorTextColor().name();
        break;
    case State::NotRequired:
        break;
    }
    setText(QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour, text));
    setToolTip(tr("%1 expects a status update every %2 minutes.")
                       .arg(SeverityDefinition::severityName(m_incident->severity))
                       .arg(m_status.cadenceMinutes));
    show();
    if (m_reminder.shouldRemind(m_status, now))
        Q_EMIT reminderDue(m_incident->id,
                           tr("%1: a status update is due (%2).")
                                   .arg(formatIncidentId(m_incident->id), m_incident->title));
}

} // namespace idesk
