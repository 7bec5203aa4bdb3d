#pragma once

#include "clock.h"
#include "incidentrepository.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <array>

namespace idesk {

// The incident list: every incident, open ones first (by severity, then the most
// recent start), then resolved, then closed ones greyed at the bottom. Read from
// the repository a page at a time (IncidentRepository::incidentPage, a keyset
// query): the rows are always the top of the list, and canFetchMore()/fetchMore()
// load the next PageSize incidents after the last one shown, so ten thousand
// incidents open at once. Holds value snapshots; data() never queries.
class IncidentListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentListModel)

public:
    enum Column {
        IdColumn,
        TitleColumn,
        SeverityColumn,
        StatusColumn,
        SinceStartColumn,
        ColumnCount
    };
    enum Role {
        IncidentIdRole = Qt::UserRole + 1, // qint64
        SortRole, // raw value of the column, for sorting
        SeverityLevelRole, // int
        StatusRole, // int (Status)
        IsOpenRole, // bool
    };

    static constexpr int PageSize = 200;

    IncidentListModel(
        const IncidentRepository &repository, const Clock &clock, QObject *parent = nullptr);

    // Reloads the rows shown (at least the first page). Rows keep their place when
    // their incident is still there; new incidents are inserted, vanished ones
    // removed, and a changed order moves rows with a layout change, so a view keeps
    // its selection and scroll position. A shown incident that moved further down
    // than the rows shown stays, with the rows up to it.
    VoidResult refresh();
    // Loads the rows down to the incident and returns its row; -1 when there is no
    // such incident (or it cannot be read).
    int revealIncident(qint64 id);
    // Loads every remaining page (a view sorted by a column needs all rows).
    void fetchAll();
    // How often "since start" is recomputed (default 30 s).
    void setTickInterval(int milliseconds);

    // Texts as wide as the widest value each column can show, so that a view can
    // size a column without measuring every row: each value of the rows loaded
    // so far, and of the open ones as their clock runs on, is at most as wide as
    // one of them. Every digit pattern is given once with each digit ("INC-000"
    // to "INC-999"), as fonts differ in which digit is widest. Grows with the
    // rows (widestTextsGrew()), never shrinks. Empty for the title.
    QStringList widestTexts(int column) const;

    int rowOfIncident(qint64 id) const;
    const IncidentSummary &summaryAt(int row) const { return m_rows.at(row); }
    // True when `a` is listed before `b`.
    static bool listedBefore(const IncidentSummary &a, const IncidentSummary &b);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void refreshFailed(const QString &message);
    // A value wider than widestTexts() allowed came in (a larger id, a higher
    // severity, a longer, a negative or the first ended duration): the texts
    // now cover it.
    void widestTextsGrew();

private:
    Result<QList<IncidentSummary>> readTop(int limit);
    bool appendPage(int limit);
    void removeVanished(const QList<IncidentSummary> &fresh);
    void updateKept(const QList<IncidentSummary> &fresh);
    void appendNew(const QList<IncidentSummary> &fresh);
    void sortRows();
    void emitClockTick();
    void noteWidest(const QList<IncidentSummary> &rows);
    bool noteOpenClocks();
    static QString sinceStartText(const IncidentSummary &s, const QDateTime &now);
    // Open or ended ("3d 4h (ended)"), counting up or negative (a start after
    // the end, or still to come): 0 to 3.
    static int durationKind(bool ended, bool negative)
    {
        return (ended ? 2 : 0) + (negative ? 1 : 0);
    }

    const IncidentRepository &m_repository;
    const Clock &m_clock;
    QList<IncidentSummary> m_rows;
    bool m_moreAfter = false; // the store may hold incidents after the last row
    bool m_merging = false; // rows are changing: no nested fetchMore()
    QTimer m_ticker;
    // What widestTexts() covers: digits of the largest id and severity seen,
    // digits of the most days since a start, and the kinds of "since start"
    // seen (durationKind()): open ones counting up from the start from the outset.
    int m_idDigits = 0;
    int m_severityDigits = 0;
    int m_dayDigits = 1; // "9d 23h" at least; grows as longer clocks are seen
    std::array<bool, 4> m_durationKinds = {true, false, false, false};
    std::optional<QDateTime> m_earliestOpenStart;
};

} // namespace idesk
