#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <utility>

class QTcpServer;
class QTcpSocket;

namespace idesk::HttpTest {

// What the server does with a request for a path.
enum class Behaviour {
    Ok, // 200 with okBody()
    Echo, // 200 "ok", as Slack answers a webhook post
    PrometheusError, // 500 with a Prometheus error body (prometheusErrorBody())
    NotFoundEcho, // 404 whose body repeats the request target, as many servers do
    Hang, // reads the request and never answers
    Truncated, // promises 1000 bytes, sends 100 and closes
    Huge, // 50 MB with a Content-Length, streamed as fast as the client reads
    HugeUnsized, // 50 MB without a Content-Length (the end is the close)
    Delay, // 200 after delay()
    Gate, // held until gateSize() requests wait at the gate, then all are answered
    Redirect, // 302 to the location set with redirect()
};

struct ReceivedRequest
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
};

// A small HTTP/1.1 server on 127.0.0.1 and a free port, in the test's own thread, that
// misbehaves on request. Every answer closes the connection. Plain or TLS.
class TestHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestHttpServer)

public:
    static constexpr qint64 kHugeBytes = 50 * 1024 * 1024;

    explicit TestHttpServer(QObject *parent = nullptr);
    ~TestHttpServer() override;

    // Port 0 picks a free one. Default routes: /ok, /echo, /error500, /hang, /truncated,
    // /huge, /huge-unsized, /delay, /gate, /loop (redirects to itself), /redirect (to
    // /ok); any other path is NotFoundEcho.
    bool listen(quint16 port = 0);
    // The same over TLS with the given PEM certificate and key.
    bool listenTls(const QByteArray &certificatePem, const QByteArray &keyPem, quint16 port = 0);
    void close(); // stops listening and drops every connection
    quint16 port() const { return m_port; }
    QUrl url(const QString &pathAndQuery) const;

    void route(const QByteArray &path, Behaviour behaviour) { m_routes.insert(path, behaviour); }
    void redirect(const QByteArray &path, const QByteArray &location);
    void setOkBody(const QByteArray &body) { m_okBody = body; }
    QByteArray okBody() const { return m_okBody; }
    void setDelay(std::chrono::milliseconds delay) { m_delay = delay; }
    void setGateSize(int size) { m_gateSize = size; }
    static QByteArray prometheusErrorBody();

    const QList<ReceivedRequest> &requests() const { return m_requests; }
    qint64 hugeBytesQueued() const { return m_hugeBytesQueued; } // body bytes handed to sockets
    int openConnections() const { return int(m_connections.size()); }
    int waiting() const { return m_waiting; } // requests read and not answered yet
    int maxWaiting() const { return m_maxWaiting; }

Q_SIGNALS:
    void requestReceived();

private:
    struct Connection
    {
        QByteArray buffer;
        bool requestRead = false;
        bool answered = false;
        qint64 streamRemaining = 0;
    };

    bool start(std::unique_ptr<QTcpServer> server, quint16 port);
    void acceptPending();
    void readFrom(QTcpSocket *socket);
    void dispatch(QTcpSocket *socket, const ReceivedRequest &request);
    void answer(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &body,
        const QByteArray &extraHeaders = {});
    void markAnswered(QTcpSocket *socket);
    void pump(QTcpSocket *socket);
    void forget(QTcpSocket *socket);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    quint16 m_port = 0;
    QHash<QByteArray, Behaviour> m_routes;
    QHash<QByteArray, QByteArray> m_locations;
    QByteArray m_okBody = QByteArrayLiteral("hello from the test server");
    std::chrono::milliseconds m_delay {100};
    int m_gateSize = 1;
    QList<QPointer<QTcpSocket>> m_gate;
    QHash<QTcpSocket *, Connection> m_connections;
    QList<ReceivedRequest> m_requests;
    qint64 m_hugeBytesQueued = 0;
    int m_waiting = 0;
    int m_maxWaiting = 0;
};

// A port on 127.0.0.1 that nothing listens on (it was free a moment ago).
quint16 closedPort();

} // namespace idesk::HttpTest
