#include "diagnosticsrunner.h"

#include "datasourcecatalog.h"
#include "seriescharts.h"

#include <QCoreApplication>
#include <QTimer>

namespace idesk {

namespace DiagnosticsSources {

bool isAvailable(const IntegrationAccess &access)
{
    return access.sources && access.factory;
}

Result<QList<DataSource>> list(
    const IntegrationAccess &access, const QList<DataSource::Kind> &kinds)
{
    if (!isAvailable(access))
        return QList<DataSource>();
    auto all = access.sources->sources();
    if (!all)
        return all.error();
    QList<DataSource> wanted;
    for (const auto &source : std::as_const(*all)) {
        if (kinds.contains(source.kind))
            wanted.append(source);
    }
    return wanted;
}

Result<std::unique_ptr<DiagnosticSource>> open(
    const IntegrationAccess &access, const DataSource &source)
{
    if (!isAvailable(access))
        return Error::notFound(QCoreApplication::translate(
            "DiagnosticsSources", "Data sources are not available in this window."));
    const auto secret = access.sources->secretFor(source);
    if (!secret)
        return Error {secret.error().kind,
            QCoreApplication::translate("DiagnosticsSources", "Cannot read the secret of %1: %2")
                .arg(source.name, secret.errorMessage())};
    auto made = access.factory->create(source, *secret);
    if (!made)
        return Error::io(QCoreApplication::translate("DiagnosticsSources", "Cannot connect to %1.")
                             .arg(source.name));
    return made;
}

} // namespace DiagnosticsSources

DiagnosticSnapshot snapshotOf(const QString &sourceName, const DiagnosticsJob &job,
    const QueryResult &result, const QDateTime &capturedAt, const QString &title)
{
    constexpr int kChartTitleChars = 110;
    DiagnosticSnapshot snapshot;
    snapshot.source = sourceName;
    snapshot.query = job.query;
    snapshot.windowStart = job.window.start;
    snapshot.windowEnd = job.window.end;
    snapshot.capturedAt = capturedAt;
    snapshot.result = result.raw;
    SeriesCharts::ChartOptions options;
    options.title = title.trimmed();
    if (options.title.isEmpty()) {
        options.title = job.query.simplified();
        if (options.title.size() > kChartTitleChars)
            options.title = options.title.left(kChartTitleChars - 1) + QChar(0x2026);
    }
    options.unit = job.unit;
    options.windowStart = job.window.start;
    options.windowEnd = job.window.end;
    snapshot.chartPng = SeriesCharts::renderPng(result, options);
    return snapshot;
}

DiagnosticsRunner::DiagnosticsRunner(QObject *parent) : QObject(parent) { }

DiagnosticsRunner::~DiagnosticsRunner()
{
    // Destroying the source drops its pending callbacks (the port's contract).
    m_source.reset();
}

void DiagnosticsRunner::start(
    std::unique_ptr<DiagnosticSource> source, const QList<DiagnosticsJob> &jobs)
{
    const bool wasRunning = isRunning();
    if (m_source) {
        m_source->cancelAll();
        retire(std::move(m_source));
    }
    ++m_generation;
    m_source = std::move(source);
    m_config = m_source ? m_source->config() : DataSource();
    m_jobs = jobs;
    m_pending = m_source ? int(jobs.size()) : 0;
    if (isRunning() != wasRunning)
        Q_EMIT runningChanged(isRunning());
    if (!m_source)
        return;
    const quint64 generation = m_generation;
    for (qsizetype i = 0; i < m_jobs.size(); ++i) {
        const DiagnosticsJob &job = m_jobs.at(i);
        m_source->query(
            job.query, job.window, [this, generation, index = int(i)](Result<QueryResult> result) {
                answer(generation, index, result);
            });
    }
}

bool DiagnosticsRunner::cancel()
{
    const bool wasRunning = isRunning();
    ++m_generation;
    if (m_source) {
        m_source->cancelAll();
        retire(std::move(m_source));
    }
    m_pending = 0;
    if (wasRunning)
        Q_EMIT runningChanged(false);
    return wasRunning;
}

void DiagnosticsRunner::answer(quint64 generation, int index, const Result<QueryResult> &result)
{
    if (generation != m_generation || index < 0 || index >= m_jobs.size() || m_pending <= 0)
        return;
    --m_pending;
    const DiagnosticsJob job = m_jobs.at(index);
    if (result)
        Q_EMIT jobFinished(index, job, *result);
    else
        Q_EMIT jobFailed(index, job, result.errorMessage());
    // A slot may have started another batch or cancelled this one.
    if (generation != m_generation || m_pending > 0)
        return;
    retire(std::move(m_source));
    Q_EMIT runningChanged(false);
    Q_EMIT allFinished();
}

void DiagnosticsRunner::retire(std::unique_ptr<DiagnosticSource> source)
{
    if (!source)
        return;
    std::shared_ptr<DiagnosticSource> retired(std::move(source));
    QTimer::singleShot(0, this, [retired] { Q_UNUSED(retired) });
}

} // namespace idesk
