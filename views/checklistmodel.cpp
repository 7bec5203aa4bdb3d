#include "checklistmodel.h"

#include "presentation.h"

namespace idesk {

ChecklistModel::ChecklistModel(IncidentService &service, QObject *parent)
    : QAbstractListModel(parent), m_service(service)
{
}

void ChecklistModel::setIncident(const Incident &incident)
{
    QList<Checklist::Item> items = Checklist::defaultTemplate(incident.header.severity);
    if (const auto stored = m_service.repository().setting(Checklist::settingKey(incident.header.severity));
        stored && !stored->isEmpty()) {
        if (auto parsed = Checklist::parse(*stored))
            items = *parsed;
        else
            Q_EMIT errorOccurred(tr("The stored checklist for %1 is unreadable (%2); showing the "
                                    "built-in one.")
                                         .arg(SeverityDefinition::severityName(incident.header.severity),
                                              parsed.errorMessage()));
    }
    const auto states = Checklist::evaluate(items, incident);
    const bool sameShape = incident.header.id == m_incidentId && states.size() == m_states.size();
    m_incidentId = incident.header.id;
    if (sameShape) {
        m_states = states;
        if (!m_states.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_states.size()) - 1));
        return;
    }
    beginResetModel();
    m_states = states;
    endResetModel();
}

void ChecklistModel::clear()
{
    beginResetModel();
    m_states.clear();
    m_incidentId = 0;
    endResetModel();
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_states.size());
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount())
        return {};
    const auto &state = m_states.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return state.item.text;
    case Qt::CheckStateRole:
        return state.done ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        if (!state.done)
            return state.item.autoCheck == Checklist::AutoCheck::None
                    ? tr("Tick it when done; the tick goes on the timeline.")
                    : tr("Ticks itself when the app sees it done.");
        if (state.automatic)
            return tr("Done (seen by the app)%1")
                    .arg(state.at ? tr(" at %1").arg(Presentation::localWithUtc(*state.at)) : QString());
        return tr("Ticked by %1 at %2").arg(state.by, Presentation::localWithUtc(*state.at));
    case Qt::ForegroundRole:
        return state.done ? QVariant(Presentation::mutedTextColor()) : QVariant();
    default:
        return {};
    }
}

Qt::ItemFlags ChecklistModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!m_states.at(index.row()).automatic)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

bool ChecklistModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !(flags(index) & Qt::ItemIsUserCheckable))
        return false;
    const Checklist::Item item = m_states.at(index.row()).item;
    const bool ticked = value.toInt() == Qt::Checked;
    if (ticked == m_states.at(index.row()).done)
        return false;
    const QDateTime now = m_service.clock().now();
    const auto written = m_service.logEntry(m_incidentId,
                                            Checklist::tickEntry(item, ticked, m_userName, now));
    if (!written) {
        Q_EMIT errorOccurred(written.errorMessage());
        return false;
    }
    // The service's change signal may already have reloaded the rows; if not, show
    // the tick at once until the next refresh reads it back from the timeline.
    auto &state = m_states[index.row()];
    if (state.done != ticked) {
        state.done = ticked;
        state.by = ticked ? m_userName : QString();
        state.at = ticked ? std::optional(now) : std::nullopt;
    }
    Q_EMIT dataChanged(index, index);
    return true;
}

} // namespace idesk
