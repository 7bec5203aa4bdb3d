#include "incidentlistmodel.h"

#include "presentation.h"
#include "rowmerge.h"
#include "timeformat.h"

#include <QFont>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace idesk {

namespace {

// Open incidents first, then resolved, then closed.
int group(Status status)
{
    if (Lifecycle::isOpen(status))
        return 0;
    return status == Status::Resolved ? 1 : 2;
}

qint64 startMsecs(const IncidentSummary &s)
{
    return s.started ? s.started->toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

constexpr qint64 kDaySecs = 86'400;

// Decimal digits of `n` (a minus sign counts as one: no wider than a digit).
int digitCount(qint64 n)
{
    int digits = n < 0 ? 2 : 1;
    for (; n >= 10 || n <= -10; n /= 10)
        ++digits;
    return digits;
}

// The smallest number of `digits` digits: 1, 10, 100...
qint64 smallestOfDigits(int digits)
{
    qint64 n = 1;
    for (int i = 1; i < digits; ++i)
        n *= 10;
    return n;
}

// `text` with all its digits 0, then all 1, ... all 9.
void appendWithEveryDigit(QStringList &texts, const QString &text)
{
    for (char16_t digit = u'0'; digit <= u'9'; ++digit) {
        QString copy = text;
        for (QChar &c : copy) {
            if (c.isDigit())
                c = QChar(digit);
        }
        texts.append(copy);
    }
}

} // namespace

IncidentListModel::IncidentListModel(
    const IncidentRepository &repository, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository), m_clock(clock)
{
    m_ticker.setInterval(30'000);
    connect(&m_ticker, &QTimer::timeout, this, &IncidentListModel::emitClockTick);
    m_ticker.start();
}

void IncidentListModel::setTickInterval(int milliseconds)
{
    m_ticker.setInterval(milliseconds);
}

bool IncidentListModel::listedBefore(const IncidentSummary &a, const IncidentSummary &b)
{
    if (group(a.status) != group(b.status))
        return group(a.status) < group(b.status);
    if (a.severity != b.severity)
        return a.severity < b.severity;
    if (startMsecs(a) != startMsecs(b))
        return startMsecs(a) > startMsecs(b); // most recent first
    return a.id > b.id;
}

namespace {

// Pages read to catch up with an incident further down (revealIncident, a
// shown row that moved down, fetchAll): larger than a scroll's page, still one
// cheap keyset query each.
constexpr int kCatchUpPage = 1000;

} // namespace

Result<QList<IncidentSummary>> IncidentListModel::readTop(int limit)
{
    auto page = m_repository.incidentPage(std::nullopt, limit);
    if (!page)
        return page;
    QList<IncidentSummary> fresh = std::move(page).value();
    bool moreAfter = fresh.size() >= limit;
    // A shown incident that moved below the top `limit` (resolved, say) keeps
    // its row, and with it the selection on it: read on down to it.
    QSet<qint64> missing;
    for (const auto &s : std::as_const(m_rows))
        missing.insert(s.id);
    for (const auto &s : std::as_const(fresh))
        missing.remove(s.id);
    for (auto it = missing.begin(); it != missing.end();) {
        if (!m_repository.incidentSummary(*it)) // gone (or unreadable): its row goes
            it = missing.erase(it);
        else
            ++it;
    }
    while (!missing.isEmpty() && moreAfter) {
        auto more = m_repository.incidentPage(fresh.last(), kCatchUpPage);
        if (!more)
            return more;
        for (const auto &s : std::as_const(*more))
            missing.remove(s.id);
        fresh.append(*more);
        moreAfter = more->size() >= kCatchUpPage;
    }
    m_moreAfter = moreAfter;
    return fresh;
}

VoidResult IncidentListModel::refresh()
{
    auto loaded = readTop(std::max(int(m_rows.size()), int(PageSize)));
    if (!loaded) {
        Q_EMIT refreshFailed(loaded.errorMessage());
        return loaded.error();
    }
    const QList<IncidentSummary> fresh = std::move(loaded).value();
    // A view (or a model tester) may call fetchMore() from the signals below.
    m_merging = true;
    removeVanished(fresh);
    updateKept(fresh);
    appendNew(fresh);
    sortRows();
    m_merging = false;
    return {};
}

bool IncidentListModel::appendPage(int limit)
{
    std::optional<IncidentSummary> after;
    if (!m_rows.isEmpty())
        after = m_rows.last();
    auto page = m_repository.incidentPage(after, limit);
    if (!page) {
        Q_EMIT refreshFailed(page.errorMessage());
        return false;
    }
    m_moreAfter = page->size() >= limit;
    QSet<qint64> shown;
    for (const auto &s : std::as_const(m_rows))
        shown.insert(s.id);
    QList<IncidentSummary> added;
    for (const auto &s : std::as_const(*page)) {
        if (!shown.contains(s.id))
            added.append(s);
    }
    if (added.isEmpty())
        return true;
    const int first = int(m_rows.size());
    m_merging = true;
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_rows.append(added);
    endInsertRows();
    m_merging = false;
    noteWidest(added);
    return true;
}

bool IncidentListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_moreAfter && !m_merging;
}

void IncidentListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        appendPage(PageSize);
}

