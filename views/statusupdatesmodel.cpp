#include "statusupdatesmodel.h"

#include "presentation.h"
#include "statusupdatetext.h"

#include <algorithm>

namespace idesk {

StatusUpdatesModel::StatusUpdatesModel(QObject *parent) : QAbstractListModel(parent) { }

void StatusUpdatesModel::setIncident(const IncidentHeader &incident,
                                     const QList<StatusUpdate> &updates)
{
    QList<StatusUpdate> sorted = updates;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.at > b.at; });
    m_incident = incident;
    if (sorted == m_updates)
        return;
    // Posted updates are immutable and only ever added, so a reset is rare and cheap.
    beginResetModel();
    m_updates = sorted;
    endResetModel();
}

void StatusUpdatesModel::clear()
{
    beginResetModel();
    m_updates.clear();
    m_incident = {};
    endResetModel();
}

int StatusUpdatesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_updates.size());
}

QVariant StatusUpdatesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount())
        return {};
    const StatusUpdate &update = m_updates.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        QString line = tr("%1 · %2 · %3")
                               .arg(Presentation::localWithUtc(update.at), audienceName(update.audience),
                                    update.status);
        if (!update.impact.isEmpty())
            line += u'\n' + tr("Impact: %1").arg(update.impact);
        return line;
    }
    case Qt::ToolTipRole:
        return StatusUpdateText::plain(m_incident, update);
    case AtRole:
        return update.at;
    case AudienceRole:
        return audienceName(update.audience);
    default:
        return {};
    }
}

} // namespace idesk
