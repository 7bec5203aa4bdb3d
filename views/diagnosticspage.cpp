#include "diagnosticspage.h"

#include "datasourcecatalog.h"
#include "diagnosticsalertspanel.h"
#include "diagnosticsformat.h"
#include "diagnosticspinnedpanel.h"
#include "diagnosticsqueryeditor.h"
#include "diagnosticsresultview.h"
#include "presentation.h"
#include "prometheusparser.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace idesk {

namespace {
// The link type of a pinned snapshot's timeline entry (SnapshotsModel reads its title there).
const QString kSnapshotEntryLink = QStringLiteral("diagnostic");

QString emptyHint()
{
    return QCoreApplication::translate("DiagnosticsPage",
        "Write a PromQL query and press Ctrl+Enter, run a pack, "
        "or pick a pinned snapshot.");
}
} // namespace

DiagnosticsPage::DiagnosticsPage(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_queryRunner = new DiagnosticsRunner(this);
    m_packRunner = new DiagnosticsRunner(this);

    m_sourceCombo = new QComboBox(this);
    m_sourceCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sourceCombo->setMinimumContentsLength(10);
    auto *sourceLabel = new QLabel(tr("S&ource"), this);
    sourceLabel->setBuddy(m_sourceCombo);
    m_reloadSources = new QToolButton(this);
    m_reloadSources->setText(tr("Reload"));
    m_reloadSources->setToolTip(tr("Read the configured data sources and packs again"));
    m_reloadSources->setAutoRaise(true);
    m_packBar = new DiagnosticsPackBar(service.repository(), this);

    m_sourceHint = new QLabel(this);
    m_sourceHint->setWordWrap(true);
    m_sourceHint->setTextFormat(Qt::PlainText);
    m_sourceHint->setFrameShape(QFrame::StyledPanel);
    m_sourceHint->setMargin(8);
    m_sourceHint->hide();

    m_editor = new DiagnosticsQueryEditor(this);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->hide();

    m_result = new DiagnosticsResultView(this);
    m_pinTitle = new QLineEdit(m_result);
    m_pinTitle->setPlaceholderText(tr("Title on the timeline (optional)"));
    m_pinTitle->setMinimumWidth(120);
    m_pin = new QPushButton(tr("Pin to in&cident"), m_result);
    m_pin->setToolTip(tr("Keep this answer with the incident: the raw result, the window and "
                         "the chart, with a timeline entry"));
    m_result->headerActions()->addWidget(m_pinTitle);
    m_result->headerActions()->addWidget(m_pin);

    m_pinned = new DiagnosticsPinnedPanel(this);
    m_alerts = new DiagnosticsAlertsPanel(service, this);
    m_side = new QTabWidget(this);
    m_side->setDocumentMode(true);
    m_side->addTab(m_pinned, tr("Pinned"));
    m_side->addTab(m_alerts, tr("Alerts"));

    // Left: what to ask and the answer; right: what is kept and what is firing.
    auto *topBar = new QHBoxLayout;
    topBar->setSpacing(6);
    topBar->addWidget(sourceLabel);
    topBar->addWidget(m_sourceCombo, 1);
    topBar->addWidget(m_reloadSources);
    topBar->addSpacing(18);
    topBar->addWidget(m_packBar, 1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 8, 0);
    leftLayout->setSpacing(8);
    leftLayout->addLayout(topBar);
    leftLayout->addWidget(m_sourceHint);
    leftLayout->addWidget(m_editor);
    leftLayout->addWidget(m_status);
    leftLayout->addWidget(m_result, 1);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    rightLayout->addWidget(m_side);
    // The side panel may get narrow on a small screen; it must not widen the window.
    right->setMinimumWidth(260);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({760, 380});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(splitter);

    // Escape stops a running request from anywhere on the page (only while one runs).
    m_escape = new QShortcut(QKeySequence::Cancel, this);
    m_escape->setContext(Qt::WidgetWithChildrenShortcut);
    m_escape->setEnabled(false);
    connect(m_escape, &QShortcut::activated, this, [this] { (void)cancel(); });

    connect(m_reloadSources, &QToolButton::clicked, this, [this] {
        reloadSources();
        reloadPacks();
        m_alerts->reloadSources();
    });
    connect(m_packBar, &DiagnosticsPackBar::runRequested, this, &DiagnosticsPage::runPack);
    connect(m_packBar, &DiagnosticsPackBar::queryChosen, this, &DiagnosticsPage::packQueryChosen);
    connect(m_editor, &DiagnosticsQueryEditor::runRequested, this, &DiagnosticsPage::runQuery);
    connect(m_editor, &DiagnosticsQueryEditor::cancelRequested, this, [this] { (void)cancel(); });
    connect(m_pin, &QPushButton::clicked, this, &DiagnosticsPage::pinResult);
    connect(m_pinTitle, &QLineEdit::returnPressed, this, &DiagnosticsPage::pinResult);
    connect(m_queryRunner, &DiagnosticsRunner::jobFinished, this, &DiagnosticsPage::queryFinished);
    connect(m_queryRunner, &DiagnosticsRunner::jobFailed, this,
        [this](int, const DiagnosticsJob &, const QString &message) { showStatus(message, true); });
    connect(
        m_queryRunner, &DiagnosticsRunner::runningChanged, this, &DiagnosticsPage::runningChanged);
    connect(m_packRunner, &DiagnosticsRunner::jobFinished, this, &DiagnosticsPage::packJobFinished);
    connect(m_packRunner, &DiagnosticsRunner::jobFailed, this, &DiagnosticsPage::packJobFailed);
    connect(m_packRunner, &DiagnosticsRunner::allFinished, this, &DiagnosticsPage::packFinished);
    connect(
        m_packRunner, &DiagnosticsRunner::runningChanged, this, &DiagnosticsPage::runningChanged);
    connect(
        m_pinned, &DiagnosticsPinnedPanel::snapshotChosen, this, &DiagnosticsPage::snapshotChosen);
    connect(m_pinned, &DiagnosticsPinnedPanel::editRequested, this, &DiagnosticsPage::openInEditor);
    connect(m_pinned, &DiagnosticsPinnedPanel::countChanged, this,
        [this](int count) { m_side->setTabText(0, tr("Pinned (%1)").arg(count)); });
    connect(
        m_alerts, &DiagnosticsAlertsPanel::errorOccurred, this, &DiagnosticsPage::errorOccurred);
    connect(m_alerts, &DiagnosticsAlertsPanel::incidentDeclared, this,
        &DiagnosticsPage::incidentDeclared);

    setUserName(Presentation::currentUserName());
    reloadSources();
    m_result->clear(emptyHint());
    updatePinButton();
}

