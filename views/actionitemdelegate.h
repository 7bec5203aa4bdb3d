#pragma once

#include <QStyledItemDelegate>

namespace idesk {

// Editors for the action item tables: a combo box for type and status (committed as
// soon as a value is picked), a date edit with a calendar popup for the due date, and
// line edits for the rest. Works with ActionItemsModel's edit-role values.
class ActionItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionItemDelegate)

public:
    explicit ActionItemDelegate(QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(
        QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace idesk
