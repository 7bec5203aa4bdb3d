#pragma once

#include "incidentservice.h"

#include <QAbstractTableModel>
#include <QDate>

#include <optional>

namespace idesk {

// One incident's action items, editable in place: text, type, owner, due date, status
// and link. A value snapshot set from the incident the page loaded; setData() sends the
// edit through IncidentService (validated, one transaction) and shows the new value
// only once it is stored. data() never queries.
class ActionItemsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionItemsModel)

public:
    enum Column {
        NumberColumn,
        TextColumn,
        TypeColumn,
        OwnerColumn,
        DueColumn,
        StatusColumn,
        LinkColumn,
        ColumnCount
    };
    enum Role {
        ItemIdRole = Qt::UserRole + 1, // qint64
        OverdueRole, // bool
        SortRole, // raw value of the column
    };

    explicit ActionItemsModel(IncidentService &service, QObject *parent = nullptr);

    void setIncident(std::optional<qint64> incidentId);
    std::optional<qint64> incidentId() const { return m_incidentId; }
    // Shows `items`: changed rows update in place (an open editor stays open), a
    // different set of items resets.
    void setItems(const QList<ActionItem> &items);
    const QList<ActionItem> &items() const { return m_items; }
    // "Today" for the overdue mark; defaults to the service clock's local date.
    void setToday(const QDate &today);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Edit role values: text, owner and link as QString; type and status as their
    // names ("detect", "in-progress"); due as a QDate (invalid clears it).
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    QDate today() const;

    IncidentService &m_service;
    std::optional<qint64> m_incidentId;
    QList<ActionItem> m_items;
    QDate m_today;
};

} // namespace idesk