DiagnosticsPage::~DiagnosticsPage()
{
    // Nothing may call back into a half-destroyed page.
    m_queryRunner->cancel();
    m_packRunner->cancel();
}

QTreeView *DiagnosticsPage::snapshotsView() const
{
    return m_pinned->view();
}

SnapshotsModel *DiagnosticsPage::snapshotsModel() const
{
    return m_pinned->model();
}

void DiagnosticsPage::setIntegrations(const IntegrationAccess &access)
{
    if (m_catalogConnection)
        disconnect(m_catalogConnection);
    m_integrations = access;
    if (access.sources)
        m_catalogConnection = connect(access.sources, &DataSourceCatalog::changed, this, [this] {
            reloadSources();
            m_alerts->reloadSources();
        });
    m_alerts->setIntegrations(access);
    reloadSources();
}

void DiagnosticsPage::setUserName(const QString &userName)
{
    m_userName = userName;
    m_alerts->setUserName(userName);
}

void DiagnosticsPage::setIncident(std::optional<qint64> incidentId)
{
    if (incidentId == m_incidentId)
        return;
    (void)cancel();
    m_incidentId = incidentId;
    m_alerts->setIncident(incidentId);
    m_pinned->clear();
    m_pinTitle->clear();
    showStatus({});
    m_result->clear(emptyHint());
    if (incidentId) {
        reload();
        // Open on the latest evidence, if there is some.
        m_pinned->selectRow(0);
    }
    updatePinButton();
    updateAvailability();
}

void DiagnosticsPage::refresh()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    reload();
}

void DiagnosticsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void DiagnosticsPage::reload()
{
    m_stale = false;
    reloadSources();
    reloadPacks();
    if (!m_incidentId)
        return;
    // The snapshots and, of the timeline, only their entries (which carry their titles).
    IncidentParts parts;
    parts.diagnostics = true;
    parts.linkedEntries = {kSnapshotEntryLink};
    const auto incident = m_service.repository().loadIncidentParts(*m_incidentId, parts);
    if (!incident) {
        showStatus(incident.errorMessage(), true);
        return;
    }
    // The incident's window: from a while before impact began (else before it was
    // declared) to its resolution, or now while it is open.
    const QDateTime now = m_service.clock().now();
    const Milestones &milestones = incident->header.milestones;
    auto started = milestones.get(Milestone::Started);
    if (!started)
        started = milestones.get(Milestone::Declared);
    const auto resolved = milestones.get(Milestone::Resolved);
    const QDateTime start = started.value_or(now).addSecs(-kWindowLeadMinutes * 60);
    const bool otherIncident = m_windowIncident != m_incidentId;
    m_windowIncident = m_incidentId;
    m_editor->setIncidentWindow(start, resolved.value_or(now), !resolved, otherIncident);
    m_pinned->setIncident(*incident, now);
    m_editor->setHistory(history());
}

