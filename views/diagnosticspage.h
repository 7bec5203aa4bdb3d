#pragma once

#include "diagnosticspackbar.h"
#include "diagnosticsrunner.h"
#include "incidentservice.h"
#include "integrationaccess.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QShortcut;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace idesk {

class DiagnosticsAlertsPanel;
class DiagnosticsPinnedPanel;
class DiagnosticsQueryEditor;
class DiagnosticsResultView;
class SnapshotsModel;
struct PinnedSnapshot;

// The Diagnostics tab: evidence from the monitoring stack, pinned to the incident.
// A Prometheus source, the PromQL editor (instant or range over the incident's window),
// the result as a chart and a table, "Pin to incident" (the raw answer, the window and a
// PNG of the chart, stored as a snapshot with its `diagnostic` timeline entry), diagnostic
// packs run concurrently and pinned one by one, the snapshots pinned so far (shown from the
// stored data alone), and the side panel of alerts and targets. Every request is
// asynchronous and cancellable; nothing here waits on the network.
class DiagnosticsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsPage)

public:
    static constexpr int kWindowLeadMinutes = 30; // the window starts this long before `started`
    static inline const QString kPacksSettingKey = DiagnosticsPackBar::kSettingKey;

    explicit DiagnosticsPage(IncidentService &service, QWidget *parent = nullptr);
    ~DiagnosticsPage() override;

    void setIntegrations(const IntegrationAccess &access);
    void setUserName(const QString &userName);
    void setIncident(std::optional<qint64> incidentId);
    std::optional<qint64> incidentId() const { return m_incidentId; }
    // Re-reads the incident's snapshots, the sources and the packs; keeps what is typed.
    // While the tab is not on screen it only notes that it is stale and reads when shown:
    // the incident's other tabs change it often, and this read carries every snapshot.
    void refresh();

    void runQuery();
    void runPack();
    // Stops whatever runs (the editor's query or a pack); returns whether anything did.
    bool cancel();
    void pinResult();
    void showSnapshot(qint64 snapshotId);
    bool isRunning() const;
    // The incident's queries, most recent first: pinned ones and this session's runs.
    QStringList history() const;
    const QList<DiagnosticPack> &packs() const { return m_packBar->packs(); }

    QComboBox *sourceCombo() const { return m_sourceCombo; }
    QLabel *sourceHint() const { return m_sourceHint; }
    DiagnosticsQueryEditor *queryEditor() const { return m_editor; }
    DiagnosticsResultView *resultView() const { return m_result; }
    QLineEdit *pinTitleEdit() const { return m_pinTitle; }
    QPushButton *pinButton() const { return m_pin; }
    QComboBox *packCombo() const { return m_packBar->combo(); }
    QPushButton *runPackButton() const { return m_packBar->runButton(); }
    QLabel *statusLabel() const { return m_status; }
    QTabWidget *sideTabs() const { return m_side; }
    DiagnosticsPinnedPanel *pinnedPanel() const { return m_pinned; }
    QTreeView *snapshotsView() const;
    SnapshotsModel *snapshotsModel() const;
    DiagnosticsAlertsPanel *alertsPanel() const { return m_alerts; }

Q_SIGNALS:
    void errorOccurred(const QString &message);
    // A new incident was declared from an alert; the window may want to show it.
    void incidentDeclared(qint64 incidentId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    // Reads the incident now, shown or not.
    void reload();
    void reloadSources();
    void reloadPacks();
    std::optional<DataSource> chosenSource() const;
    void updateAvailability();
    void updatePinButton();
    void showStatus(const QString &text, bool error = false);
    Result<std::unique_ptr<DiagnosticSource>> openChosen(DataSource &source);

    void queryFinished(int index, const DiagnosticsJob &job, const QueryResult &result);
    void packJobFinished(int index, const DiagnosticsJob &job, const QueryResult &result);
    void packJobFailed(int index, const DiagnosticsJob &job, const QString &message);
    void packFinished();
    void runningChanged();
    void packQueryChosen(const PackQuery &query);
    // Stores `result` as a snapshot of the current incident, with its chart.
    VoidResult pin(const QString &sourceName, const DiagnosticsJob &job, const QueryResult &result,
        const QString &title);
    void snapshotChosen(const PinnedSnapshot &row);
    void openInEditor(const PinnedSnapshot &row);

    IncidentService &m_service;
    IntegrationAccess m_integrations;
    QMetaObject::Connection m_catalogConnection;
    std::optional<qint64> m_incidentId;
    std::optional<qint64> m_windowIncident; // whose window the editor shows
    QString m_userName;
    QList<DataSource> m_sources;
    // This session's runs per incident (when, query), for the history.
    QHash<qint64, QList<std::pair<QDateTime, QString>>> m_sessionRuns;

    DiagnosticsRunner *m_queryRunner = nullptr;
    DiagnosticsRunner *m_packRunner = nullptr;
    QString m_packName;
    int m_packPinned = 0;
    QStringList m_packFailures;
    std::optional<QDateTime> m_firstPackPin;
    bool m_pinnedShown = false; // the result on screen is pinned already
    bool m_stale = false; // a refresh came while hidden

    QShortcut *m_escape = nullptr;
    QComboBox *m_sourceCombo = nullptr;
    QLabel *m_sourceHint = nullptr;
    QToolButton *m_reloadSources = nullptr;
    DiagnosticsPackBar *m_packBar = nullptr;
    DiagnosticsQueryEditor *m_editor = nullptr;
    QLabel *m_status = nullptr;
    DiagnosticsResultView *m_result = nullptr;
    QLineEdit *m_pinTitle = nullptr;
    QPushButton *m_pin = nullptr;
    QTabWidget *m_side = nullptr;
    DiagnosticsPinnedPanel *m_pinned = nullptr;
    DiagnosticsAlertsPanel *m_alerts = nullptr;
};

} // namespace idesk
