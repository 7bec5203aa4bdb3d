#pragma once

#include "diagnosticsource.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace idesk::ViewTest {

// A Prometheus /api/v1/query or /query_range answer carrying `series`, and that answer
// parsed (as a real source returns it: `raw` holds the body).
QByteArray prometheusBody(QueryResult::Type type, const QList<Series> &series);
QueryResult prometheusResult(QueryResult::Type type, const QList<Series> &series);
// `count` samples a minute apart ending at `end`, value = base + i * step.
Series series(
    const Labels &labels, const QDateTime &end, int count, double base, double step = 1.0);

// Makes sources that answer from canned data on the next turn of the event loop — or
// fail, or never answer — and records what they were asked.
class FakeDiagnosticFactory final : public DiagnosticSourceFactory
{
public:
    enum class Mode { Answer, Fail, Never };

    Mode mode = Mode::Answer;
    QHash<QString, QueryResult> answers; // by PromQL as sent
    QHash<QString, QString> errors; // by PromQL as sent: the error message
    QList<Alert> alerts; // Alertmanager
    QList<PrometheusAlert> prometheusAlerts;
    QList<ScrapeTarget> targets;

    // What was asked.
    QStringList queries;
    QList<QueryWindow> windows;
    int calls = 0; // every request of any kind
    int created = 0;
    int cancels = 0;
    int neverAnswered = 0; // callbacks held by Mode::Never, not yet dropped

    std::unique_ptr<DiagnosticSource> create(
        const DataSource &source, const QString &secret) override;
};

} // namespace idesk::ViewTest
