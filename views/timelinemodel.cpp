#include "timelinemodel.h"

#include "presentation.h"
#include "repositoryworker.h"
#include "rowmerge.h"

#include <QFont>

#include <algorithm>
#include <limits>
#include <utility>

namespace idesk {

namespace {

bool sortsAfter(const TimelineEntry &entry, const TimelineEntry &last)
{
    return entry.at > last.at || (entry.at == last.at && entry.id > last.id);
}

TimelineCursor cursorOf(const TimelineEntry &entry)
{
    return {entry.at, entry.id};
}

// The cursor just before `entry`: a page after it starts with the entry.
TimelineCursor cursorBefore(const TimelineEntry &entry)
{
    // Id 0 would be the start cursor; no entry has an id below 1, so "at the
    // same time or later" is the same set when the entry's id is 1.
    if (entry.id <= 1)
        return {entry.at.addMSecs(-1), std::numeric_limits<qint64>::max()};
    return {entry.at, entry.id - 1};
}

int clampedLimit(qint64 limit)
{
    return int(std::clamp<qint64>(limit, 1, std::numeric_limits<int>::max()));
}

} // namespace

TimelineModel::TimelineModel(
    const IncidentRepository &repository, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository), m_clock(clock),
      m_latestGeneration(std::make_shared<std::atomic<quint64>>(0))
{
    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(CountDelayMs);
    connect(&m_countTimer, &QTimer::timeout, this, &TimelineModel::countInBackground);
}

TimelineModel::~TimelineModel() = default;

quint64 TimelineModel::nextGeneration()
{
    m_latestGeneration->store(++m_generation);
    return m_generation;
}

void TimelineModel::setIncident(std::optional<qint64> incidentId, const TimelineFilter &filter)
{
    if (incidentId != m_incidentId)
        m_incidentSize = -1;
    m_incidentId = incidentId;
    m_filter = filter.normalised();
    load();
}

void TimelineModel::setFilter(const TimelineFilter &filter)
{
    const TimelineFilter normalised = filter.normalised();
    if (normalised == requestedFilter())
        return;
    if (normalised == m_filter) { // back to what is shown: forget the one on its way
        nextGeneration();
        m_pending.reset();
        if (std::exchange(m_refreshWhilePending, false))
            (void)refresh(); // a failure is reported through loadFailed
        return;
    }
    // Every entry is one walk of an index: at once.
    if (normalised.isEmpty() || !readsInBackground()) {
        m_filter = normalised;
        load();
        return;
    }
    const quint64 generation = nextGeneration();
    m_pending = normalised;
    m_refreshWhilePending = false;
    m_countTimer.stop();
    m_worker->post(
        [incidentId = *m_incidentId, filter = normalised, generation, latest = m_latestGeneration](
            const IncidentRepository &connection) -> std::optional<FirstPage> {
            // Typing queued several filters: only the newest is worth reading.
            if (generation != latest->load())
                return std::nullopt;
            return readFirstPage(connection, incidentId, filter);
        },
        [this, generation](const std::optional<FirstPage> &first) {
            if (!first || generation != m_generation || !m_pending)
                return;
            m_filter = *std::exchange(m_pending, std::nullopt);
            show(*first);
            // A write came while the page was read: the worker may have missed it.
            if (std::exchange(m_refreshWhilePending, false))
                (void)refresh(); // a failure is reported through loadFailed
        });
}

bool TimelineModel::readsInBackground()
{
    if (!m_incidentId)
        return false;
    if (m_incidentSize < 0) {
        const auto count = m_repository.filteredTimelineCount(*m_incidentId, {});
        m_incidentSize = count ? *count : 0;
    }
    if (m_incidentSize < BackgroundFrom)
        return false;
    if (!std::exchange(m_workerTried, true))
        m_worker = RepositoryWorker::start(m_repository, QStringLiteral("timeline filter"));
    return m_worker != nullptr;
}

TimelineModel::FirstPage TimelineModel::readFirstPage(
    const IncidentRepository &repository, qint64 incidentId, const TimelineFilter &filter)
{
    // The page first: when it is not full it is everything. Unfiltered, the
    // count is cheap (the index alone); filtered, it is another pass over the
    // incident's entries and comes a moment later (countNow()).
    FirstPage first;
    auto page = repository.filteredTimelinePage(incidentId, filter, {}, PageSize);
    if (!page) {
        first.error = page.errorMessage();
        return first;
    }
    first.rows = std::move(page).value();
    first.count = first.rows.size();
    if (first.rows.size() >= PageSize) {
        first.countKnown = filter.isEmpty();
        if (first.countKnown) {
            const auto count = repository.filteredTimelineCount(incidentId, filter);
            if (!count)
                first.error = count.errorMessage();
            else
                first.count = *count;
        }
    }
    return first;
}

void TimelineModel::load()
{
    nextGeneration();
    m_pending.reset();
    m_refreshWhilePending = false;
    show(m_incidentId ? readFirstPage(m_repository, *m_incidentId, m_filter) : FirstPage {});
}

void TimelineModel::show(const FirstPage &first)
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    m_totalKnown = true;
    m_countTimer.stop();
    m_moreBefore = false;
    m_moreAfter = false;
    if (m_incidentId && first.error.isEmpty()) {
        const bool full = first.rows.size() >= PageSize;
        m_totalKnown = first.countKnown;
        m_total = std::max<qint64>(first.count, first.rows.size());
        m_rows = first.rows;
        m_moreAfter = full && (!m_totalKnown || m_rows.size() < m_total);
        if (!m_totalKnown)
            m_countTimer.start();
        if (m_filter.isEmpty())
            m_incidentSize = m_total;
    }
    endReset();
    if (!first.error.isEmpty())
        fail(first.error);
}

