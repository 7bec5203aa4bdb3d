#include "incidentpage.h"

#include "cadenceindicator.h"
#include "commspage.h"
#include "diagnosticspage.h"
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
#include <QVBoxLayout>

namespace idesk {

IncidentPage::IncidentPage(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_header = new IncidentHeaderWidget(service, this);
    // Created in the order the focus goes through them: header, timeline, entry, roles.
    QWidget *incidentTab = createIncidentTab();
    m_cadence = new CadenceIndicator(service.clock(), this);

    auto *rule = new QFrame(this);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(incidentTab, tr("Incident"));
    // The other tabs start as empty holders that their page goes into when built.
    for (const QString &title : {tr("Comms"), tr("Diagnostics"), tr("Postmortem")}) {
        auto *holder = new QWidget(m_tabs);
        auto *holderLayout = new QVBoxLayout(holder);
        holderLayout->setContentsMargins(0, 0, 0, 0);
        m_tabs->addTab(holder, title);
    }
    // However a tab comes on screen (a click, Ctrl+Tab, a menu), it is built first.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) { buildTab(Tab(index)); });

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
    connect(m_cadence, &CadenceIndicator::reminderDue, this, &IncidentPage::reminderDue);
    // Our own commands: the service tells which incident changed.
    connect(&m_service, &IncidentService::incidentChanged, this, [this](qint64 id) {
        if (m_incidentId == id)
            refresh();
    });
    setUserName(Presentation::currentUserName());
}

QWidget *IncidentPage::createIncidentTab()
{
    m_timeline = new TimelineView(m_service, this);
    m_quickEntry = new QuickEntryBar(m_service, this);
    m_roles = new RolesPanel(m_service, this);

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

    auto *incidentTab = new QWidget(this);
    auto *incidentLayout = new QVBoxLayout(incidentTab);
    incidentLayout->setContentsMargins(0, 8, 0, 0);
    incidentLayout->addWidget(m_splitter);
    return incidentTab;
}

void IncidentPage::buildTab(Tab tab)
{
    switch (tab) {
    case Tab::Incident:
        break;
    case Tab::Comms:
        (void)commsPage();
        break;
    case Tab::Diagnostics:
        (void)diagnosticsPage();
        break;
    case Tab::Postmortem:
        (void)postmortemPage();
        break;
    }
}

IncidentPage::~IncidentPage()
{
    // A tab widget being torn down reports its tabs going one by one: nothing is built then.
    disconnect(m_tabs, nullptr, this, nullptr);
}

QWidget *IncidentPage::tabHolder(Tab tab) const
{
    return m_tabs->widget(int(tab));
}

void IncidentPage::placeInTab(Tab tab, QWidget *page)
{
    QWidget *holder = tabHolder(tab);
    holder->layout()->addWidget(page);
    // On screen now if its tab is, rather than on the layout's next turn of the event loop.
    if (holder->isVisible())
        page->show();
}

bool IncidentPage::isTabBuilt(Tab tab) const
{
    switch (tab) {
    case Tab::Incident:
        return true;
    case Tab::Comms:
        return m_comms != nullptr;
    case Tab::Diagnostics:
        return m_diagnostics != nullptr;
    case Tab::Postmortem:
        return m_postmortem != nullptr;
    }
    return false;
}

CommsPage *IncidentPage::commsPage()
{
    if (m_comms)
        return m_comms;
    m_comms = new CommsPage(m_service, tabHolder(Tab::Comms));
    connect(m_comms, &CommsPage::errorOccurred, this, &IncidentPage::errorOccurred);
    m_comms->setUserName(m_userName);
    m_comms->setDispatcher(m_integrations.updates);
    m_comms->setIncident(m_incidentId);
    placeInTab(Tab::Comms, m_comms);
    return m_comms;
}

DiagnosticsPage *IncidentPage::diagnosticsPage()
{
    if (m_diagnostics)
        return m_diagnostics;
    m_diagnostics = new DiagnosticsPage(m_service, tabHolder(Tab::Diagnostics));
    connect(m_diagnostics, &DiagnosticsPage::errorOccurred, this, &IncidentPage::errorOccurred);
    connect(m_diagnostics, &DiagnosticsPage::incidentDeclared, this,
        &IncidentPage::incidentDeclaredFromAlert);
    m_diagnostics->setUserName(m_userName);
    m_diagnostics->setIntegrations(m_integrations);
    m_diagnostics->setIncident(m_incidentId);
    placeInTab(Tab::Diagnostics, m_diagnostics);
    return m_diagnostics;
}

PostmortemPage *IncidentPage::postmortemPage()
{
    if (m_postmortem)
        return m_postmortem;
    m_postmortem = new PostmortemPage(m_service, tabHolder(Tab::Postmortem));
    connect(m_postmortem, &PostmortemPage::errorOccurred, this, &IncidentPage::errorOccurred);
    connect(m_postmortem, &PostmortemPage::exported, this, &IncidentPage::postmortemExported);
    connect(m_postmortem, &PostmortemPage::timelineEntryRequested, this, [this](qint64 entryId) {
        showIncidentTab();
        m_timeline->revealEntry(entryId);
        m_timeline->setFocus(Qt::OtherFocusReason);
    });
    connect(m_postmortem, &PostmortemPage::incidentRecordRequested, this,
        &IncidentPage::showIncidentTab);
    m_postmortem->setIncident(m_incidentId);
    placeInTab(Tab::Postmortem, m_postmortem);
    return m_postmortem;
}

void IncidentPage::setUserName(const QString &userName)
{
    m_userName = userName;
    m_header->setUserName(userName);
    m_timeline->setUserName(userName);
    m_quickEntry->setUserName(userName);
    m_roles->setUserName(userName);
    if (m_comms)
        m_comms->setUserName(userName);
    if (m_diagnostics)
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
    refreshCadence();
    if (m_postmortem)
        m_postmortem->setIncident(incidentId);
    if (m_comms)
        m_comms->setIncident(incidentId);
    if (m_diagnostics)
        m_diagnostics->setIncident(incidentId);
}

void IncidentPage::refresh()
{
    if (!m_incidentId)
        return;
    (void)m_header->refresh();
    (void)m_roles->refresh();
    (void)m_timeline->refresh();
    refreshCadence();
    // Each reads now if on screen, else when next shown.
    if (m_postmortem)
        m_postmortem->refresh();
    if (m_comms)
        m_comms->refresh();
    if (m_diagnostics)
        m_diagnostics->refresh();
}

void IncidentPage::refreshCadence()
{
    if (!m_incidentId) {
        m_cadence->clear();
        return;
    }
    IncidentParts parts;
    parts.statusUpdates = true;
    const auto incident = m_service.repository().loadIncidentParts(*m_incidentId, parts);
    const auto severities = m_service.repository().severities();
    if (!incident || !severities) {
        Q_EMIT errorOccurred(!incident ? incident.errorMessage() : severities.errorMessage());
        return;
    }
    m_cadence->setSnapshot(incident->header, incident->statusUpdates, *severities);
}

bool IncidentPage::showEntry(qint64 entryId)
{
    showIncidentTab();
    bool shown = m_timeline->selectEntry(entryId);
    if (!shown && !m_timeline->timelineModel()->requestedFilter().isEmpty()) {
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
    if (m_diagnostics)
        m_diagnostics->setIntegrations(access);
    if (m_comms)
        m_comms->setDispatcher(access.updates);
}

void IncidentPage::showTab(Tab tab)
{
    // Built before its tab comes on screen, so it shows complete at once.
    buildTab(tab);
    m_tabs->setCurrentIndex(int(tab));
}

IncidentPage::Tab IncidentPage::currentTab() const
{
    return Tab(m_tabs->currentIndex());
}

void IncidentPage::showIncidentTab()
{
    showTab(Tab::Incident);
}

void IncidentPage::showCommsTab()
{
    showTab(Tab::Comms);
}

void IncidentPage::showDiagnosticsTab()
{
    showTab(Tab::Diagnostics);
}

void IncidentPage::showPostmortemTab()
{
    showTab(Tab::Postmortem);
}

bool IncidentPage::isPostmortemShown() const
{
    return currentTab() == Tab::Postmortem;
}

void IncidentPage::flushEdits()
{
    // A Postmortem tab never built has no edits.
    if (m_postmortem)
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