void DiagnosticsPage::reloadSources()
{
    const QString current = m_sourceCombo->currentData().toString();
    const auto sources = DiagnosticsSources::list(m_integrations, {DataSource::Kind::Prometheus});
    m_sources = sources ? *sources : QList<DataSource>();
    {
        const QSignalBlocker blocker(m_sourceCombo);
        m_sourceCombo->clear();
        for (const auto &source : std::as_const(m_sources)) {
            m_sourceCombo->addItem(source.name, source.name);
            m_sourceCombo->setItemData(m_sourceCombo->count() - 1, source.url, Qt::ToolTipRole);
        }
        const int keep = m_sourceCombo->findData(current);
        m_sourceCombo->setCurrentIndex(keep >= 0 ? keep : (m_sources.isEmpty() ? -1 : 0));
    }
    if (!sources)
        showStatus(tr("Cannot read the data sources: %1").arg(sources.errorMessage()), true);
    updateAvailability();
}

void DiagnosticsPage::reloadPacks()
{
    const QString problem = m_packBar->reload();
    if (!problem.isEmpty())
        showStatus(problem, true);
    updateAvailability();
}

std::optional<DataSource> DiagnosticsPage::chosenSource() const
{
    const QString name = m_sourceCombo->currentData().toString();
    for (const auto &source : m_sources) {
        if (source.name == name)
            return source;
    }
    return std::nullopt;
}

void DiagnosticsPage::updateAvailability()
{
    const bool any = !m_sources.isEmpty();
    QString reason;
    if (!DiagnosticsSources::isAvailable(m_integrations))
        reason = tr("Data sources are not available in this window, so nothing can be asked. "
                    "Pinned snapshots stay readable.");
    else if (!any)
        reason = tr("No Prometheus source is configured. Add one with Settings → Data "
                    "sources… (or: incidentdesk sources add NAME --kind prometheus --url URL). "
                    "Pinned snapshots stay readable.");
    m_sourceHint->setText(reason);
    m_sourceHint->setVisible(!reason.isEmpty());
    m_sourceCombo->setEnabled(any);
    const bool canAsk = any && m_incidentId.has_value();
    m_editor->setRunAvailable(canAsk, reason);
    m_packBar->setRunEnabled(canAsk && !isRunning());
}

bool DiagnosticsPage::isRunning() const
{
    return m_queryRunner->isRunning() || m_packRunner->isRunning();
}

void DiagnosticsPage::showStatus(const QString &text, bool error)
{
    const QString line = text.simplified();
    m_status->setText(line);
    m_status->setToolTip(text);
    m_status->setVisible(!line.isEmpty());
    if (error)
        Presentation::makeError(m_status);
    else
        Presentation::makeMuted(m_status);
}

Result<std::unique_ptr<DiagnosticSource>> DiagnosticsPage::openChosen(DataSource &source)
{
    const auto chosen = chosenSource();
    if (!chosen)
        return Error::notFound(m_sources.isEmpty() ? tr("No Prometheus source is configured.")
                                                   : tr("Choose a source first."));
    source = *chosen;
    return DiagnosticsSources::open(m_integrations, source);
}

void DiagnosticsPage::runQuery()
{
    if (!m_incidentId || isRunning())
        return;
    const QString query = m_editor->query();
    if (query.isEmpty()) {
        showStatus(tr("Write a query first."), true);
        m_editor->editor()->setFocus(Qt::OtherFocusReason);
        return;
    }
    const QDateTime now = m_service.clock().now();
    const QueryWindow window = m_editor->queryWindow(now);
    if (!window.isInstant() && !(window.start < window.end)) {
        showStatus(tr("The window must end after it starts."), true);
        return;
    }
    DataSource source;
    auto opened = openChosen(source);
    if (!opened) {
        showStatus(opened.errorMessage(), true);
        return;
    }
    DiagnosticsJob job;
    job.query = DiagnosticsFormat::expandWindow(query, window);
    job.unit = DiagnosticsFormat::unitForQuery(packs(), query);
    job.window = window;
    m_sessionRuns[*m_incidentId].append({now, query});
    m_editor->setHistory(history());
    showStatus(tr("Asking %1…").arg(source.name));
    m_queryRunner->start(std::move(opened).value(), {job});
}

