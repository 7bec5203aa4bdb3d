#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace idesk {

using Labels = QMap<QString, QString>;

// One point of a Prometheus series. Prometheus sends values as strings because they
// may be "NaN", "+Inf" or "-Inf"; those arrive here as the matching doubles.
struct Sample
{
    qint64 timeMs = 0; // UTC milliseconds since the epoch
    double value = 0;
    bool operator==(const Sample &) const = default;
};

struct Series
{
    Labels labels; // __name__ included when Prometheus sends it
    QList<Sample> samples; // one for an instant vector, many for a matrix
    bool operator==(const Series &) const = default;
};

// What a Prometheus query returned, parsed. `raw` keeps the server's bytes so that a
// snapshot holds the evidence exactly as it was.
struct QueryResult
{
    enum class Type { Vector, Matrix, Scalar, String };
    Type type = Type::Vector;
    QList<Series> series; // Scalar: one series without labels; String: none
    QString stringValue; // Type::String only
    QStringList warnings;
    QByteArray raw;
    bool operator==(const QueryResult &) const = default;
};

// An instant query is a window with start == end.
struct QueryWindow
{
    QDateTime start;
    QDateTime end;
    int stepSeconds = 0; // 0: chosen from the window (about 250 points)
    bool isInstant() const { return start == end; }
    bool operator==(const QueryWindow &) const = default;
};

// An alert as Alertmanager's API v2 (/api/v2/alerts) reports it.
struct Alert
{
    QString fingerprint;
    Labels labels;
    Labels annotations;
    QDateTime startsAt;
    QDateTime endsAt;
    QDateTime updatedAt;
    QString state; // "active", "suppressed", "unprocessed"
    QString generatorUrl;
    QStringList receivers;
    QString name() const { return labels.value(QStringLiteral("alertname")); }
    bool operator==(const Alert &) const = default;
};

// An alert from a Prometheus server's own rules (/api/v1/alerts).
struct PrometheusAlert
{
    Labels labels;
    Labels annotations;
    QString state; // "pending", "firing"
    QDateTime activeAt;
    QString value;
    bool operator==(const PrometheusAlert &) const = default;
};

// A scrape target (/api/v1/targets, active ones).
struct ScrapeTarget
{
    Labels labels;
    QString scrapePool;
    QString scrapeUrl;
    QString health; // "up", "down", "unknown"
    QString lastError;
    QDateTime lastScrape;
    bool operator==(const ScrapeTarget &) const = default;
};

// What "Test connection" shows.
struct ServerInfo
{
    QString product; // "Prometheus", "Alertmanager", "Webhook"
    QString version; // may be empty when the server does not say
    bool operator==(const ServerInfo &) const = default;
};

} // namespace idesk
