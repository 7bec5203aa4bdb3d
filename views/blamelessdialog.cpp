#include "blamelessdialog.h"

#include "presentation.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace idesk {

BlamelessDialog::BlamelessDialog(
    const QList<BlamelessFinding> &findings, Mode mode, QWidget *parent)
    : QDialog(parent), m_findings(findings)
{
    setWindowTitle(tr("Blameless Language Check"));
    resize(860, 420);

    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    intro->setText(findings.isEmpty()
            ? tr("Nothing found: the text describes systems and processes, not people to blame.")
            : tr("%n place(s) may read as blame. A blameless postmortem asks how the system let "
                 "this happen, not who is at fault. Go to a place to rewrite it, or export anyway.",
                nullptr, int(findings.size())));

    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(true);
    m_list->setUniformRowHeights(false);
    m_list->setHeaderLabels({tr("Where"), tr("Found"), tr("Why, and what to write instead")});
    for (const auto &finding : findings) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, finding.location);
        item->setText(1, QStringLiteral("“%1”").arg(finding.matched));
        item->setText(2, finding.reason);
        item->setToolTip(2, finding.reason);
        item->setForeground(1, Presentation::errorTextColor());
    }
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(0, 220);
    m_list->setColumnWidth(1, 170);
    if (!findings.isEmpty())
        m_list->setCurrentItem(m_list->topLevelItem(0));

    auto *buttons = new QDialogButtonBox(this);
    m_goTo = buttons->addButton(tr("&Go to"), QDialogButtonBox::ActionRole);
    m_goTo->setEnabled(!findings.isEmpty());
    if (mode == Mode::BeforeExport) {
        m_export = buttons->addButton(tr("&Export anyway"), QDialogButtonBox::AcceptRole);
        buttons->addButton(QDialogButtonBox::Cancel);
        m_export->setDefault(true);
    } else {
        buttons->addButton(QDialogButtonBox::Close);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);

    connect(m_goTo, &QPushButton::clicked, this, &BlamelessDialog::goToSelected);
    connect(m_list, &QTreeWidget::itemActivated, this, &BlamelessDialog::goToSelected);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void BlamelessDialog::goToSelected()
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (row < 0 || row >= m_findings.size())
        return;
    const BlamelessFinding finding = m_findings.at(row);
    reject(); // the user goes to fix it: no export now
    Q_EMIT goToRequested(finding);
}

} // namespace idesk
