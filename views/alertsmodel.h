#pragma once

#include "diagnosticdata.h"

#include <QAbstractTableModel>
#include <QRegularExpression>
#include <QSortFilterProxyModel>

namespace idesk {

// What the alert filter line means: terms separated by spaces or commas, all of which must
// hold. `label=value` (case-insensitive), `label!=value`, `label=~regex` (whole value),
// `label!~regex`, or free text found anywhere (name, labels, summary, state). Alertmanager's
// own `{severity="critical"}` is accepted too.
class AlertFilter
{
public:
    AlertFilter() = default;
    static AlertFilter parse(const QString &text);

    bool isEmpty() const { return m_terms.isEmpty(); }
    bool matches(const Alert &alert) const;
    // A term that is not a valid regular expression, to say so under the filter.
    QString problem() const { return m_problem; }

private:
    struct Term
    {
        enum class Op { Text, Equal, NotEqual, Match, NotMatch };
        Op op = Op::Text;
        QString key;
        QString value;
        QRegularExpression regex;
    };
    QList<Term> m_terms;
    QString m_problem;
};

// Alerts as the side panel lists them: Alertmanager's active alerts, or a Prometheus
// server's own (as Alerts: activeAt becomes startsAt). A value snapshot, newest first.
class AlertsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsModel)

public:
    enum Column {
        StateColumn,
        NameColumn,
        SeverityColumn,
        StartedColumn,
        SummaryColumn,
        LabelsColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit AlertsModel(QObject *parent = nullptr);

    void setAlerts(QList<Alert> alerts, const QDateTime &now);
    void clear();
    const Alert &alertAt(int row) const { return m_alerts.at(row); }
    const QList<Alert> &alerts() const { return m_alerts; }

    // A Prometheus rule alert in Alertmanager's shape.
    static Alert fromPrometheus(const PrometheusAlert &alert);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Alert> m_alerts;
    QDateTime m_now;
};

// The filter line over an AlertsModel; sorts by SortRole.
class AlertFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertFilterProxy)

public:
    explicit AlertFilterProxy(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    const AlertFilter &filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    AlertFilter m_filter;
};

} // namespace idesk
