#include "checklisttemplatedialog.h"

#include "checklisttemplatemodel.h"
#include "presentation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace idesk {

ChecklistTemplateDialog::ChecklistTemplateDialog(
    IncidentService &service, int severity, QWidget *parent)
    : QDialog(parent), m_service(service)
{
    setWindowTitle(tr("Checklist Templates"));
    setMinimumSize(640, 460);
    resize(680, 560);

    m_model = new ChecklistTemplateModel(this);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    Presentation::makeError(m_error);
    m_error->hide();

    m_severity = new QComboBox(this);
    QList<SeverityDefinition> severities;
    if (auto known = service.repository().severities())
        severities = std::move(known).value();
    else
        showError(known.errorMessage());
    if (std::none_of(severities.cbegin(), severities.cend(),
            [&](const auto &s) { return s.level == severity; }))
        severities.append({severity, QString(), 0});
    for (const auto &s : std::as_const(severities)) {
        m_severity->addItem(Presentation::severityIcon(s.level), s.name(), s.level);
        m_severity->setItemData(m_severity->count() - 1, s.criteria, Qt::ToolTipRole);
    }
    auto *severityLabel = new QLabel(tr("Checklist for &severity:"), this);
    severityLabel->setBuddy(m_severity);
    m_origin = new QLabel(this);
    Presentation::makeMuted(m_origin);

    auto *hint = new QLabel(tr("Ticks made by hand go on the incident's timeline; an item marked "
                               "to tick itself does so when the app sees it happen. Renaming an "
                               "item keeps the ticks it already has."),
        this);
    hint->setWordWrap(true);
    Presentation::makeMuted(hint);

    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(
        ChecklistTemplateModel::TextColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(
        ChecklistTemplateModel::AutoColumn, QHeaderView::ResizeToContents);

    m_add = new QPushButton(tr("&Add"), this);
    m_add->setToolTip(tr("Add an item after the selected one (Insert)"));
    m_rename = new QPushButton(tr("Re&name"), this);
    m_rename->setToolTip(tr("Edit the selected item's text (F2)"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setToolTip(tr("Remove the selected item (Delete)"));
    m_up = new QPushButton(tr("Move &up"), this);
    m_up->setToolTip(tr("Alt+Up"));
    m_down = new QPushButton(tr("Move do&wn"), this);
    m_down->setToolTip(tr("Alt+Down"));
    auto *side = new QVBoxLayout;
    for (QPushButton *button : {m_add, m_rename, m_remove, m_up, m_down}) {
        button->setAutoDefault(false);
        side->addWidget(button);
    }
    side->addStretch();

    m_auto = new QComboBox(this);
    for (const auto check : ChecklistTemplateModel::autoChecks()) {
        m_auto->addItem(check == Checklist::AutoCheck::None
                ? tr("Never: someone ticks it by hand")
                : ChecklistTemplateModel::autoCheckText(check),
            int(check));
    }
    auto *autoLabel = new QLabel(tr("Selected item &ticks itself when:"), this);
    autoLabel->setBuddy(m_auto);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_reset = buttons->addButton(tr("Reset to &Default"), QDialogButtonBox::ResetRole);
    m_reset->setToolTip(tr("Replace this severity's items with the built-in checklist"));
    m_reset->setAutoDefault(false);

    auto *severityRow = new QHBoxLayout;
    severityRow->addWidget(severityLabel);
    severityRow->addWidget(m_severity);
    severityRow->addSpacing(12);
    severityRow->addWidget(m_origin, 1);
    auto *tableRow = new QHBoxLayout;
    tableRow->addWidget(m_view, 1);
    tableRow->addLayout(side);
    auto *autoRow = new QHBoxLayout;
    autoRow->addWidget(autoLabel);
    autoRow->addWidget(m_auto, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(severityRow);
    layout->addWidget(hint);
    layout->addLayout(tableRow, 1);
    layout->addLayout(autoRow);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_severity, &QComboBox::activated, this, &ChecklistTemplateDialog::severityPicked);
    connect(m_auto, &QComboBox::activated, this, &ChecklistTemplateDialog::autoPicked);
    connect(m_add, &QPushButton::clicked, this, &ChecklistTemplateDialog::addItem);
    connect(m_rename, &QPushButton::clicked, this, &ChecklistTemplateDialog::renameItem);
    connect(m_remove, &QPushButton::clicked, this, &ChecklistTemplateDialog::removeItem);
    connect(m_up, &QPushButton::clicked, this, [this] { moveItem(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveItem(+1); });
    connect(m_reset, &QPushButton::clicked, this, &ChecklistTemplateDialog::resetToDefault);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChecklistTemplateDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ChecklistTemplateDialog::reject);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &ChecklistTemplateDialog::currentRowChanged);
    // An edit makes the last error stale; a reset (another severity shown) may come
    // with its own message (an unreadable stored template).
    const auto edited = [this] {
        m_error->hide();
        updateState();
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, edited);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, edited);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, edited);
    connect(m_model, &QAbstractItemModel::dataChanged, this, edited);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ChecklistTemplateDialog::updateState);

    // Keys on the list itself; an open cell editor keeps its own Delete and arrows.
    const auto onView = [this](const QKeySequence &keys, auto slot) {
        auto *shortcut = new QShortcut(keys, m_view);
        shortcut->setContext(Qt::WidgetShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    onView(QKeySequence(Qt::Key_Insert), [this] { addItem(); });
    onView(QKeySequence::Delete, [this] { removeItem(); });
    onView(QKeySequence(Qt::ALT | Qt::Key_Up), [this] { moveItem(-1); });
    onView(QKeySequence(Qt::ALT | Qt::Key_Down), [this] { moveItem(+1); });

    setSeverity(severity);
    m_view->setFocus(Qt::OtherFocusReason);
}

int ChecklistTemplateDialog::severity() const
{
    return m_level;
}

QList<Checklist::Item> ChecklistTemplateDialog::stored(int level)
{
    if (const auto it = m_loaded.constFind(level); it != m_loaded.cend())
        return *it;
    QList<Checklist::Item> items = Checklist::defaultTemplate(level);
    const auto text = m_service.repository().setting(Checklist::settingKey(level));
    if (!text) {
        showError(text.errorMessage());
    } else if (!text->isEmpty()) {
        if (auto parsed = Checklist::parse(*text))
            items = std::move(parsed).value();
        else
            showError(tr("The stored checklist for %1 is unreadable (%2); the built-in one is "
                         "shown instead.")
                          .arg(SeverityDefinition::severityName(level), parsed.errorMessage()));
    }
    m_loaded.insert(level, items);
    return items;
}

void ChecklistTemplateDialog::setSeverity(int level)
{
    if (level == m_level)
        return;
    if (m_level != 0)
        m_drafts.insert(m_level, m_model->items());
    m_level = level;
    m_model->setItems(m_drafts.contains(level) ? m_drafts.take(level) : stored(level));
    m_severity->setCurrentIndex(m_severity->findData(level));
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, ChecklistTemplateModel::TextColumn));
    currentRowChanged();
}

