#include "statusupdatesmodel.h"

#include "presentation.h"
#include "statusupdatetext.h"

#include <QBrush>
#include <QPalette>

#include <algorithm>

namespace idesk {

StatusUpdatesModel::StatusUpdatesModel(QObject *parent) : QAbstractListModel(parent) { }

void StatusUpdatesModel::setIncident(const IncidentHeader &incident,
                                     const QList<StatusUpdate> &updates,
                                     const QHash<qint64, DeliveryOutcome> &deliveries)
{
    QList<StatusUpdate> sorted = updates;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.at > b.at; });
    m_incident = incident;
    if (sorted == m_updates) {
        if (deliveries != m_deliveries) {
            m_deliveries = deliveries;
            if (!m_updates.isEmpty())
                Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        }
        return;
    }
    m_deliveries = deliveries;
    // Posted updates are immutable and only ever added, so a reset is rare and cheap.
    beginResetModel();
    m_updates = sorted;
    endResetModel();
}

void StatusUpdatesModel::clear()
{
    beginResetModel();
    m_updates.clear();
    m_deliveries.clear();
    m_incident = {};
    endResetModel();
}

std::optional<DeliveryOutcome> StatusUpdatesModel::deliveryAt(int row) const
{
    if (row < 0 || row >= m_updates.size())
        return std::nullopt;
    const auto found = m_deliveries.constFind(m_updates.at(row).id);
    if (found == m_deliveries.cend())
        return std::nullopt;
    return *found;
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
        if (const auto delivery = m_deliveries.constFind(update.id); delivery != m_deliveries.cend())
            line += u'\n' + (delivery->delivered ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + delivery->text;
        return line;
    }
    case Qt::ForegroundRole: {
        const auto delivery = m_deliveries.constFind(update.id);
        if (delivery != m_deliveries.cend() && !delivery->delivered)
            return QBrush(QColor(0xb0, 0x1c, 0x1c));
        return {};
    }
    case DeliveryRole: {
        const auto delivery = m_deliveries.constFind(update.id);
        if (delivery == m_deliveries.cend())
            return QString();
        return delivery->delivered ? QStringLiteral("delivered") : QStringLiteral("not delivered");
    }
    case UpdateIdRole:
        return update.id;
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
