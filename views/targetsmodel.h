#pragma once

#include "diagnosticdata.h"

#include <QAbstractTableModel>

namespace idesk {

// A Prometheus server's scrape targets: health, job, instance, last error, last scrape.
// Down ones first, so what is broken is on top. A value snapshot.
class TargetsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TargetsModel)

public:
    enum Column {
        HealthColumn,
        JobColumn,
        InstanceColumn,
        ErrorColumn,
        LastScrapeColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit TargetsModel(QObject *parent = nullptr);

    void setTargets(QList<ScrapeTarget> targets, const QDateTime &now);
    void clear();
    const ScrapeTarget &targetAt(int row) const { return m_targets.at(row); }
    int countWithHealth(const QString &health) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<ScrapeTarget> m_targets;
    QDateTime m_now;
};

} // namespace idesk
