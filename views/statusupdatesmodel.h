#pragma once

#include "incident.h"
#include "updatedelivery.h"

#include <QAbstractListModel>

namespace idesk {

// The updates posted on one incident, newest first. A value snapshot: the page
// hands it the incident's updates after each refresh.
class StatusUpdatesModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusUpdatesModel)

public:
    enum Role { AtRole = Qt::UserRole + 1, AudienceRole, DeliveryRole, UpdateIdRole };

    explicit StatusUpdatesModel(QObject *parent = nullptr);

    // `deliveries`: the latest webhook outcome per update id (latestDeliveries()).
    void setIncident(const IncidentHeader &incident, const QList<StatusUpdate> &updates,
                     const QHash<qint64, DeliveryOutcome> &deliveries = {});
    // The latest delivery outcome of the update in `row`, if it was ever sent.
    std::optional<DeliveryOutcome> deliveryAt(int row) const;
    void clear();
    const StatusUpdate &updateAt(int row) const { return m_updates.at(row); }
    const IncidentHeader &incident() const { return m_incident; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    IncidentHeader m_incident;
    QList<StatusUpdate> m_updates; // newest first
    QHash<qint64, DeliveryOutcome> m_deliveries;
};

} // namespace idesk
