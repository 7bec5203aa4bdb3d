#include "assignroledialog.h"

#include "presentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace idesk {

AssignRoleDialog::AssignRoleDialog(IncidentService &service, qint64 incidentId,
    const QList<RoleAssignment> &roles, const QString &role, const QString &userName,
    QWidget *parent)
    : QDialog(parent), m_service(service), m_incidentId(incidentId), m_roles(roles),
      m_userName(userName)
{
    setWindowTitle(tr("Assign Role — %1").arg(formatIncidentId(incidentId)));
    setMinimumWidth(440);

    // Standard roles, then custom ones already used; a new custom name may be typed.
    m_role = new QComboBox(this);
    m_role->setEditable(true);
    m_role->setInsertPolicy(QComboBox::NoInsert);
    QStringList names = Roles::standard();
    for (const auto &a : roles) {
        if (!names.contains(a.role))
            names.append(a.role);
    }
    for (const auto &name : names)
        m_role->addItem(name);
    const int index = m_role->findText(role);
    if (index >= 0)
        m_role->setCurrentIndex(index);
    else if (!role.isEmpty())
        m_role->setEditText(role);

    m_holder = new QLabel(this);
    m_holder->setWordWrap(true);
    Presentation::makeMuted(m_holder);

    m_person = new QLineEdit(this);
    m_person->setPlaceholderText(tr("Who takes the role"));

    m_backdate = new QCheckBox(tr("Earlier, at"), this);
    m_time = new QDateTimeEdit(this);
    m_time->setTimeSpec(Qt::LocalTime);
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_time->setCalendarPopup(true);
    m_time->setDateTime(m_service.clock().now().toLocalTime());
    m_time->setEnabled(false);
    connect(m_backdate, &QCheckBox::toggled, m_time, &QWidget::setEnabled);
    auto *timeRow = new QHBoxLayout;
    timeRow->addWidget(new QLabel(tr("Now, or"), this));
    timeRow->addWidget(m_backdate);
    timeRow->addWidget(m_time, 1);

    m_note = new QLineEdit(this);
    m_note->setPlaceholderText(tr("Handoff note (optional): what the next person must know"));

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    Presentation::makeError(m_error);
    m_error->hide();

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(QString(), m_holder);
    form->addRow(tr("&Person:"), m_person);
    form->addRow(tr("Time:"), timeRow);
    form->addRow(tr("&Note:"), m_note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Assign"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AssignRoleDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AssignRoleDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 18, 18, 14);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_role, &QComboBox::currentTextChanged, this, &AssignRoleDialog::showHolder);
    showHolder();
    if (role.isEmpty())
        m_role->setFocus();
    else
        m_person->setFocus();
}

QString AssignRoleDialog::selectedRole() const
{
    return Roles::normalise(m_role->currentText()).value_or(m_role->currentText().trimmed());
}

void AssignRoleDialog::showHolder()
{
    const auto holder = IncidentRules::currentHolder(m_roles, selectedRole());
    if (holder) {
        m_holder->setText(tr("%1 holds it since %2; assigning hands it off.")
                              .arg(holder->person, Presentation::localWithUtc(holder->from)));
    } else {
        m_holder->setText(tr("Nobody holds this role."));
    }
}

void AssignRoleDialog::accept()
{
    std::optional<QDateTime> at;
    if (m_backdate->isChecked())
        at = m_time->dateTime().toUTC();
    const auto done = m_service.assignRole(
        m_incidentId, m_role->currentText(), m_person->text(), at, m_userName, m_note->text());
    if (!done) {
        m_error->setText(done.errorMessage());
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace idesk
