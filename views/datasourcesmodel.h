#pragma once

#include "datasource.h"

#include <QAbstractTableModel>

namespace idesk {

// The configured data sources as rows (name, kind, URL, auth): a value snapshot of
// DataSourceCatalog::sources(). It never holds or shows a secret.
class DataSourcesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DataSourcesModel)

public:
    enum Column { NameColumn, KindColumn, UrlColumn, AuthColumn, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1, // QString: the source's name, its identity
        SortRole, // raw value of the column
    };

    explicit DataSourcesModel(QObject *parent = nullptr);

    void setSources(const QList<DataSource> &sources);
    const QList<DataSource> &sources() const { return m_sources; }
    // The row of the source called `name` (case-insensitive), or -1.
    int rowOf(const QString &name) const;

    // "Bearer token", "Basic (alice)", "Webhook URL", "None".
    static QString authText(const DataSource &source);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DataSource> m_sources;
};

} // namespace idesk
