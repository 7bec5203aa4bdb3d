#include "mainwindow.h"

#include "actionitemswindow.h"
#include "changemonitor.h"
#include "commspage.h"
#include "datasourcesdialog.h"
#include "declaredialog.h"
#include "incidentlistcolumns.h"
#include "incidentlistmodel.h"
#include "incidentpage.h"
#include "postmortempage.h"
#include "presentation.h"
#include "quickentry.h"
#include "searchpalette.h"
#include "severitybadgedelegate.h"
#include "statusupdatecomposer.h"
#include "timelinefilterbar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace idesk {

MainWindow::MainWindow(IncidentService &service, QWidget *parent)
    : QMainWindow(parent), m_service(service), m_userName(Presentation::currentUserName())
{
    setWindowTitle(tr("IncidentDesk"));
    resize(1400, 900);

    m_listModel = new IncidentListModel(service.repository(), service.clock(), this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_listModel);
    m_proxy->setSortRole(IncidentListModel::SortRole);

    m_list = new QTableView(this);
    m_list->setModel(m_proxy);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setShowGrid(false);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->verticalHeader()->hide();
    m_list->setItemDelegateForColumn(IncidentListModel::SeverityColumn,
        new SeverityBadgeDelegate(IncidentListModel::SeverityLevelRole, m_list));
    QHeaderView *columns = m_list->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionResizeMode(IncidentListModel::TitleColumn, QHeaderView::Stretch);
    // Sized to the widest value each column can show, not by measuring rows.
    new IncidentListColumns(m_list, m_listModel);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Unsorted shows the list's own order (open first, by severity, then start);
    // a click on a header sorts by that column's raw value, a third click goes back.
    columns->setSortIndicatorClearable(true);
    columns->setSortIndicator(-1, Qt::AscendingOrder);
    m_list->setSortingEnabled(true);
    // The list pages in from the store in its own order; sorting by a column
    // needs every row.
    connect(columns, &QHeaderView::sortIndicatorChanged, this, [this](int section) {
        if (section >= 0)
            m_listModel->fetchAll();
    });

    m_page = new IncidentPage(service, this);
    auto *emptyLabel = new QLabel(tr("No incident selected — press Ctrl+N to declare one"), this);
    emptyLabel->setAlignment(Qt::AlignCenter);
    emptyLabel->setWordWrap(true);
    Presentation::makeTitle(emptyLabel, 3);
    Presentation::makeMuted(emptyLabel);
    m_empty = emptyLabel;
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_page);

    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(12, 12, 4, 12);
    auto *listHeading = new QLabel(tr("Incidents"), listPane);
    Presentation::makeTitle(listHeading, 2);
    listLayout->addWidget(listHeading);
    listLayout->addWidget(m_list, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listPane);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({400, 1000});
    setCentralWidget(splitter);

    m_databaseLabel = new QLabel(this);
    Presentation::makeMuted(m_databaseLabel);
    m_errorLabel = new QLabel(this);
    Presentation::makeError(m_errorLabel);
    statusBar()->addWidget(m_errorLabel, 1);
    statusBar()->addPermanentWidget(m_databaseLabel);
    m_errorTimer.setSingleShot(true);
    m_errorTimer.setInterval(15'000);
    connect(&m_errorTimer, &QTimer::timeout, m_errorLabel, &QLabel::clear);

    m_monitor = new ChangeMonitor(service.repository(), this);

    createMenus();

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &MainWindow::currentRowChanged);
    connect(m_listModel, &IncidentListModel::refreshFailed, this, &MainWindow::showError);
    connect(m_page, &IncidentPage::errorOccurred, this, &MainWindow::showError);
    // An incident declared from an alert opens at once, as one declared from the menu.
    connect(m_page, &IncidentPage::incidentDeclaredFromAlert, this, [this](qint64 id) {
        refreshAll();
        selectIncident(id);
    });
    connect(m_page, &IncidentPage::reminderDue, this, &MainWindow::remindOfUpdate);
    connect(&service, &IncidentService::incidentChanged, this, &MainWindow::refreshList);
    connect(&service, &IncidentService::incidentDeclared, this, &MainWindow::refreshList);
    connect(m_monitor, &ChangeMonitor::externalChangeDetected, this, &MainWindow::refreshAll);
    connect(m_monitor, &ChangeMonitor::pollFailed, this, &MainWindow::showError);

    m_page->setUserName(m_userName);
    refreshList();
    if (m_proxy->rowCount() > 0)
        m_list->setCurrentIndex(m_proxy->index(0, 0));
    updateActions();
    m_monitor->start();
}

