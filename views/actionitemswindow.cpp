#include "actionitemswindow.h"

#include "allactionitemsmodel.h"
#include "presentation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace idesk {

using StatusFilter = ActionItemFilterProxy::StatusFilter;

ActionItemsWindow::ActionItemsWindow(IncidentService &service, QWidget *parent)
    : QWidget(parent, Qt::Window), m_service(service)
{
    setWindowTitle(tr("All Action Items — IncidentDesk"));
    resize(1100, 520);

    m_model = new AllActionItemsModel(service.repository(), service.clock(), this);
    m_proxy = new ActionItemFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    m_owner = new QComboBox(this);
    m_owner->setMinimumContentsLength(16);
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_status = new QComboBox(this);
    m_status->addItem(tr("Not done"), int(StatusFilter::NotDone));
    m_status->addItem(tr("Overdue"), int(StatusFilter::Overdue));
    m_status->addItem(tr("Any status"), int(StatusFilter::Any));
    m_status->addItem(Presentation::actionStatusTitle(ActionStatus::Open), int(StatusFilter::Open));
    m_status->addItem(
        Presentation::actionStatusTitle(ActionStatus::InProgress), int(StatusFilter::InProgress));
    m_status->addItem(Presentation::actionStatusTitle(ActionStatus::Done), int(StatusFilter::Done));
    m_status->addItem(
        Presentation::actionStatusTitle(ActionStatus::WontDo), int(StatusFilter::WontDo));
    m_summary = new QLabel(this);
    Presentation::makeMuted(m_summary);

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AllActionItemsModel::DueColumn, Qt::AscendingOrder);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionResizeMode(AllActionItemsModel::TextColumn, QHeaderView::Stretch);
    columns->resizeSection(AllActionItemsModel::IncidentColumn, 240);
    columns->resizeSection(AllActionItemsModel::TypeColumn, 80);
    columns->resizeSection(AllActionItemsModel::OwnerColumn, 110);
    columns->resizeSection(AllActionItemsModel::DueColumn, 180);
    columns->resizeSection(AllActionItemsModel::StatusColumn, 100);
    columns->resizeSection(AllActionItemsModel::LinkColumn, 160);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Owner:"), this));
    filters->addWidget(m_owner);
    filters->addSpacing(12);
    filters->addWidget(new QLabel(tr("Status:"), this));
    filters->addWidget(m_status);
    filters->addStretch(1);
    filters->addWidget(m_summary);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);

    connect(m_owner, &QComboBox::currentIndexChanged, this, &ActionItemsWindow::applyFilters);
    connect(m_status, &QComboBox::currentIndexChanged, this, &ActionItemsWindow::applyFilters);
    connect(m_table, &QTableView::activated, this, &ActionItemsWindow::activate);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ActionItemsWindow::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ActionItemsWindow::updateSummary);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ActionItemsWindow::updateSummary);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ActionItemsWindow::updateSummary);
    connect(&service, &IncidentService::incidentChanged, this, &ActionItemsWindow::refresh);
    connect(&service, &IncidentService::incidentDeclared, this, &ActionItemsWindow::refresh);
    auto *close = new QShortcut(QKeySequence::Cancel, this);
    connect(close, &QShortcut::activated, this, &QWidget::close);

    fillOwners();
    applyFilters();
}

void ActionItemsWindow::refresh()
{
    m_stale = true;
    if (isVisible())
        reload();
}

void ActionItemsWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void ActionItemsWindow::reload()
{
    // Keep the selected item selected across the reload.
    const QModelIndex current = m_table->currentIndex();
    const qint64 incident = current.data(AllActionItemsModel::IncidentIdRole).toLongLong();
    const int number = current.data(AllActionItemsModel::NumberRole).toInt();
    const auto refreshed = m_model->refresh();
    m_stale = false;
    if (!refreshed)
        Q_EMIT errorOccurred(refreshed.errorMessage());
    fillOwners();
    updateSummary();
    if (incident == 0)
        return;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, current.column());
        if (index.data(AllActionItemsModel::IncidentIdRole).toLongLong() == incident
            && index.data(AllActionItemsModel::NumberRole).toInt() == number) {
            m_table->setCurrentIndex(index);
            break;
        }
    }
}

void ActionItemsWindow::fillOwners()
{
    const QString selected = m_owner->currentData().toString();
    const QSignalBlocker blocker(m_owner);
    m_owner->clear();
    m_owner->addItem(tr("Everyone"), QString());
    m_owner->addItem(tr("Unassigned"), ActionItemFilterProxy::unassignedOwner());
    for (const QString &owner : m_model->owners())
        m_owner->addItem(owner, owner);
    const int index = m_owner->findData(selected);
    if (index >= 0) {
        m_owner->setCurrentIndex(index);
    } else if (!selected.isEmpty()) {
        // An owner whose items are all gone stays selectable until changed.
        m_owner->addItem(selected, selected);
        m_owner->setCurrentIndex(m_owner->count() - 1);
    }
}

void ActionItemsWindow::applyFilters()
{
    m_proxy->setOwnerFilter(m_owner->currentData().toString());
    m_proxy->setStatusFilter(StatusFilter(m_status->currentData().toInt()));
    updateSummary();
}

QString ActionItemsWindow::summaryText() const
{
    return tr("%1 shown of %2; %3 overdue")
        .arg(m_proxy->rowCount())
        .arg(m_model->rowCount())
        .arg(m_model->overdueCount());
}

void ActionItemsWindow::updateSummary()
{
    m_summary->setText(summaryText());
}

void ActionItemsWindow::activate(const QModelIndex &index)
{
    if (index.isValid())
        Q_EMIT incidentActivated(index.data(AllActionItemsModel::IncidentIdRole).toLongLong());
}

} // namespace idesk
