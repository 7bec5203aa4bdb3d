#pragma once

#include "diagnosticsource.h"
#include "incident.h"
#include "integrationaccess.h"

#include <QObject>

#include <memory>

namespace idesk {

// Where the Diagnostics tab gets its sources: the catalog's configuration, its secret, and
// the factory that makes a DiagnosticSource of them.
namespace DiagnosticsSources {

// Whether the app wired data sources in at all.
bool isAvailable(const IntegrationAccess &access);
// The configured sources of these kinds, in the catalog's order.
Result<QList<DataSource>> list(
    const IntegrationAccess &access, const QList<DataSource::Kind> &kinds);
// A source ready to ask, with its secret (keychain or environment variable).
Result<std::unique_ptr<DiagnosticSource>> open(
    const IntegrationAccess &access, const DataSource &source);

} // namespace DiagnosticsSources

// One query the runner asks, with what the page needs to show and pin its answer.
struct DiagnosticsJob
{
    QString title; // a pack query's title; empty for the editor's query
    QString query; // PromQL as sent ($window expanded)
    QString unit;
    QueryWindow window;
};

// The snapshot that keeps `result` as evidence: the server's raw bytes, the window, when it
// was captured, and a PNG of its chart (empty when the result has none, as an instant one).
DiagnosticSnapshot snapshotOf(const QString &sourceName, const DiagnosticsJob &job,
    const QueryResult &result, const QDateTime &capturedAt, const QString &title);

// Runs a batch of queries concurrently on one source and reports each answer as it comes,
// on the event loop; never waits. One batch at a time: start() cancels the one before.
// cancel() drops the answers still due (the source's own cancelAll()), so nothing arrives
// after it. A superseded batch's late answers are dropped by generation, too.
class DiagnosticsRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsRunner)

public:
    explicit DiagnosticsRunner(QObject *parent = nullptr);
    ~DiagnosticsRunner() override;

    void start(std::unique_ptr<DiagnosticSource> source, const QList<DiagnosticsJob> &jobs);
    // Returns whether something was running.
    bool cancel();

    bool isRunning() const { return m_pending > 0; }
    int total() const { return int(m_jobs.size()); }
    int doneCount() const { return total() - m_pending; }
    const QList<DiagnosticsJob> &jobs() const { return m_jobs; }
    // The configuration of the source the batch runs on.
    const DataSource &source() const { return m_config; }

Q_SIGNALS:
    void jobFinished(int index, const DiagnosticsJob &job, const QueryResult &result);
    void jobFailed(int index, const DiagnosticsJob &job, const QString &message);
    // Every job answered (not emitted for a cancelled batch).
    void allFinished();
    void runningChanged(bool running);

private:
    void answer(quint64 generation, int index, const Result<QueryResult> &result);
    // Destroys the source once control is back in the event loop: a callback may still
    // be on its stack.
    void retire(std::unique_ptr<DiagnosticSource> source);

    std::unique_ptr<DiagnosticSource> m_source;
    DataSource m_config;
    QList<DiagnosticsJob> m_jobs;
    int m_pending = 0;
    quint64 m_generation = 0;
};

} // namespace idesk