MainWindow::~MainWindow()
{
    if (m_backupThread) { // its copy finishes; nothing may outlive the window
        m_backupThread->wait();
        delete m_backupThread;
    }
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *declare
        = file->addAction(tr("&Declare Incident…"), this, &MainWindow::declareIncident);
    declare->setShortcut(QKeySequence::New);
    QAction *reload = file->addAction(tr("&Reload"), this, &MainWindow::refreshAll);
    reload->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    m_backupAction = file->addAction(tr("&Back Up Database…"), this, &MainWindow::backUpDatabase);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *search = edit->addAction(tr("&Search…"), this, &MainWindow::openSearch);
    search->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    // Also while the focus is in the panel itself (its line edit takes the keys).
    search->setShortcutContext(Qt::ApplicationShortcut);
    QAction *filter = edit->addAction(tr("&Filter Timeline"), this, [this] {
        m_page->showIncidentTab();
        m_page->timelineFilter()->focusText();
    });
    filter->setShortcut(QKeySequence::Find);

    QMenu *incident = menuBar()->addMenu(tr("&Incident"));
    QAction *severity
        = incident->addAction(tr("Change &Severity…"), m_page, &IncidentPage::popUpSeverity);
    severity->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QAction *status
        = incident->addAction(tr("Change S&tatus…"), m_page, &IncidentPage::popUpStatus);
    status->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    QAction *assign
        = incident->addAction(tr("&Assign Role…"), m_page, &IncidentPage::openAssignDialog);
    assign->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    QAction *milestone = incident->addAction(
        tr("Set &Milestone…"), m_page, [this] { m_page->openMilestoneDialog(); });
    milestone->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    incident->addSeparator();
    QAction *toList = incident->addAction(
        tr("Go to Incident &List"), this, [this] { m_list->setFocus(Qt::ShortcutFocusReason); });
    toList->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *toEntry
        = incident->addAction(tr("Go to Timeline &Entry"), m_page, &IncidentPage::focusQuickEntry);
    toEntry->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction *compose = incident->addAction(tr("Compose Status &Update"), this, [this] {
        m_page->showCommsTab();
        m_page->commsPage()->composer()->statusField()->setFocus(Qt::ShortcutFocusReason);
    });
    compose->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    m_incidentActions = {severity, status, assign, milestone, toEntry, compose, filter};

    createPostmortemMenu();

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->setToolTipsVisible(true);
    m_dataSourcesAction
        = settings->addAction(tr("&Data Sources…"), this, &MainWindow::openDataSources);
    settings->addAction(tr("&Checklist Templates…"), this,
        [this] { m_page->commsPage()->editChecklistTemplates(); });
    setIntegrations(m_integrations); // none yet: Data Sources starts disabled

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *quickHelp
        = help->addAction(tr("&Quick Entry Help"), this, &MainWindow::showQuickEntryHelp);
    quickHelp->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About IncidentDesk"), this, &MainWindow::showAbout);
}

void MainWindow::createPostmortemMenu()
{
    using Format = PostmortemExport::Format;
    QMenu *menu = menuBar()->addMenu(tr("&Postmortem"));
    QAction *open
        = menu->addAction(tr("&Open Postmortem"), m_page, &IncidentPage::showPostmortemTab);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    // The page is asked for when the action runs: the tab is built on first use.
    QAction *check = menu->addAction(tr("&Check Blameless Language…"), this, [this] {
        m_page->showPostmortemTab();
        m_page->postmortemPage()->checkLanguage();
    });
    menu->addSeparator();
    const std::pair<Format, QString> formats[] = {{Format::Markdown, tr("Export &Markdown…")},
        {Format::Html, tr("Export &HTML…")}, {Format::Pdf, tr("Export &PDF…")}};
    QList<QAction *> actions = {open, check};
    for (const auto &[format, text] : formats) {
        actions.append(menu->addAction(text, this, [this, format = format] {
            m_page->showPostmortemTab();
            m_page->postmortemPage()->startExport(format);
        }));
    }
    // Not Ctrl+E: text fields take it (end of line) on Linux.
    actions[2]->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    menu->addSeparator();
    QAction *all = menu->addAction(tr("All &Action Items"), this, &MainWindow::showActionItems);
    all->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_incidentActions.append(actions);
    connect(m_page, &IncidentPage::postmortemExported, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Exported %1").arg(path), 10'000);
    });
}