void DiagnosticsPage::queryFinished(int, const DiagnosticsJob &job, const QueryResult &result)
{
    ResultContext context;
    context.query = job.query;
    context.source = m_queryRunner->source().name;
    context.unit = job.unit;
    context.window = job.window;
    m_pinnedShown = false;
    m_pinned->clearSelection();
    m_result->showResult(result, context, m_service.clock().now());
    showStatus({});
    updatePinButton();
}

void DiagnosticsPage::packQueryChosen(const PackQuery &query)
{
    m_editor->setQuery(DiagnosticsFormat::expandWindow(
        query.query, m_editor->rangeWindow(m_service.clock().now())));
    m_editor->setRange(true);
    m_pinTitle->setText(query.title);
    m_editor->editor()->setFocus(Qt::OtherFocusReason);
}

void DiagnosticsPage::runPack()
{
    const auto pack = m_packBar->currentPack();
    if (!m_incidentId || isRunning() || !pack)
        return;
    const QueryWindow window = m_editor->rangeWindow(m_service.clock().now());
    if (!(window.start < window.end)) {
        showStatus(tr("The window must end after it starts."), true);
        return;
    }
    DataSource source;
    auto opened = openChosen(source);
    if (!opened) {
        showStatus(opened.errorMessage(), true);
        return;
    }
    QList<DiagnosticsJob> jobs;
    for (const PackQuery &query : pack->queries)
        jobs.append({query.title, DiagnosticsFormat::expandWindow(query.query, window), query.unit,
            window});
    m_packName = pack->name;
    m_packPinned = 0;
    m_packFailures.clear();
    m_firstPackPin.reset();
    showStatus(tr("Running pack “%1” on %2: %n queries…", nullptr, int(jobs.size()))
                   .arg(pack->name, source.name));
    m_packRunner->start(std::move(opened).value(), jobs);
    if (jobs.isEmpty())
        packFinished();
}

void DiagnosticsPage::packJobFinished(int, const DiagnosticsJob &job, const QueryResult &result)
{
    // Pinned as it arrives: what came back is kept even if the rest never does.
    const auto pinned = pin(m_packRunner->source().name, job, result, job.title);
    if (!pinned) {
        m_packFailures.append(tr("%1: %2").arg(job.title, pinned.errorMessage()));
    } else {
        ++m_packPinned;
        if (!m_firstPackPin)
            m_firstPackPin = m_service.clock().now();
    }
    runningChanged();
}

void DiagnosticsPage::packJobFailed(int, const DiagnosticsJob &job, const QString &message)
{
    m_packFailures.append(tr("%1: %2").arg(job.title, message));
    runningChanged();
}

void DiagnosticsPage::packFinished()
{
    const int total = m_packRunner->total();
    if (m_packFailures.isEmpty())
        showStatus(tr("Pack “%1”: all %n answers pinned to the timeline.", nullptr, total)
                       .arg(m_packName));
    else
        showStatus(tr("Pack “%1”: %2 of %3 pinned; %4 failed — %5")
                       .arg(m_packName)
                       .arg(m_packPinned)
                       .arg(total)
                       .arg(m_packFailures.size())
                       .arg(m_packFailures.join(QStringLiteral("; "))),
            true);
    if (m_packPinned == 0 || !m_firstPackPin)
        return;
    // Show the pack's first pinned answer, as the list has it now (newest first: the last
    // row captured since the pack began is its first pin).
    m_side->setCurrentWidget(m_pinned);
    const SnapshotsModel *model = m_pinned->model();
    int first = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->at(row).snapshot.capturedAt >= *m_firstPackPin)
            first = row;
    }
    m_pinned->selectRow(first);
}

bool DiagnosticsPage::cancel()
{
    const bool pack = m_packRunner->isRunning();
    const bool query = m_queryRunner->cancel();
    const bool any = m_packRunner->cancel() || query;
    if (pack)
        showStatus(tr("Pack “%1” cancelled: %2 pinned before it stopped.")
                       .arg(m_packName)
                       .arg(m_packPinned),
            !m_packFailures.isEmpty());
    else if (any)
        showStatus(tr("Cancelled."));
    return any;
}

