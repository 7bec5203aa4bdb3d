#include "incidentheaderwidget.h"

#include "milestonegrid.h"
#include "presentation.h"
#include "timeformat.h"
#include "whoswhostrip.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

namespace idesk {

IncidentHeaderWidget::IncidentHeaderWidget(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_id = new QLabel(this);
    Presentation::makeTitle(m_id, 5);
    Presentation::makeMuted(m_id);
    m_title = new QLabel(this);
    Presentation::makeTitle(m_title, 5);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Presentation::makeMuted(m_summary);

    m_severity = new QComboBox(this);
    m_severity->setToolTip(tr("Change the severity (Ctrl+Shift+S)"));
    m_severity->setMinimumContentsLength(6);
    m_status = new QComboBox(this);
    m_status->setToolTip(tr("Change the status (Ctrl+Shift+T); only allowed moves are offered"));
    m_status->setMinimumContentsLength(12);
    m_reopen = new QToolButton(this);
    m_reopen->setText(tr("Reopen…"));
    m_reopen->setPopupMode(QToolButton::InstantPopup);
    auto *reopenMenu = new QMenu(m_reopen);
    for (Status to : Lifecycle::allowedTargets(Status::Closed, true)) {
        reopenMenu->addAction(
            tr("Reopen as %1").arg(statusTitle(to)), this, [this, to] { reopen(to); });
    }
    m_reopen->setMenu(reopenMenu);
    m_reopen->hide();

    m_sinceStart = new QLabel(this);
    m_sinceDeclared = new QLabel(this);
    for (QLabel *clock : {m_sinceStart, m_sinceDeclared}) {
        QFont font = clock->font();
        font.setBold(true);
        clock->setFont(font);
    }

    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(10);
    titleRow->addWidget(m_id, 0, Qt::AlignTop);
    titleRow->addWidget(m_title, 1);

    auto *controls = new QHBoxLayout;
    controls->setSpacing(8);
    auto *severityLabel = new QLabel(tr("Se&verity:"), this);
    severityLabel->setBuddy(m_severity);
    auto *statusLabel = new QLabel(tr("Stat&us:"), this);
    statusLabel->setBuddy(m_status);
    controls->addWidget(severityLabel);
    controls->addWidget(m_severity);
    controls->addSpacing(12);
    controls->addWidget(statusLabel);
    controls->addWidget(m_status);
    controls->addWidget(m_reopen);
    controls->addStretch();
    auto *startCaption = new QLabel(tr("Since start"), this);
    auto *declaredCaption = new QLabel(tr("Since declared"), this);
    Presentation::makeMuted(startCaption);
    Presentation::makeMuted(declaredCaption);
    controls->addWidget(startCaption);
    controls->addWidget(m_sinceStart);
    controls->addSpacing(12);
    controls->addWidget(declaredCaption);
    controls->addWidget(m_sinceDeclared);

    m_whosWho = new WhosWhoStrip(service.repository(), service.clock(), this);
    connect(
        m_whosWho, &WhosWhoStrip::roleClicked, this, &IncidentHeaderWidget::assignRoleRequested);
    connect(m_whosWho, &WhosWhoStrip::errorOccurred, this, &IncidentHeaderWidget::errorOccurred);

    m_milestones = new MilestoneGrid(this);
    connect(m_milestones, &MilestoneGrid::editRequested, this,
        &IncidentHeaderWidget::milestoneEditRequested);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addLayout(titleRow);
    layout->addWidget(m_summary);
    layout->addLayout(controls);
    layout->addWidget(m_whosWho);
    layout->addWidget(m_milestones);

    connect(m_severity, &QComboBox::activated, this, &IncidentHeaderWidget::severityPicked);
    connect(m_status, &QComboBox::activated, this, &IncidentHeaderWidget::statusPicked);
    m_clockTimer.setInterval(1000);
    connect(&m_clockTimer, &QTimer::timeout, this, &IncidentHeaderWidget::updateClocks);
}

void IncidentHeaderWidget::setIncident(std::optional<qint64> incidentId)
{
    m_incidentId = incidentId;
    m_header.reset();
    m_whosWho->setIncident(incidentId);
    if (!m_incidentId) {
        m_clockTimer.stop();
        return;
    }
    if (auto severities = m_service.repository().severities())
        m_severities = std::move(severities).value();
    else
        Q_EMIT errorOccurred(severities.errorMessage());
    (void)refresh();
    m_clockTimer.start();
}

VoidResult IncidentHeaderWidget::refresh()
{
    if (!m_incidentId)
        return {};
    const auto header = m_service.repository().loadHeader(*m_incidentId);
    if (!header) {
        Q_EMIT errorOccurred(header.errorMessage());
        return header.error();
    }
    display(*header);
    return m_whosWho->refresh();
}

void IncidentHeaderWidget::display(const IncidentHeader &header)
{
    m_header = header;
    m_id->setText(formatIncidentId(header.id));
    m_title->setText(header.title);
    m_summary->setText(header.summary);
    m_summary->setVisible(!header.summary.isEmpty());
    fillSeverities(header);
    fillStatuses(header);
    m_milestones->setMilestones(header.milestones, m_service.clock().now());
    updateClocks();
}

void IncidentHeaderWidget::fillSeverities(const IncidentHeader &header)
{
    QList<SeverityDefinition> shown = m_severities;
    const bool known = std::any_of(
        shown.cbegin(), shown.cend(), [&](const auto &s) { return s.level == header.severity; });
    if (!known)
        shown.append({header.severity, QString(), 0}); // a level since removed from the store
    if (m_severity->count() != shown.size()) {
        m_severity->clear();
        for (const auto &s : shown) {
            m_severity->addItem(Presentation::severityIcon(s.level), s.name(), s.level);
            m_severity->setItemData(m_severity->count() - 1, s.criteria, Qt::ToolTipRole);
        }
    }
    m_severity->setCurrentIndex(m_severity->findData(header.severity));
}

void IncidentHeaderWidget::fillStatuses(const IncidentHeader &header)
{
    const QList<Status> targets = Lifecycle::allowedTargets(header.status);
    QList<Status> offered;
    for (Status s : allStatuses()) {
        if (s == header.status || targets.contains(s))
            offered.append(s);
    }
    // Rebuild only when the offer changed, so an open popup is not yanked away.
    bool same = m_status->count() == offered.size();
    for (int i = 0; same && i < offered.size(); ++i)
        same = m_status->itemData(i).toInt() == static_cast<int>(offered.at(i));
    if (!same) {
        m_status->clear();
        for (Status s : offered)
            m_status->addItem(statusTitle(s), static_cast<int>(s));
    }
    m_status->setCurrentIndex(m_status->findData(static_cast<int>(header.status)));
    m_status->setEnabled(offered.size() > 1);
    m_reopen->setVisible(header.status == Status::Closed);
}

void IncidentHeaderWidget::updateClocks()
{
    if (!m_header) {
        m_sinceStart->clear();
        m_sinceDeclared->clear();
        return;
    }
    const QDateTime now = m_service.clock().now();
    const Milestones &ms = m_header->milestones;
    // Once resolved the clocks stop at the resolution: the incident's duration.
    const auto resolved = ms.get(Milestone::Resolved);
    const QDateTime end = (!Lifecycle::isOpen(m_header->status) && resolved) ? *resolved : now;
    auto since = [&](Milestone m) {
        const auto at = ms.get(m);
        return at ? formatDuration(std::max<qint64>(0, at->secsTo(end))) : tr("—");
    };
    m_sinceStart->setText(since(Milestone::Started));
    m_sinceDeclared->setText(since(Milestone::Declared));
}

QString IncidentHeaderWidget::sinceStartText() const
{
    return m_sinceStart->text();
}

QString IncidentHeaderWidget::sinceDeclaredText() const
{
    return m_sinceDeclared->text();
}

void IncidentHeaderWidget::popUpSeverity()
{
    m_severity->setFocus(Qt::ShortcutFocusReason);
    m_severity->showPopup();
}

void IncidentHeaderWidget::popUpStatus()
{
    if (m_header && m_header->status == Status::Closed) {
        m_reopen->setFocus(Qt::ShortcutFocusReason);
        m_reopen->showMenu();
        return;
    }
    m_status->setFocus(Qt::ShortcutFocusReason);
    m_status->showPopup();
}

void IncidentHeaderWidget::severityPicked(int index)
{
    if (!m_header)
        return;
    const int level = m_severity->itemData(index).toInt();
    if (level == m_header->severity)
        return;
    const auto done = m_service.changeSeverity(m_header->id, level, std::nullopt, m_userName);
    if (!done) {
        Q_EMIT errorOccurred(done.errorMessage());
        display(*m_header); // put the combo back to what is stored
    }
}

void IncidentHeaderWidget::statusPicked(int index)
{
    if (!m_header)
        return;
    const auto to = static_cast<Status>(m_status->itemData(index).toInt());
    if (to == m_header->status)
        return;
    const auto done = m_service.changeStatus(m_header->id, to, std::nullopt, m_userName);
    if (!done) {
        Q_EMIT errorOccurred(done.errorMessage());
        display(*m_header);
    }
}

void IncidentHeaderWidget::reopen(Status to)
{
    if (!m_header)
        return;
    const auto done = m_service.changeStatus(m_header->id, to, std::nullopt, m_userName, true);
    if (!done)
        Q_EMIT errorOccurred(done.errorMessage());
}

} // namespace idesk
