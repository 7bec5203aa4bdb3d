#include "actionitemspanel.h"

#include "actionitemdelegate.h"
#include "actionitemsmodel.h"
#include "presentation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace idesk {

ActionItemsPanel::ActionItemsPanel(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_model = new ActionItemsModel(service, this);

    auto *heading = new QLabel(tr("Action Items"), this);
    Presentation::makeTitle(heading, 2);

    m_newText = new QLineEdit(this);
    m_newText->setPlaceholderText(tr("New action item: describe it and press Enter"));
    m_newType = new QComboBox(this);
    for (ActionType type : {ActionType::Prevent, ActionType::Mitigate, ActionType::Detect,
             ActionType::Process, ActionType::Other})
        m_newType->addItem(Presentation::actionTypeTitle(type), actionTypeName(type));
    m_newType->setCurrentIndex(m_newType->findData(actionTypeName(ActionType::Prevent)));
    m_newType->setToolTip(tr("The new item's type"));
    m_add = new QPushButton(tr("Add"), this);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setToolTip(tr("Remove the selected action item"));

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new ActionItemDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->installEventFilter(this);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // The action keeps a readable width (the table scrolls sideways when narrow); the
    // short columns fit their content; the link takes what is left.
    columns->setSectionResizeMode(QHeaderView::ResizeToContents);
    columns->setSectionResizeMode(ActionItemsModel::TextColumn, QHeaderView::Interactive);
    columns->resizeSection(ActionItemsModel::TextColumn, 280);
    columns->setStretchLastSection(true);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_newText, 1);
    addRow->addWidget(m_newType);
    addRow->addWidget(m_add);
    addRow->addWidget(m_remove);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(heading);
    layout->addLayout(addRow);
    layout->addWidget(m_table, 1);

    connect(m_newText, &QLineEdit::returnPressed, this, &ActionItemsPanel::addFromLine);
    connect(m_add, &QPushButton::clicked, this, &ActionItemsPanel::addFromLine);
    connect(m_remove, &QPushButton::clicked, this, &ActionItemsPanel::removeSelected);
    connect(m_model, &ActionItemsModel::errorOccurred, this, &ActionItemsPanel::errorOccurred);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &ActionItemsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ActionItemsPanel::updateButtons);
    setIncident(std::nullopt);
}

void ActionItemsPanel::setIncident(std::optional<qint64> incidentId)
{
    m_incidentId = incidentId;
    m_model->setIncident(incidentId);
    setEnabled(incidentId.has_value());
    updateButtons();
}

void ActionItemsPanel::setItems(const QList<ActionItem> &items)
{
    m_model->setItems(items);
    updateButtons();
}

bool ActionItemsPanel::addFromLine()
{
    if (!m_incidentId)
        return false;
    ActionItem item;
    item.text = m_newText->text().trimmed();
    if (item.text.isEmpty()) {
        m_newText->setFocus(Qt::OtherFocusReason);
        return false;
    }
    item.type = parseActionType(m_newType->currentData().toString()).value_or(ActionType::Other);
    const auto number = m_service.addActionItem(*m_incidentId, item);
    if (!number) {
        Q_EMIT errorOccurred(number.errorMessage());
        return false;
    }
    m_newText->clear();
    return true;
}

bool ActionItemsPanel::removeSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!m_incidentId || !current.isValid())
        return false;
    const auto removed = m_service.removeActionItem(*m_incidentId, current.row() + 1);
    if (!removed) {
        Q_EMIT errorOccurred(removed.errorMessage());
        return false;
    }
    return true;
}

void ActionItemsPanel::selectItem(int number, int column)
{
    const QModelIndex index = m_model->index(number - 1, column);
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    m_table->setFocus(Qt::OtherFocusReason);
}

void ActionItemsPanel::updateButtons()
{
    m_remove->setEnabled(m_incidentId && m_table->currentIndex().isValid());
}

bool ActionItemsPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Delete on a due date clears it; on other cells it does nothing (Remove removes).
    // An open editor has the focus, so the table sees keys only when nothing is edited.
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const QModelIndex current = m_table->currentIndex();
        if ((key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace)
            && current.isValid()) {
            if (current.column() == ActionItemsModel::DueColumn
                || current.column() == ActionItemsModel::LinkColumn
                || current.column() == ActionItemsModel::OwnerColumn)
                m_model->setData(current, QVariant(), Qt::EditRole);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace idesk