ActionItemsWindow *MainWindow::actionItemsWindow()
{
    if (!m_actionItems) {
        m_actionItems = new ActionItemsWindow(m_service, this);
        connect(m_actionItems, &ActionItemsWindow::errorOccurred, this, &MainWindow::showError);
        connect(m_actionItems, &ActionItemsWindow::incidentActivated, this, [this](qint64 id) {
            if (selectIncident(id))
                m_page->showPostmortemTab();
            activateWindow();
        });
    }
    return m_actionItems;
}

void MainWindow::showActionItems()
{
    ActionItemsWindow *window = actionItemsWindow();
    window->show();
    window->raise();
    window->activateWindow();
}

SearchPalette *MainWindow::searchPalette()
{
    if (!m_search) {
        m_search = new SearchPalette(m_service.repository(), this);
        connect(m_search, &SearchPalette::hitChosen, this, &MainWindow::openSearchHit);
    }
    return m_search;
}

void MainWindow::openSearch()
{
    searchPalette()->popUp();
}

void MainWindow::openSearchHit(const SearchHit &hit)
{
    if (!selectIncident(hit.incidentId)) {
        showError(tr("%1 does not exist any more.").arg(formatIncidentId(hit.incidentId)));
        return;
    }
    if (hit.entryId > 0) {
        if (!m_page->showEntry(hit.entryId))
            showError(tr("Timeline entry %1 is no longer there.").arg(hit.entryId));
    } else if (hit.kind == u"update") {
        m_page->showCommsTab();
    } else if (hit.kind == u"postmortem") {
        m_page->showPostmortemTab();
    } else {
        m_page->showIncidentTab();
    }
    activateWindow();
}

