#include "roleassignmentsmodel.h"

#include "presentation.h"
#include "rolehistorytext.h"
#include "rowmerge.h"

#include <QFont>

#include <algorithm>

namespace idesk {

RoleAssignmentsModel::RoleAssignmentsModel(
    const IncidentRepository &repository, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository), m_clock(clock)
{
}

Result<QList<RoleAssignment>> RoleAssignmentsModel::load() const
{
    auto roles = m_repository.roles(*m_incidentId);
    if (!roles)
        return roles.error();
    QList<RoleAssignment> sorted = std::move(roles).value();
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return a.from != b.from ? a.from < b.from : a.id < b.id;
    });
    return sorted;
}

void RoleAssignmentsModel::setIncident(std::optional<qint64> incidentId)
{
    beginResetModel();
    m_incidentId = incidentId;
    m_rows.clear();
    QString error;
    if (m_incidentId) {
        auto loaded = load();
        if (loaded)
            m_rows = std::move(loaded).value();
        else
            error = loaded.errorMessage();
    }
    endResetModel();
    if (!error.isEmpty())
        Q_EMIT loadFailed(error);
}

VoidResult RoleAssignmentsModel::refresh()
{
    if (!m_incidentId)
        return {};
    auto loaded = load();
    if (!loaded) {
        Q_EMIT loadFailed(loaded.errorMessage());
        return loaded.error();
    }
    QList<RoleAssignment> fresh = std::move(loaded).value();
    const auto plan = planRowMerge(m_rows, fresh, [](const RoleAssignment &a) { return a.id; });
    if (!plan) {
        beginResetModel();
        m_rows = std::move(fresh);
        endResetModel();
        return {};
    }
    for (const auto &run : plan->inserts) {
        beginInsertRows({}, run.first, run.first + run.count - 1);
        m_rows.insert(run.first, run.count, RoleAssignment());
        std::copy_n(fresh.cbegin() + run.first, run.count, m_rows.begin() + run.first);
        endInsertRows();
    }
    for (int row : plan->changed)
        m_rows[row] = fresh.at(row);
    for (const auto &[first, last] : rowRanges(plan->changed))
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    return {};
}

int RoleAssignmentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RoleAssignmentsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoleAssignmentsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoleAssignment &a = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RoleColumn:
            return Roles::title(a.role);
        case PersonColumn:
            return a.person;
        case FromColumn:
            return Presentation::localTime(a.from, m_clock.now());
        case ToColumn:
            return RoleHistoryText::until(a, m_clock.now());
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == FromColumn)
            return Presentation::localWithUtc(a.from);
        if (index.column() == ToColumn && a.to)
            return Presentation::localWithUtc(*a.to);
        break;
    case Qt::FontRole:
        if (a.isCurrent()) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::ForegroundRole:
        if (!a.isCurrent())
            return Presentation::mutedTextColor();
        break;
    case AssignmentIdRole:
        return a.id;
    case RoleNameRole:
        return a.role;
    case PersonRole:
        return a.person;
    case FromRole:
        return a.from;
    case ToRole:
        return a.to.value_or(QDateTime());
    case IsCurrentRole:
        return a.isCurrent();
    case SortRole:
        switch (index.column()) {
        case RoleColumn:
            return a.role;
        case PersonColumn:
            return a.person;
        case FromColumn:
            return a.from.toMSecsSinceEpoch();
        case ToColumn:
            return a.to ? a.to->toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant RoleAssignmentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RoleColumn:
        return tr("Role");
    case PersonColumn:
        return tr("Person");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    }
    return {};
}

} // namespace idesk
