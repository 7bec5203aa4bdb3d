#pragma once

#include "incident.h"

#include <QAbstractTableModel>

namespace idesk {

// A diagnostic snapshot as the Pinned list shows it: with the title it was pinned under
// (read back from its `diagnostic` timeline entry, so an edit of that entry renames it).
struct PinnedSnapshot
{
    DiagnosticSnapshot snapshot;
    QString title; // empty when it was pinned without one
    bool operator==(const PinnedSnapshot &) const = default;
};

// The snapshots pinned to one incident, newest first: title (else the query), source and
// when it was captured. A value snapshot of the incident the page read; a refresh that
// only adds snapshots inserts rows, so the selection stays where it was.
class SnapshotsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotsModel)

public:
    enum Column { TitleColumn, SourceColumn, CapturedColumn, ColumnCount };
    enum Role { SnapshotIdRole = Qt::UserRole + 1, SortRole };

    explicit SnapshotsModel(QObject *parent = nullptr);

    // `now` decides whether a capture time shows its date.
    void setIncident(const Incident &incident, const QDateTime &now);
    void clear();
    const PinnedSnapshot &at(int row) const { return m_rows.at(row); }
    const QList<PinnedSnapshot> &rows() const { return m_rows; }
    int rowOfSnapshot(qint64 snapshotId) const;

    // The title `snapshot` was pinned under, from the entry that records it; empty for none.
    static QString titleOf(
        const DiagnosticSnapshot &snapshot, const QList<TimelineEntry> &timeline);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<PinnedSnapshot> m_rows; // newest first
    QDateTime m_now;
};

} // namespace idesk