void MainWindow::backUpDatabase()
{
    if (isBackingUp())
        return;
    QString path;
    if (m_backupPathProvider) {
        path = m_backupPathProvider();
    } else {
        const QString suggestion = QDir::home().filePath(
            QStringLiteral("incidentdesk-backup-%1.sqlite3")
                .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
        // A backup never overwrites a file (the store refuses), so no question about it here.
        path = QFileDialog::getSaveFileName(this, tr("Back Up Database"), suggestion,
            tr("IncidentDesk databases (*.sqlite3);;All files (*)"), nullptr,
            QFileDialog::DontConfirmOverwrite);
    }
    if (path.isEmpty())
        return;
    // Copying a large file takes seconds: on a connection of its own, off the
    // GUI thread. A store with no second connection (":memory:") copies here.
    auto connection = m_service.repository().openConnection();
    if (!connection) {
        finishBackup(path, m_service.repository().backupTo(path));
        return;
    }
    auto result = std::make_shared<VoidResult>();
    m_backupThread = QThread::create(
        [repository = std::shared_ptr<IncidentRepository>(std::move(connection).value()), path,
            result]() mutable {
            *result = repository->backupTo(path);
            repository.reset(); // closed in the thread that used it
        });
    connect(m_backupThread, &QThread::finished, this, [this, path, result] {
        m_backupThread->deleteLater();
        m_backupThread = nullptr;
        finishBackup(path, *result);
    });
    m_backupAction->setEnabled(false);
    statusBar()->showMessage(tr("Backing up the database to %1…").arg(path));
    m_backupThread->start();
}

void MainWindow::finishBackup(const QString &path, const VoidResult &result)
{
    m_backupAction->setEnabled(true);
    statusBar()->clearMessage();
    if (!result) {
        showError(result.errorMessage());
        Q_EMIT backupFinished(path, result.errorMessage());
        return;
    }
    statusBar()->showMessage(tr("Database backed up to %1").arg(path), 15'000);
    Q_EMIT backupFinished(path, {});
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Typing not yet saved by the half-second autosave is saved before the window goes.
    m_page->flushEdits();
    QMainWindow::closeEvent(event);
}

void MainWindow::declareIncident()
{
    auto *dialog = new DeclareDialog(m_service, m_userName, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeclareDialog::declared, this, [this](qint64 id) {
        selectIncident(id);
        m_page->focusQuickEntry();
    });
    // Back to this window (and so to the quick entry) even where no window
    // manager hands activation back when a dialog closes.
    connect(dialog, &QDialog::finished, this, [this] { activateWindow(); });
    dialog->open();
}

void MainWindow::refreshList()
{
    (void)m_listModel->refresh();
    // The current incident may have left the list (it never should, but a store
    // can be replaced underneath us): then the page goes with it.
    if (!m_list->currentIndex().isValid() && m_page->incidentId())
        currentRowChanged();
}

void MainWindow::refreshAll()
{
    refreshList();
    m_page->refresh();
    if (m_actionItems)
        m_actionItems->refresh();
    updateTitle();
}

bool MainWindow::selectIncident(qint64 id)
{
    // Loads the list down to it (a refresh when it is new).
    const int row = m_listModel->revealIncident(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_listModel->index(row, 0));
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
    // setCurrentIndex only notifies on a change; make sure the page shows it.
    if (m_page->incidentId() != id)
        currentRowChanged();
    return true;
}

std::optional<qint64> MainWindow::currentIncidentId() const
{
    return m_page->incidentId();
}

void MainWindow::currentRowChanged()
{
    const QModelIndex current = m_list->currentIndex();
    std::optional<qint64> id;
    if (current.isValid())
        id = current.data(IncidentListModel::IncidentIdRole).toLongLong();
    m_page->setIncident(id);
    m_stack->setCurrentWidget(id ? static_cast<QWidget *>(m_page) : m_empty);
    updateActions();
    updateTitle();
}

void MainWindow::updateActions()
{
    const bool hasIncident = m_page->incidentId().has_value();
    for (QAction *action : std::as_const(m_incidentActions))
        action->setEnabled(hasIncident);
}

void MainWindow::updateTitle()
{
    const auto id = m_page->incidentId();
    const int row = id ? m_listModel->rowOfIncident(*id) : -1;
    if (row < 0) {
        setWindowTitle(tr("IncidentDesk"));
        return;
    }
    setWindowTitle(
        tr("%1 %2 — IncidentDesk").arg(formatIncidentId(*id), m_listModel->summaryAt(row).title));
}

void MainWindow::setIntegrations(const IntegrationAccess &access)
{
    m_integrations = access;
    m_page->setIntegrations(access);
    m_dataSourcesAction->setEnabled(access.sources != nullptr);
    m_dataSourcesAction->setToolTip(access.sources
            ? tr("Prometheus, Alertmanager and webhook sources, and their secrets")
            : tr("Not available: this window was started without integrations."));
}

DataSourcesDialog *MainWindow::openDataSources()
{
    if (!m_integrations.sources)
        return nullptr;
    auto *dialog = new DataSourcesDialog(*m_integrations.sources, m_integrations.factory, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::setDatabaseLabel(const QString &label)
{
    m_databaseLabel->setText(tr("Database: %1").arg(label));
    m_databaseLabel->setToolTip(label);
}

void MainWindow::setUserName(const QString &userName)
{
    m_userName = userName;
    m_page->setUserName(userName);
}

void MainWindow::remindOfUpdate(qint64 incidentId, const QString &message)
{
    Q_UNUSED(incidentId)
    m_lastReminder = message;
    // A desktop notification where a tray exists; the status bar and a taskbar
    // alert always, so the reminder is seen on any desktop.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(windowIcon(), this);
            m_tray->setToolTip(tr("IncidentDesk"));
            m_tray->show();
        }
        m_tray->showMessage(tr("Status update due"), message, QSystemTrayIcon::Warning, 15'000);
    }
    statusBar()->showMessage(message, 60'000);
    QApplication::alert(this);
}

void MainWindow::showError(const QString &message)
{
    m_lastError = message;
    m_errorLabel->setText(message);
    m_errorLabel->setToolTip(message);
    m_errorTimer.start();
}

void MainWindow::showQuickEntryHelp()
{
    QMessageBox::information(this, tr("Quick Entry"),
        tr("Type into the line under the timeline and press Enter. Plain "
           "text logs a note at the current time.\n\n%1")
            .arg(QuickEntry::help()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About IncidentDesk"),
        tr("<h3>IncidentDesk %1</h3><p>Run an incident while it happens and write "
           "it up afterwards. Everything lives in one local SQLite file, so it "
           "keeps working when the network does not.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace idesk