void TimelineModel::endReset()
{
    // Slots on modelReset (a view, a model tester) may call fetchMore(); the
    // next page comes when the view lays the rows out, not inside the reset.
    m_merging = true;
    endResetModel();
    m_merging = false;
}

void TimelineModel::countNow()
{
    m_countTimer.stop();
    if (!m_incidentId || m_totalKnown)
        return;
    const auto count = m_repository.filteredTimelineCount(*m_incidentId, m_filter);
    if (!count) {
        fail(count.errorMessage());
        return;
    }
    showCount(*count);
}

void TimelineModel::countInBackground()
{
    if (!m_incidentId || m_totalKnown)
        return;
    if (m_filter.isEmpty() || !readsInBackground()) {
        countNow();
        return;
    }
    const quint64 generation = m_generation;
    m_worker->post(
        [incidentId = *m_incidentId, filter = m_filter, generation, latest = m_latestGeneration](
            const IncidentRepository &connection) -> Result<qint64> {
            if (generation != latest->load())
                return qint64(-1); // another filter came: this count is not needed
            return connection.filteredTimelineCount(incidentId, filter);
        },
        [this, generation](const Result<qint64> &count) {
            if (generation != m_generation || m_totalKnown)
                return;
            if (!count)
                fail(count.errorMessage());
            else
                showCount(*count);
        });
}

void TimelineModel::showCount(qint64 count)
{
    m_countTimer.stop();
    m_totalKnown = true;
    m_total = std::max<qint64>(count, m_moreBefore ? 0 : m_rows.size());
    if (!m_moreBefore)
        m_moreAfter = m_moreAfter && m_rows.size() < m_total;
    Q_EMIT totalCountChanged(m_total);
}

void TimelineModel::fail(const QString &message)
{
    Q_EMIT loadFailed(message);
}

Result<QList<TimelineEntry>> TimelineModel::pageAfter(TimelineCursor after, int limit) const
{
    return m_repository.filteredTimelinePage(*m_incidentId, m_filter, after, limit);
}

