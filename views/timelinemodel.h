#pragma once

#include "clock.h"
#include "incidentrepository.h"

#include <QAbstractTableModel>

#include <optional>

namespace idesk {

// One incident's timeline, oldest first, read from the repository a page at a
// time with keyset paging: canFetchMore()/fetchMore() load the next PageSize
// entries after the last one shown. Holds value snapshots; data() never queries.
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

    // Shows another incident (or none): a reset and the first page.
    void setIncident(std::optional<qint64> incidentId);
    std::optional<qint64> incidentId() const { return m_incidentId; }

    // Re-reads the entries already shown (and, when everything was shown, the new
    // ones after them) and applies the difference with row inserts and
    // dataChanged, so a view keeps its scroll position. Resets only when a shown
    // entry vanished or moved, which an append-only timeline never does.
    VoidResult refresh();
    // Loads every remaining page (after the user logged something, to show it).
    void fetchAll();

    qint64 totalCount() const { return m_total; }
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

private:
    QVariant displayData(const TimelineEntry &entry, int column) const;
    QString toolTip(const TimelineEntry &entry, int column) const;
    Result<QList<TimelineEntry>> readFromStart(int limit) const;

    const IncidentRepository &m_repository;
    const Clock &m_clock;
    std::optional<qint64> m_incidentId;
    QList<TimelineEntry> m_rows;
    qint64 m_total = 0; // entries in the store when last counted
    bool m_merging = false; // rows are being inserted: no nested fetchMore()
};

} // namespace idesk
