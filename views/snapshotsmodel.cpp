#include "snapshotsmodel.h"

#include "diagnosticsformat.h"
#include "incidentrules.h"
#include "presentation.h"
#include "rowmerge.h"

namespace idesk {

SnapshotsModel::SnapshotsModel(QObject *parent) : QAbstractTableModel(parent) { }

QString SnapshotsModel::titleOf(
    const DiagnosticSnapshot &snapshot, const QList<TimelineEntry> &timeline)
{
    const TimelineEntry *entry = nullptr;
    for (const auto &e : timeline) {
        if (e.link.type == u"diagnostic" && e.link.id == snapshot.id) {
            entry = &e;
            break;
        }
    }
    if (!entry || entry->isRedacted())
        return {};
    // The rules wrote the entry; ask them what they write around a title, so the two
    // never disagree about the wording (or its translation).
    const QChar marker(0xE000); // a private-use character no title holds
    const auto withTitle = IncidentRules::planPinDiagnostic(snapshot, QString(marker), {});
    const auto withoutTitle = IncidentRules::planPinDiagnostic(snapshot, {}, {});
    if (!withTitle || !withoutTitle || withTitle->entries.isEmpty()
        || withoutTitle->entries.isEmpty())
        return entry->text;
    if (entry->text == withoutTitle->entries.first().text)
        return {};
    const QString pattern = withTitle->entries.first().text;
    const qsizetype at = pattern.indexOf(marker);
    const QString prefix = pattern.left(at);
    const QString suffix = pattern.mid(at + 1);
    if (entry->text.startsWith(prefix) && entry->text.endsWith(suffix)
        && entry->text.size() > prefix.size() + suffix.size())
        return entry->text.mid(prefix.size(), entry->text.size() - prefix.size() - suffix.size());
    return entry->text; // edited by hand: the edit is its name now
}

void SnapshotsModel::setIncident(const Incident &incident, const QDateTime &now)
{
    QList<PinnedSnapshot> fresh;
    fresh.reserve(incident.diagnostics.size());
    for (const auto &snapshot : incident.diagnostics)
        fresh.append({snapshot, titleOf(snapshot, incident.timeline)});
    std::stable_sort(fresh.begin(), fresh.end(), [](const auto &a, const auto &b) {
        if (a.snapshot.capturedAt != b.snapshot.capturedAt)
            return a.snapshot.capturedAt > b.snapshot.capturedAt;
        return a.snapshot.id > b.snapshot.id;
    });
    const bool dayChanged = m_now.toLocalTime().date() != now.toLocalTime().date();
    m_now = now;
    const auto plan
        = planRowMerge(m_rows, fresh, [](const PinnedSnapshot &row) { return row.snapshot.id; });
    if (!plan) {
        beginResetModel();
        m_rows = std::move(fresh);
        endResetModel();
        return;
    }
    // Inserting run by run, each at its final row: earlier runs are in place already.
    for (const auto &run : plan->inserts) {
        beginInsertRows({}, run.first, run.first + run.count - 1);
        for (int i = 0; i < run.count; ++i)
            m_rows.insert(run.first + i, fresh.at(run.first + i));
        endInsertRows();
    }
    for (const auto &[first, last] : rowRanges(plan->changed)) {
        for (int row = first; row <= last; ++row)
            m_rows[row] = fresh.at(row);
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
    if (dayChanged && !m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, CapturedColumn), index(int(m_rows.size()) - 1, CapturedColumn));
}

void SnapshotsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int SnapshotsModel::rowOfSnapshot(qint64 snapshotId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).snapshot.id == snapshotId)
            return int(i);
    }
    return -1;
}

int SnapshotsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SnapshotsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SnapshotsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PinnedSnapshot &row = m_rows.at(index.row());
    const DiagnosticSnapshot &s = row.snapshot;
    if (role == SnapshotIdRole)
        return s.id;
    if (role == Qt::ToolTipRole) {
        QString tip = s.query;
        if (s.windowStart.isValid())
            tip += u'\n'
                + tr("Window: %1")
                      .arg(DiagnosticsFormat::windowText(s.windowStart, s.windowEnd, m_now));
        tip += u'\n' + tr("Captured %1").arg(Presentation::localWithUtc(s.capturedAt));
        if (s.chartPng.isEmpty())
            tip += u'\n' + tr("No chart (an instant query)");
        return tip;
    }
    switch (index.column()) {
    case TitleColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return row.title.isEmpty() ? s.query.simplified() : row.title;
        break;
    case SourceColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return s.source;
        break;
    case CapturedColumn:
        if (role == Qt::DisplayRole)
            return Presentation::localTime(s.capturedAt, m_now);
        if (role == SortRole)
            return s.capturedAt;
        break;
    default:
        break;
    }
    return {};
}

QVariant SnapshotsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Snapshot");
    case SourceColumn:
        return tr("Source");
    case CapturedColumn:
        return tr("Captured");
    default:
        return {};
    }
}

} // namespace idesk
