#include "timelineview.h"

#include "timelinemodel.h"

#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QTimer>

namespace idesk {

TimelineView::TimelineView(IncidentService &service, QWidget *parent)
    : QTableView(parent), m_service(service)
{
    m_model = new TimelineModel(service.repository(), service.clock(), this);
    setModel(m_model);
    connect(m_model, &TimelineModel::loadFailed, this, &TimelineView::errorOccurred);

    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setShowGrid(false);
    setAlternatingRowColors(true);
    setWordWrap(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    setContextMenuPolicy(Qt::CustomContextMenu);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    QHeaderView *columns = horizontalHeader();
    columns->setHighlightSections(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionResizeMode(TimelineModel::TextColumn, QHeaderView::Stretch);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    for (int column = 0; column < TimelineModel::ColumnCount; ++column) {
        if (column != TimelineModel::TextColumn)
            columns->resizeSection(column, columns->sectionSizeHint(column));
    }

    connect(this, &QWidget::customContextMenuRequested, this, &TimelineView::showContextMenu);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &TimelineView::scrolled);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &TimelineView::fitVisibleRows);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) {
            fitColumns(first, last);
            fitRows(first, last);
        });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_fittedAt.clear();
        QHeaderView *header = horizontalHeader();
        for (int column = 0; column < TimelineModel::ColumnCount; ++column) {
            if (column != TimelineModel::TextColumn)
                header->resizeSection(column, header->sectionSizeHint(column));
        }
        fitColumns(0, m_model->rowCount() - 1);
        fitRows(0, m_model->rowCount() - 1);
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                m_fittedAt.remove(m_model->entryAt(row).id);
            fitColumns(topLeft.row(), bottomRight.row());
            fitRows(topLeft.row(), bottomRight.row());
        });
    connect(columns, &QHeaderView::sectionResized, this, [this](int column, int, int) {
        if (column == TimelineModel::TextColumn)
            fitVisibleRows();
    });
}

void TimelineView::fitRows(int first, int last)
{
    const int width = columnWidth(TimelineModel::TextColumn);
    QHeaderView *rows = verticalHeader();
    for (int row = std::max(first, 0); row <= last && row < m_model->rowCount(); ++row) {
        int &fitted = m_fittedAt[m_model->entryAt(row).id];
        if (fitted == width)
            continue;
        fitted = width;
        rows->resizeSection(row, sizeHintForRow(row));
    }
}

void TimelineView::fitVisibleRows()
{
    const int top = rowAt(0);
    if (top < 0)
        return;
    const int bottom = rowAt(viewport()->height() - 1);
    // One row past the edge: the next step of the scroll bar shows it.
    fitRows(top, bottom < 0 ? m_model->rowCount() - 1 : bottom + 1);
}

void TimelineView::fitColumns(int first, int last)
{
    QHeaderView *header = horizontalHeader();
    for (int column = 0; column < TimelineModel::ColumnCount; ++column) {
        if (column == TimelineModel::TextColumn)
            continue;
        int widest = header->sectionSize(column);
        for (int row = std::max(first, 0); row <= last && row < m_model->rowCount(); ++row)
            widest = std::max(widest, sizeHintForIndex(m_model->index(row, column)).width());
        if (widest > header->sectionSize(column))
            header->resizeSection(column, widest);
    }
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    fitVisibleRows();
}

void TimelineView::scrolled(int value)
{
    // The top reached, with earlier entries in the store: page them in above
    // and keep the entry that was at the top where it was.
    if (value != verticalScrollBar()->minimum() || m_scrollPending || !m_model->canFetchEarlier())
        return;
    const int topRow = rowAt(0);
    const qint64 anchor = topRow >= 0 ? m_model->entryAt(topRow).id : 0;
    m_model->fetchEarlier();
    if (!anchor)
        return;
    m_scrollPending = true;
    QTimer::singleShot(0, this, [this, anchor] {
        m_scrollPending = false;
        if (const int row = m_model->rowOfEntry(anchor); row >= 0)
            scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtTop);
    });
}

