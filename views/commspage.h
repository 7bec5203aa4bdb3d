#pragma once

#include "incidentservice.h"

#include <QWidget>

class QListView;
class QPushButton;

namespace idesk {

class CadenceIndicator;
class ChecklistModel;
class ChecklistTemplateDialog;
class StatusUpdateComposer;
class StatusUpdatesModel;
class UpdateDispatcher;

// The comms lead's tab (issue 4): the update countdown, the composer, the updates
// already posted, and the first-minutes checklist.
class CommsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommsPage)

public:
    explicit CommsPage(IncidentService &service, QWidget *parent = nullptr);

    void setUserName(const QString &name);
    // Webhook delivery of posted updates; null when there are no integrations.
    void setDispatcher(UpdateDispatcher *dispatcher);
    // Sends the selected posted update again (to the composer's webhook): what a
    // comms lead does after "not delivered".
    void resendSelected();
    QListView *updatesView() const { return m_updatesView; }
    QPushButton *resendButton() const { return m_resend; }
    // Reads the incident now, shown or not.
    void setIncident(std::optional<qint64> incidentId);
    // Re-reads the incident; but while the page's window is on screen and the page is
    // not (another tab is), only notes that it is stale and reads when shown: a change
    // notification comes with every write to the incident, mostly from the other tabs.
    void refresh();
    // Whether a refresh came while the page was hidden and is still to be read.
    bool isStale() const { return m_stale; }

    StatusUpdateComposer *composer() const { return m_composer; }
    CadenceIndicator *cadence() const { return m_cadence; }
    StatusUpdatesModel *updatesModel() const { return m_updates; }
    ChecklistModel *checklistModel() const { return m_checklist; }
    QListView *checklistView() const { return m_checklistView; }
    QPushButton *editChecklistButton() const { return m_editChecklist; }
    // Opens the checklist template editor on the open incident's severity (SEV-1 when
    // none is open); the checklist shown here follows what it saves.
    ChecklistTemplateDialog *editChecklistTemplates();

Q_SIGNALS:
    void errorOccurred(const QString &message);
    // The page read the incident (setIncident, a refresh on screen, or being shown stale).
    void reloaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void reload();

    IncidentService &m_service;
    std::optional<qint64> m_incidentId;
    CadenceIndicator *m_cadence = nullptr;
    StatusUpdateComposer *m_composer = nullptr;
    StatusUpdatesModel *m_updates = nullptr;
    ChecklistModel *m_checklist = nullptr;
    QListView *m_checklistView = nullptr;
    QPushButton *m_editChecklist = nullptr;
    QListView *m_updatesView = nullptr;
    QPushButton *m_resend = nullptr;
    UpdateDispatcher *m_dispatcher = nullptr;
    QString m_userName;
    bool m_stale = false;
    void updateResendButton();
};

} // namespace idesk