void ChecklistTemplateDialog::severityPicked(int index)
{
    setSeverity(m_severity->itemData(index).toInt());
}

void ChecklistTemplateDialog::addItem()
{
    const QModelIndex current = m_view->currentIndex();
    const int row = m_model->insertItem(
        current.isValid() ? current.row() + 1 : m_model->rowCount(), QString());
    const QModelIndex added = m_model->index(row, ChecklistTemplateModel::TextColumn);
    m_view->setCurrentIndex(added);
    m_view->setFocus(Qt::OtherFocusReason);
    m_view->edit(added);
}

void ChecklistTemplateDialog::renameItem()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const QModelIndex text = current.siblingAtColumn(ChecklistTemplateModel::TextColumn);
    m_view->setCurrentIndex(text);
    m_view->setFocus(Qt::OtherFocusReason);
    m_view->edit(text);
}

void ChecklistTemplateDialog::removeItem()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    m_model->removeItem(row);
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(
            std::min(row, m_model->rowCount() - 1), ChecklistTemplateModel::TextColumn));
    currentRowChanged();
}

void ChecklistTemplateDialog::moveItem(int delta)
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_model->moveItem(current.row(), delta))
        return;
    m_view->setCurrentIndex(
        m_model->index(current.row() + delta, ChecklistTemplateModel::TextColumn));
}

