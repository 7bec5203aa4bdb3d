#pragma once

#include "datasource.h"
#include "result.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <chrono>
#include <memory>

class QProcess;

namespace idesk {
class HttpClient;
}

namespace idesk::HttpTest {

// A real Prometheus and a real Alertmanager (Debian's `prometheus` and
// `prometheus-alertmanager`, which scripts/setup installs) for integration tests, GUI
// tests and CLI tests alike.
//
// start() writes their configuration into a temporary folder, starts both on free
// loopback ports and waits until they say they are ready:
// - Alertmanager: no clustering, one receiver that sends nowhere, grouping at 1 s;
// - Prometheus: scrapes itself every second, evaluates every second one rule that always
//   fires (kAlwaysFiring, labels severity="test"), and sends alerts to that Alertmanager
//   (resending every second, so a new one arrives within seconds).
//
// Both are killed in the destructor, whatever the test's outcome, and as they are
// started with a parent-death signal they die with the test process even if it
// crashes. Waiting here runs the calling thread's event loop (bounded polling of the
// real servers); use one instance from one thread.
//
//     RealServers servers;
//     const VoidResult started = servers.start();
//     QVERIFY2(started.ok(), qPrintable(started.errorMessage()));
//     auto source = HttpDiagnosticSource(servers.prometheusSource(), {});
class RealServers final
{
    Q_DISABLE_COPY_MOVE(RealServers)

public:
    static constexpr auto kAlwaysFiring = "IncidentDeskAlwaysFiring";

    RealServers();
    ~RealServers(); // kills both servers and waits for them to exit

    // The binaries: $INCIDENTDESK_PROMETHEUS / $INCIDENTDESK_ALERTMANAGER, else Debian's
    // /usr/bin/prometheus and /usr/bin/prometheus-alertmanager.
    static QString prometheusBinary();
    static QString alertmanagerBinary();

    // Starts Alertmanager, then Prometheus, and waits for both. Fails with one clear
    // line (and the server's last output) when a binary is missing, a server exits, or
    // one is not ready within `readyWithin`.
    VoidResult start(std::chrono::seconds readyWithin = std::chrono::seconds(30));

    QUrl prometheusUrl() const; // "http://127.0.0.1:<port>/"
    QUrl alertmanagerUrl() const;
    quint16 prometheusPort() const { return m_prometheusPort; }
    quint16 alertmanagerPort() const { return m_alertmanagerPort; }
    // Data-source configurations for them, named "prometheus" and "alertmanager".
    DataSource prometheusSource() const;
    DataSource alertmanagerSource() const;

    // Waits until Prometheus has scraped itself (`up` is 1).
    VoidResult waitForFirstScrape(std::chrono::seconds within = std::chrono::seconds(30));
    // Waits until Alertmanager reports an alert called `alertname` (kAlwaysFiring comes
    // from Prometheus's rule; others from postAlerts()).
    VoidResult waitForAlert(
        const QString &alertname, std::chrono::seconds within = std::chrono::seconds(30));
    // POSTs a JSON array of postableAlert to Alertmanager's /api/v2/alerts.
    VoidResult postAlerts(const QByteArray &json);

    // GET of a path on either server; the body of a 2xx answer.
    Result<QByteArray> get(const QUrl &url);

    // The last lines both servers wrote, for a failure message.
    QString logs() const;

private:
    struct Server;
    VoidResult startServer(Server &server, std::chrono::seconds readyWithin);
    VoidResult writeConfiguration() const;
    // Runs the event loop for `interval` (between two polls of a server).
    static void pause(std::chrono::milliseconds interval);

    QTemporaryDir m_dir;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<Server> m_alertmanager;
    std::unique_ptr<Server> m_prometheus;
    quint16 m_prometheusPort = 0;
    quint16 m_alertmanagerPort = 0;
};

} // namespace idesk::HttpTest
