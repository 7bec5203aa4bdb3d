#pragma once

#include "incidentservice.h"
#include "integrationaccess.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QSystemTrayIcon;
class QTableView;

namespace idesk {

class ActionItemsWindow;
class ChangeMonitor;
class DataSourcesDialog;
class IncidentListModel;
class IncidentPage;
class SearchPalette;

// The main window only composes: the incident list on the left, the selected
// incident's page on the right, menus and the status bar. Every command goes
// through IncidentService; writes from other processes arrive via ChangeMonitor.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(IncidentService &service, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Selects an incident in the list and shows it (refreshing the list first
    // if it is not there yet). Returns false if no such incident is listed.
    bool selectIncident(qint64 id);
    std::optional<qint64> currentIncidentId() const;

    // Data sources and the factory that reaches them; forwarded to every page that needs them.
    void setIntegrations(const IntegrationAccess &access);
    IntegrationAccess integrations() const { return m_integrations; }

    // Settings > Data Sources… (disabled while integrations().sources is null).
    DataSourcesDialog *openDataSources();
    QAction *dataSourcesAction() const { return m_dataSourcesAction; }

    // The database shown in the status bar, e.g. its path.
    void setDatabaseLabel(const QString &label);
    // The author recorded on entries and changes; defaults to $USER / $LOGNAME.
    void setUserName(const QString &userName);
    // Shows an error in the status bar (and keeps it there a while).
    void showError(const QString &message);
    QString lastError() const { return m_lastError; }
    QString lastReminder() const { return m_lastReminder; }

    // Re-reads the list and the open incident (what an external change triggers).
    void refreshAll();
    void declareIncident();

    ChangeMonitor &changeMonitor() const { return *m_monitor; }
    IncidentListModel &incidentListModel() const { return *m_listModel; }
    QTableView *incidentList() const { return m_list; }
    IncidentPage *incidentPage() const { return m_page; }
    // "All action items" across incidents (Ctrl+Shift+I); created on first use.
    ActionItemsWindow *actionItemsWindow();
    void showActionItems();

    // The search palette (Ctrl+K); a chosen hit opens its incident there. Created on first use.
    SearchPalette *searchPalette();
    void openSearch();
    void openSearchHit(const SearchHit &hit);

    // File > Back Up Database…: asks for a file (the provider instead, when set:
    // tests), then copies the database there on a worker thread.
    void backUpDatabase();
    void setBackupPathProvider(std::function<QString()> provider)
    {
        m_backupPathProvider = std::move(provider);
    }
    bool isBackingUp() const { return !m_backupThread.isNull(); }

Q_SIGNALS:
    // A backup ended: written to `path`, or not, with the reason in `error`.
    void backupFinished(const QString &path, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    IntegrationAccess m_integrations;
    void createMenus();
    void createPostmortemMenu();
    void refreshList();
    void currentRowChanged();
    void updateActions();
    void updateTitle();
    void showQuickEntryHelp();
    void showAbout();
    void remindOfUpdate(qint64 incidentId, const QString &message);
    void finishBackup(const QString &path, const VoidResult &result);

    IncidentService &m_service;
    QString m_userName;
    IncidentListModel *m_listModel = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_list = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_empty = nullptr;
    IncidentPage *m_page = nullptr;
    ChangeMonitor *m_monitor = nullptr;
    ActionItemsWindow *m_actionItems = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTimer m_errorTimer;
    QString m_lastError;
    QString m_lastReminder;
    QSystemTrayIcon *m_tray = nullptr;
    QList<QAction *> m_incidentActions;
    QAction *m_dataSourcesAction = nullptr;
    SearchPalette *m_search = nullptr;
    QAction *m_backupAction = nullptr;
    std::function<QString()> m_backupPathProvider;
    QPointer<QThread> m_backupThread;
};

} // namespace idesk
