#include "querytablemodel.h"

#include "diagnosticsformat.h"
#include "seriescharts.h"

#include <QSet>

#include <cmath>
#include <limits>
#include <optional>

namespace idesk {

namespace {
const QString kNameLabel = QStringLiteral("__name__");
} // namespace

QueryTableModel::QueryTableModel(QObject *parent) : QAbstractTableModel(parent) { }

void QueryTableModel::setResult(const QueryResult &result, const QString &unit)
{
    beginResetModel();
    m_result = result;
    m_unit = unit;
    QSet<QString> keys;
    for (const auto &series : std::as_const(m_result.series)) {
        for (auto it = series.labels.cbegin(); it != series.labels.cend(); ++it)
            keys.insert(it.key());
    }
    m_labelKeys = QStringList(keys.cbegin(), keys.cend());
    std::sort(m_labelKeys.begin(), m_labelKeys.end(), [](const QString &a, const QString &b) {
        if ((a == kNameLabel) != (b == kNameLabel))
            return a == kNameLabel;
        return a < b;
    });
    endResetModel();
}

void QueryTableModel::clear()
{
    setResult({});
}

int QueryTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    if (m_result.type == QueryResult::Type::String)
        return 1;
    return int(m_result.series.size());
}

int QueryTableModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_labelKeys.size()) + (isRange() ? 3 : 1);
}

QVariant QueryTableModel::statData(const Series &series, Stat stat, int role) const
{
    if (stat == Stat::Count) {
        if (role == Qt::DisplayRole || role == SortRole)
            return int(series.samples.size());
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    std::optional<double> value;
    if (stat == Stat::Last) {
        if (!series.samples.isEmpty())
            value = series.samples.last().value;
    } else {
        for (const auto &sample : series.samples) {
            if (!std::isnan(sample.value) && (!value || sample.value > *value))
                value = sample.value;
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        return value ? DiagnosticsFormat::formatValue(*value, m_unit) : QString();
    case SortRole:
        // NaN sorts below every number, a missing value below NaN.
        if (!value)
            return -std::numeric_limits<double>::infinity();
        return std::isnan(*value) ? std::numeric_limits<double>::lowest() : *value;
    case Qt::ToolTipRole:
        if (value && stat == Stat::Last && !series.samples.isEmpty())
            return tr("%1 at %2")
                .arg(DiagnosticsFormat::formatNumber(*value),
                    QDateTime::fromMSecsSinceEpoch(series.samples.last().timeMs, Qt::UTC)
                        .toLocalTime()
                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        return value ? DiagnosticsFormat::formatNumber(*value) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant QueryTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    if (m_result.type == QueryResult::Type::String) {
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return m_result.stringValue;
        return {};
    }
    const Series &series = m_result.series.at(index.row());
    if (role == SeriesIndexRole)
        return index.row();
    // The swatch of the series' line in the chart, so a row and its line are found together.
    if (role == Qt::DecorationRole && column == 0 && isRange()
        && index.row() < SeriesCharts::kMaxLines)
        return DiagnosticsFormat::statusDot(SeriesCharts::lineColor(index.row()));
    if (column < m_labelKeys.size()) {
        const QString &key = m_labelKeys.at(column);
        switch (role) {
        case Qt::DisplayRole:
        case SortRole:
            return series.labels.value(key);
        case Qt::ToolTipRole:
            return DiagnosticsFormat::seriesName(series.labels);
        default:
            return {};
        }
    }
    const int stat = column - int(m_labelKeys.size());
    if (!isRange())
        return statData(series, Stat::Last, role);
    return statData(series, stat == 0 ? Stat::Last : stat == 1 ? Stat::Max : Stat::Count, role);
}

QVariant QueryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (section < m_labelKeys.size()) {
        const QString &key = m_labelKeys.at(section);
        if (key == kNameLabel)
            return role == Qt::DisplayRole ? tr("Metric") : QVariant(kNameLabel);
        return key;
    }
    const int stat = section - int(m_labelKeys.size());
    if (!isRange())
        return role == Qt::DisplayRole ? tr("Value") : tr("The value at the query's time");
    switch (stat) {
    case 0:
        return role == Qt::DisplayRole ? tr("Last") : tr("The last value in the window");
    case 1:
        return role == Qt::DisplayRole ? tr("Max") : tr("The highest value in the window");
    default:
        return role == Qt::DisplayRole ? tr("Samples") : tr("How many points the series has");
    }
}

} // namespace idesk
