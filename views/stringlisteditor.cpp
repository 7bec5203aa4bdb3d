#include "stringlisteditor.h"

#include <QAbstractItemDelegate>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace idesk {

namespace {
constexpr int kMinRows = 2;
constexpr int kMaxRows = 8;
} // namespace

StringListEditor::StringListEditor(QWidget *parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->installEventFilter(this);

    auto makeButton = [this](const QString &text, const QString &toolTip) {
        auto *button = new QToolButton(this);
        button->setText(text);
        button->setToolTip(toolTip);
        button->setAutoRaise(true);
        return button;
    };
    m_add = makeButton(tr("Add"), tr("Add an item (Insert)"));
    m_remove = makeButton(tr("Remove"), tr("Remove the selected item (Delete)"));
    m_up = makeButton(tr("Up"), tr("Move the selected item up (Ctrl+Up)"));
    m_down = makeButton(tr("Down"), tr("Move the selected item down (Ctrl+Down)"));
    m_up->setArrowType(Qt::UpArrow);
    m_down->setArrowType(Qt::DownArrow);
    for (QToolButton *button : {m_add, m_remove, m_up, m_down})
        button->installEventFilter(this);

    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(0);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch(1);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_add, &QToolButton::clicked, this, &StringListEditor::addItem);
    connect(m_remove, &QToolButton::clicked, this, &StringListEditor::removeCurrent);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_list, &QListWidget::itemChanged, this, &StringListEditor::itemChanged);
    connect(m_list, &QListWidget::currentRowChanged, this, &StringListEditor::updateButtons);
    // A drag and drop inside the list moves rows in its model.
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_updating)
            Q_EMIT edited();
    });
    // An editor that closes leaves the list; an empty item is dropped then.
    connect(m_list->itemDelegate(), &QAbstractItemDelegate::closeEditor, this, [this] {
        QTimer::singleShot(0, this, [this] {
            for (int row = m_list->count() - 1; row >= 0; --row) {
                if (m_list->item(row)->text().trimmed().isEmpty()) {
                    delete m_list->takeItem(row);
                    Q_EMIT edited();
                }
            }
            fitHeight();
            updateButtons();
            if (!isBusy())
                Q_EMIT focusLeft();
        });
    });
    updateButtons();
    fitHeight();
}

QListWidgetItem *StringListEditor::newItem(const QString &text)
{
    auto *item = new QListWidgetItem(text);
    item->setFlags(item->flags() | Qt::ItemIsEditable | Qt::ItemIsDragEnabled);
    return item;
}

QStringList StringListEditor::items() const
{
    QStringList texts;
    for (int row = 0; row < m_list->count(); ++row)
        texts.append(m_list->item(row)->text());
    return texts;
}

void StringListEditor::setItems(const QStringList &texts)
{
    if (items() == texts)
        return;
    m_updating = true;
    const int current = m_list->currentRow();
    m_list->clear();
    for (const auto &text : texts)
        m_list->addItem(newItem(text));
    if (current >= 0 && m_list->count() > 0)
        m_list->setCurrentRow(qMin(current, m_list->count() - 1));
    m_updating = false;
    updateButtons();
    fitHeight();
}

void StringListEditor::setPlaceholderText(const QString &text)
{
    m_list->setToolTip(text);
    m_add->setToolTip(tr("Add an item (Insert): %1").arg(text));
}

bool StringListEditor::isBusy() const
{
    const QWidget *focus = QApplication::focusWidget();
    // An open item editor has the focus and is a child of the list.
    return focus && (focus == m_list || m_list->isAncestorOf(focus));
}

void StringListEditor::addItem()
{
    QListWidgetItem *item = newItem(QString());
    m_updating = true; // an empty item is not content yet
    m_list->addItem(item);
    m_updating = false;
    m_list->setCurrentItem(item);
    fitHeight();
    m_list->setFocus(Qt::OtherFocusReason);
    m_list->editItem(item);
}

void StringListEditor::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    delete m_list->takeItem(row);
    updateButtons();
    fitHeight();
    Q_EMIT edited();
}

void StringListEditor::moveCurrent(int step)
{
    const int row = m_list->currentRow();
    const int to = row + step;
    if (row < 0 || to < 0 || to >= m_list->count())
        return;
    m_updating = true;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(to, item);
    m_list->setCurrentRow(to);
    m_updating = false;
    updateButtons();
    Q_EMIT edited();
}

void StringListEditor::editItem(int row, qsizetype offset, qsizetype length)
{
    if (row < 0 || row >= m_list->count())
        return;
    QListWidgetItem *item = m_list->item(row);
    m_list->setCurrentItem(item);
    m_list->scrollToItem(item);
    m_list->setFocus(Qt::OtherFocusReason);
    m_list->editItem(item);
    if (auto *editor = qobject_cast<QLineEdit *>(m_list->indexWidget(m_list->currentIndex())))
        editor->setSelection(int(offset), int(length));
    else if (auto *focused = qobject_cast<QLineEdit *>(QApplication::focusWidget()))
        focused->setSelection(int(offset), int(length));
}

void StringListEditor::itemChanged(QListWidgetItem *)
{
    if (!m_updating)
        Q_EMIT edited();
    fitHeight();
}

void StringListEditor::updateButtons()
{
    const int row = m_list->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_list->count());
}

void StringListEditor::fitHeight()
{
    // As tall as its items (within limits), so a page of lists reads as a form.
    int height = 0;
    for (int row = 0; row < m_list->count() && row < kMaxRows; ++row)
        height += qMax(m_list->sizeHintForRow(row), m_list->fontMetrics().height() + 6);
    const int rows = qBound(kMinRows, m_list->count(), kMaxRows);
    if (m_list->count() < rows)
        height += (rows - m_list->count()) * (m_list->fontMetrics().height() + 6);
    m_list->setFixedHeight(height + 2 * m_list->frameWidth() + 4);
}

bool StringListEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Insert) {
            addItem();
            return true;
        }
        if (key->key() == Qt::Key_Delete) {
            removeCurrent();
            return true;
        }
        if (key->modifiers() & Qt::ControlModifier
            && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            moveCurrent(key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
    }
    if (event->type() == QEvent::FocusOut) {
        // Tell the owner once the focus has settled outside this widget (an item
        // editor taking the focus from the list is not leaving).
        QTimer::singleShot(0, this, [this] {
            if (!isBusy())
                Q_EMIT focusLeft();
        });
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace idesk
