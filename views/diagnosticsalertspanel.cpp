#include "diagnosticsalertspanel.h"

#include "alertdeclaration.h"
#include "alertseveritymapping.h"
#include "alertsmodel.h"
#include "diagnosticsrunner.h"
#include "presentation.h"
#include "targetsmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace idesk {

namespace {

QTreeView *tableView(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setModel(model);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSortingEnabled(true);
    view->header()->setStretchLastSection(true);
    return view;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    Presentation::makeTitle(label, 0);
    return label;
}

} // namespace

DiagnosticsAlertsPanel::DiagnosticsAlertsPanel(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_sourceCombo = new QComboBox(this);
    m_sourceCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sourceCombo->setMinimumContentsLength(10);
    auto *sourceLabel = new QLabel(tr("Ser&ver"), this);
    sourceLabel->setBuddy(m_sourceCombo);
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setToolTip(tr("Ask the server for its alerts now"));
    m_autoRefresh = new QCheckBox(tr("Every %1 s").arg(kAutoRefreshSeconds), this);
    m_autoRefresh->setToolTip(tr("Refresh while this panel is on screen"));
    m_autoTimer = new QTimer(this);
    m_autoTimer->setInterval(kAutoRefreshSeconds * 1000);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter: severity=critical, job!=batch or any text"));
    m_filter->setClearButtonEnabled(true);
    m_filterProblem = new QLabel(this);
    Presentation::makeError(m_filterProblem);
    m_filterProblem->setWordWrap(true);
    m_filterProblem->hide();

    m_alerts = new AlertsModel(this);
    m_proxy = new AlertFilterProxy(this);
    m_proxy->setSourceModel(m_alerts);
    m_alertsView = tableView(m_proxy, this);
    m_alertsView->sortByColumn(AlertsModel::StartedColumn, Qt::DescendingOrder);
    m_alertsView->header()->resizeSection(AlertsModel::StateColumn, 76);
    m_alertsView->header()->resizeSection(AlertsModel::NameColumn, 150);
    m_alertsView->header()->resizeSection(AlertsModel::SeverityColumn, 64);
    m_alertsView->header()->resizeSection(AlertsModel::StartedColumn, 64);
    m_alertsView->header()->resizeSection(AlertsModel::SummaryColumn, 240);

    m_attach = new QPushButton(tr("Attach to time&line"), this);
    m_attach->setToolTip(tr("Add the alert to this incident's timeline, at the time it began"));
    m_declare = new QPushButton(tr("&Declare from alert…"), this);
    m_declare->setToolTip(tr("Declare a new incident prefilled from the alert"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    m_alertsHeading = heading(tr("Alerts"), this);
    auto *alertsPane = new QWidget(this);
    auto *alertsLayout = new QVBoxLayout(alertsPane);
    alertsLayout->setContentsMargins(0, 0, 0, 0);
    alertsLayout->setSpacing(4);
    alertsLayout->addWidget(m_alertsHeading);
    alertsLayout->addWidget(m_filter);
    alertsLayout->addWidget(m_filterProblem);
    alertsLayout->addWidget(m_alertsView, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_attach);
    buttons->addWidget(m_declare);
    buttons->addStretch();
    alertsLayout->addLayout(buttons);

    m_targets = new TargetsModel(this);
    m_targetsView = tableView(m_targets, this);
    m_targetsView->setSortingEnabled(false); // down ones first, as the model orders them
    m_targetsView->header()->resizeSection(TargetsModel::HealthColumn, 80);
    m_targetsView->header()->resizeSection(TargetsModel::JobColumn, 110);
    m_targetsView->header()->resizeSection(TargetsModel::InstanceColumn, 150);
    m_targetsHeading = heading(tr("Targets"), this);
    m_targetsPane = new QWidget(this);
    auto *targetsLayout = new QVBoxLayout(m_targetsPane);
    targetsLayout->setContentsMargins(0, 0, 0, 0);
    targetsLayout->setSpacing(4);
    targetsLayout->addWidget(m_targetsHeading);
    targetsLayout->addWidget(m_targetsView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(alertsPane);
    splitter->addWidget(m_targetsPane);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *top = new QHBoxLayout;
    top->addWidget(sourceLabel);
    top->addWidget(m_sourceCombo, 1);
    top->addWidget(m_refresh);
    top->addWidget(m_autoRefresh);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connect(m_refresh, &QPushButton::clicked, this, &DiagnosticsAlertsPanel::refresh);
    connect(m_sourceCombo, &QComboBox::activated, this, &DiagnosticsAlertsPanel::sourceChosen);
    connect(m_autoTimer, &QTimer::timeout, this, [this] {
        if (!isBusy())
            refresh();
    });
    connect(m_autoRefresh, &QCheckBox::toggled, this, [this](bool on) {
        if (on && isVisible())
            m_autoTimer->start();
        else
            m_autoTimer->stop();
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        m_filterProblem->setText(m_proxy->filter().problem());
        m_filterProblem->setVisible(!m_proxy->filter().problem().isEmpty());
        updateCounts();
        updateActions();
    });
    connect(m_alertsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &DiagnosticsAlertsPanel::updateActions);
    connect(m_attach, &QPushButton::clicked, this, &DiagnosticsAlertsPanel::attachSelected);
    connect(m_declare, &QPushButton::clicked, this, &DiagnosticsAlertsPanel::declareFromSelected);

    setUserName(Presentation::currentUserName());
    reloadSources();
}

DiagnosticsAlertsPanel::~DiagnosticsAlertsPanel() = default;

void DiagnosticsAlertsPanel::setIntegrations(const IntegrationAccess &access)
{
    m_integrations = access;
    reloadSources();
}

void DiagnosticsAlertsPanel::setIncident(std::optional<qint64> incidentId)
{
    m_incidentId = incidentId;
    updateActions();
}

void DiagnosticsAlertsPanel::setUserName(const QString &userName)
{
    m_userName = userName;
}

void DiagnosticsAlertsPanel::reloadSources()
{
    const QString current = m_sourceCombo->currentData().toString();
    const auto sources = DiagnosticsSources::list(
        m_integrations, {DataSource::Kind::Alertmanager, DataSource::Kind::Prometheus});
    m_sources = sources ? *sources : QList<DataSource>();
    // Alertmanager first: it knows what is firing across every Prometheus.
    std::stable_sort(m_sources.begin(), m_sources.end(), [](const auto &a, const auto &b) {
        return a.kind == DataSource::Kind::Alertmanager && b.kind != DataSource::Kind::Alertmanager;
    });
    m_sourceCombo->clear();
    for (const auto &source : std::as_const(m_sources)) {
        m_sourceCombo->addItem(
            tr("%1 (%2)").arg(source.name, displayName(source.kind)), source.name);
        m_sourceCombo->setItemData(m_sourceCombo->count() - 1, source.url, Qt::ToolTipRole);
    }
    const int keep = m_sourceCombo->findData(current);
    m_sourceCombo->setCurrentIndex(keep >= 0 ? keep : (m_sources.isEmpty() ? -1 : 0));
    const bool any = !m_sources.isEmpty();
    m_sourceCombo->setEnabled(any);
    m_refresh->setEnabled(any);
    m_autoRefresh->setEnabled(any);
    if (!sources)
        showStatus(tr("Cannot read the data sources: %1").arg(sources.errorMessage()), true);
    else if (!any)
        showStatus(tr("No Alertmanager or Prometheus source is configured. Add one with "
                      "Settings → Data sources…"));
    else if (keep < 0)
        sourceChosen();
    updateActions();
}

std::optional<DataSource> DiagnosticsAlertsPanel::chosenSource() const
{
    const QString name = m_sourceCombo->currentData().toString();
    for (const auto &source : m_sources) {
        if (source.name == name)
            return source;
    }
    return std::nullopt;
}

void DiagnosticsAlertsPanel::sourceChosen()
{
    ++m_generation;
    m_pending = 0;
    if (m_source)
        m_source->cancelAll();
    m_source.reset();
    m_fetched = false;
    m_alerts->clear();
    m_targets->clear();
    const auto source = chosenSource();
    m_targetsPane->setVisible(source && source->kind == DataSource::Kind::Prometheus);
    m_alertsHeading->setText(source && source->kind == DataSource::Kind::Prometheus
            ? tr("Alerts of its rules")
            : tr("Active alerts"));
    updateCounts();
    showStatus(source ? tr("Not asked yet: press Refresh.") : QString());
    if (source && isVisible())
        refresh();
}

void DiagnosticsAlertsPanel::refresh()
{
    const auto source = chosenSource();
    if (!source)
        return;
    if (!m_source || m_source->config() != *source) {
        auto opened = DiagnosticsSources::open(m_integrations, *source);
        if (!opened) {
            showStatus(opened.errorMessage(), true);
            return;
        }
        if (m_source)
            m_source->cancelAll();
        m_source = std::move(opened).value();
    } else {
        m_source->cancelAll();
    }
    m_fetched = true;
    const quint64 generation = ++m_generation;
    m_errors.clear();
    m_refresh->setEnabled(false);
    showStatus(tr("Asking %1…").arg(source->name));
    if (source->kind == DataSource::Kind::Alertmanager) {
        m_pending = 1;
        m_source->activeAlerts([this, generation](Result<QList<Alert>> alerts) {
            if (generation != m_generation)
                return;
            if (alerts)
                showAlerts(*alerts);
            else
                m_errors.append(alerts.errorMessage());
            answered(generation);
        });
        return;
    }
    m_pending = 2;
    m_source->prometheusAlerts([this, generation](Result<QList<PrometheusAlert>> alerts) {
        if (generation != m_generation)
            return;
        if (alerts) {
            QList<Alert> converted;
            converted.reserve(alerts->size());
            for (const auto &alert : std::as_const(*alerts))
                converted.append(AlertsModel::fromPrometheus(alert));
            showAlerts(converted);
        } else {
            m_errors.append(tr("Alerts: %1").arg(alerts.errorMessage()));
        }
        answered(generation);
    });
    m_source->targets([this, generation](Result<QList<ScrapeTarget>> targets) {
        if (generation != m_generation)
            return;
        if (targets)
            m_targets->setTargets(*targets, m_service.clock().now());
        else
            m_errors.append(tr("Targets: %1").arg(targets.errorMessage()));
        answered(generation);
    });
}

void DiagnosticsAlertsPanel::answered(quint64 generation)
{
    if (generation != m_generation || --m_pending > 0)
        return;
    m_refresh->setEnabled(!m_sources.isEmpty());
    updateCounts();
    updateActions();
    if (!m_errors.isEmpty()) {
        showStatus(m_errors.join(QStringLiteral("; ")), true);
        return;
    }
    showStatus(tr("Updated %1")
                   .arg(Presentation::localTime(m_service.clock().now(), m_service.clock().now())));
}

void DiagnosticsAlertsPanel::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setToolTip(text);
    m_status->setVisible(!text.isEmpty());
    if (error)
        Presentation::makeError(m_status);
    else
        Presentation::makeMuted(m_status);
}

void DiagnosticsAlertsPanel::updateCounts()
{
    const int all = m_alerts->rowCount();
    const int shown = m_proxy->rowCount();
    const bool prometheus = m_targetsPane->isVisibleTo(this);
    const QString what = prometheus ? tr("Alerts of its rules") : tr("Active alerts");
    m_alertsHeading->setText(all == shown ? tr("%1 (%2)").arg(what).arg(all)
                                          : tr("%1 (%2 of %3)").arg(what).arg(shown).arg(all));
    const int up = m_targets->countWithHealth(QStringLiteral("up"));
    const int down = m_targets->countWithHealth(QStringLiteral("down"));
    m_targetsHeading->setText(m_targets->rowCount() == 0
            ? tr("Targets")
            : tr("Targets — %1 up, %2 down").arg(up).arg(down));
}

void DiagnosticsAlertsPanel::updateActions()
{
    const bool chosen = selectedAlert().has_value();
    m_attach->setEnabled(chosen && m_incidentId.has_value());
    m_declare->setEnabled(chosen);
}

namespace {
QString identity(const Alert &alert)
{
    return alert.fingerprint.isEmpty() ? AlertPrefill::labelsText(alert.labels) : alert.fingerprint;
}
} // namespace

void DiagnosticsAlertsPanel::showAlerts(const QList<Alert> &alerts)
{
    const auto chosen = selectedAlert();
    m_alerts->setAlerts(alerts, m_service.clock().now());
    if (!chosen)
        return;
    const QString key = identity(*chosen);
    for (int row = 0; row < m_alerts->rowCount(); ++row) {
        if (identity(m_alerts->alertAt(row)) != key)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_alerts->index(row, 0));
        if (index.isValid())
            m_alertsView->setCurrentIndex(index);
        break;
    }
}

std::optional<Alert> DiagnosticsAlertsPanel::selectedAlert() const
{
    const QModelIndex current = m_alertsView->selectionModel()->currentIndex();
    const QModelIndexList rows = m_alertsView->selectionModel()->selectedRows();
    const QModelIndex index = rows.isEmpty() ? current : rows.first();
    if (!index.isValid())
        return std::nullopt;
    const QModelIndex source = m_proxy->mapToSource(index);
    if (!source.isValid())
        return std::nullopt;
    return m_alerts->alertAt(source.row());
}

void DiagnosticsAlertsPanel::attachSelected()
{
    const auto alert = selectedAlert();
    if (!alert || !m_incidentId)
        return;
    const NewEntry entry = AlertPrefill::timelineEntry(*alert, m_service.clock().now(), m_userName);
    const auto id = m_service.logEntry(*m_incidentId, entry);
    if (!id) {
        showStatus(id.errorMessage(), true);
        Q_EMIT errorOccurred(id.errorMessage());
        return;
    }
    showStatus(tr("Attached %1 to %2's timeline.")
                   .arg(alert->name().isEmpty() ? tr("the alert") : alert->name(),
                       formatIncidentId(*m_incidentId)));
    Q_EMIT alertAttached(*id);
}

void DiagnosticsAlertsPanel::declareFromSelected()
{
    const auto alert = selectedAlert();
    if (!alert)
        return;
    AlertDeclaration::open(
        m_service, *alert, m_userName, this, [this](qint64 id, const VoidResult &attached) {
            if (!attached)
                Q_EMIT errorOccurred(tr("%1 was declared, but the alert could not be "
                                        "attached: %2")
                                         .arg(formatIncidentId(id), attached.errorMessage()));
            Q_EMIT incidentDeclared(id);
        });
}

bool DiagnosticsAlertsPanel::isAutoRefreshing() const
{
    return m_autoTimer->isActive();
}

void DiagnosticsAlertsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_autoRefresh->isChecked())
        m_autoTimer->start();
    // Opening the panel is asking: the first time for a source, fetch once.
    if (!m_fetched && chosenSource())
        refresh();
}

void DiagnosticsAlertsPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_autoTimer->stop();
}

} // namespace idesk
