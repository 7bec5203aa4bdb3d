#include "commspage.h"

#include "cadenceindicator.h"
#include "checklist.h"
#include "checklistmodel.h"
#include "checklisttemplatedialog.h"
#include "presentation.h"
#include "statusupdatecomposer.h"
#include "statusupdatesmodel.h"
#include "updatedelivery.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace idesk {

namespace {
QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    Presentation::makeTitle(label, 1);
    return label;
}
} // namespace

CommsPage::CommsPage(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_cadence = new CadenceIndicator(service.clock(), this);
    Presentation::makeTitle(m_cadence, 1);
    m_composer = new StatusUpdateComposer(service, this);
    m_updates = new StatusUpdatesModel(this);
    auto *updatesView = m_updatesView = new QListView(this);
    updatesView->setModel(m_updates);
    updatesView->setWordWrap(true);
    updatesView->setAlternatingRowColors(true);
    updatesView->setSpacing(2);
    m_checklist = new ChecklistModel(service, this);
    m_checklistView = new QListView(this);
    m_checklistView->setModel(m_checklist);
    m_checklistView->setAlternatingRowColors(true);
    m_checklistView->setWordWrap(true);
    m_checklistView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_checklistView->setResizeMode(QListView::Adjust);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 8, 0);
    leftLayout->addWidget(heading(tr("Status update"), left));
    leftLayout->addWidget(m_cadence);
    leftLayout->addWidget(m_composer);
    leftLayout->addWidget(heading(tr("Posted updates"), left));
    leftLayout->addWidget(updatesView, 1);
    m_resend = new QPushButton(tr("&Resend selected update"), left);
    m_resend->setToolTip(tr("Sends the selected update again to the webhook chosen above, "
                            "e.g. after it was not delivered."));
    m_resend->setEnabled(false);
    auto *resendRow = new QHBoxLayout;
    resendRow->addStretch(1);
    resendRow->addWidget(m_resend);
    leftLayout->addLayout(resendRow);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    m_editChecklist = new QPushButton(tr("Edit checklist…"), right);
    m_editChecklist->setToolTip(tr("Edit the team's checklist for each severity"));
    m_editChecklist->setAutoDefault(false);
    connect(m_editChecklist, &QPushButton::clicked, this, [this] { editChecklistTemplates(); });
    auto *checklistHeading = new QHBoxLayout;
    checklistHeading->addWidget(heading(tr("First-minutes checklist"), right), 1);
    checklistHeading->addWidget(m_editChecklist);
    rightLayout->addLayout(checklistHeading);
    auto *hint
        = new QLabel(tr("Ticks go on the timeline. Role and update items tick themselves."), right);
    hint->setWordWrap(true);
    Presentation::makeMuted(hint);
    rightLayout->addWidget(hint);
    rightLayout->addWidget(m_checklistView, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({640, 380});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(splitter);

    connect(m_checklist, &ChecklistModel::errorOccurred, this, &CommsPage::errorOccurred);
    // Our own actions are read back at once; refresh() is for notifications.
    connect(m_composer, &StatusUpdateComposer::posted, this, &CommsPage::reload);
    connect(m_resend, &QPushButton::clicked, this, &CommsPage::resendSelected);
    connect(updatesView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &CommsPage::updateResendButton);
    connect(m_composer->targetField(), &QComboBox::currentIndexChanged, this,
        &CommsPage::updateResendButton);
}

void CommsPage::setDispatcher(UpdateDispatcher *dispatcher)
{
    if (m_dispatcher)
        disconnect(m_dispatcher, nullptr, this, nullptr);
    m_dispatcher = dispatcher;
    m_composer->setDispatcher(dispatcher);
    if (m_dispatcher) {
        // The outcome is on the timeline by now; show it in the list.
        connect(m_dispatcher, &UpdateDispatcher::finished, this, [this](qint64 incidentId) {
            if (m_incidentId == incidentId)
                refresh();
        });
    }
    updateResendButton();
}

void CommsPage::updateResendButton()
{
    const bool canSend = m_dispatcher && m_updatesView->currentIndex().isValid()
        && !m_composer->target().isEmpty();
    m_resend->setEnabled(canSend);
}

void CommsPage::resendSelected()
{
    const QModelIndex current = m_updatesView->currentIndex();
    if (!m_dispatcher || !m_incidentId || !current.isValid() || m_composer->target().isEmpty())
        return;
    m_dispatcher->deliver(*m_incidentId,
        current.data(StatusUpdatesModel::UpdateIdRole).toLongLong(), m_composer->target(),
        m_userName);
}

void CommsPage::setUserName(const QString &name)
{
    m_userName = name;
    m_composer->setUserName(name);
    m_checklist->setUserName(name);
}

void CommsPage::setIncident(std::optional<qint64> incidentId)
{
    m_incidentId = incidentId;
    if (!incidentId) {
        m_cadence->clear();
        m_composer->clearIncident();
        m_updates->clear();
        m_checklist->clear();
        m_stale = false;
        return;
    }
    reload();
}

void CommsPage::refresh()
{
    // Only a page behind another tab of a window on screen waits; one in no window on
    // screen (not shown yet, or on its own) reads now, as callers of refresh() expect.
    if (!isVisible() && window()->isVisible()) {
        m_stale = m_incidentId.has_value();
        return;
    }
    reload();
}

void CommsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void CommsPage::reload()
{
    m_stale = false;
    if (!m_incidentId)
        return;
    // Not the whole timeline: of it, the checklist reads its ticks and the updates
    // list their deliveries.
    IncidentParts parts;
    parts.roles = true;
    parts.statusUpdates = true;
    parts.linkedEntries = {Checklist::kTickLink, Checklist::kUntickLink, DeliveryLinks::Delivered,
        DeliveryLinks::NotDelivered};
    const auto incident = m_service.repository().loadIncidentParts(*m_incidentId, parts);
    const auto severities = m_service.repository().severities();
    if (!incident || !severities) {
        Q_EMIT errorOccurred(!incident ? incident.errorMessage() : severities.errorMessage());
        return;
    }
    int cadenceMinutes = 0;
    for (const auto &severity : *severities) {
        if (severity.level == incident->header.severity)
            cadenceMinutes = severity.cadenceMinutes;
    }
    m_cadence->setSnapshot(incident->header, incident->statusUpdates, *severities);
    m_composer->setIncident(incident->header, int(incident->statusUpdates.size()), cadenceMinutes);
    m_updates->setIncident(
        incident->header, incident->statusUpdates, latestDeliveries(incident->timeline));
    updateResendButton();
    m_checklist->setIncident(*incident);
    Q_EMIT reloaded();
}

ChecklistTemplateDialog *CommsPage::editChecklistTemplates()
{
    int severity = 1;
    if (m_incidentId) {
        if (const auto header = m_service.repository().loadHeader(*m_incidentId))
            severity = header->severity;
    }
    auto *dialog = new ChecklistTemplateDialog(m_service, severity, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ChecklistTemplateDialog::saved, this, &CommsPage::reload);
    dialog->open();
    return dialog;
}

} // namespace idesk
