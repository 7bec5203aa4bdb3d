#include "timelinefilterbar.h"

#include "presentation.h"
#include "timelinemodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QToolButton>

#include <limits>

namespace idesk {

TimelineFilterBar::TimelineFilterBar(TimelineModel *model, QWidget *parent)
    : QWidget(parent), m_model(model)
{
    m_kinds = new QToolButton(this);
    m_kinds->setPopupMode(QToolButton::InstantPopup);
    m_kinds->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_kinds->setToolTip(tr("Show only entries of these kinds"));
    m_kindMenu = new QMenu(m_kinds);
    m_allKinds = m_kindMenu->addAction(tr("All kinds"));
    m_allKinds->setCheckable(true);
    connect(m_allKinds, &QAction::triggered, this, [this] {
        for (QAction *action : std::as_const(m_kindActions))
            action->setChecked(false);
        apply();
    });
    m_kindMenu->addSeparator();
    for (const EntryKind kind : allEntryKinds()) {
        QAction *action = m_kindMenu->addAction(entryKindName(kind));
        action->setCheckable(true);
        action->setData(static_cast<int>(kind));
        connect(action, &QAction::triggered, this, &TimelineFilterBar::apply);
        m_kindActions.append(action);
    }
    m_kinds->setMenu(m_kindMenu);

    m_author = new QLineEdit(this);
    m_author->setPlaceholderText(tr("Author"));
    m_author->setToolTip(tr("Show only entries whose author's name contains this"));
    m_author->setClearButtonEnabled(true);
    m_author->setMaximumWidth(160);
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Filter entries by text (Ctrl+F)"));
    m_text->setToolTip(tr("Show only entries whose text contains this, as typed"));
    m_text->setClearButtonEnabled(true);
    for (QLineEdit *field : {m_author, m_text}) {
        connect(field, &QLineEdit::textChanged, this, &TimelineFilterBar::apply);
        field->installEventFilter(this);
    }

    m_count = new QLabel(this);
    Presentation::makeMuted(m_count);
    // Room for the longest count, so the fields do not move as it changes.
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(tr("99,999+ matching")));
    m_clear = new QToolButton(this);
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show every entry (Esc)"));
    connect(m_clear, &QToolButton::clicked, this, &TimelineFilterBar::clear);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_author);
    layout->addWidget(m_kinds);
    layout->addWidget(m_count);
    layout->addWidget(m_clear);

    // Another incident (or the same one reset) comes with its own filter.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // Not filter(): while a filter is read on the worker the rows still show
        // the previous one, and the fields must keep what is being typed.
        if (m_model->requestedFilter() != filter().normalised())
            showFilter(m_model->requestedFilter());
        updateCount();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TimelineFilterBar::updateCount);
    connect(m_model, &TimelineModel::totalCountChanged, this, &TimelineFilterBar::updateCount);
    showFilter(m_model->filter());
    updateCount();
}

TimelineFilter TimelineFilterBar::filter() const
{
    TimelineFilter f;
    for (const QAction *action : m_kindActions) {
        if (action->isChecked())
            f.kinds.append(static_cast<EntryKind>(action->data().toInt()));
    }
    f.author = m_author->text();
    f.text = m_text->text();
    return f;
}

void TimelineFilterBar::setFilter(const TimelineFilter &filter)
{
    showFilter(filter);
    apply();
}

void TimelineFilterBar::clear()
{
    setFilter({});
}

void TimelineFilterBar::focusText()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

QAction *TimelineFilterBar::kindAction(EntryKind kind) const
{
    return m_kindActions.value(static_cast<int>(kind));
}

void TimelineFilterBar::showFilter(const TimelineFilter &filter)
{
    m_showing = true;
    for (QAction *action : std::as_const(m_kindActions))
        action->setChecked(filter.kinds.contains(static_cast<EntryKind>(action->data().toInt())));
    // Only when different: setText moves the cursor of the field being typed in.
    if (m_author->text() != filter.author)
        m_author->setText(filter.author);
    if (m_text->text() != filter.text)
        m_text->setText(filter.text);
    m_showing = false;
    updateKindButton();
}

void TimelineFilterBar::apply()
{
    if (m_showing)
        return;
    updateKindButton();
    const TimelineFilter f = filter();
    m_model->setFilter(f);
    updateCount();
    Q_EMIT filterApplied(f);
}

void TimelineFilterBar::updateKindButton()
{
    QStringList names;
    for (const QAction *action : std::as_const(m_kindActions)) {
        if (action->isChecked())
            names.append(action->text());
    }
    m_allKinds->setChecked(names.isEmpty());
    if (names.isEmpty())
        m_kinds->setText(tr("All kinds"));
    else if (names.size() <= 2)
        m_kinds->setText(names.join(QStringLiteral(", ")));
    else
        m_kinds->setText(tr("%n kinds", nullptr, int(names.size())));
}

void TimelineFilterBar::updateCount()
{
    const bool filtered = !m_model->requestedFilter().isEmpty();
    m_clear->setEnabled(filtered);
    if (!filtered || !m_model->incidentId()) {
        m_count->clear();
        return;
    }
    if (m_model->isFilterPending()) {
        m_count->setText(tr("Filtering…"));
        m_count->setToolTip({});
        return;
    }
    const qint64 matching = m_model->totalCount();
    const int shown = int(std::min<qint64>(matching, std::numeric_limits<int>::max()));
    if (matching == 0)
        m_count->setText(tr("No entry matches"));
    else if (!m_model->isTotalKnown()) // counted a moment later
        m_count->setText(tr("%L1+ matching").arg(shown));
    else
        m_count->setText(tr("%Ln matching", nullptr, shown));
    m_count->setToolTip(QLocale().toString(matching));
}

bool TimelineFilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_text || watched == m_author) && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape
        && !m_model->requestedFilter().isEmpty()) {
        clear();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace idesk
