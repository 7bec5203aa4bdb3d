#pragma once

#include <QStringList>
#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QToolButton;

namespace idesk {

// A list of short texts edited in place: add, remove, move up and down (or drag), and
// edit an item with a double-click, F2 or Enter. Used for the postmortem's lists (what
// went well, contributing factors, ...). An item left empty disappears.
class StringListEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StringListEditor)

public:
    explicit StringListEditor(QWidget *parent = nullptr);

    QStringList items() const;
    // Shows `items`; keeps the current row where it can. Does nothing when they are shown.
    void setItems(const QStringList &items);
    void setPlaceholderText(const QString &text);

    // Whether the user is in the middle of something here: an item's editor is open or
    // the list has the focus.
    bool isBusy() const;

    // Adds an empty item at the end and opens its editor.
    void addItem();
    void removeCurrent();
    void moveCurrent(int step);
    // Selects item `row` and opens its editor with [offset, offset + length) selected.
    void editItem(int row, qsizetype offset = 0, qsizetype length = 0);

    QListWidget *listWidget() const { return m_list; }
    QToolButton *addButton() const { return m_add; }
    QToolButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    // The list changed through the user: an item edited, added, removed or moved.
    void edited();
    // An item's editor or the list lost the focus to something outside this widget.
    void focusLeft();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void itemChanged(QListWidgetItem *item);
    void updateButtons();
    void fitHeight();
    QListWidgetItem *newItem(const QString &text);

    QListWidget *m_list = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
    bool m_updating = false;
};

} // namespace idesk