Result<QList<TimelineEntry>> TimelineModel::pageBefore(
    std::optional<TimelineCursor> before, int limit) const
{
    return m_repository.filteredTimelinePageBefore(*m_incidentId, m_filter, before, limit);
}

void TimelineModel::resetTo(QList<TimelineEntry> rows, bool moreBefore, bool moreAfter)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_moreBefore = moreBefore;
    m_moreAfter = moreAfter;
    endReset();
}

void TimelineModel::insertRows(int first, const QList<TimelineEntry> &entries)
{
    if (entries.isEmpty())
        return;
    m_merging = true; // no nested fetchMore() from a slot on rowsAboutToBeInserted
    beginInsertRows({}, first, first + int(entries.size()) - 1);
    m_rows.insert(first, entries.size(), TimelineEntry());
    std::copy(entries.cbegin(), entries.cend(), m_rows.begin() + first);
    endInsertRows();
    m_merging = false;
}

VoidResult TimelineModel::refresh()
{
    if (!m_incidentId)
        return {};
    if (m_pending)
        m_refreshWhilePending = true;
    const auto count = m_repository.filteredTimelineCount(*m_incidentId, m_filter);
    if (!count) {
        fail(count.errorMessage());
        return count.error();
    }
    // Entries are never deleted, so what lies from the first row on fits in the
    // rows shown plus the entries added since: one query from the first row (from
    // the start when the rows begin there). An edit or a redaction can make an
    // entry pass or fail a text filter; then a shown row vanishes and the merge
    // below resets.
    // While the count was pending, m_total was only the rows shown, so the
    // difference says nothing: a page more is read, and should more have been
    // written inside the rows than that, the merge below resets.
    const bool wasKnown = std::exchange(m_totalKnown, true);
    m_countTimer.stop();
    const qint64 added = wasKnown ? std::max<qint64>(0, *count - m_total) : qint64(PageSize);
    const TimelineCursor from
        = m_moreBefore && !m_rows.isEmpty() ? cursorBefore(m_rows.first()) : TimelineCursor {};
    const bool toTheEnd = !m_moreAfter;
    qint64 limit = qint64(m_rows.size()) + added;
    if (toTheEnd)
        limit = std::max<qint64>(limit, PageSize);
    auto read = pageAfter(from, clampedLimit(limit));
    if (!read) {
        fail(read.errorMessage());
        return read.error();
    }
    QList<TimelineEntry> fresh = std::move(read).value();
    bool moreAfter = m_moreAfter;
    if (!toTheEnd && !m_rows.isEmpty()) {
        // Keep the window ending at the last shown entry; later ones come by fetchMore.
        const TimelineEntry last = m_rows.last();
        fresh.erase(std::find_if(fresh.begin(), fresh.end(),
                        [&](const TimelineEntry &e) { return sortsAfter(e, last); }),
            fresh.end());
    } else {
        moreAfter = fresh.size() >= limit && (m_moreBefore || fresh.size() < *count);
    }
    const auto plan = planRowMerge(m_rows, fresh, [](const TimelineEntry &e) { return e.id; });
    if (!plan) {
        m_total = *count;
        resetTo(std::move(fresh), m_moreBefore, moreAfter);
        if (!wasKnown)
            Q_EMIT totalCountChanged(m_total);
        return {};
    }
    // A view (or a model tester) may call fetchMore() from the signals below;
    // it must not page in while the rows are half merged.
    m_merging = true;
    for (const auto &run : plan->inserts) {
        beginInsertRows({}, run.first, run.first + run.count - 1);
        m_rows.insert(run.first, run.count, TimelineEntry());
        std::copy_n(fresh.cbegin() + run.first, run.count, m_rows.begin() + run.first);
        endInsertRows();
    }
    for (int row : plan->changed)
        m_rows[row] = fresh.at(row);
    m_total = *count;
    m_moreAfter = moreAfter;
    m_merging = false;
    for (const auto &[first, last] : rowRanges(plan->changed))
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    if (!wasKnown)
        Q_EMIT totalCountChanged(m_total);
    return {};
}

