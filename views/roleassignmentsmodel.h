#pragma once

#include "clock.h"
#include "incidentrepository.h"

#include <QAbstractTableModel>

#include <optional>

namespace idesk {

// Who held which role and when, for the roles panel: every assignment of one
// incident in the order they began, current ones marked. A value snapshot of
// IncidentRepository::roles(); data() never queries.
class RoleAssignmentsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleAssignmentsModel)

public:
    enum Column { RoleColumn, PersonColumn, FromColumn, ToColumn, ColumnCount };
    enum Role {
        AssignmentIdRole = Qt::UserRole + 1, // qint64
        RoleNameRole, // "commander"
        PersonRole,
        FromRole, // QDateTime, UTC
        ToRole, // QDateTime, UTC; invalid while current
        IsCurrentRole, // bool
        SortRole, // raw value of the column
    };

    RoleAssignmentsModel(
        const IncidentRepository &repository, const Clock &clock, QObject *parent = nullptr);

    void setIncident(std::optional<qint64> incidentId);
    std::optional<qint64> incidentId() const { return m_incidentId; }
    // Re-reads the assignments: new ones are inserted, ended ones updated in place.
    VoidResult refresh();

    const QList<RoleAssignment> &assignments() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loadFailed(const QString &message);

private:
    Result<QList<RoleAssignment>> load() const;

    const IncidentRepository &m_repository;
    const Clock &m_clock;
    std::optional<qint64> m_incidentId;
    QList<RoleAssignment> m_rows;
};

} // namespace idesk
