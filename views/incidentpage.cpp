#include "incidentpage.h"

#include "incidentheaderwidget.h"
#include "milestonedialog.h"
#include "postmortempage.h"
#include "presentation.h"
#include "quickentrybar.h"
#include "rolespanel.h"
#include "timelinefilterbar.h"
#include "timelinemodel.h"
#include "timelineview.h"

#include <QFrame>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>

#include "cadenceindicator.h"
#include "commspage.h"
#include "diagnosticspage.h"
#include <QVBoxLayout>

namespace idesk {

IncidentPage::IncidentPage(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_header = new IncidentHeaderWidget(service, this);
    m_timeline = new TimelineView(service, this);
    m_quickEntry = new QuickEntryBar(service, this);
    m_roles = new RolesPanel(service, this);
    m_postmortem = new PostmortemPage(service, this);
    m_comms = new CommsPage(service, this);
    m_diagnostics = new DiagnosticsPage(service, this);
    m_cadence = new CadenceIndicator(service.clock(), this);

    auto *timelineHeading = new QLabel(tr("Timeline"), this);
    Presentation::makeTitle(timelineHeading, 1);
    auto *timelinePane = new QWidget(this);
    auto *timelineLayout = new QVBoxLayout(timelinePane);
    timelineLayout->setContentsMargins(0, 0, 8, 0);
    timelineLayout->setSpacing(6);
    timelineLayout->addWidget(timelineHeading);
    m_timelineFilter = new TimelineFilterBar(m_timeline->timelineModel(), this);
    timelineLayout->addWidget(m_timelineFilter);
    timelineLayout->addWidget(m_timeline, 1);
    timelineLayout->addWidget(m_quickEntry);

    auto *rolesPane = new QWidget(this);
    auto *rolesLayout = new QVBoxLayout(rolesPane);
    rolesLayout->setContentsMargins(8, 0, 0, 0);
    rolesLayout->addWidget(m_roles);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(timelinePane);
    m_splitter->addWidget(rolesPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({1000, 360});

    auto *rule = new QFrame(this);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);

    auto *incidentTab = new QWidget(this);
    auto *incidentLayout = new QVBoxLayout(incidentTab);
    incidentLayout->setContentsMargins(0, 8, 0, 0);
    incidentLayout->addWidget(m_splitter);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(incidentTab, tr("Incident"));
    m_tabs->addTab(m_comms, tr("Comms"));
    m_tabs->addTab(m_diagnostics, tr("Diagnostics"));
    m_tabs->addTab(m_postmortem, tr("Postmortem"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addWidget(m_cadence);
    layout->addWidget(rule);
    layout->addWidget(m_tabs, 1);

    connect(m_header, &IncidentHeaderWidget::errorOccurred, this, &IncidentPage::errorOccurred);
    connect(m_roles, &RolesPanel::errorOccurred, this, &IncidentPage::errorOccurred);
    connect(m_timeline, &TimelineView::errorOccurred, this, &IncidentPage::errorOccurred);
    connect(m_header, &IncidentHeaderWidget::milestoneEditRequested, this,
        &IncidentPage::openMilestoneDialog);
    connect(m_header, &IncidentHeaderWidget::assignRoleRequested, m_roles,
        &RolesPanel::openAssignDialog);
    connect(m_quickEntry, &QuickEntryBar::entryLogged, m_timeline, &TimelineView::revealEntry);
    connect(m_postmortem, &PostmortemPage::errorOccurred, this, &IncidentPage::errorOccurred);
    connect(m_comms, &CommsPage::errorOccurred, this, &IncidentPage::errorOccurred);
    connect(m_diagnostics, &DiagnosticsPage::errorOccurred, this, &IncidentPage::errorOccurred);
    connect(m_diagnostics, &DiagnosticsPage::incidentDeclared, this,
        &IncidentPage::incidentDeclaredFromAlert);
    connect(m_comms, &CommsPage::cadenceSnapshotChanged, m_cadence, &CadenceIndicator::setSnapshot);
    connect(m_cadence, &CadenceIndicator::reminderDue, this, &IncidentPage::reminderDue);
    connect(m_postmortem, &PostmortemPage::timelineEntryRequested, this, [this](qint64 entryId) {
        showIncidentTab();
        m_timeline->revealEntry(entryId);
        m_timeline->setFocus(Qt::OtherFocusReason);
    });
    connect(m_postmortem, &PostmortemPage::incidentRecordRequested, this,
        &IncidentPage::showIncidentTab);
    // Our own commands: the service tells which incident changed.
    connect(&m_service, &IncidentService::incidentChanged, this, [this](qint64 id) {
        if (m_incidentId == id)
            refresh();
    });
    setUserName(Presentation::currentUserName());
}

void IncidentPage::setUserName(const QString &userName)
{
    m_userName = userName;
    m_header->setUserName(userName);
    m_timeline->setUserName(userName);
    m_quickEntry->setUserName(userName);
    m_roles->setUserName(userName);
    m_comms->setUserName(userName);
    m_diagnostics->setUserName(userName);
}

void IncidentPage::setIncident(std::optional<qint64> incidentId)
{
    if (incidentId == m_incidentId)
        return;
    m_incidentId = incidentId;
    m_header->setIncident(incidentId);
    m_timeline->timelineModel()->setIncident(incidentId);
    m_timeline->scrollToLatest();
    m_roles->setIncident(incidentId);
    m_quickEntry->setIncident(incidentId);
    m_postmortem->setIncident(incidentId);
    if (!incidentId)
        m_cadence->clear();
    m_comms->setIncident(incidentId);
    m_diagnostics->setIncident(incidentId);
}

void IncidentPage::refresh()
{
    if (!m_incidentId)
        return;
    (void)m_header->refresh();
    (void)m_roles->refresh();
    (void)m_timeline->refresh();
    m_postmortem->refresh();
    m_comms->refresh();
    m_diagnostics->refresh();
}

bool IncidentPage::showEntry(qint64 entryId)
{
    showIncidentTab();
    bool shown = m_timeline->selectEntry(entryId);
    if (!shown && !m_timeline->timelineModel()->filter().isEmpty()) {
        m_timelineFilter->clear();
        shown = m_timeline->selectEntry(entryId);
    }
    if (shown)
        m_timeline->setFocus(Qt::OtherFocusReason);
    return shown;
}

void IncidentPage::focusQuickEntry()
{
    showIncidentTab();
    m_quickEntry->setFocus(Qt::ShortcutFocusReason);
}

void IncidentPage::setIntegrations(const IntegrationAccess &access)
{
    m_integrations = access;
    m_diagnostics->setIntegrations(access);
    m_comms->setDispatcher(access.updates);
}

void IncidentPage::showIncidentTab()
{
    m_tabs->setCurrentIndex(0);
}

void IncidentPage::showCommsTab()
{
    m_tabs->setCurrentWidget(m_comms);
}

void IncidentPage::showDiagnosticsTab()
{
    m_tabs->setCurrentWidget(m_diagnostics);
}

void IncidentPage::showPostmortemTab()
{
    m_tabs->setCurrentWidget(m_postmortem);
}

bool IncidentPage::isPostmortemShown() const
{
    return m_tabs->currentWidget() == m_postmortem;
}

void IncidentPage::flushEdits()
{
    (void)m_postmortem->flushEdits();
}

void IncidentPage::popUpSeverity()
{
    m_header->popUpSeverity();
}

void IncidentPage::popUpStatus()
{
    m_header->popUpStatus();
}

void IncidentPage::openAssignDialog()
{
    m_roles->openAssignDialog();
}

void IncidentPage::openMilestoneDialog(Milestone milestone)
{
    if (!m_incidentId || !m_header->header())
        return;
    auto *dialog = new MilestoneDialog(
        m_service, *m_incidentId, m_header->header()->milestones, milestone, m_userName, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace idesk
