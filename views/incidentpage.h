#pragma once

#include "incidentservice.h"
#include "integrationaccess.h"

#include <QWidget>

#include <optional>

class QSplitter;
class QTabWidget;

namespace idesk {

class IncidentHeaderWidget;
class CadenceIndicator;
class CommsPage;
class DiagnosticsPage;
class PostmortemPage;
class QuickEntryBar;
class RolesPanel;
class TimelineFilterBar;
class TimelineView;

// One incident: the header (with the status-update countdown) on top, then four
// tabs: "Incident" (the timeline with the quick entry under it and the roles panel
// beside), "Comms" (CommsPage: updates and checklist), "Diagnostics" (DiagnosticsPage:
// queries, packs, pinned snapshots, alerts) and "Postmortem" (PostmortemPage).
// Composes those widgets and keeps them on the same incident; refresh() re-reads them
// without touching scroll, typing or focus.
//
// Only the Incident tab is built with the page: the other three are built when first
// shown or first asked for (their accessors build them), so a window opens without
// paying for tabs nobody looked at. A built tab that is not on screen reads the
// incident when it is shown again, not on every change.
class IncidentPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentPage)

public:
    // The tabs in their order.
    enum class Tab { Incident, Comms, Diagnostics, Postmortem };

    explicit IncidentPage(IncidentService &service, QWidget *parent = nullptr);
    ~IncidentPage() override;

    void setUserName(const QString &userName);
    void setIntegrations(const IntegrationAccess &access);
    void setIncident(std::optional<qint64> incidentId);
    std::optional<qint64> incidentId() const { return m_incidentId; }
    void refresh();

    void focusQuickEntry();
    void popUpSeverity();
    void popUpStatus();
    void openAssignDialog();
    void openMilestoneDialog(Milestone milestone = Milestone::Mitigated);
    // Shows a tab, building it first if it is not built yet.
    void showTab(Tab tab);
    Tab currentTab() const;
    bool isTabBuilt(Tab tab) const;
    void showIncidentTab();
    void showPostmortemTab();
    bool isPostmortemShown() const;
    // Saves what the postmortem form has pending (a closing window calls it).
    void flushEdits();

    IncidentHeaderWidget *header() const { return m_header; }
    TimelineView *timeline() const { return m_timeline; }
    TimelineFilterBar *timelineFilter() const { return m_timelineFilter; }
    // Shows the Incident tab with the entry selected (clearing a timeline filter
    // that hides it); false when the incident has no such entry.
    bool showEntry(qint64 entryId);
    QuickEntryBar *quickEntry() const { return m_quickEntry; }
    RolesPanel *rolesPanel() const { return m_roles; }
    // The tabs' pages, built on first use (without showing their tab).
    PostmortemPage *postmortemPage();
    CommsPage *commsPage();
    DiagnosticsPage *diagnosticsPage();
    CadenceIndicator *cadence() const { return m_cadence; }
    void showCommsTab();
    void showDiagnosticsTab();
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    void errorOccurred(const QString &message);
    // A status update is due (once, then again while it stays overdue).
    void reminderDue(qint64 incidentId, const QString &message);
    // An incident was declared from an alert on the Diagnostics tab (the window may select it).
    void incidentDeclaredFromAlert(qint64 incidentId);
    // The Postmortem tab exported the postmortem to `path`.
    void postmortemExported(const QString &path);

private:
    QWidget *createIncidentTab();
    void buildTab(Tab tab);
    QWidget *tabHolder(Tab tab) const;
    void placeInTab(Tab tab, QWidget *page);
    // The header's countdown: from the header and the updates alone, whichever tab shows.
    void refreshCadence();

    IntegrationAccess m_integrations;
    IncidentService &m_service;
    QString m_userName;
    std::optional<qint64> m_incidentId;
    IncidentHeaderWidget *m_header = nullptr;
    TimelineView *m_timeline = nullptr;
    TimelineFilterBar *m_timelineFilter = nullptr;
    QuickEntryBar *m_quickEntry = nullptr;
    RolesPanel *m_roles = nullptr;
    QSplitter *m_splitter = nullptr;
    // Built on first use; until then their tab shows an empty holder.
    PostmortemPage *m_postmortem = nullptr;
    CommsPage *m_comms = nullptr;
    DiagnosticsPage *m_diagnostics = nullptr;
    CadenceIndicator *m_cadence = nullptr;
    QTabWidget *m_tabs = nullptr;
};

} // namespace idesk
