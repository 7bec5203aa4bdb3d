// N Prometheus instant queries through HttpDiagnosticSource against a local server that
// answers each after a fixed delay with a valid query body: one after another, then all
// at once (as a diagnostic pack runs them). Prints both times and the ratio; with the
// delay dominating, the ratio approaches N. Not a ctest: run it by hand.
//
//   bench_diagnostic_queries [queries=40] [delay-ms=50]
#include "httpdiagnosticsource.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextStream>
#include <QTimer>

#include <chrono>

using namespace idesk;
using namespace std::chrono_literals;

namespace {

const QByteArray kBody = R"({"status":"success","data":{"resultType":"vector","result":[)"
                         R"({"metric":{"__name__":"up","instance":"127.0.0.1:9090",)"
                         R"("job":"prometheus"},"value":[1700000000.123,"1"]}]}})";

// Answers every request, after `delay`, with 200 and kBody, as a Prometheus that takes
// `delay` to evaluate each query would. (TestHttpServer's delayed route sends a fixed
// text body, which is not a query answer.)
class DelayedPrometheus final : public QObject
{
public:
    explicit DelayedPrometheus(std::chrono::milliseconds delay) : m_delay(delay)
    {
        m_server.setListenBacklogSize(1024); // a burst of connections, none dropped
        connect(
            &m_server, &QTcpServer::pendingConnectionAvailable, this, &DelayedPrometheus::accept);
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString url() const
    {
        return QStringLiteral("http://127.0.0.1:%1/").arg(m_server.serverPort());
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        m_buffers.remove(socket);
        QTimer::singleShot(m_delay, socket, [socket] {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(kBody.size()) + "\r\nConnection: close\r\n\r\n" + kBody);
            socket->disconnectFromHost();
        });
    }

    QTcpServer m_server;
    std::chrono::milliseconds m_delay;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// Runs `batch` queries at once and waits for all of them; returns how many succeeded.
int runBatch(DiagnosticSource &source, int batch)
{
    int done = 0;
    int succeeded = 0;
    QEventLoop loop;
    QTimer safety;
    safety.setSingleShot(true);
    QObject::connect(&safety, &QTimer::timeout, &loop, &QEventLoop::quit);
    safety.start(60s);
    for (int i = 0; i < batch; ++i) {
        source.query(QStringLiteral("up"), {}, [&](Result<QueryResult> result) {
            succeeded += result.ok() && result->series.size() == 1 ? 1 : 0;
            if (++done == batch)
                loop.quit();
        });
    }
    if (done < batch)
        loop.exec();
    return succeeded;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int queries = args.size() > 1 ? args.at(1).toInt() : 40;
    const int delayMs = args.size() > 2 ? args.at(2).toInt() : 50;
    QTextStream out(stdout);
    if (queries <= 0 || delayMs < 0) {
        out << "usage: bench_diagnostic_queries [queries>0] [delay-ms>=0]\n";
        return 2;
    }

    DelayedPrometheus server {std::chrono::milliseconds(delayMs)};
    if (!server.listen()) {
        out << "could not listen on 127.0.0.1\n";
        return 1;
    }
    DataSource config;
    config.name = QStringLiteral("bench");
    config.kind = DataSource::Kind::Prometheus;
    config.url = server.url();
    config.timeoutSeconds = 60;
    HttpDiagnosticSource source(config, {});
    runBatch(source, 1); // warm-up: curl's first use initialises its TLS library

    QElapsedTimer clock;
    clock.start();
    int sequentialOk = 0;
    for (int i = 0; i < queries; ++i)
        sequentialOk += runBatch(source, 1);
    const qint64 sequentialMs = clock.elapsed();

    clock.restart();
    const int concurrentOk = runBatch(source, queries);
    const qint64 concurrentMs = clock.elapsed();

    out << "bench_diagnostic_queries: " << queries << " instant queries, server delay " << delayMs
        << " ms each\n";
    out << "  sequential:  " << sequentialMs << " ms (" << sequentialOk << " ok; floor "
        << qint64(queries) * delayMs << " ms)\n";
    out << "  concurrent:  " << concurrentMs << " ms (" << concurrentOk << " ok; floor " << delayMs
        << " ms)\n";
    out << "  ratio sequential/concurrent: "
        << QString::number(double(sequentialMs) / double(qMax<qint64>(concurrentMs, 1)), 'f', 1)
        << "x\n";
    return sequentialOk == queries && concurrentOk == queries ? 0 : 1;
}
