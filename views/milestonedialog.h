#pragma once

#include "incidentservice.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;

namespace idesk {

// Sets or clears one milestone of an incident, at now or an earlier time
// (local time in the editor). A refusal is shown inline; the dialog stays open.
class MilestoneDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MilestoneDialog)

public:
    MilestoneDialog(IncidentService &service, qint64 incidentId, const Milestones &current,
        Milestone milestone, const QString &userName, QWidget *parent = nullptr);

    QComboBox *milestoneCombo() const { return m_milestone; }
    QDateTimeEdit *timeEdit() const { return m_time; }
    QPushButton *clearButton() const { return m_clear; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override; // sets the milestone at the edited time
    void clearMilestone();

private:
    Milestone selected() const;
    void showSelected();
    void apply(std::optional<QDateTime> at);

    IncidentService &m_service;
    qint64 m_incidentId;
    Milestones m_current;
    QString m_userName;
    QComboBox *m_milestone = nullptr;
    QLabel *m_currentLabel = nullptr;
    QDateTimeEdit *m_time = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace idesk
