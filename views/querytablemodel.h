#pragma once

#include "diagnosticdata.h"

#include <QAbstractTableModel>

namespace idesk {

// A query result as a table: one row per series, one column per label (the metric name
// first), then the value — for a range, the last value, the peak and the sample count.
// A scalar is one row with its value; a string one row with its text. A value snapshot:
// the page hands it each result. Sorting uses SortRole (raw numbers, never the shown text).
class QueryTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryTableModel)

public:
    enum Role { SortRole = Qt::UserRole + 1, SeriesIndexRole };

    explicit QueryTableModel(QObject *parent = nullptr);

    void setResult(const QueryResult &result, const QString &unit = {});
    void clear();
    const QueryResult &result() const { return m_result; }
    bool isRange() const { return m_result.type == QueryResult::Type::Matrix; }
    // The column showing the (last) value.
    int valueColumn() const { return int(m_labelKeys.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    enum class Stat { Last, Max, Count };
    QVariant statData(const Series &series, Stat stat, int role) const;

    QueryResult m_result;
    QString m_unit;
    QStringList m_labelKeys; // "__name__" first when present
};

} // namespace idesk
