#pragma once

#include "milestones.h"

#include <QWidget>

#include <array>

class QLabel;
class QToolButton;

namespace idesk {

// The incident's milestones as a compact grid: each one's name, its local time
// (UTC in the tooltip) and a "Set…" button; the derived figures underneath.
class MilestoneGrid final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MilestoneGrid)

public:
    explicit MilestoneGrid(QWidget *parent = nullptr);

    void setMilestones(const Milestones &milestones, const QDateTime &now);
    QToolButton *setButton(Milestone milestone) const;
    QString timeText(Milestone milestone) const;

Q_SIGNALS:
    void editRequested(Milestone milestone);

private:
    struct Cell
    {
        QLabel *time = nullptr;
        QToolButton *button = nullptr;
    };
    std::array<Cell, kMilestoneCount> m_cells;
    QLabel *m_figures = nullptr;
};

} // namespace idesk
