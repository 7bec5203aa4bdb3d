#pragma once

#include "incident.h"
#include "snapshotsmodel.h"

#include <QWidget>

class QPushButton;
class QTreeView;

namespace idesk {

// The snapshots pinned to the incident, newest first. Choosing one shows it (from the
// stored data alone, which the page does); "Open in editor" puts its query and window in
// the editor to run again.
class DiagnosticsPinnedPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsPinnedPanel)

public:
    explicit DiagnosticsPinnedPanel(QWidget *parent = nullptr);

    void setIncident(const Incident &incident, const QDateTime &now);
    void clear();
    // Chooses `row` and reports it, also when it was chosen already.
    void selectRow(int row);
    void clearSelection();

    SnapshotsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QPushButton *editButton() const { return m_edit; }

Q_SIGNALS:
    void snapshotChosen(const PinnedSnapshot &snapshot);
    void editRequested(const PinnedSnapshot &snapshot);
    void countChanged(int count);

private:
    void currentChanged();

    SnapshotsModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QPushButton *m_edit = nullptr;
};

} // namespace idesk
