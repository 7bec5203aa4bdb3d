#include "rolespanel.h"

#include "assignroledialog.h"
#include "presentation.h"
#include "roleassignmentsmodel.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace idesk {

RolesPanel::RolesPanel(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_model = new RoleAssignmentsModel(service.repository(), service.clock(), this);
    connect(m_model, &RoleAssignmentsModel::loadFailed, this, &RolesPanel::errorOccurred);

    auto *heading = new QLabel(tr("Roles"), this);
    Presentation::makeTitle(heading, 1);

    m_holders = new QGridLayout;
    m_holders->setHorizontalSpacing(10);
    m_holders->setVerticalSpacing(4);
    m_holders->setColumnStretch(1, 1);
    for (const QString &role : Roles::standard())
        rowFor(role);

    m_assignOther = new QPushButton(tr("Assign another role…"), this);
    m_assignOther->setToolTip(tr("Assign any role, including a custom one (Ctrl+Shift+A)"));
    connect(m_assignOther, &QPushButton::clicked, this, [this] { openAssignDialog(); });

    auto *historyHeading = new QLabel(tr("History"), this);
    Presentation::makeTitle(historyHeading, 0);
    m_history = new QTableView(this);
    m_history->setModel(m_model);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setShowGrid(false);
    m_history->setAlternatingRowColors(true);
    m_history->setWordWrap(false);
    m_history->verticalHeader()->hide();
    m_history->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Interactive columns let the panel shrink below its contents' width; the
    // timeline beside it deserves the space.
    m_history->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->horizontalHeader()->setMinimumSectionSize(60);
    m_history->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_history->horizontalHeader()->setHighlightSections(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(heading);
    layout->addLayout(m_holders);
    layout->addWidget(m_assignOther, 0, Qt::AlignLeft);
    layout->addSpacing(6);
    layout->addWidget(historyHeading);
    layout->addWidget(m_history, 1);
}

RolesPanel::Row &RolesPanel::rowFor(const QString &role)
{
    auto it = m_rows.find(role);
    if (it != m_rows.end())
        return *it;
    const int line = m_holders->rowCount();
    auto *title = new QLabel(Roles::title(role), this);
    Presentation::makeMuted(title);
    Row row;
    row.person = new QLabel(this);
    row.person->setWordWrap(true);
    row.person->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row.button = new QPushButton(this);
    row.button->setAutoDefault(false);
    connect(row.button, &QPushButton::clicked, this, [this, role] { openAssignDialog(role); });
    m_holders->addWidget(title, line, 0);
    m_holders->addWidget(row.person, line, 1);
    m_holders->addWidget(row.button, line, 2);
    return *m_rows.insert(role, row);
}

void RolesPanel::setIncident(std::optional<qint64> incidentId)
{
    m_incidentId = incidentId;
    m_model->setIncident(incidentId);
    updateHolders();
}

VoidResult RolesPanel::refresh()
{
    auto done = m_model->refresh();
    updateHolders();
    return done;
}

void RolesPanel::updateHolders()
{
    const QList<RoleAssignment> &assignments = m_model->assignments();
    for (const auto &a : assignments) {
        if (a.isCurrent())
            rowFor(a.role); // a custom role gets its own line once someone holds it
    }
    const QDateTime now = m_service.clock().now();
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        const auto holder = IncidentRules::currentHolder(assignments, it.key());
        Row &row = *it;
        if (holder) {
            row.person->setText(tr("<b>%1</b> since %2")
                                    .arg(holder->person.toHtmlEscaped(),
                                        Presentation::localTime(holder->from, now)));
            row.person->setToolTip(Presentation::localWithUtc(holder->from));
            row.button->setText(tr("Hand off…"));
            row.button->setToolTip(tr("Hand %1 to someone else").arg(Roles::title(it.key())));
        } else {
            row.person->setText(tr("<i>unassigned</i>"));
            row.person->setToolTip({});
            row.button->setText(tr("Assign…"));
            row.button->setToolTip(tr("Assign %1").arg(Roles::title(it.key())));
        }
        row.button->setEnabled(m_incidentId.has_value());
    }
    m_assignOther->setEnabled(m_incidentId.has_value());
    m_history->resizeColumnsToContents();
}

QString RolesPanel::holderText(const QString &role) const
{
    const auto it = m_rows.constFind(role);
    return it == m_rows.cend() ? QString() : it->person->text();
}

QPushButton *RolesPanel::assignButton(const QString &role) const
{
    const auto it = m_rows.constFind(role);
    return it == m_rows.cend() ? nullptr : it->button;
}

void RolesPanel::openAssignDialog(const QString &role)
{
    if (!m_incidentId)
        return;
    auto *dialog = new AssignRoleDialog(
        m_service, *m_incidentId, m_model->assignments(), role, m_userName, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace idesk