void DiagnosticsPage::runningChanged()
{
    const bool running = isRunning();
    QString what;
    if (m_packRunner->isRunning())
        what = tr("Pack %1 of %2").arg(m_packRunner->doneCount()).arg(m_packRunner->total());
    m_editor->setRunning(running, what);
    m_escape->setEnabled(running);
    updateAvailability();
}

VoidResult DiagnosticsPage::pin(const QString &sourceName, const DiagnosticsJob &job,
    const QueryResult &result, const QString &title)
{
    if (!m_incidentId)
        return Error::validation(tr("No incident is open."));
    const DiagnosticSnapshot snapshot
        = snapshotOf(sourceName, job, result, m_service.clock().now(), title);
    const auto pinned = m_service.pinDiagnostic(*m_incidentId, snapshot, title, m_userName);
    if (pinned)
        reload();
    return pinned;
}

void DiagnosticsPage::pinResult()
{
    if (!m_result->hasResult() || m_result->context().capturedAt || m_pinnedShown)
        return;
    const ResultContext context = m_result->context();
    DiagnosticsJob job;
    job.query = context.query;
    job.unit = context.unit;
    job.window = context.window;
    const auto pinned = pin(context.source, job, m_result->result(), m_pinTitle->text().trimmed());
    if (!pinned) {
        showStatus(pinned.errorMessage(), true);
        Q_EMIT errorOccurred(pinned.errorMessage());
        return;
    }
    m_pinnedShown = true;
    m_pinTitle->clear();
    showStatus(tr("Pinned to %1: on the timeline and in the postmortem export.")
                   .arg(formatIncidentId(*m_incidentId)));
    updatePinButton();
}

void DiagnosticsPage::updatePinButton()
{
    const bool stored = m_result->context().capturedAt.has_value();
    const bool live = m_result->hasResult() && !stored;
    m_pin->setEnabled(live && !m_pinnedShown && m_incidentId.has_value());
    m_pin->setText(live && m_pinnedShown ? tr("Pinned") : tr("Pin to in&cident"));
    m_pinTitle->setEnabled(m_pin->isEnabled());
    m_pinTitle->setVisible(!stored);
    m_pin->setVisible(!stored);
}

QStringList DiagnosticsPage::history() const
{
    if (!m_incidentId)
        return {};
    QList<std::pair<QDateTime, QString>> all = m_sessionRuns.value(*m_incidentId);
    for (const auto &row : m_pinned->model()->rows())
        all.append({row.snapshot.capturedAt, row.snapshot.query});
    std::stable_sort(
        all.begin(), all.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList queries;
    QSet<QString> seen;
    for (const auto &[at, query] : all) {
        const QString key = query.simplified();
        if (key.isEmpty() || seen.contains(key))
            continue;
        seen.insert(key);
        queries.append(query);
    }
    return queries;
}

void DiagnosticsPage::showSnapshot(qint64 snapshotId)
{
    m_pinned->selectRow(m_pinned->model()->rowOfSnapshot(snapshotId));
}

void DiagnosticsPage::snapshotChosen(const PinnedSnapshot &row)
{
    const DiagnosticSnapshot &s = row.snapshot;
    ResultContext context;
    context.title = row.title;
    context.query = s.query;
    context.source = s.source;
    context.unit = DiagnosticsFormat::unitForQuery(packs(), s.query);
    context.window = QueryWindow {s.windowStart, s.windowEnd, 0};
    context.capturedAt = s.capturedAt;
    const QDateTime now = m_service.clock().now();
    // From the stored bytes alone: the evidence as it was, whatever the server says now.
    const auto parsed = PrometheusParser::parseQuery(s.result);
    if (parsed)
        m_result->showResult(*parsed, context, now);
    else
        m_result->showStoredChart(s.chartPng, context,
            tr("The stored answer cannot be read: %1").arg(parsed.errorMessage()), now);
    updatePinButton();
}

void DiagnosticsPage::openInEditor(const PinnedSnapshot &row)
{
    const DiagnosticSnapshot &s = row.snapshot;
    m_editor->setQuery(s.query);
    const bool range = s.windowStart.isValid() && s.windowStart != s.windowEnd;
    m_editor->setRange(range);
    if (s.windowEnd.isValid())
        m_editor->setWindow(range ? s.windowStart : s.windowEnd, s.windowEnd);
    m_pinTitle->setText(row.title);
    m_editor->editor()->setFocus(Qt::OtherFocusReason);
}

} // namespace idesk
