#include "actionitemsmodel.h"

#include "presentation.h"

#include <QFont>

#include <limits>

namespace idesk {

ActionItemsModel::ActionItemsModel(IncidentService &service, QObject *parent)
    : QAbstractTableModel(parent), m_service(service)
{
}

void ActionItemsModel::setIncident(std::optional<qint64> incidentId)
{
    if (incidentId == m_incidentId)
        return;
    beginResetModel();
    m_incidentId = incidentId;
    m_items.clear();
    endResetModel();
}

void ActionItemsModel::setItems(const QList<ActionItem> &items)
{
    bool sameRows = items.size() == m_items.size();
    for (qsizetype i = 0; sameRows && i < items.size(); ++i)
        sameRows = items[i].id == m_items[i].id;
    if (!sameRows) {
        beginResetModel();
        m_items = items;
        endResetModel();
        return;
    }
    for (int row = 0; row < items.size(); ++row) {
        if (items[row] == m_items[row])
            continue;
        m_items[row] = items[row];
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void ActionItemsModel::setToday(const QDate &today)
{
    m_today = today;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_items.size()) - 1, ColumnCount - 1));
}

QDate ActionItemsModel::today() const
{
    return m_today.isValid() ? m_today : m_service.clock().now().toLocalTime().date();
}

int ActionItemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int ActionItemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActionItemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActionItem &item = m_items.at(index.row());
    const bool overdue = Presentation::isOverdue(item, today());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return index.row() + 1;
        case TextColumn:
            return item.text;
        case TypeColumn:
            return Presentation::actionTypeTitle(item.type);
        case OwnerColumn:
            return item.owner;
        case DueColumn:
            if (!item.due)
                return QString();
            return overdue ? tr("%1 (overdue)").arg(item.due->toString(Qt::ISODate))
                           : item.due->toString(Qt::ISODate);
        case StatusColumn:
            return Presentation::actionStatusTitle(item.status);
        case LinkColumn:
            return item.link.value_or(QString());
        }
        break;
    case Qt::EditRole:
        switch (index.column()) {
        case NumberColumn:
            return index.row() + 1;
        case TextColumn:
            return item.text;
        case TypeColumn:
            return actionTypeName(item.type);
        case OwnerColumn:
            return item.owner;
        case DueColumn:
            return item.due.value_or(QDate());
        case StatusColumn:
            return actionStatusName(item.status);
        case LinkColumn:
            return item.link.value_or(QString());
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TextColumn)
            return item.text;
        if (index.column() == DueColumn && overdue)
            return tr("Overdue: due %1 and still %2.")
                .arg(item.due->toString(Qt::ISODate),
                    Presentation::actionStatusTitle(item.status).toLower());
        if (index.column() == DueColumn)
            return tr("Double-click to pick a date; Delete clears it.");
        break;
    case Qt::ForegroundRole:
        if (overdue && (index.column() == DueColumn || index.column() == StatusColumn))
            return Presentation::errorTextColor();
        if (item.status == ActionStatus::Done || item.status == ActionStatus::WontDo)
            return Presentation::mutedTextColor();
        if (index.column() == OwnerColumn && item.owner.isEmpty())
            return Presentation::mutedTextColor();
        break;
    case Qt::FontRole:
        if (overdue && index.column() == DueColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ItemIdRole:
        return item.id;
    case OverdueRole:
        return overdue;
    case SortRole:
        switch (index.column()) {
        case NumberColumn:
            return index.row();
        case DueColumn:
            return item.due ? item.due->toJulianDay() : std::numeric_limits<qint64>::max();
        case TypeColumn:
            return int(item.type);
        case StatusColumn:
            return int(item.status);
        default:
            return data(index, Qt::EditRole);
        }
    default:
        break;
    }
    return {};
}

QVariant ActionItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("#");
    case TextColumn:
        return tr("Action");
    case TypeColumn:
        return tr("Type");
    case OwnerColumn:
        return tr("Owner");
    case DueColumn:
        return tr("Due");
    case StatusColumn:
        return tr("Status");
    case LinkColumn:
        return tr("Link");
    }
    return {};
}

Qt::ItemFlags ActionItemsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() != NumberColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool ActionItemsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !m_incidentId
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    ActionItem item = m_items.at(index.row());
    switch (index.column()) {
    case TextColumn:
        item.text = value.toString();
        break;
    case TypeColumn: {
        const auto type = parseActionType(value.toString());
        if (!type)
            return false;
        item.type = *type;
        break;
    }
    case OwnerColumn:
        item.owner = value.toString();
        break;
    case DueColumn: {
        const QDate due = value.toDate();
        item.due = due.isValid() ? std::optional(due) : std::nullopt;
        break;
    }
    case StatusColumn: {
        const auto status = parseActionStatus(value.toString());
        if (!status)
            return false;
        item.status = *status;
        break;
    }
    case LinkColumn: {
        const QString link = value.toString().trimmed();
        item.link = link.isEmpty() ? std::nullopt : std::optional(link);
        break;
    }
    default:
        return false;
    }
    const auto updated = m_service.updateActionItem(*m_incidentId, index.row() + 1, item);
    if (!updated) {
        Q_EMIT errorOccurred(updated.errorMessage());
        return false;
    }
    // Shown at once; the refresh that follows the service's incidentChanged confirms it
    // (with the store's normalised value).
    item.text = item.text.trimmed();
    item.owner = item.owner.trimmed();
    if (!(m_items[index.row()] == item)) {
        m_items[index.row()] = item;
        Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    }
    return true;
}

} // namespace idesk
