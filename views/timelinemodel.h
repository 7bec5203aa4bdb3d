#pragma once

#include "clock.h"
#include "incidentrepository.h"
#include "timelinefilter.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

namespace idesk {

class RepositoryWorker;

// One incident's timeline, oldest first, read from the repository a page at a
// time with keyset paging: canFetchMore()/fetchMore() load the next PageSize
// entries after the last one shown, fetchEarlier() the PageSize before the first.
// The rows are a contiguous window of the (filtered) timeline: from its start
// after setIncident() or setFilter(), around an entry after loadEntry() jumped
// to one far away, at its end after showLatest(). Holds value snapshots; data()
// never queries.
class TimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)

public:
    static constexpr int PageSize = 200;

    enum Column { TimeColumn, UtcColumn, KindColumn, AuthorColumn, TextColumn, ColumnCount };
    enum Role {
        EntryIdRole = Qt::UserRole + 1, // qint64
        KindRole, // int (EntryKind)
        AtRole, // QDateTime, UTC
        WrittenAtRole, // QDateTime, UTC
        RawTextRole, // the entry's text without decoration
        IsUserKindRole, // bool: a person wrote it, so it may be edited
        IsRedactedRole, // bool
        IsEditedRole, // bool
        SortRole, // raw value of the column
    };

    TimelineModel(
        const IncidentRepository &repository, const Clock &clock, QObject *parent = nullptr);
    ~TimelineModel() override;

    // Shows another incident (or none), with `filter`: a reset and the first page.
    void setIncident(std::optional<qint64> incidentId, const TimelineFilter &filter = {});
    std::optional<qint64> incidentId() const { return m_incidentId; }
    // Shows only the entries that pass `filter` (all with an empty one): a reset,
    // the count and the first page, both answered by the store. On an incident of
    // BackgroundFrom entries or more, a non-empty filter is read on a worker
    // thread with its own connection (when the store can have one): a text that
    // matches almost nothing is a pass over every entry, tens of milliseconds at
    // 100,000, and typing must not wait for it. Until its first page arrives the
    // rows, filter() and everything else still show the previous filter; a
    // filter that a newer one replaced before it arrived is never shown.
    void setFilter(const TimelineFilter &filter);
    // The filter the rows show.
    const TimelineFilter &filter() const { return m_filter; }
    // The filter last asked for: filter(), or the one on its way.
    const TimelineFilter &requestedFilter() const { return m_pending ? *m_pending : m_filter; }
    bool isFilterPending() const { return m_pending.has_value(); }
    static constexpr qint64 BackgroundFrom = 5000;

    // Re-reads the entries already shown (and, when everything was shown, the new
    // ones after them) and applies the difference with row inserts and
    // dataChanged, so a view keeps its scroll position. Resets only when a shown
    // entry vanished or moved, which an append-only timeline never does.
    VoidResult refresh();
    // Loads every remaining page (after the user logged something, to show it).
    void fetchAll();
    // Makes the entry one of the rows and returns its row: the pages up to it
    // when it is near the rows shown, otherwise a new window of rows around it
    // (a reset). -1 when it is not on this timeline or the filter hides it.
    int loadEntry(qint64 entryId);
    // A window of the last PageSize entries (a reset); earlier ones come with
    // fetchEarlier().
    void showLatest();
    bool canFetchEarlier() const;
    // Inserts the PageSize entries before the first row at the top.
    void fetchEarlier();
    // How far loadEntry() pages on before it jumps instead.
    static constexpr int NearLimit = 5 * PageSize;

    // Entries that pass the filter (all of them without one), when last counted.
    // With a filter whose first page is full, counting them is a second pass over
    // the incident's entries, so a keystroke in the filter bar does not wait for
    // it: the count comes CountDelayMs after the last filter change (or at once
    // with countNow()), and until then totalCount() is the rows shown and
    // isTotalKnown() false. Where filters are read on the worker, so is that count.
    qint64 totalCount() const { return m_total; }
    bool isTotalKnown() const { return m_totalKnown; }
    void countNow();
    static constexpr int CountDelayMs = 250;
    // True when the first row is the first entry (that passes the filter).
    bool startsAtBeginning() const { return !m_moreBefore; }
    const TimelineEntry &entryAt(int row) const { return m_rows.at(row); }
    int rowOfEntry(qint64 entryId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadFailed(const QString &message);
    // The count of entries that pass the filter is known (again).
    void totalCountChanged(qint64 total);

private:
    // What opening a (filtered) timeline reads: its first page and, when cheap, the count.
    struct FirstPage
    {
        QList<TimelineEntry> rows;
        qint64 count = 0;
        bool countKnown = true;
        QString error;
    };
    static FirstPage readFirstPage(
        const IncidentRepository &repository, qint64 incidentId, const TimelineFilter &filter);
    void show(const FirstPage &first);
    bool readsInBackground();
    void countInBackground();
    void showCount(qint64 count);
    quint64 nextGeneration();

    QVariant displayData(const TimelineEntry &entry, int column) const;
    QString toolTip(const TimelineEntry &entry, int column) const;
    void load();
    void endReset();
    void resetTo(QList<TimelineEntry> rows, bool moreBefore, bool moreAfter);
    void insertRows(int first, const QList<TimelineEntry> &entries);
    Result<QList<TimelineEntry>> pageAfter(TimelineCursor after, int limit) const;
    Result<QList<TimelineEntry>> pageBefore(std::optional<TimelineCursor> before, int limit) const;
    void jumpTo(const TimelineEntry &entry);
    void fail(const QString &message);

    const IncidentRepository &m_repository;
    const Clock &m_clock;
    std::optional<qint64> m_incidentId;
    TimelineFilter m_filter;
    QList<TimelineEntry> m_rows;
    qint64 m_total = 0; // entries (passing the filter) in the store when last counted
    bool m_totalKnown = true; // false: m_total is the rows shown, the count is on its way
    QTimer m_countTimer;
    bool m_moreBefore = false; // entries before the first row may exist
    bool m_moreAfter = false; // entries after the last row may exist
    bool m_merging = false; // rows are being inserted: no nested fetchMore()

    // Reading filters on a worker (see setFilter()).
    std::unique_ptr<RepositoryWorker> m_worker;
    bool m_workerTried = false;
    qint64 m_incidentSize = -1; // the incident's entries, unfiltered; -1: not counted yet
    std::optional<TimelineFilter> m_pending; // asked for, its first page on its way
    bool m_refreshWhilePending = false; // the store changed while a filter was on its way
    // Every reset or filter change takes a new generation; an answer from the worker
    // for an older one is dropped, and the worker skips a job already superseded.
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<quint64>> m_latestGeneration;
};

} // namespace idesk