void TimelineModel::fetchAll()
{
    while (canFetchMore({})) {
        const qsizetype before = m_rows.size();
        fetchMore({});
        if (m_rows.size() == before)
            break;
    }
}

bool TimelineModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_incidentId && !m_merging && m_moreAfter;
}

void TimelineModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    TimelineCursor after;
    if (!m_rows.isEmpty())
        after = cursorOf(m_rows.last());
    auto page = pageAfter(after, PageSize);
    if (!page) {
        m_moreAfter = false; // a view would ask again at once, and fail again
        fail(page.errorMessage());
        return;
    }
    const qint64 shown = m_rows.size() + page->size();
    m_moreAfter = page->size() >= PageSize && (m_moreBefore || !m_totalKnown || shown < m_total);
    if (!m_moreBefore)
        m_total = std::max(m_total, shown); // the count was stale (or is on its way)
    insertRows(int(m_rows.size()), *page);
}

bool TimelineModel::canFetchEarlier() const
{
    return m_incidentId && !m_merging && m_moreBefore && !m_rows.isEmpty();
}

void TimelineModel::fetchEarlier()
{
    if (!canFetchEarlier())
        return;
    auto page = pageBefore(cursorOf(m_rows.first()), PageSize);
    if (!page) {
        m_moreBefore = false;
        fail(page.errorMessage());
        return;
    }
    m_moreBefore = page->size() >= PageSize;
    insertRows(0, *page);
}

void TimelineModel::showLatest()
{
    if (!m_incidentId || !m_moreAfter)
        return; // the rows already reach the end
    auto page = pageBefore(std::nullopt, PageSize);
    if (!page) {
        fail(page.errorMessage());
        return;
    }
    const bool moreBefore = page->size() >= PageSize && page->size() < m_total;
    resetTo(std::move(page).value(), moreBefore, false);
}

int TimelineModel::loadEntry(qint64 entryId)
{
    if (!m_incidentId)
        return -1;
    if (const int row = rowOfEntry(entryId); row >= 0)
        return row;
    const auto found = m_repository.entry(entryId);
    if (!found || found->incidentId != *m_incidentId || !m_filter.matches(*found))
        return -1;
    const TimelineEntry &entry = *found;
    const auto contains = [entryId](const QList<TimelineEntry> &page) {
        return std::any_of(page.cbegin(), page.cend(),
            [entryId](const TimelineEntry &e) { return e.id == entryId; });
    };
    const bool afterRows = !m_rows.isEmpty() && sortsAfter(entry, m_rows.last());
    const bool beforeRows = !m_rows.isEmpty() && sortsAfter(m_rows.first(), entry);
    if (afterRows && m_moreAfter) {
        // Near below the rows: the pages down to it, in one query.
        auto page = pageAfter(cursorOf(m_rows.last()), NearLimit);
        if (page && contains(*page)) {
            m_moreAfter = page->size() >= NearLimit;
            insertRows(int(m_rows.size()), *page);
            return rowOfEntry(entryId);
        }
    } else if (beforeRows && m_moreBefore) {
        auto page = pageBefore(cursorOf(m_rows.first()), NearLimit);
        if (page && contains(*page)) {
            m_moreBefore = page->size() >= NearLimit;
            insertRows(0, *page);
            return rowOfEntry(entryId);
        }
    } else {
        // Among the rows, or beyond rows that reach the end: written since
        // they were read.
        (void)refresh();
        if (const int row = rowOfEntry(entryId); row >= 0)
            return row;
    }
    jumpTo(entry);
    return rowOfEntry(entryId);
}