void ChecklistTemplateDialog::resetToDefault()
{
    m_error->hide();
    m_model->setItems(Checklist::defaultTemplate(m_level));
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, ChecklistTemplateModel::TextColumn));
    currentRowChanged();
}

void ChecklistTemplateDialog::currentRowChanged()
{
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? current.row() : -1;
    m_auto->setEnabled(row >= 0);
    if (row >= 0)
        m_auto->setCurrentIndex(m_auto->findData(int(m_model->items().at(row).autoCheck)));
    m_rename->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < m_model->rowCount() - 1);
}

void ChecklistTemplateDialog::autoPicked(int index)
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        m_model->setAutoCheck(
            current.row(), static_cast<Checklist::AutoCheck>(m_auto->itemData(index).toInt()));
}

void ChecklistTemplateDialog::updateState()
{
    const QList<Checklist::Item> now = m_model->keyed();
    const QString name = SeverityDefinition::severityName(m_level);
    QString origin = now == Checklist::defaultTemplate(m_level)
        ? tr("%1 uses the built-in checklist.").arg(name)
        : tr("%1 uses your team's checklist.").arg(name);
    if (now != stored(m_level))
        origin += QLatin1Char(' ') + tr("Changed, not saved yet.");
    m_origin->setText(origin);
    currentRowChanged();
}

bool ChecklistTemplateDialog::save()
{
    m_drafts.insert(m_level, m_model->items());
    for (auto it = m_drafts.cbegin(); it != m_drafts.cend(); ++it) {
        if (const auto problem = ChecklistTemplateModel::problemIn(*it)) {
            const int level = it.key();
            const QString message
                = tr("%1: %2").arg(SeverityDefinition::severityName(level), problem->message);
            setSeverity(level);
            showError(message, problem->row);
            return false;
        }
    }
    // Everything is valid: now decide what to write, and check it reads back.
    QMap<int, QString> writes;
    QMap<int, QList<Checklist::Item>> savedItems;
    for (auto it = m_drafts.cbegin(); it != m_drafts.cend(); ++it) {
        const QList<Checklist::Item> items = ChecklistTemplateModel::withKeys(*it);
        if (items == stored(it.key()))
            continue;
        const bool builtIn = items == Checklist::defaultTemplate(it.key());
        const QString text = builtIn ? QString() : Checklist::serialize(items);
        if (!builtIn) {
            if (auto readBack = Checklist::parse(text); !readBack) {
                showError(tr("%1: %2").arg(
                    SeverityDefinition::severityName(it.key()), readBack.errorMessage()));
                return false;
            }
        }
        writes.insert(it.key(), text);
        savedItems.insert(it.key(), items);
    }
    QList<int> written;
    for (auto it = writes.cbegin(); it != writes.cend(); ++it) {
        const auto done = m_service.repository().setSetting(Checklist::settingKey(it.key()), *it);
        if (!done) {
            if (!written.isEmpty())
                Q_EMIT saved(written);
            showError(done.errorMessage());
            return false;
        }
        m_loaded.insert(it.key(), savedItems.value(it.key()));
        written.append(it.key());
    }
    m_drafts.remove(m_level);
    if (!written.isEmpty())
        Q_EMIT saved(written);
    return true;
}

void ChecklistTemplateDialog::accept()
{
    if (save())
        QDialog::accept();
}

QString ChecklistTemplateDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ChecklistTemplateDialog::showError(const QString &message, int row)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    if (row >= 0 && row < m_model->rowCount()) {
        const QModelIndex index = m_model->index(row, ChecklistTemplateModel::TextColumn);
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
        m_view->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace idesk
