#pragma once

#include "incidentservice.h"

#include <QMap>
#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QPushButton;
class QTableView;

namespace idesk {

class RoleAssignmentsModel;

// Who holds each role now (commander, tech lead, comms lead, scribe and any
// custom role), with an Assign / Hand off button per role, and the history of
// every assignment underneath.
class RolesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolesPanel)

public:
    explicit RolesPanel(IncidentService &service, QWidget *parent = nullptr);

    void setUserName(const QString &userName) { m_userName = userName; }
    void setIncident(std::optional<qint64> incidentId);
    VoidResult refresh();

    // Opens the assign dialog for `role` (empty: the user picks).
    void openAssignDialog(const QString &role = {});

    RoleAssignmentsModel *model() const { return m_model; }
    QTableView *historyView() const { return m_history; }
    QString holderText(const QString &role) const;
    QPushButton *assignButton(const QString &role) const;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        QLabel *person = nullptr;
        QPushButton *button = nullptr;
    };
    void updateHolders();
    Row &rowFor(const QString &role);

    IncidentService &m_service;
    QString m_userName;
    std::optional<qint64> m_incidentId;
    RoleAssignmentsModel *m_model = nullptr;
    QGridLayout *m_holders = nullptr;
    QMap<QString, Row> m_rows;
    QPushButton *m_assignOther = nullptr;
    QTableView *m_history = nullptr;
};

} // namespace idesk
