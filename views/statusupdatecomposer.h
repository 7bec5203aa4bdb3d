#pragma once

#include "incident.h"
#include "incidentservice.h"
#include "updatetemplates.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace idesk {
class UpdateDispatcher;
}

namespace idesk {

// Writes and posts a status update: headline status, impact, current actions and
// needs (conditions / actions / needs), audience and when the next one is due.
// Templates fill the fields from the incident; the comms lead can copy the update
// as plain text, Markdown or Slack mrkdwn, and save the fields as the template.
class StatusUpdateComposer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusUpdateComposer)

public:
    explicit StatusUpdateComposer(IncidentService &service, QWidget *parent = nullptr);

    void setUserName(const QString &name) { m_userName = name; }
    // Where posted updates may also go (webhook data sources); null: nowhere.
    void setDispatcher(UpdateDispatcher *dispatcher);
    // Re-reads the webhook list (after the data sources changed).
    void refreshTargets();
    // The webhook chosen in "Also send to", or empty for none.
    QString target() const;
    void setTarget(const QString &name);
    QComboBox *targetField() const { return m_target; }
    // The incident to write about, with how many updates it has had so far
    // (which decides the template offered first) and its severity's cadence.
    void setIncident(const IncidentHeader &incident, int postedUpdates, int cadenceMinutes);
    void clearIncident();

    void applyTemplate(UpdateTemplates::Moment moment, Audience audience);
    StatusUpdate draft() const;
    bool post();
    bool saveAsTemplate();
    QString errorText() const;

    QLineEdit *statusField() const { return m_status; }
    QPlainTextEdit *impactField() const { return m_impact; }
    QSpinBox *nextMinutesField() const { return m_nextMinutes; }

Q_SIGNALS:
    void posted();

private:
    void showMessage(const QString &message, bool error);
    void onDelivered(qint64 incidentId, qint64 updateId, bool delivered, const QString &reason);
    void copyAs(QString (*format)(const IncidentHeader &, const StatusUpdate &));
    UpdateTemplates::Moment currentMoment() const;
    Audience currentAudience() const;

    IncidentService &m_service;
    QString m_userName;
    std::optional<IncidentHeader> m_incident;
    QComboBox *m_moment = nullptr;
    QComboBox *m_audience = nullptr;
    QLineEdit *m_status = nullptr;
    QPlainTextEdit *m_impact = nullptr;
    QPlainTextEdit *m_actions = nullptr;
    QPlainTextEdit *m_needs = nullptr;
    QSpinBox *m_nextMinutes = nullptr;
    QLabel *m_message = nullptr;
    QComboBox *m_target = nullptr;
    UpdateDispatcher *m_dispatcher = nullptr;
};

} // namespace idesk
