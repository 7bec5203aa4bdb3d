#pragma once

#include "diagnosticsource.h"
#include "httpclient.h"

#include <QMutex>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

#include <any>
#include <chrono>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

namespace idesk {

// DiagnosticSource over HTTP: Prometheus's API v1, Alertmanager's API v2, and a webhook
// (whose URL is only checked, never called). Each source owns its HttpClient, so
// destroying the source aborts whatever it has in flight and no callback runs after.
//
// Every request runs under the source's limits: the configured timeout for the whole
// exchange, at most kMaxConnectTimeout of it to connect, a kMaxResponseBytes cap on the
// body, TLS verified against the configured CA file or the system store, and the
// bearer token or basic credentials from `secret`. The base URL may carry a path prefix
// ("https://host/prometheus/"), which every API path goes under.
//
// Errors are one line that names the server by its origin only, never by a path or a
// secret. A Prometheus error body's own message is surfaced; a query Prometheus refuses
// as bad_data is Error::Kind::Validation (the user's query is wrong), everything else
// that goes wrong on the way Error::Kind::Io. Use a source from its own thread only.
class HttpDiagnosticSource final : public QObject, public DiagnosticSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpDiagnosticSource)

public:
    static constexpr qint64 kMaxResponseBytes = 32 * 1024 * 1024;
    static constexpr std::chrono::seconds kMaxConnectTimeout {5};
    static constexpr int kTargetPoints = 250; // per series, when the window sets no step
    // A PromQL query longer than this (encoded) goes as a form POST instead of in the URL,
    // which proxies and servers limit.
    static constexpr qsizetype kMaxQueryInUrl = 4096;
    // A body larger than this is parsed on the global thread pool, so that a big matrix
    // never stalls the event loop; the callback still runs on the source's thread.
    static constexpr qsizetype kParseInlineBytes = 64 * 1024;

    HttpDiagnosticSource(DataSource config, QString secret, QObject *parent = nullptr);
    ~HttpDiagnosticSource() override;

    const DataSource &config() const override { return m_config; }

    void query(
        const QString &promql, const QueryWindow &window, Callback<QueryResult> done) override;
    void prometheusAlerts(Callback<QList<PrometheusAlert>> done) override;
    void targets(Callback<QList<ScrapeTarget>> done) override;
    void activeAlerts(Callback<QList<Alert>> done) override;
    void testConnection(Callback<ServerInfo> done) override;
    void cancelAll() override;

    // Requests in flight or being parsed, whose callback has not run yet.
    int pendingCount() const { return int(m_replies.size() + m_parsing.size()); }

    // The step of a range query: the window's own, or about kTargetPoints points, at
    // least one second.
    static int stepSeconds(const QueryWindow &window);
    // `apiPath` ("api/v1/query") under `baseUrl`, keeping the base's path prefix.
    static QUrl endpoint(const QString &baseUrl, const QString &apiPath);

private:
    using Parameters = QList<std::pair<QString, QString>>;

    // Why this source cannot send anything (no usable URL, a token missing), or nothing.
    std::optional<Error> unusable() const;
    std::optional<Error> requireKind(DataSource::Kind kind, const QString &what) const;
    HttpRequest request(const QString &apiPath, const Parameters &parameters = {}) const;
    QString scrub(QString message) const;
    Error failure(const QString &origin, const HttpError &error) const;

    // Sends `request` and calls `done` with `parse(body)` or the failure.
    template<typename T>
    void send(HttpRequest outgoing, Result<T> (*parse)(const QByteArray &), Callback<T> done);
    // Calls `done` with `error` from the event loop (unless cancelled or destroyed first).
    template<typename T> void failLater(Callback<T> done, Error error);
    // Parses `body` on the thread pool; deliverParsed() runs `done` back here.
    template<typename T>
    void parseInBackground(
        QByteArray body, Result<T> (*parse)(const QByteArray &), QString origin, Callback<T> done);
    template<typename T> void deliverParsed(quint64 job, Result<T> parsed, const QString &origin);
    // A parser's refusal as a message that names the server.
    template<typename T> Result<T> explained(Result<T> parsed, const QString &origin) const;

    // What a parse job on the thread pool may touch: the source, while it exists. The
    // job posts its result under the lock; the destructor clears `source` under it.
    struct Mailbox
    {
        QMutex mutex;
        HttpDiagnosticSource *source = nullptr;
    };

    DataSource m_config;
    QString m_secret;
    std::unique_ptr<HttpClient> m_client;
    QSet<HttpReply *> m_replies; // in flight, callback still due
    std::unordered_map<quint64, std::any> m_parsing; // job -> its Callback<T>, still due
    quint64 m_nextJob = 0;
    std::shared_ptr<Mailbox> m_mailbox;
    quint64 m_generation = 0; // bumped by cancelAll(); older queued failures are dropped
};

} // namespace idesk
