#pragma once

#include "incidentservice.h"

#include <QWidget>

#include <optional>

class QSplitter;

namespace idesk {

class IncidentHeaderWidget;
class QuickEntryBar;
class RolesPanel;
class TimelineView;

// One incident: the header on top, the timeline with the quick entry under it,
// and the roles panel beside. Composes those widgets and keeps them on the same
// incident; refresh() re-reads all three without touching scroll, typing or focus.
class IncidentPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentPage)

public:
    explicit IncidentPage(IncidentService &service, QWidget *parent = nullptr);

    void setUserName(const QString &userName);
    void setIncident(std::optional<qint64> incidentId);
    std::optional<qint64> incidentId() const { return m_incidentId; }
    void refresh();

    void focusQuickEntry();
    void popUpSeverity();
    void popUpStatus();
    void openAssignDialog();
    void openMilestoneDialog(Milestone milestone = Milestone::Mitigated);

    IncidentHeaderWidget *header() const { return m_header; }
    TimelineView *timeline() const { return m_timeline; }
    QuickEntryBar *quickEntry() const { return m_quickEntry; }
    RolesPanel *rolesPanel() const { return m_roles; }

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    IncidentService &m_service;
    QString m_userName;
    std::optional<qint64> m_incidentId;
    IncidentHeaderWidget *m_header = nullptr;
    TimelineView *m_timeline = nullptr;
    QuickEntryBar *m_quickEntry = nullptr;
    RolesPanel *m_roles = nullptr;
    QSplitter *m_splitter = nullptr;
};

} // namespace idesk
