// N GET requests to a local server that answers each after a fixed delay, run one after
// another and then all at once on the same HttpClient. Prints both times and the ratio;
// with the delay dominating, the ratio approaches N. Not a ctest: run it by hand.
//
//   bench_http_concurrency [requests=50] [delay-ms=50]
#include "httpclient.h"
#include "testhttpserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

#include <chrono>

using namespace idesk;
using namespace std::chrono_literals;

namespace {

// Runs `batch` requests at once and waits for all of them; returns how many succeeded.
int runBatch(HttpClient &client, const QUrl &url, int batch)
{
    int done = 0;
    int succeeded = 0;
    QEventLoop loop;
    QTimer safety;
    safety.setSingleShot(true);
    QObject::connect(&safety, &QTimer::timeout, &loop, &QEventLoop::quit);
    safety.start(60s);
    for (int i = 0; i < batch; ++i) {
        HttpReply *reply = client.send(HttpRequest::get(url));
        QObject::connect(reply, &HttpReply::finished, &loop, [&](const HttpResult &result) {
            succeeded += result.ok() ? 1 : 0;
            if (++done == batch)
                loop.quit();
        });
    }
    loop.exec();
    return succeeded;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int requests = args.size() > 1 ? args.at(1).toInt() : 50;
    const int delayMs = args.size() > 2 ? args.at(2).toInt() : 50;
    QTextStream out(stdout);
    if (requests <= 0 || delayMs < 0) {
        out << "usage: bench_http_concurrency [requests>0] [delay-ms>=0]\n";
        return 2;
    }

    HttpTest::TestHttpServer server;
    if (!server.listen()) {
        out << "could not listen on 127.0.0.1\n";
        return 1;
    }
    server.setDelay(std::chrono::milliseconds(delayMs));
    const QUrl url = server.url(QStringLiteral("/delay"));
    HttpClient client;
    runBatch(client, url, 1); // warm-up: curl's first use initialises its TLS library

    QElapsedTimer clock;
    clock.start();
    int sequentialOk = 0;
    for (int i = 0; i < requests; ++i)
        sequentialOk += runBatch(client, url, 1);
    const qint64 sequentialMs = clock.elapsed();

    clock.restart();
    const int concurrentOk = runBatch(client, url, requests);
    const qint64 concurrentMs = clock.elapsed();

    out << "bench_http_concurrency: " << requests << " requests, server delay " << delayMs
        << " ms each\n";
    out << "  sequential:  " << sequentialMs << " ms (" << sequentialOk << " ok; floor "
        << qint64(requests) * delayMs << " ms)\n";
    out << "  concurrent:  " << concurrentMs << " ms (" << concurrentOk << " ok; floor " << delayMs
        << " ms)\n";
    out << "  ratio sequential/concurrent: "
        << QString::number(double(sequentialMs) / double(qMax<qint64>(concurrentMs, 1)), 'f', 1)
        << "x\n";
    return sequentialOk == requests && concurrentOk == requests ? 0 : 1;
}
