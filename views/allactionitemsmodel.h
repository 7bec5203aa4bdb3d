#pragma once

#include "clock.h"
#include "incidentrepository.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QSortFilterProxyModel>

#include <optional>

namespace idesk {

// Every incident's action items in one table, overdue ones marked (due before today and
// neither done nor won't-do). A value snapshot of IncidentRepository::allActionItems().
class AllActionItemsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AllActionItemsModel)

public:
    enum Column {
        IncidentColumn,
        TextColumn,
        TypeColumn,
        OwnerColumn,
        DueColumn,
        StatusColumn,
        LinkColumn,
        ColumnCount
    };
    enum Role {
        IncidentIdRole = Qt::UserRole + 1, // qint64
        NumberRole, // int, the item's number within its incident
        OwnerRole, // QString
        StatusRole, // int, ActionStatus
        OverdueRole, // bool
        SortRole, // raw value of the column
    };

    AllActionItemsModel(
        const IncidentRepository &repository, const Clock &clock, QObject *parent = nullptr);

    VoidResult refresh();
    const QList<ActionItemRow> &rows() const { return m_rows; }
    // Distinct owners, sorted case-insensitively (empty owners left out).
    QStringList owners() const;
    int overdueCount() const;
    void setToday(const QDate &today); // defaults to the clock's local date

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QDate today() const;

    const IncidentRepository &m_repository;
    const Clock &m_clock;
    QList<ActionItemRow> m_rows;
    QDate m_today;
};

// Filters AllActionItemsModel by owner and status, and sorts on its SortRole.
class ActionItemFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionItemFilterProxy)

public:
    enum class StatusFilter { Any, NotDone, Overdue, Open, InProgress, Done, WontDo };

    explicit ActionItemFilterProxy(QObject *parent = nullptr);

    // Empty: everyone. Compared case-insensitively; "unassigned" items match
    // UnassignedOwner.
    void setOwnerFilter(const QString &owner);
    QString ownerFilter() const { return m_owner; }
    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_status; }

    static QString unassignedOwner(); // a key no person's name can be

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_owner;
    StatusFilter m_status = StatusFilter::Any;
};

} // namespace idesk
