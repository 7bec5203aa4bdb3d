#include "datasourcesmodel.h"

namespace idesk {

DataSourcesModel::DataSourcesModel(QObject *parent) : QAbstractTableModel(parent) { }

void DataSourcesModel::setSources(const QList<DataSource> &sources)
{
    // A handful of rows: a reset is simplest, and the dialog restores the selection.
    beginResetModel();
    m_sources = sources;
    endResetModel();
}

int DataSourcesModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_sources.size(); ++row) {
        if (m_sources.at(row).name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return row;
    }
    return -1;
}

QString DataSourcesModel::authText(const DataSource &source)
{
    QString text;
    if (source.kind == DataSource::Kind::Webhook) {
        text = tr("Webhook URL");
    } else {
        switch (source.auth) {
        case DataSource::Auth::None:
            text = tr("None");
            break;
        case DataSource::Auth::Bearer:
            text = tr("Bearer token");
            break;
        case DataSource::Auth::Basic:
            text = tr("Basic (%1)").arg(source.username);
            break;
        }
    }
    if (!source.tokenEnv.isEmpty()
        && (source.kind == DataSource::Kind::Webhook || source.auth != DataSource::Auth::None))
        text += tr(", or $%1").arg(source.tokenEnv);
    return text;
}

int DataSourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sources.size());
}

int DataSourcesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DataSourcesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DataSource &s = m_sources.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return s.name;
        case KindColumn:
            return displayName(s.kind);
        case UrlColumn:
            return s.url;
        case AuthColumn:
            return authText(s);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == UrlColumn && s.kind == DataSource::Kind::Webhook)
            return tr("Only the origin is shown: the full webhook URL is a secret, kept in the "
                      "secret store.");
        if (index.column() == UrlColumn && !s.caFile.isEmpty())
            return tr("Trusts the CA certificates in %1").arg(s.caFile);
        break;
    case NameRole:
        return s.name;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return s.name.toLower();
        case KindColumn:
            return int(s.kind);
        case UrlColumn:
            return s.url;
        case AuthColumn:
            return int(s.auth);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant DataSourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case UrlColumn:
        return tr("URL");
    case AuthColumn:
        return tr("Authentication");
    }
    return {};
}

} // namespace idesk