void TimelineModel::jumpTo(const TimelineEntry &entry)
{
    // Half a page before the entry, the entry and the rest of a page after it.
    constexpr int half = PageSize / 2;
    auto before = pageBefore(cursorOf(entry), half);
    auto from = before ? pageAfter(cursorBefore(entry), PageSize - half)
                       : Result<QList<TimelineEntry>>(before.error());
    if (!from) {
        fail(from.errorMessage());
        return;
    }
    const bool moreBefore = before->size() >= half;
    const bool moreAfter = from->size() >= PageSize - half;
    QList<TimelineEntry> rows = std::move(before).value();
    rows.append(*from);
    resetTo(std::move(rows), moreBefore, moreAfter);
}

int TimelineModel::rowOfEntry(qint64 entryId) const
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows.at(row).id == entryId)
            return row;
    }
    return -1;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::displayData(const TimelineEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return Presentation::localTime(entry.at, m_clock.now());
    case UtcColumn:
        return Presentation::utcTime(entry.at);
    case KindColumn:
        return entryKindName(entry.kind);
    case AuthorColumn:
        return entry.author;
    case TextColumn:
        if (entry.isRedacted())
            return tr("[redacted: %1]").arg(entry.redaction->reason);
        if (entry.isEdited())
            return tr("%1 (edited)").arg(entry.text);
        return entry.text;
    }
    return {};
}

QString TimelineModel::toolTip(const TimelineEntry &entry, int column) const
{
    if (column == TimeColumn || column == UtcColumn) {
        QString tip = Presentation::localWithUtc(entry.at);
        if (entry.writtenAt.isValid() && entry.writtenAt.secsTo(entry.at) < -60)
            tip += u'\n' + tr("Written %1").arg(Presentation::localWithUtc(entry.writtenAt));
        return tip;
    }
    if (column != TextColumn)
        return {};
    if (entry.isRedacted()) {
        return tr("Redacted by %1 at %2: %3")
            .arg(entry.redaction->by, Presentation::localWithUtc(entry.redaction->at),
                entry.redaction->reason);
    }
    if (!entry.isEdited())
        return entry.text;
    QStringList lines {tr("Current: %1").arg(entry.text)};
    for (auto it = entry.revisions.crbegin(); it != entry.revisions.crend(); ++it) {
        lines.append(
            tr("Before %1 (replaced by %2): %3")
                .arg(Presentation::localWithUtc(it->replacedAt), it->replacedBy, it->text));
    }
    return lines.join(u'\n');
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEntry &entry = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(entry, column);
    case Qt::ToolTipRole:
        return toolTip(entry, column);
    case Qt::ForegroundRole:
        if (column == TextColumn && entry.isRedacted())
            return Presentation::mutedTextColor();
        if (column == UtcColumn)
            return Presentation::mutedTextColor();
        if (column == KindColumn) {
            const QColor color = Presentation::kindColor(entry.kind);
            return color.isValid() ? QVariant(color) : QVariant();
        }
        break;
    case Qt::FontRole:
        if (column == TextColumn && entry.isRedacted()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        if (column == KindColumn && entry.kind != EntryKind::Note) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        // Top-aligned so a wrapped entry's time sits beside its first line.
        return QVariant(Qt::AlignLeft | Qt::AlignTop);
    case EntryIdRole:
        return entry.id;
    case KindRole:
        return static_cast<int>(entry.kind);
    case AtRole:
        return entry.at;
    case WrittenAtRole:
        return entry.writtenAt;
    case RawTextRole:
        return entry.text;
    case IsUserKindRole:
        return isUserKind(entry.kind);
    case IsRedactedRole:
        return entry.isRedacted();
    case IsEditedRole:
        return entry.isEdited();
    case SortRole:
        switch (column) {
        case TimeColumn:
        case UtcColumn:
            return entry.at.toMSecsSinceEpoch();
        case KindColumn:
            return static_cast<int>(entry.kind);
        case AuthorColumn:
            return entry.author;
        case TextColumn:
            return entry.text;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case UtcColumn:
        return tr("UTC");
    case KindColumn:
        return tr("Kind");
    case AuthorColumn:
        return tr("Author");
    case TextColumn:
        return tr("Entry");
    }
    return {};
}

} // namespace idesk
