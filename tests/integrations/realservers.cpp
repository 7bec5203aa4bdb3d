#include "realservers.h"

#include "httpclient.h"
#include "prometheusparser.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>

#include <optional>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace idesk::HttpTest {

struct RealServers::Server
{
    QString name; // "Prometheus", for messages
    QString program;
    QString logFile;
    std::unique_ptr<QProcess> process;
    QStringList arguments;
    quint16 port = 0;

    QString logTail(qsizetype chars = 1500) const
    {
        QFile file(logFile);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const qint64 size = file.size();
        if (size > chars)
            file.seek(size - chars);
        return QString::fromUtf8(file.readAll()).trimmed();
    }

    void kill()
    {
        if (!process)
            return;
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(10000);
        }
        process.reset();
    }
};

namespace {

QString binary(const char *variable, const QString &fallback)
{
    const QString configured = qEnvironmentVariable(variable);
    return configured.isEmpty() ? fallback : configured;
}

// A loopback port nothing listens on right now (the kernel's pick for port 0).
quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(contents) == contents.size();
}

} // namespace

RealServers::RealServers()
    : m_client(std::make_unique<HttpClient>()), m_alertmanager(std::make_unique<Server>()),
      m_prometheus(std::make_unique<Server>())
{
    m_alertmanager->name = QStringLiteral("Alertmanager");
    m_alertmanager->program = alertmanagerBinary();
    m_alertmanager->logFile = m_dir.filePath(QStringLiteral("alertmanager.log"));
    m_prometheus->name = QStringLiteral("Prometheus");
    m_prometheus->program = prometheusBinary();
    m_prometheus->logFile = m_dir.filePath(QStringLiteral("prometheus.log"));
}

RealServers::~RealServers()
{
    // Prometheus first, so that it does not log Alertmanager's disappearance.
    m_prometheus->kill();
    m_alertmanager->kill();
}

QString RealServers::prometheusBinary()
{
    return binary("INCIDENTDESK_PROMETHEUS", QStringLiteral("/usr/bin/prometheus"));
}

QString RealServers::alertmanagerBinary()
{
    return binary("INCIDENTDESK_ALERTMANAGER", QStringLiteral("/usr/bin/prometheus-alertmanager"));
}

QUrl RealServers::prometheusUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_prometheusPort));
}

QUrl RealServers::alertmanagerUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_alertmanagerPort));
}

DataSource RealServers::prometheusSource() const
{
    DataSource source;
    source.name = QStringLiteral("prometheus");
    source.kind = DataSource::Kind::Prometheus;
    source.url = prometheusUrl().toString();
    return source;
}

DataSource RealServers::alertmanagerSource() const
{
    DataSource source;
    source.name = QStringLiteral("alertmanager");
    source.kind = DataSource::Kind::Alertmanager;
    source.url = alertmanagerUrl().toString();
    return source;
}

VoidResult RealServers::writeConfiguration() const
{
    const QByteArray alertmanager = R"(# Written by the IncidentDesk tests.
route:
  receiver: nowhere
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: nowhere
)";
    const QByteArray rules = QByteArray(R"(# Written by the IncidentDesk tests.
groups:
  - name: incidentdesk-tests
    interval: 1s
    rules:
      - alert: )")
        + kAlwaysFiring + R"(
        expr: vector(1)
        labels:
          severity: test
        annotations:
          summary: Always firing, so that tests have an alert to see
)";
    const QByteArray prometheus = R"(# Written by the IncidentDesk tests.
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:)"
        + QByteArray::number(m_alertmanagerPort) + R"(']
rule_files:
  - rules.yml
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:)"
        + QByteArray::number(m_prometheusPort) + R"(']
)";
    for (const auto &[name, contents] : {std::pair {"alertmanager.yml", alertmanager},
             std::pair {"rules.yml", rules}, std::pair {"prometheus.yml", prometheus}}) {
        if (!writeFile(m_dir.filePath(QString::fromLatin1(name)), contents))
            return Error::io(QStringLiteral("Cannot write %1 in %2")
                                 .arg(QString::fromLatin1(name), m_dir.path()));
    }
    return {};
}

VoidResult RealServers::start(std::chrono::seconds readyWithin)
{
    if (!m_dir.isValid())
        return Error::io(QStringLiteral("Cannot create a temporary folder for the servers"));
    for (const Server *server : {m_alertmanager.get(), m_prometheus.get()}) {
        const QFileInfo program(server->program);
        if (!program.isFile() || !program.isExecutable())
            return Error::io(QStringLiteral("%1 is not installed: %2 is missing (scripts/setup "
                                            "installs Debian's prometheus and "
                                            "prometheus-alertmanager)")
                                 .arg(server->name, server->program));
    }

    // A free port can be taken by someone else before the server binds it; then the
    // server exits at once, and another pair of ports is tried.
    VoidResult started;
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_prometheus->kill();
        m_alertmanager->kill();
        m_alertmanagerPort = freePort();
        m_prometheusPort = freePort();
        while (m_prometheusPort == m_alertmanagerPort)
            m_prometheusPort = freePort();
        if (m_alertmanagerPort == 0 || m_prometheusPort == 0)
            return Error::io(QStringLiteral("No free port on 127.0.0.1"));
        m_alertmanager->port = m_alertmanagerPort;
        m_alertmanager->arguments = {
            u"--config.file=alertmanager.yml"_s,
            u"--storage.path="_s + m_dir.filePath(u"alertmanager-data"_s),
            u"--web.listen-address=127.0.0.1:%1"_s.arg(m_alertmanagerPort),
            u"--cluster.listen-address="_s, // empty: no clustering, no second port
        };
        m_prometheus->port = m_prometheusPort;
        m_prometheus->arguments = {
            u"--config.file=prometheus.yml"_s,
            u"--storage.tsdb.path="_s + m_dir.filePath(u"prometheus-data"_s),
            u"--web.listen-address=127.0.0.1:%1"_s.arg(m_prometheusPort),
            u"--rules.alert.resend-delay=1s"_s, // the default minute is too long for a test
            // Alerts' generatorURL point here rather than at the machine's host name.
            u"--web.external-url=http://127.0.0.1:%1/"_s.arg(m_prometheusPort),
        };
        if (auto written = writeConfiguration(); !written)
            return written;
        started = startServer(*m_alertmanager, readyWithin);
        if (started)
            started = startServer(*m_prometheus, readyWithin);
        if (started)
            return started;
        if (!started.errorMessage().contains(QStringLiteral("address already in use")))
            break;
    }
    m_prometheus->kill();
    m_alertmanager->kill();
    return started;
}

