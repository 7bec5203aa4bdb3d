#include "timelinemodel.h"

#include "presentation.h"
#include "rowmerge.h"

#include <QFont>

#include <algorithm>

namespace idesk {

namespace {

bool sortsAfter(const TimelineEntry &entry, const TimelineEntry &last)
{
    return entry.at > last.at || (entry.at == last.at && entry.id > last.id);
}

} // namespace

TimelineModel::TimelineModel(
    const IncidentRepository &repository, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository), m_clock(clock)
{
}

void TimelineModel::setIncident(std::optional<qint64> incidentId)
{
    beginResetModel();
    m_incidentId = incidentId;
    m_rows.clear();
    m_total = 0;
    if (m_incidentId) {
        auto count = m_repository.timelineCount(*m_incidentId);
        auto page = m_repository.timelinePage(*m_incidentId, {}, PageSize);
        if (count && page) {
            m_total = *count;
            m_rows = std::move(page).value();
        } else {
            endResetModel();
            Q_EMIT loadFailed(count ? page.errorMessage() : count.errorMessage());
            return;
        }
    }
    endResetModel();
}

Result<QList<TimelineEntry>> TimelineModel::readFromStart(int limit) const
{
    return m_repository.timelinePage(*m_incidentId, {}, limit);
}

VoidResult TimelineModel::refresh()
{
    if (!m_incidentId)
        return {};
    const auto count = m_repository.timelineCount(*m_incidentId);
    if (!count) {
        Q_EMIT loadFailed(count.errorMessage());
        return count.error();
    }
    const bool everythingShown = m_rows.size() >= m_total;
    const qint64 added = std::max<qint64>(0, *count - m_total);
    // Entries are never deleted, so everything up to the last shown entry fits in
    // the rows shown plus the entries added since: one query from the start.
    const qint64 limit
        = everythingShown ? std::max<qint64>(*count, PageSize) : qint64(m_rows.size()) + added;
    auto read = readFromStart(int(std::min<qint64>(limit, std::numeric_limits<int>::max())));
    if (!read) {
        Q_EMIT loadFailed(read.errorMessage());
        return read.error();
    }
    QList<TimelineEntry> fresh = std::move(read).value();
    if (!everythingShown && !m_rows.isEmpty()) {
        // Keep the window ending at the last shown entry; later ones come by fetchMore.
        const TimelineEntry last = m_rows.last();
        fresh.erase(std::find_if(fresh.begin(), fresh.end(),
                        [&](const TimelineEntry &e) { return sortsAfter(e, last); }),
            fresh.end());
    }
    const auto plan = planRowMerge(m_rows, fresh, [](const TimelineEntry &e) { return e.id; });
    if (!plan) {
        beginResetModel();
        m_rows = std::move(fresh);
        m_total = *count;
        endResetModel();
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
    m_merging = false;
    for (const auto &[first, last] : rowRanges(plan->changed))
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
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
    return !parent.isValid() && m_incidentId && !m_merging && m_rows.size() < m_total;
}

void TimelineModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    TimelineCursor after;
    if (!m_rows.isEmpty())
        after = {m_rows.last().at, m_rows.last().id};
    auto page = m_repository.timelinePage(*m_incidentId, after, PageSize);
    if (!page) {
        Q_EMIT loadFailed(page.errorMessage());
        return;
    }
    if (page->isEmpty()) {
        m_total = m_rows.size(); // the count was stale; nothing more to show
        return;
    }
    if (page->size() < PageSize)
        m_total = std::max<qint64>(m_total, m_rows.size() + page->size());
    const int first = int(m_rows.size());
    m_merging = true; // no nested fetchMore() from a slot on rowsAboutToBeInserted
    beginInsertRows({}, first, first + int(page->size()) - 1);
    m_rows.append(*page);
    endInsertRows();
    m_merging = false;
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
