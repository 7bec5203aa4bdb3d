#pragma once

#include "datasource.h"
#include "diagnosticdata.h"

#include <QDialog>

#include <memory>
#include <optional>

class QLabel;
class QMessageBox;
class QPushButton;
class QTableView;

namespace idesk {

class DataSourceCatalog;
class DataSourceEditor;
class DataSourcesModel;
class DiagnosticSource;
class DiagnosticSourceFactory;

// Settings → Data Sources: the configured Prometheus, Alertmanager and webhook sources
// with Add, Edit, Remove (after a confirmation) and Test Connection. A test runs
// asynchronously through the DiagnosticSourceFactory and can be cancelled; the dialog
// stays responsive meanwhile and shows "Prometheus 2.42.0" or the error's one line.
// Where the secrets go is said at the top; when the SecretStore fell back to a file
// (no keychain reachable), as a warning banner.
class DataSourcesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DataSourcesDialog)

public:
    // Without a factory, sources can be edited but not tested.
    DataSourcesDialog(
        DataSourceCatalog &catalog, DiagnosticSourceFactory *factory, QWidget *parent = nullptr);
    ~DataSourcesDialog() override;

    // Re-reads the catalog, keeping the selected source selected.
    void reload();
    void selectSource(const QString &name);
    std::optional<DataSource> selectedSource() const;

    // Each opens its dialog (window-modal, not blocking) and returns it.
    DataSourceEditor *addSource();
    DataSourceEditor *editSource();
    QMessageBox *removeSource();
    void testConnection();
    void cancelTest();
    bool isTesting() const { return m_testing; }

    DataSourcesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLabel *fallbackBanner() const { return m_banner; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *cancelTestButton() const { return m_cancelTest; }
    // The last test's outcome ("prod: Prometheus 2.42.0", or the error line).
    QString testResult() const;
    bool testFailed() const { return m_testFailed; }
    QString errorText() const;

private:
    void updateButtons();
    void showTestResult(const QString &text, bool failed);
    void testFinished(const QString &name, const Result<ServerInfo> &info);
    void showError(const QString &message);

    DataSourceCatalog &m_catalog;
    DiagnosticSourceFactory *m_factory = nullptr;
    DataSourcesModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_storeLine = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_cancelTest = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_error = nullptr;
    bool m_testing = false;
    bool m_testFailed = false;
    // The source being tested; kept until the next test, a cancel or the dialog's end
    // (destroying it drops a late answer), never inside its own callback.
    std::unique_ptr<DiagnosticSource> m_probe;
    quint64 m_testGeneration = 0;
};

} // namespace idesk
