#include "milestonegrid.h"

#include "presentation.h"
#include "timeformat.h"

#include <QGridLayout>
#include <QLabel>
#include <QToolButton>

namespace idesk {

MilestoneGrid::MilestoneGrid(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(2);
    for (Milestone m : allMilestones()) {
        const int column = static_cast<int>(m);
        auto *name = new QLabel(milestoneTitle(m), this);
        Presentation::makeMuted(name);
        Cell &cell = m_cells[column];
        cell.time = new QLabel(this);
        cell.time->setTextInteractionFlags(Qt::TextSelectableByMouse);
        cell.button = new QToolButton(this);
        cell.button->setText(tr("Set…"));
        cell.button->setToolTip(
            tr("Set or clear %1; accepts an earlier time").arg(milestoneTitle(m).toLower()));
        cell.button->setAutoRaise(true);
        connect(cell.button, &QToolButton::clicked, this, [this, m] { Q_EMIT editRequested(m); });
        auto *row = new QHBoxLayout;
        row->setSpacing(2);
        row->addWidget(cell.time);
        row->addWidget(cell.button);
        row->addStretch();
        grid->addWidget(name, 0, column);
        grid->addLayout(row, 1, column);
    }
    m_figures = new QLabel(this);
    Presentation::makeMuted(m_figures);
    grid->addWidget(m_figures, 2, 0, 1, kMilestoneCount);
    grid->setColumnStretch(kMilestoneCount, 1);
}

void MilestoneGrid::setMilestones(const Milestones &milestones, const QDateTime &now)
{
    for (Milestone m : allMilestones()) {
        const Cell &cell = m_cells[static_cast<int>(m)];
        const auto at = milestones.get(m);
        if (at) {
            cell.time->setText(at->toLocalTime().date() == now.toLocalTime().date()
                    ? at->toLocalTime().toString(QStringLiteral("HH:mm"))
                    : at->toLocalTime().toString(QStringLiteral("MM-dd HH:mm")));
            cell.time->setToolTip(Presentation::localWithUtc(*at));
        } else {
            cell.time->setText(tr("—"));
            cell.time->setToolTip(tr("Not set"));
        }
    }
    auto figure = [](std::optional<qint64> seconds) {
        return seconds ? formatDuration(*seconds) : tr("—");
    };
    m_figures->setText(
        tr("Time to detect %1  ·  to acknowledge %2  ·  to mitigate %3  ·  to "
           "resolve %4")
            .arg(figure(milestones.timeToDetect()), figure(milestones.timeToAcknowledge()),
                figure(milestones.timeToMitigate()), figure(milestones.timeToResolve())));
}

QToolButton *MilestoneGrid::setButton(Milestone milestone) const
{
    return m_cells[static_cast<int>(milestone)].button;
}

QString MilestoneGrid::timeText(Milestone milestone) const
{
    return m_cells[static_cast<int>(milestone)].time->text();
}

} // namespace idesk
