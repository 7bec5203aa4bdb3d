#include "fakediagnosticsource.h"

#include "prometheusparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QtDebug>

#include <cmath>

namespace idesk::ViewTest {

namespace {

QJsonArray pair(const Sample &sample)
{
    QString value;
    if (std::isnan(sample.value))
        value = QStringLiteral("NaN");
    else if (std::isinf(sample.value))
        value = sample.value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    else
        value = QString::number(sample.value, 'g', 17);
    return QJsonArray {double(sample.timeMs) / 1000.0, value};
}

QJsonObject metric(const Labels &labels)
{
    QJsonObject object;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

class FakeSource final : public DiagnosticSource
{
public:
    FakeSource(DataSource config, FakeDiagnosticFactory &factory)
        : m_config(std::move(config)), m_factory(factory), m_context(std::make_unique<QObject>())
    {
    }
    ~FakeSource() override { dropHeld(); }

    const DataSource &config() const override { return m_config; }

    void query(
        const QString &promql, const QueryWindow &window, Callback<QueryResult> done) override
    {
        m_factory.queries.append(promql);
        m_factory.windows.append(window);
        Result<QueryResult> answer = Error::io(QStringLiteral("no canned answer"));
        if (m_factory.errors.contains(promql))
            answer = Error::io(m_factory.errors.value(promql));
        else if (m_factory.answers.contains(promql))
            answer = m_factory.answers.value(promql);
        else
            answer = Error::io(QStringLiteral("%1: unknown query").arg(m_config.name));
        reply(std::move(done), answer);
    }
    void prometheusAlerts(Callback<QList<PrometheusAlert>> done) override
    {
        reply(std::move(done), Result<QList<PrometheusAlert>>(m_factory.prometheusAlerts));
    }
    void targets(Callback<QList<ScrapeTarget>> done) override
    {
        reply(std::move(done), Result<QList<ScrapeTarget>>(m_factory.targets));
    }
    void activeAlerts(Callback<QList<Alert>> done) override
    {
        reply(std::move(done), Result<QList<Alert>>(m_factory.alerts));
    }
    void testConnection(Callback<ServerInfo> done) override
    {
        reply(std::move(done), Result<ServerInfo>(ServerInfo {QStringLiteral("Prometheus"), {}}));
    }
    void cancelAll() override
    {
        ++m_factory.cancels;
        m_context = std::make_unique<QObject>(); // pending timers go with the old one
        dropHeld();
    }

private:
    template<typename T> void reply(Callback<T> done, Result<T> answer)
    {
        ++m_factory.calls;
        switch (m_factory.mode) {
        case FakeDiagnosticFactory::Mode::Never:
            ++m_factory.neverAnswered;
            m_held.append(std::make_shared<Callback<T>>(std::move(done)));
            return;
        case FakeDiagnosticFactory::Mode::Fail:
            answer = Error::io(QStringLiteral("%1: connection refused").arg(m_config.name));
            break;
        case FakeDiagnosticFactory::Mode::Answer:
            break;
        }
        QTimer::singleShot(
            0, m_context.get(), [done = std::move(done), answer]() mutable { done(answer); });
    }

    void dropHeld()
    {
        m_factory.neverAnswered -= int(m_held.size());
        m_held.clear();
    }

    DataSource m_config;
    FakeDiagnosticFactory &m_factory;
    std::unique_ptr<QObject> m_context;
    QList<std::shared_ptr<void>> m_held; // callbacks that never run
};

} // namespace

QByteArray prometheusBody(QueryResult::Type type, const QList<Series> &series)
{
    QJsonObject data;
    switch (type) {
    case QueryResult::Type::Vector:
    case QueryResult::Type::Matrix: {
        const bool matrix = type == QueryResult::Type::Matrix;
        data.insert(QStringLiteral("resultType"),
            matrix ? QStringLiteral("matrix") : QStringLiteral("vector"));
        QJsonArray result;
        for (const Series &s : series) {
            QJsonObject item {{QStringLiteral("metric"), metric(s.labels)}};
            if (matrix) {
                QJsonArray values;
                for (const Sample &sample : s.samples)
                    values.append(pair(sample));
                item.insert(QStringLiteral("values"), values);
            } else if (!s.samples.isEmpty()) {
                item.insert(QStringLiteral("value"), pair(s.samples.last()));
            }
            result.append(item);
        }
        data.insert(QStringLiteral("result"), result);
        break;
    }
    case QueryResult::Type::Scalar:
        data.insert(QStringLiteral("resultType"), QStringLiteral("scalar"));
        data.insert(QStringLiteral("result"), pair(series.value(0).samples.value(0)));
        break;
    case QueryResult::Type::String:
        data.insert(QStringLiteral("resultType"), QStringLiteral("string"));
        data.insert(QStringLiteral("result"),
            QJsonArray {1.7e9, series.value(0).labels.value(QStringLiteral("text"))});
        break;
    }
    const QJsonObject root {
        {QStringLiteral("status"), QStringLiteral("success")}, {QStringLiteral("data"), data}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QueryResult prometheusResult(QueryResult::Type type, const QList<Series> &series)
{
    const auto parsed = PrometheusParser::parseQuery(prometheusBody(type, series));
    if (!parsed) {
        qWarning() << "fake answer does not parse:" << parsed.errorMessage();
        return {};
    }
    return *parsed;
}

Series series(const Labels &labels, const QDateTime &end, int count, double base, double step)
{
    Series s;
    s.labels = labels;
    const qint64 endMs = end.toMSecsSinceEpoch();
    for (int i = 0; i < count; ++i)
        s.samples.append(Sample {endMs - qint64(count - 1 - i) * 60'000, base + i * step});
    return s;
}

std::unique_ptr<DiagnosticSource> FakeDiagnosticFactory::create(
    const DataSource &source, const QString &)
{
    ++created;
    return std::make_unique<FakeSource>(source, *this);
}

} // namespace idesk::ViewTest
