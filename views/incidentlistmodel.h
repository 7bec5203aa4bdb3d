#pragma once

#include "clock.h"
#include "incidentrepository.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace idesk {

// The incident list: every incident, open ones first (by severity, then the most
// recent start), then resolved, then closed ones greyed at the bottom. Holds a
// snapshot of IncidentRepository::listIncidents(); data() never queries.
class IncidentListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentListModel)

public:
    enum Column {
        IdColumn,
        TitleColumn,
        SeverityColumn,
        StatusColumn,
        SinceStartColumn,
        ColumnCount
    };
    enum Role {
        IncidentIdRole = Qt::UserRole + 1, // qint64
        SortRole, // raw value of the column, for sorting
        SeverityLevelRole, // int
        StatusRole, // int (Status)
        IsOpenRole, // bool
    };

    IncidentListModel(
        const IncidentRepository &repository, const Clock &clock, QObject *parent = nullptr);

    // Reloads the list. Rows keep their place when their incident is still there;
    // new incidents are inserted, vanished ones removed, and a changed order moves
    // rows with a layout change, so a view keeps its selection and scroll position.
    VoidResult refresh();
    // How often "since start" is recomputed (default 30 s).
    void setTickInterval(int milliseconds);

    int rowOfIncident(qint64 id) const;
    const IncidentSummary &summaryAt(int row) const { return m_rows.at(row); }
    // True when `a` is listed before `b`.
    static bool listedBefore(const IncidentSummary &a, const IncidentSummary &b);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void refreshFailed(const QString &message);

private:
    void removeVanished(const QList<IncidentSummary> &fresh);
    void updateKept(const QList<IncidentSummary> &fresh);
    void appendNew(const QList<IncidentSummary> &fresh);
    void sortRows();
    void emitClockTick();

    const IncidentRepository &m_repository;
    const Clock &m_clock;
    QList<IncidentSummary> m_rows;
    QTimer m_ticker;
};

} // namespace idesk