void RealServers::pause(std::chrono::milliseconds interval)
{
    QEventLoop loop;
    QTimer::singleShot(interval, &loop, &QEventLoop::quit);
    loop.exec();
}

VoidResult RealServers::startServer(Server &server, std::chrono::seconds readyWithin)
{
    server.process = std::make_unique<QProcess>();
    QProcess &process = *server.process;
    process.setWorkingDirectory(m_dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardOutputFile(server.logFile, QIODevice::Append);
    process.setStandardInputFile(QProcess::nullDevice());
    // Dies with the test process, even one that crashed.
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    process.start(server.program, server.arguments);
    if (!process.waitForStarted(10000))
        return Error::io(QStringLiteral("Cannot start %1 (%2): %3")
                             .arg(server.name, server.program, process.errorString()));

    const QUrl ready = QUrl(QStringLiteral("http://127.0.0.1:%1/-/ready").arg(server.port));
    const QDeadlineTimer deadline(readyWithin);
    while (true) {
        if (process.state() == QProcess::NotRunning)
            return Error::io(QStringLiteral("%1 exited with code %2 before it was ready: %3")
                                 .arg(server.name)
                                 .arg(process.exitCode())
                                 .arg(server.logTail(600).simplified()));
        if (get(ready).ok())
            return {};
        if (deadline.hasExpired())
            return Error::io(QStringLiteral("%1 was not ready within %2 s: %3")
                                 .arg(server.name)
                                 .arg(readyWithin.count())
                                 .arg(server.logTail(600).simplified()));
        pause(100ms);
    }
}

Result<QByteArray> RealServers::get(const QUrl &url)
{
    HttpRequest request = HttpRequest::get(url);
    request.totalTimeout = 5s;
    request.connectTimeout = 2s;
    std::optional<HttpResult> result;
    QEventLoop loop;
    HttpReply *reply = m_client->send(std::move(request));
    QObject::connect(reply, &HttpReply::finished, &loop, [&](const HttpResult &outcome) {
        result = outcome;
        loop.quit();
    });
    loop.exec(); // the request's own timeout bounds this
    if (!result->ok())
        return result->error().toError();
    return (*result)->body;
}

VoidResult RealServers::postAlerts(const QByteArray &json)
{
    HttpRequest request = HttpRequest::postJson(
        alertmanagerUrl().resolved(QUrl(QStringLiteral("api/v2/alerts"))), json);
    request.totalTimeout = 10s;
    std::optional<HttpResult> result;
    QEventLoop loop;
    HttpReply *reply = m_client->send(std::move(request));
    QObject::connect(reply, &HttpReply::finished, &loop, [&](const HttpResult &outcome) {
        result = outcome;
        loop.quit();
    });
    loop.exec();
    if (!result->ok())
        return result->error().toError();
    return {};
}

VoidResult RealServers::waitForFirstScrape(std::chrono::seconds within)
{
    const QUrl url = prometheusUrl().resolved(QUrl(QStringLiteral("api/v1/query?query=up")));
    const QDeadlineTimer deadline(within);
    QString last;
    while (true) {
        const auto body = get(url);
        if (body) {
            const auto parsed = PrometheusParser::parseQuery(*body);
            if (parsed && !parsed->series.isEmpty() && !parsed->series.at(0).samples.isEmpty()
                && parsed->series.at(0).samples.at(0).value == 1.0)
                return {};
            last = parsed ? QString::fromUtf8(*body) : parsed.errorMessage();
        } else {
            last = body.errorMessage();
        }
        if (deadline.hasExpired())
            return Error::io(QStringLiteral("Prometheus did not scrape itself within %1 s "
                                            "(last answer: %2)")
                                 .arg(within.count())
                                 .arg(last.left(300)));
        pause(200ms);
    }
}

VoidResult RealServers::waitForAlert(const QString &alertname, std::chrono::seconds within)
{
    const QUrl url = alertmanagerUrl().resolved(QUrl(QStringLiteral("api/v2/alerts")));
    const QDeadlineTimer deadline(within);
    const QByteArray needle = "\"alertname\":\"" + alertname.toUtf8() + '"';
    while (true) {
        const auto body = get(url);
        if (body && body->contains(needle))
            return {};
        if (deadline.hasExpired())
            return Error::io(QStringLiteral("Alertmanager had no alert %1 within %2 s")
                                 .arg(alertname)
                                 .arg(within.count()));
        pause(200ms);
    }
}

QString RealServers::logs() const
{
    return QStringLiteral("--- Alertmanager ---\n%1\n--- Prometheus ---\n%2")
        .arg(m_alertmanager->logTail(), m_prometheus->logTail());
}

} // namespace idesk::HttpTest
