#pragma once

#include "datasource.h"
#include "diagnosticdata.h"
#include "result.h"

#include <functional>
#include <memory>

namespace idesk {

// Port: one configured monitoring server, asked asynchronously. Every call returns at
// once; its callback runs later on the caller's event loop, exactly once, unless the
// source is destroyed first or cancelAll() is called, in which case pending callbacks
// are dropped without running. A call the server's kind cannot answer (a range query
// to Alertmanager) calls back with a Validation error, also from the event loop.
// Errors carry one line for a person: refused, timeout, HTTP status with the server's
// own message, malformed or oversized body.
class DiagnosticSource
{
public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    virtual ~DiagnosticSource() = default;

    virtual const DataSource &config() const = 0;

    // Prometheus: /api/v1/query when window.isInstant(), else /api/v1/query_range.
    virtual void query(const QString &promql, const QueryWindow &window,
        Callback<QueryResult> done) = 0;
    virtual void prometheusAlerts(Callback<QList<PrometheusAlert>> done) = 0;
    virtual void targets(Callback<QList<ScrapeTarget>> done) = 0;
    // Alertmanager: /api/v2/alerts?active=true.
    virtual void activeAlerts(Callback<QList<Alert>> done) = 0;
    // Any kind: reaches the server and reports what it is (Prometheus and Alertmanager
    // report their version; a webhook is not called, only its URL checked).
    virtual void testConnection(Callback<ServerInfo> done) = 0;

    virtual void cancelAll() = 0;
};

// Makes sources from their configuration; the app wires the HTTP implementation, tests
// a fake. `secret` is the token, password or webhook URL read from the SecretStore.
class DiagnosticSourceFactory
{
public:
    virtual ~DiagnosticSourceFactory() = default;
    virtual std::unique_ptr<DiagnosticSource> create(const DataSource &source,
        const QString &secret) = 0;
};

} // namespace idesk
