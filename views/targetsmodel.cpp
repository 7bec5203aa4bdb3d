#include "targetsmodel.h"

#include "diagnosticsformat.h"
#include "presentation.h"

namespace idesk {

namespace {

int healthRank(const QString &health)
{
    if (health == u"down")
        return 0;
    if (health == u"up")
        return 2;
    return 1; // unknown: not scraped yet
}

QColor healthColor(const QString &health)
{
    if (health == u"down")
        return QColor(0xd3, 0x2f, 0x2f);
    if (health == u"up")
        return QColor(0x2e, 0x7d, 0x32);
    return QColor(0x9e, 0x9e, 0x9e);
}

QString jobOf(const ScrapeTarget &target)
{
    const QString job = target.labels.value(QStringLiteral("job"));
    return job.isEmpty() ? target.scrapePool : job;
}

QString instanceOf(const ScrapeTarget &target)
{
    const QString instance = target.labels.value(QStringLiteral("instance"));
    return instance.isEmpty() ? target.scrapeUrl : instance;
}

} // namespace

TargetsModel::TargetsModel(QObject *parent) : QAbstractTableModel(parent) { }

void TargetsModel::setTargets(QList<ScrapeTarget> targets, const QDateTime &now)
{
    std::stable_sort(
        targets.begin(), targets.end(), [](const ScrapeTarget &a, const ScrapeTarget &b) {
            const int ra = healthRank(a.health);
            const int rb = healthRank(b.health);
            if (ra != rb)
                return ra < rb;
            const int byJob = jobOf(a).compare(jobOf(b));
            if (byJob != 0)
                return byJob < 0;
            return instanceOf(a) < instanceOf(b);
        });
    beginResetModel();
    m_targets = std::move(targets);
    m_now = now;
    endResetModel();
}

void TargetsModel::clear()
{
    setTargets({}, m_now);
}

int TargetsModel::countWithHealth(const QString &health) const
{
    return int(std::count_if(m_targets.cbegin(), m_targets.cend(),
        [&](const ScrapeTarget &t) { return t.health == health; }));
}

int TargetsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_targets.size());
}

int TargetsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TargetsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ScrapeTarget &target = m_targets.at(index.row());
    if (role == Qt::ToolTipRole) {
        QString tip = target.scrapeUrl;
        if (!target.lastError.isEmpty())
            tip += u'\n' + target.lastError;
        return tip;
    }
    switch (index.column()) {
    case HealthColumn:
        if (role == Qt::DisplayRole)
            return target.health;
        if (role == SortRole)
            return healthRank(target.health);
        if (role == Qt::DecorationRole)
            return DiagnosticsFormat::statusDot(healthColor(target.health));
        break;
    case JobColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return jobOf(target);
        break;
    case InstanceColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return instanceOf(target);
        break;
    case ErrorColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return target.lastError.simplified();
        if (role == Qt::ForegroundRole && !target.lastError.isEmpty())
            return Presentation::errorTextColor();
        break;
    case LastScrapeColumn:
        if (role == Qt::DisplayRole)
            return target.lastScrape.isValid() ? Presentation::localTime(target.lastScrape, m_now)
                                               : QString();
        if (role == SortRole)
            return target.lastScrape;
        break;
    default:
        break;
    }
    return {};
}

QVariant TargetsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case HealthColumn:
        return tr("Health");
    case JobColumn:
        return tr("Job");
    case InstanceColumn:
        return tr("Instance");
    case ErrorColumn:
        return tr("Last error");
    case LastScrapeColumn:
        return tr("Last scrape");
    default:
        return {};
    }
}

} // namespace idesk
