#pragma once

#include "incidentservice.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QToolButton;

namespace idesk {

class MilestoneGrid;
class WhosWhoStrip;

// The top of an incident page: id and title, severity (changeable), status
// (only the allowed moves offered; "Reopen…" when closed), the clocks since
// start and since declared, who holds which role (WhosWhoStrip) and the
// milestones. Named ...Widget because idesk::IncidentHeader is the domain value
// it shows.
class IncidentHeaderWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentHeaderWidget)

public:
    explicit IncidentHeaderWidget(IncidentService &service, QWidget *parent = nullptr);

    void setUserName(const QString &userName) { m_userName = userName; }
    void setIncident(std::optional<qint64> incidentId);
    // Re-reads the header; leaves focus and open popups alone.
    VoidResult refresh();
    const std::optional<IncidentHeader> &header() const { return m_header; }

    // Keyboard entry points: focus the combo and open its list.
    void popUpSeverity();
    void popUpStatus();

    QComboBox *severityCombo() const { return m_severity; }
    QComboBox *statusCombo() const { return m_status; }
    QToolButton *reopenButton() const { return m_reopen; }
    MilestoneGrid *milestoneGrid() const { return m_milestones; }
    WhosWhoStrip *whosWho() const { return m_whosWho; }
    QString sinceStartText() const;
    QString sinceDeclaredText() const;
    void setClockInterval(int milliseconds) { m_clockTimer.setInterval(milliseconds); }

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void milestoneEditRequested(Milestone milestone);
    // A who's-who chip was clicked: assign or hand off `role`.
    void assignRoleRequested(const QString &role);

private:
    void display(const IncidentHeader &header);
    void fillSeverities(const IncidentHeader &header);
    void fillStatuses(const IncidentHeader &header);
    void updateClocks();
    void severityPicked(int index);
    void statusPicked(int index);
    void reopen(Status to);

    IncidentService &m_service;
    QString m_userName;
    std::optional<qint64> m_incidentId;
    std::optional<IncidentHeader> m_header;
    QList<SeverityDefinition> m_severities;
    QLabel *m_id = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QComboBox *m_severity = nullptr;
    QComboBox *m_status = nullptr;
    QToolButton *m_reopen = nullptr;
    QLabel *m_sinceStart = nullptr;
    QLabel *m_sinceDeclared = nullptr;
    MilestoneGrid *m_milestones = nullptr;
    WhosWhoStrip *m_whosWho = nullptr;
    QTimer m_clockTimer;
};

} // namespace idesk
