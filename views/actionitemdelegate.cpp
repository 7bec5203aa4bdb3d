#include "actionitemdelegate.h"

#include "actionitemsmodel.h"
#include "presentation.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>

namespace idesk {

namespace {

// A due date the user has not touched: an item without one keeps none.
constexpr const char *kTouched = "idesk_touched";

} // namespace

ActionItemDelegate::ActionItemDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

QWidget *ActionItemDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    switch (index.column()) {
    case ActionItemsModel::TypeColumn:
    case ActionItemsModel::StatusColumn: {
        auto *combo = new QComboBox(parent);
        if (index.column() == ActionItemsModel::TypeColumn) {
            for (ActionType type : {ActionType::Prevent, ActionType::Mitigate, ActionType::Detect,
                     ActionType::Process, ActionType::Other})
                combo->addItem(Presentation::actionTypeTitle(type), actionTypeName(type));
        } else {
            for (ActionStatus status : {ActionStatus::Open, ActionStatus::InProgress,
                     ActionStatus::Done, ActionStatus::WontDo})
                combo->addItem(Presentation::actionStatusTitle(status), actionStatusName(status));
        }
        // A pick is the whole edit: commit and close at once.
        connect(combo, &QComboBox::activated, this, [this, combo] {
            auto *self = const_cast<ActionItemDelegate *>(this);
            Q_EMIT self->commitData(combo);
            Q_EMIT self->closeEditor(combo);
        });
        return combo;
    }
    case ActionItemsModel::DueColumn: {
        auto *edit = new QDateEdit(parent);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setToolTip(tr("Pick the due date; Delete on the cell clears it."));
        connect(edit, &QDateEdit::dateChanged, edit, [edit] { edit->setProperty(kTouched, true); });
        return edit;
    }
    case ActionItemsModel::LinkColumn: {
        auto *line = new QLineEdit(parent);
        line->setPlaceholderText(tr("https://tracker.example/TICKET-1"));
        return line;
    }
    default:
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void ActionItemDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentIndex(qMax(0, combo->findData(index.data(Qt::EditRole).toString())));
        return;
    }
    if (auto *edit = qobject_cast<QDateEdit *>(editor)) {
        const QDate due = index.data(Qt::EditRole).toDate();
        // No date yet: the calendar opens on today, and nothing is set unless picked.
        edit->setDate(due.isValid() ? due : QDate::currentDate());
        edit->setProperty(kTouched, due.isValid());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void ActionItemDelegate::setModelData(
    QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (combo->currentData().toString() != index.data(Qt::EditRole).toString())
            model->setData(index, combo->currentData(), Qt::EditRole);
        return;
    }
    if (auto *edit = qobject_cast<QDateEdit *>(editor)) {
        if (edit->property(kTouched).toBool() && edit->date() != index.data(Qt::EditRole).toDate())
            model->setData(index, edit->date(), Qt::EditRole);
        return;
    }
    if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        if (line->text() != index.data(Qt::EditRole).toString())
            model->setData(index, line->text(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace idesk
