#include "diagnosticspackbar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

namespace idesk {

DiagnosticsPackBar::DiagnosticsPackBar(IncidentRepository &repository, QWidget *parent)
    : QWidget(parent), m_repository(repository)
{
    m_combo = new QComboBox(this);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(10);
    auto *label = new QLabel(tr("Pac&k"), this);
    label->setBuddy(m_combo);
    m_queries = new QToolButton(this);
    m_queries->setText(tr("Queries"));
    m_queries->setToolTip(tr("Put one of the pack's queries in the editor"));
    m_queries->setPopupMode(QToolButton::InstantPopup);
    m_queries->setMenu(new QMenu(m_queries));
    m_queries->menu()->setToolTipsVisible(true);
    m_run = new QPushButton(tr("R&un pack"), this);
    m_run->setToolTip(tr("Run every query of the pack over the window and pin each answer"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(label);
    layout->addWidget(m_combo, 1);
    layout->addWidget(m_queries);
    layout->addWidget(m_run);

    connect(m_combo, &QComboBox::currentIndexChanged, this, &DiagnosticsPackBar::rebuildQueries);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (const auto pack = currentPack())
            Q_EMIT runRequested(*pack);
    });
    (void)reload();
}

QString DiagnosticsPackBar::reload()
{
    static const QList<DiagnosticPack> builtIn = builtInDiagnosticPacks();
    QList<DiagnosticPack> packs = builtIn;
    QString problem;
    const auto stored = m_repository.setting(kSettingKey);
    if (!stored) {
        problem = tr("The team's diagnostic packs cannot be read: %1").arg(stored.errorMessage());
    } else if (!stored->trimmed().isEmpty()) {
        const auto parsed = diagnosticPacksFromJson(stored->toUtf8());
        if (parsed)
            packs.append(*parsed);
        else
            problem
                = tr("The team's diagnostic packs cannot be read: %1").arg(parsed.errorMessage());
    }
    if (packs == m_packs)
        return problem;
    const QString current = m_combo->currentData().toString();
    m_packs = packs;
    {
        const QSignalBlocker blocker(m_combo);
        m_combo->clear();
        for (const auto &pack : std::as_const(m_packs)) {
            m_combo->addItem(pack.name, pack.name);
            m_combo->setItemData(m_combo->count() - 1,
                tr("%1\n%n queries", nullptr, int(pack.queries.size())).arg(pack.description),
                Qt::ToolTipRole);
        }
        const int keep = m_combo->findData(current);
        m_combo->setCurrentIndex(keep >= 0 ? keep : (m_packs.isEmpty() ? -1 : 0));
    }
    rebuildQueries();
    return problem;
}

std::optional<DiagnosticPack> DiagnosticsPackBar::currentPack() const
{
    const int index = m_combo->currentIndex();
    if (index < 0 || index >= m_packs.size())
        return std::nullopt;
    return m_packs.at(index);
}

void DiagnosticsPackBar::setRunEnabled(bool enabled)
{
    m_run->setEnabled(enabled && !m_packs.isEmpty());
    m_queries->setEnabled(!m_packs.isEmpty());
}

void DiagnosticsPackBar::rebuildQueries()
{
    QMenu *menu = m_queries->menu();
    menu->clear();
    const auto pack = currentPack();
    if (!pack)
        return;
    for (const PackQuery &query : pack->queries) {
        QAction *action = menu->addAction(
            query.unit.isEmpty() ? query.title : tr("%1 (%2)").arg(query.title, query.unit));
        action->setToolTip(query.query);
        connect(action, &QAction::triggered, this, [this, query] { Q_EMIT queryChosen(query); });
    }
}

} // namespace idesk
