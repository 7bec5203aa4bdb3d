#pragma once

#include "incidentservice.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;

namespace idesk {

// Assigns a role, or hands it off when someone holds it: role (standard or a
// custom name), person, time (now unless backdated) and an optional handoff note.
class AssignRoleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssignRoleDialog)

public:
    AssignRoleDialog(IncidentService &service, qint64 incidentId,
        const QList<RoleAssignment> &roles, const QString &role, const QString &userName,
        QWidget *parent = nullptr);

    QComboBox *roleCombo() const { return m_role; }
    QLineEdit *personEdit() const { return m_person; }
    QCheckBox *backdateCheck() const { return m_backdate; }
    QDateTimeEdit *timeEdit() const { return m_time; }
    QLineEdit *noteEdit() const { return m_note; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    QString selectedRole() const;
    void showHolder();

    IncidentService &m_service;
    qint64 m_incidentId;
    QList<RoleAssignment> m_roles;
    QString m_userName;
    QComboBox *m_role = nullptr;
    QLabel *m_holder = nullptr;
    QLineEdit *m_person = nullptr;
    QCheckBox *m_backdate = nullptr;
    QDateTimeEdit *m_time = nullptr;
    QLineEdit *m_note = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace idesk
