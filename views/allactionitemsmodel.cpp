#include "allactionitemsmodel.h"

#include "presentation.h"

#include <QFont>

#include <algorithm>
#include <limits>

namespace idesk {

AllActionItemsModel::AllActionItemsModel(
    const IncidentRepository &repository, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository), m_clock(clock)
{
}

VoidResult AllActionItemsModel::refresh()
{
    auto rows = m_repository.allActionItems();
    if (!rows)
        return rows.error();
    const auto same = [](const ActionItemRow &a, const ActionItemRow &b) {
        return a.incidentId == b.incidentId && a.number == b.number
            && a.incidentTitle == b.incidentTitle && a.item == b.item;
    };
    if (std::equal(rows->cbegin(), rows->cend(), m_rows.cbegin(), m_rows.cend(), same))
        return {};
    // A list across incidents changes shape with any edit anywhere; a reset is simplest
    // and the window restores its selection by (incident, number).
    beginResetModel();
    m_rows = std::move(rows).value();
    endResetModel();
    return {};
}

QStringList AllActionItemsModel::owners() const
{
    QStringList names;
    for (const auto &row : m_rows) {
        const QString owner = row.item.owner.trimmed();
        if (!owner.isEmpty() && !names.contains(owner, Qt::CaseInsensitive))
            names.append(owner);
    }
    std::sort(names.begin(), names.end(),
        [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return names;
}

int AllActionItemsModel::overdueCount() const
{
    const QDate day = today();
    return int(std::count_if(m_rows.begin(), m_rows.end(),
        [&](const ActionItemRow &row) { return Presentation::isOverdue(row.item, day); }));
}

void AllActionItemsModel::setToday(const QDate &day)
{
    m_today = day;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

QDate AllActionItemsModel::today() const
{
    return m_today.isValid() ? m_today : m_clock.now().toLocalTime().date();
}

int AllActionItemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AllActionItemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AllActionItemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActionItemRow &row = m_rows.at(index.row());
    const ActionItem &item = row.item;
    const bool overdue = Presentation::isOverdue(item, today());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IncidentColumn:
            return tr("%1 #%2 %3")
                .arg(formatIncidentId(row.incidentId))
                .arg(row.number)
                .arg(row.incidentTitle);
        case TextColumn:
            return item.text;
        case TypeColumn:
            return Presentation::actionTypeTitle(item.type);
        case OwnerColumn:
            return item.owner.isEmpty() ? tr("unassigned") : item.owner;
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
    case Qt::ToolTipRole:
        if (index.column() == IncidentColumn)
            return tr("Double-click to open %1").arg(formatIncidentId(row.incidentId));
        if (index.column() == TextColumn)
            return item.text;
        if (overdue && index.column() == DueColumn)
            return tr("Overdue: due %1 and still %2.")
                .arg(item.due->toString(Qt::ISODate),
                    Presentation::actionStatusTitle(item.status).toLower());
        break;
    case Qt::ForegroundRole:
        if (overdue && index.column() != LinkColumn)
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
    case IncidentIdRole:
        return row.incidentId;
    case NumberRole:
        return row.number;
    case OwnerRole:
        return item.owner;
    case StatusRole:
        return int(item.status);
    case OverdueRole:
        return overdue;
    case SortRole:
        switch (index.column()) {
        case IncidentColumn:
            return row.incidentId * 100'000 + row.number;
        case TypeColumn:
            return int(item.type);
        case DueColumn:
            return item.due ? item.due->toJulianDay() : std::numeric_limits<qint64>::max();
        case StatusColumn:
            return int(item.status);
        case OwnerColumn:
            return item.owner.toCaseFolded();
        case TextColumn:
            return item.text.toCaseFolded();
        case LinkColumn:
            return item.link.value_or(QString());
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant AllActionItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IncidentColumn:
        return tr("Incident");
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

ActionItemFilterProxy::ActionItemFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(AllActionItemsModel::SortRole);
}

QString ActionItemFilterProxy::unassignedOwner()
{
    return QStringLiteral("\x01unassigned");
}

void ActionItemFilterProxy::setOwnerFilter(const QString &owner)
{
    if (owner == m_owner)
        return;
    m_owner = owner;
    invalidateFilter();
}

void ActionItemFilterProxy::setStatusFilter(StatusFilter filter)
{
    if (filter == m_status)
        return;
    m_status = filter;
    invalidateFilter();
}

bool ActionItemFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString owner = index.data(AllActionItemsModel::OwnerRole).toString().trimmed();
    if (m_owner == unassignedOwner()) {
        if (!owner.isEmpty())
            return false;
    } else if (!m_owner.isEmpty() && owner.compare(m_owner, Qt::CaseInsensitive) != 0) {
        return false;
    }
    const auto status = ActionStatus(index.data(AllActionItemsModel::StatusRole).toInt());
    switch (m_status) {
    case StatusFilter::Any:
        return true;
    case StatusFilter::NotDone:
        return status == ActionStatus::Open || status == ActionStatus::InProgress;
    case StatusFilter::Overdue:
        return index.data(AllActionItemsModel::OverdueRole).toBool();
    case StatusFilter::Open:
        return status == ActionStatus::Open;
    case StatusFilter::InProgress:
        return status == ActionStatus::InProgress;
    case StatusFilter::Done:
        return status == ActionStatus::Done;
    case StatusFilter::WontDo:
        return status == ActionStatus::WontDo;
    }
    return true;
}

} // namespace idesk