void IncidentListModel::fetchAll()
{
    while (m_moreAfter && !m_merging) {
        if (!appendPage(kCatchUpPage))
            return;
    }
}

int IncidentListModel::revealIncident(qint64 id)
{
    if (const int row = rowOfIncident(id); row >= 0)
        return row;
    const auto summary = m_repository.incidentSummary(id);
    if (!summary)
        return -1;
    // New, or moved up among the rows shown: a refresh brings it in. Further
    // down: the pages down to it.
    if (m_rows.isEmpty() || !listedBefore(m_rows.last(), *summary))
        (void)refresh();
    while (rowOfIncident(id) < 0 && m_moreAfter && !m_merging) {
        if (!appendPage(kCatchUpPage))
            break;
    }
    return rowOfIncident(id);
}

void IncidentListModel::removeVanished(const QList<IncidentSummary> &fresh)
{
    QSet<qint64> ids;
    for (const auto &s : fresh)
        ids.insert(s.id);
    // Bottom up, one contiguous run at a time, so row numbers above stay valid.
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (ids.contains(m_rows.at(row).id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !ids.contains(m_rows.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
}

void IncidentListModel::updateKept(const QList<IncidentSummary> &fresh)
{
    QHash<qint64, const IncidentSummary *> byId;
    for (const auto &s : fresh)
        byId.insert(s.id, &s);
    QList<int> changed;
    for (int row = 0; row < m_rows.size(); ++row) {
        const IncidentSummary *now = byId.value(m_rows.at(row).id);
        if (now && !(*now == m_rows.at(row))) {
            m_rows[row] = *now;
            changed.append(row);
        }
    }
    QList<IncidentSummary> changedRows;
    for (const int row : std::as_const(changed))
        changedRows.append(m_rows.at(row));
    noteWidest(changedRows);
    for (const auto &[first, last] : rowRanges(changed))
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void IncidentListModel::appendNew(const QList<IncidentSummary> &fresh)
{
    QSet<qint64> shown;
    for (const auto &s : std::as_const(m_rows))
        shown.insert(s.id);
    QList<IncidentSummary> added;
    for (const auto &s : fresh) {
        if (!shown.contains(s.id))
            added.append(s);
    }
    if (added.isEmpty())
        return;
    std::sort(added.begin(), added.end(), &IncidentListModel::listedBefore);
    noteWidest(added);
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_rows.append(added);
    endInsertRows();
}

void IncidentListModel::sortRows()
{
    if (std::is_sorted(m_rows.cbegin(), m_rows.cend(), &IncidentListModel::listedBefore))
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QList<int> order(m_rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [this](int a, int b) { return listedBefore(m_rows.at(a), m_rows.at(b)); });
    QList<int> newRowOf(m_rows.size());
    QList<IncidentSummary> sorted;
    sorted.reserve(m_rows.size());
    for (int newRow = 0; newRow < order.size(); ++newRow) {
        newRowOf[order.at(newRow)] = newRow;
        sorted.append(m_rows.at(order.at(newRow)));
    }
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after.append(this->index(newRowOf.at(index.row()), index.column()));
    m_rows = std::move(sorted);
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void IncidentListModel::noteWidest(const QList<IncidentSummary> &rows)
{
    const QDateTime now = m_clock.now();
    bool grew = false;
    const auto raise = [&grew](int &digits, int atLeast) {
        if (atLeast > digits) {
            digits = atLeast;
            grew = true;
        }
    };
    for (const auto &s : rows) {
        raise(m_idDigits, digitCount(s.id));
        raise(m_severityDigits, digitCount(s.severity));
        if (!s.started)
            continue;
        const bool ended = !Lifecycle::isOpen(s.status) && s.resolved;
        const qint64 seconds = s.started->secsTo(ended ? *s.resolved : now);
        raise(m_dayDigits, digitCount(std::abs(seconds) / kDaySecs));
        if (bool &seen = m_durationKinds.at(durationKind(ended, seconds < 0)); !seen)
            seen = grew = true;
        if (!ended && (!m_earliestOpenStart || *s.started < *m_earliestOpenStart))
            m_earliestOpenStart = *s.started;
    }
    if (noteOpenClocks())
        grew = true;
    if (grew)
        Q_EMIT widestTextsGrew();
}

bool IncidentListModel::noteOpenClocks()
{
    // A day ahead of the earliest open start: the texts grow long before a tick
    // shows an open incident's clock with one more digit of days.
    if (!m_earliestOpenStart)
        return false;
    const qint64 seconds = m_earliestOpenStart->secsTo(m_clock.now()) + kDaySecs;
    const int digits = digitCount(std::max<qint64>(seconds, 0) / kDaySecs);
    if (digits <= m_dayDigits)
        return false;
    m_dayDigits = digits;
    return true;
}

QStringList IncidentListModel::widestTexts(int column) const
{
    QStringList texts;
    switch (column) {
    case IdColumn:
        if (m_idDigits > 0)
            appendWithEveryDigit(texts, formatIncidentId(smallestOfDigits(m_idDigits)));
        break;
    case SeverityColumn:
        if (m_severityDigits > 0) {
            appendWithEveryDigit(
                texts, SeverityDefinition::severityName(int(smallestOfDigits(m_severityDigits))));
        }
        break;
    case StatusColumn:
        for (const Status status : allStatuses())
            texts.append(statusTitle(status));
        break;
    case SinceStartColumn: {
        // Each form formatDuration() has, "59s", "59m", "23h 59m" and "100d 23h"
        // with as many digits of days as seen, in each kind seen.
        const QList<qint64> forms = {
            59, 59 * 60, 23 * 3600 + 59 * 60, smallestOfDigits(m_dayDigits) * kDaySecs + 23 * 3600};
        IncidentSummary sample;
        texts.append(sinceStartText(sample, {})); // no start recorded
        const QDateTime start = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        sample.started = start;
        for (const bool ended : {false, true}) {
            for (const bool negative : {false, true}) {
                if (!m_durationKinds.at(durationKind(ended, negative)))
                    continue;
                for (const qint64 form : forms) {
                    const QDateTime end = start.addSecs(negative ? -form : form);
                    sample.status = ended ? Status::Resolved : Status::Investigating;
                    sample.resolved = ended ? std::optional(end) : std::nullopt;
                    appendWithEveryDigit(texts, sinceStartText(sample, end));
                }
            }
        }
        break;
    }
    default:
        break;
    }
    return texts;
}

QString IncidentListModel::sinceStartText(const IncidentSummary &s, const QDateTime &now)
{
    if (!s.started)
        return tr("—");
    // A finished incident's clock stopped when it was resolved.
    if (!Lifecycle::isOpen(s.status) && s.resolved)
        return tr("%1 (ended)").arg(formatDuration(s.started->secsTo(*s.resolved)));
    return formatDuration(s.started->secsTo(now));
}

void IncidentListModel::emitClockTick()
{
    if (noteOpenClocks())
        Q_EMIT widestTextsGrew();
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, SinceStartColumn), index(rowCount() - 1, SinceStartColumn),
            {Qt::DisplayRole, Qt::ToolTipRole});
}

int IncidentListModel::rowOfIncident(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

int IncidentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IncidentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IncidentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IncidentSummary &s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return formatIncidentId(s.id);
        case TitleColumn:
            return s.title;
        case SeverityColumn:
            return SeverityDefinition::severityName(s.severity);
        case StatusColumn:
            return statusTitle(s.status);
        case SinceStartColumn:
            return sinceStartText(s, m_clock.now());
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return Presentation::severityIcon(s.severity);
        break;
    case Qt::ForegroundRole:
        if (s.status == Status::Closed)
            return Presentation::mutedTextColor();
        break;
    case Qt::FontRole:
        if (index.column() == TitleColumn && Lifecycle::isOpen(s.status)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == SinceStartColumn || index.column() == IdColumn) {
            return s.started ? tr("Started %1").arg(Presentation::localWithUtc(*s.started))
                             : tr("Start not recorded");
        }
        if (index.column() == TitleColumn)
            return s.title;
        break;
    case IncidentIdRole:
        return s.id;
    case SeverityLevelRole:
        return s.severity;
    case StatusRole:
        return static_cast<int>(s.status);
    case IsOpenRole:
        return Lifecycle::isOpen(s.status);
    case SortRole:
        switch (index.column()) {
        case IdColumn:
            return s.id;
        case TitleColumn:
            return s.title;
        case SeverityColumn:
            return s.severity;
        case StatusColumn:
            return static_cast<int>(s.status);
        case SinceStartColumn:
            return startMsecs(s);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant IncidentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case TitleColumn:
        return tr("Title");
    case SeverityColumn:
        return tr("Severity");
    case StatusColumn:
        return tr("Status");
    case SinceStartColumn:
        return tr("Since start");
    }
    return {};
}

} // namespace idesk
