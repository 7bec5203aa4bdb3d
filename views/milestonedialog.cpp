#include "milestonedialog.h"

#include "presentation.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace idesk {

MilestoneDialog::MilestoneDialog(IncidentService &service, qint64 incidentId,
    const Milestones &current, Milestone milestone, const QString &userName, QWidget *parent)
    : QDialog(parent), m_service(service), m_incidentId(incidentId), m_current(current),
      m_userName(userName)
{
    setWindowTitle(tr("Set Milestone — %1").arg(formatIncidentId(incidentId)));
    setMinimumWidth(420);

    m_milestone = new QComboBox(this);
    for (Milestone m : allMilestones())
        m_milestone->addItem(milestoneTitle(m), static_cast<int>(m));
    m_milestone->setCurrentIndex(static_cast<int>(milestone));

    m_currentLabel = new QLabel(this);
    Presentation::makeMuted(m_currentLabel);

    m_time = new QDateTimeEdit(this);
    m_time->setTimeSpec(Qt::LocalTime);
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_time->setCalendarPopup(true);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    Presentation::makeError(m_error);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Milestone:"), m_milestone);
    form->addRow(tr("Now:"), m_currentLabel);
    form->addRow(tr("&At (local):"), m_time);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Set"));
    m_clear = buttons->addButton(tr("C&lear"), QDialogButtonBox::ResetRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &MilestoneDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &MilestoneDialog::reject);
    connect(m_clear, &QPushButton::clicked, this, &MilestoneDialog::clearMilestone);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 18, 18, 14);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_milestone, &QComboBox::currentIndexChanged, this, &MilestoneDialog::showSelected);
    showSelected();
    m_time->setFocus();
}

Milestone MilestoneDialog::selected() const
{
    return static_cast<Milestone>(m_milestone->currentData().toInt());
}

void MilestoneDialog::showSelected()
{
    const auto at = m_current.get(selected());
    m_currentLabel->setText(at ? Presentation::localWithUtc(*at) : tr("not set"));
    m_clear->setEnabled(at.has_value());
    // Edit from the current value when there is one, else from now.
    m_time->setDateTime(at.value_or(m_service.clock().now()).toLocalTime());
}

void MilestoneDialog::apply(std::optional<QDateTime> at)
{
    const auto done = m_service.setMilestone(m_incidentId, selected(), at, m_userName);
    if (!done) {
        m_error->setText(done.errorMessage());
        m_error->show();
        return;
    }
    QDialog::accept();
}

void MilestoneDialog::accept()
{
    apply(m_time->dateTime().toUTC());
}

void MilestoneDialog::clearMilestone()
{
    apply(std::nullopt);
}

} // namespace idesk
