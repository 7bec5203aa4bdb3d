#include "whoswhostrip.h"

#include "incidentrules.h"
#include "rolehistorytext.h"

#include <QHBoxLayout>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace idesk {

namespace {

// A chip's look follows its "state" property: held, vacant (a standard role nobody
// holds: a warning) or ended (a custom role nobody holds any more: muted).
const QString kStyleSheet = QStringLiteral(R"css(
QToolButton {
    border: 1px solid #b9cbe6; border-radius: 10px; padding: 2px 9px;
    background: #eef3fa; color: #1f2d3d;
}
QToolButton:hover, QToolButton:focus { border-color: #5b87c5; background: #e1ebf7; }
QToolButton[state="vacant"] {
    border: 1px dashed #d98e04; background: #fff5e0; color: #8a5300;
}
QToolButton[state="vacant"]:hover, QToolButton[state="vacant"]:focus { border-style: solid; }
QToolButton[state="ended"] { border-color: #d0d0d0; background: transparent; color: #808080; }
)css");

const char *const kState = "state";

} // namespace

WhosWhoStrip::WhosWhoStrip(
    const IncidentRepository &repository, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_repository(repository), m_clock(clock)
{
    setStyleSheet(kStyleSheet);
    m_chips = new QHBoxLayout(this);
    m_chips->setContentsMargins(0, 0, 0, 0);
    m_chips->setSpacing(6);
    m_chips->addStretch();
    setEnabled(false);
}

void WhosWhoStrip::setIncident(std::optional<qint64> incidentId)
{
    m_incidentId = incidentId;
    clearChips();
    setEnabled(incidentId.has_value());
    if (incidentId)
        (void)refresh();
}

VoidResult WhosWhoStrip::refresh()
{
    if (!m_incidentId)
        return {};
    auto roles = m_repository.roles(*m_incidentId);
    if (!roles) {
        Q_EMIT errorOccurred(roles.errorMessage());
        return roles.error();
    }
    QList<RoleAssignment> assignments = std::move(roles).value();
    std::stable_sort(assignments.begin(), assignments.end(), [](const auto &a, const auto &b) {
        return a.from != b.from ? a.from < b.from : a.id < b.id;
    });
    const auto notes = RoleHistoryText::handoffNotes(m_repository, *m_incidentId, assignments);
    if (!notes) {
        // The chips are still right without the notes; say why the notes are missing.
        Q_EMIT errorOccurred(notes.errorMessage());
        display(assignments, {});
        return notes.error();
    }
    display(assignments, *notes);
    return {};
}

void WhosWhoStrip::display(
    const QList<RoleAssignment> &assignments, const QHash<qint64, QString> &notes)
{
    QStringList order = Roles::standard();
    for (const auto &a : assignments) {
        if (!order.contains(a.role))
            order.append(a.role);
    }
    if (order != m_order)
        clearChips(); // a new custom role: lay the chips out again, in order
    m_order = order;

    const QDateTime now = m_clock.now();
    for (const QString &role : std::as_const(m_order)) {
        QToolButton *chip = chipFor(role);
        const auto holder = IncidentRules::currentHolder(assignments, role);
        const QString title = RoleHistoryText::shortTitle(role);
        QString state = QStringLiteral("held");
        if (holder) {
            chip->setText(tr("%1: %2").arg(title, holder->person));
        } else {
            chip->setText(tr("%1: —").arg(title));
            state = Roles::standard().contains(role) ? QStringLiteral("vacant")
                                                     : QStringLiteral("ended");
        }
        chip->setAccessibleName(holder ? tr("%1 is %2").arg(Roles::title(role), holder->person)
                                       : tr("Nobody is %1").arg(Roles::title(role)));
        chip->setToolTip(RoleHistoryText::tooltip(role, assignments, notes, now)
            + QStringLiteral("<p><i>%1</i></p>")
                  .arg(holder ? tr("Click to hand off.") : tr("Click to assign.")));
        if (chip->property(kState).toString() != state) {
            chip->setProperty(kState, state);
            // A style sheet reads dynamic properties when the widget is polished.
            chip->style()->unpolish(chip);
            chip->style()->polish(chip);
        }
    }
}

QToolButton *WhosWhoStrip::chipFor(const QString &role)
{
    if (QToolButton *existing = m_chipByRole.value(role))
        return existing;
    auto *chip = new QToolButton(this);
    chip->setObjectName(QStringLiteral("whosWhoChip-") + role);
    chip->setCursor(Qt::PointingHandCursor);
    chip->setFocusPolicy(Qt::TabFocus);
    connect(chip, &QToolButton::clicked, this, [this, role] { Q_EMIT roleClicked(role); });
    m_chips->insertWidget(m_chips->count() - 1, chip); // before the stretch
    m_chipByRole.insert(role, chip);
    return chip;
}

void WhosWhoStrip::clearChips()
{
    // Later, not now: the click that led here may still be running in one of them.
    for (QToolButton *chip : std::as_const(m_chipByRole)) {
        m_chips->removeWidget(chip);
        chip->hide();
        chip->deleteLater();
    }
    m_chipByRole.clear();
    m_order.clear();
}

QStringList WhosWhoStrip::roles() const
{
    return m_order;
}

QToolButton *WhosWhoStrip::chip(const QString &role) const
{
    return m_chipByRole.value(role);
}

bool WhosWhoStrip::isVacant(const QString &role) const
{
    const QToolButton *chip = m_chipByRole.value(role);
    return chip && chip->property(kState).toString() != QStringLiteral("held");
}

} // namespace idesk
