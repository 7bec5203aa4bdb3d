#pragma once

#include "diagnosticsource.h"
#include "incidentservice.h"
#include "integrationaccess.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTimer;
class QTreeView;

namespace idesk {

class AlertFilterProxy;
class AlertsModel;
class TargetsModel;

// The Diagnostics tab's side panel: what a monitoring server says is wrong right now.
// For an Alertmanager, its active alerts; for a Prometheus, the alerts of its own rules and
// the health of its scrape targets. A filter line narrows the alerts; the chosen one can be
// attached to the incident's timeline or start a new incident. It asks the server only when
// the user does (Refresh, choosing a source, opening the panel for the first time), or
// every 30 seconds while "Auto-refresh" is ticked and the panel is on screen.
class DiagnosticsAlertsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsAlertsPanel)

public:
    static constexpr int kAutoRefreshSeconds = 30;

    explicit DiagnosticsAlertsPanel(IncidentService &service, QWidget *parent = nullptr);
    ~DiagnosticsAlertsPanel() override;

    void setIntegrations(const IntegrationAccess &access);
    void setIncident(std::optional<qint64> incidentId);
    void setUserName(const QString &userName);
    // Re-reads the configured sources, keeping the chosen one.
    void reloadSources();
    // Asks the chosen server again.
    void refresh();
    bool isBusy() const { return m_pending > 0; }
    bool isAutoRefreshing() const;

    void attachSelected();
    void declareFromSelected();

    QComboBox *sourceCombo() const { return m_sourceCombo; }
    QPushButton *refreshButton() const { return m_refresh; }
    QCheckBox *autoRefreshBox() const { return m_autoRefresh; }
    QLineEdit *filterEdit() const { return m_filter; }
    QTreeView *alertsView() const { return m_alertsView; }
    AlertsModel *alertsModel() const { return m_alerts; }
    AlertFilterProxy *alertsProxy() const { return m_proxy; }
    TargetsModel *targetsModel() const { return m_targets; }
    QTreeView *targetsView() const { return m_targetsView; }
    QPushButton *attachButton() const { return m_attach; }
    QPushButton *declareButton() const { return m_declare; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void alertAttached(qint64 entryId);
    // A new incident was declared from an alert (the alert is on its timeline).
    void incidentDeclared(qint64 incidentId);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    std::optional<DataSource> chosenSource() const;
    void sourceChosen();
    void answered(quint64 generation);
    void showStatus(const QString &text, bool error = false);
    void updateActions();
    void updateCounts();
    std::optional<Alert> selectedAlert() const;
    // Replaces the alerts, keeping the chosen one chosen (an auto-refresh must not take
    // away what the user is about to attach).
    void showAlerts(const QList<Alert> &alerts);

    IncidentService &m_service;
    IntegrationAccess m_integrations;
    std::optional<qint64> m_incidentId;
    QString m_userName;
    QList<DataSource> m_sources;
    std::unique_ptr<DiagnosticSource> m_source;
    quint64 m_generation = 0;
    int m_pending = 0;
    QStringList m_errors;
    bool m_fetched = false; // the chosen source was asked at least once

    QComboBox *m_sourceCombo = nullptr;
    QPushButton *m_refresh = nullptr;
    QCheckBox *m_autoRefresh = nullptr;
    QTimer *m_autoTimer = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterProblem = nullptr;
    QLabel *m_alertsHeading = nullptr;
    QTreeView *m_alertsView = nullptr;
    AlertsModel *m_alerts = nullptr;
    AlertFilterProxy *m_proxy = nullptr;
    QPushButton *m_attach = nullptr;
    QPushButton *m_declare = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_targetsPane = nullptr;
    QLabel *m_targetsHeading = nullptr;
    QTreeView *m_targetsView = nullptr;
    TargetsModel *m_targets = nullptr;
};

} // namespace idesk
