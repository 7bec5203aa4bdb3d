#pragma once

#include "checklist.h"
#include "incidentservice.h"

#include <QAbstractListModel>

namespace idesk {

// The first-minutes checklist as checkable rows. Ticking writes a timeline entry
// through the service; the state itself is read back from the incident.
class ChecklistModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecklistModel)

public:
    explicit ChecklistModel(IncidentService &service, QObject *parent = nullptr);

    void setUserName(const QString &name) { m_userName = name; }
    // Loads the severity's template (the team's stored one, or the built-in) and
    // evaluates it against the incident.
    void setIncident(const Incident &incident);
    void clear();
    const Checklist::ItemState &stateAt(int row) const { return m_states.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    IncidentService &m_service;
    QString m_userName;
    qint64 m_incidentId = 0;
    QList<Checklist::ItemState> m_states;
};

} // namespace idesk