VoidResult TimelineView::refresh()
{
    const QScrollBar *bar = verticalScrollBar();
    const int topRow = rowAt(0);
    const qint64 anchor = topRow >= 0 ? m_model->entryAt(topRow).id : 0;
    const int oldValue = bar->value();
    const bool atBottom = bar->value() == bar->maximum() && !m_model->canFetchMore({});
    const int oldRows = m_model->rowCount();

    auto done = m_model->refresh();
    if (m_model->rowCount() == oldRows)
        return done;
    // The view lays the new rows out later; scroll once it has.
    QTimer::singleShot(0, this, [this, anchor, atBottom, oldValue] {
        if (atBottom && !m_model->canFetchMore({})) {
            scrollToBottom();
            return;
        }
        const int row = anchor ? m_model->rowOfEntry(anchor) : -1;
        if (oldValue > 0 && row >= 0 && rowAt(0) != row)
            scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtTop);
    });
    return done;
}

void TimelineView::revealEntry(qint64 entryId)
{
    if (m_model->loadEntry(entryId) >= 0)
        scrollToEntry(entryId, QAbstractItemView::EnsureVisible);
}

bool TimelineView::selectEntry(qint64 entryId)
{
    const int row = m_model->loadEntry(entryId);
    if (row < 0)
        return false;
    setCurrentIndex(m_model->index(row, TimelineModel::TextColumn));
    scrollToEntry(entryId, QAbstractItemView::PositionAtCenter);
    return true;
}

void TimelineView::scrollToEntry(qint64 entryId, ScrollHint hint)
{
    // Deferred so the rows just inserted have their heights.
    m_scrollPending = true;
    QTimer::singleShot(0, this, [this, entryId, hint] {
        m_scrollPending = false;
        const int at = m_model->rowOfEntry(entryId);
        if (at >= 0)
            scrollTo(m_model->index(at, 0), hint);
    });
}

void TimelineView::scrollToLatest()
{
    m_model->countNow();
    if (m_model->totalCount() <= LoadAllLimit)
        m_model->fetchAll();
    else
        m_model->showLatest();
    m_scrollPending = true;
    QTimer::singleShot(0, this, [this] {
        m_scrollPending = false;
        scrollToBottom();
    });
}

void TimelineView::showContextMenu(const QPoint &position)
{
    const QModelIndex index = indexAt(position);
    if (!index.isValid())
        return;
    const int row = index.row();
    const TimelineEntry &entry = m_model->entryAt(row);
    QMenu menu(this);
    QAction *edit = menu.addAction(tr("&Edit…"), this, [this, row] { editEntry(row); });
    edit->setEnabled(isUserKind(entry.kind) && !entry.isRedacted());
    QAction *redact = menu.addAction(tr("&Redact…"), this, [this, row] { redactEntry(row); });
    redact->setEnabled(!entry.isRedacted());
    QAction *history = menu.addAction(tr("Show &History"), this, [this, row] { showHistory(row); });
    history->setEnabled(entry.isEdited() || entry.isRedacted());
    menu.exec(viewport()->mapToGlobal(position));
}

void TimelineView::editEntry(int row)
{
    const TimelineEntry entry = m_model->entryAt(row);
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Edit Entry"),
        tr("The current text is kept in the entry's history."), entry.text, &ok);
    if (!ok)
        return;
    if (const auto done = m_service.editEntry(entry.id, text, m_userName); !done)
        Q_EMIT errorOccurred(done.errorMessage());
}

void TimelineView::redactEntry(int row)
{
    const TimelineEntry entry = m_model->entryAt(row);
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Redact Entry"),
        tr("Why is this entry redacted? The reason stays on the timeline."), QLineEdit::Normal,
        QString(), &ok);
    if (!ok)
        return;
    if (const auto done = m_service.redactEntry(entry.id, reason, m_userName); !done)
        Q_EMIT errorOccurred(done.errorMessage());
}

void TimelineView::showHistory(int row)
{
    const QModelIndex index = m_model->index(row, TimelineModel::TextColumn);
    QMessageBox::information(this, tr("Entry History"), index.data(Qt::ToolTipRole).toString());
}

} // namespace idesk
