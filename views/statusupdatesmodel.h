#pragma once

#include "incident.h"

#include <QAbstractListModel>

namespace idesk {

// The updates posted on one incident, newest first. A value snapshot: the page
// hands it the incident's updates after each refresh.
class StatusUpdatesModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusUpdatesModel)

public:
    enum Role { AtRole = Qt::UserRole + 1, AudienceRole };

    explicit StatusUpdatesModel(QObject *parent = nullptr);

    void setIncident(const IncidentHeader &incident, const QList<StatusUpdate> &updates);
    void clear();
    const StatusUpdate &updateAt(int row) const { return m_updates.at(row); }
    const IncidentHeader &incident() const { return m_incident; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    IncidentHeader m_incident;
    QList<StatusUpdate> m_updates; // newest first
};

} // namespace idesk
