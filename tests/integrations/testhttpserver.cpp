#include "testhttpserver.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cctype>

namespace idesk::HttpTest {

namespace {
constexpr qint64 kChunk = 64 * 1024;
constexpr qint64 kMaxBuffered = 1024 * 1024; // kept in Qt's write buffer while streaming
} // namespace

QByteArray ReceivedRequest::header(QByteArrayView name) const
{
    for (auto it = headers.crbegin(); it != headers.crend(); ++it) {
        if (it->first.compare(name, Qt::CaseInsensitive) == 0)
            return it->second;
    }
    return {};
}

TestHttpServer::TestHttpServer(QObject *parent) : QObject(parent)
{
    m_routes = {
        {"/ok", Behaviour::Ok},
        {"/echo", Behaviour::Echo},
        {"/error500", Behaviour::PrometheusError},
        {"/hang", Behaviour::Hang},
        {"/truncated", Behaviour::Truncated},
        {"/huge", Behaviour::Huge},
        {"/huge-unsized", Behaviour::HugeUnsized},
        {"/delay", Behaviour::Delay},
        {"/gate", Behaviour::Gate},
    };
    redirect("/loop", "/loop");
    redirect("/redirect", "/ok");
}

TestHttpServer::~TestHttpServer()
{
    close();
}

void TestHttpServer::redirect(const QByteArray &path, const QByteArray &location)
{
    m_routes.insert(path, Behaviour::Redirect);
    m_locations.insert(path, location);
}

QByteArray TestHttpServer::prometheusErrorBody()
{
    return QByteArrayLiteral(
        R"({"status":"error","errorType":"internal","error":"query processing would load too many samples into memory"})");
}

bool TestHttpServer::listen(quint16 port)
{
    m_tls = false;
    return start(std::make_unique<QTcpServer>(), port);
}

bool TestHttpServer::listenTls(
    const QByteArray &certificatePem, const QByteArray &keyPem, quint16 port)
{
    auto server = std::make_unique<QSslServer>();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(certificatePem, QSsl::Pem));
    configuration.setPrivateKey(QSslKey(keyPem, QSsl::Ec, QSsl::Pem));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(configuration);
    m_tls = true;
    return start(std::move(server), port);
}

bool TestHttpServer::start(std::unique_ptr<QTcpServer> server, quint16 port)
{
    close();
    // Qt's default of 50 would drop the SYNs of a larger burst (a benchmark's), which
    // clients retry only after a second.
    server->setListenBacklogSize(1024);
    if (!server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = server->serverPort();
    // For QSslServer this comes after the handshake; for QTcpServer, on accept.
    connect(server.get(), &QTcpServer::pendingConnectionAvailable, this,
        &TestHttpServer::acceptPending);
    m_server = std::move(server);
    return true;
}

void TestHttpServer::close()
{
    if (m_server)
        m_server->close();
    m_server.reset();
    const auto sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_connections.clear();
    m_gate.clear();
    m_waiting = 0;
}

QUrl TestHttpServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(m_port)
                    .arg(pathAndQuery));
}

void TestHttpServer::acceptPending()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        socket->setParent(this);
        m_connections.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { pump(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { forget(socket); });
        readFrom(socket); // bytes may have arrived with the handshake
    }
}

void TestHttpServer::readFrom(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &connection = *it;
    connection.buffer += socket->readAll();
    if (connection.requestRead)
        return;
    if (!connection.buffer.isEmpty() && !std::isupper(uchar(connection.buffer.at(0)))) {
        // Not HTTP (a TLS handshake, say): answer as a plain server would.
        answer(socket, 400, "Bad Request", "not HTTP");
        return;
    }
    const qsizetype headerEnd = connection.buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    ReceivedRequest request;
    const QList<QByteArray> lines = connection.buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const qint64 length = request.header("Content-Length").toLongLong();
    if (connection.buffer.size() < headerEnd + 4 + length)
        return;
    request.body = connection.buffer.mid(headerEnd + 4, length);
    connection.requestRead = true;
    m_requests.append(request);
    ++m_waiting;
    m_maxWaiting = qMax(m_maxWaiting, m_waiting);
    Q_EMIT requestReceived();
    dispatch(socket, request);
}

void TestHttpServer::dispatch(QTcpSocket *socket, const ReceivedRequest &request)
{
    const QByteArray path = request.target.split('?').constFirst();
    switch (m_routes.value(path, Behaviour::NotFoundEcho)) {
    case Behaviour::Ok:
        answer(socket, 200, "OK", m_okBody, "Content-Type: text/plain\r\nX-Test: ok\r\n");
        break;
    case Behaviour::Echo:
        answer(socket, 200, "OK", "ok");
        break;
    case Behaviour::PrometheusError:
        answer(socket, 500, "Internal Server Error", prometheusErrorBody(),
            "Content-Type: application/json\r\n");
        break;
    case Behaviour::NotFoundEcho:
        answer(socket, 404, "Not Found", "Cannot " + request.method + ' ' + request.target);
        break;
    case Behaviour::Hang:
        break;
    case Behaviour::Truncated:
        markAnswered(socket);
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n");
        socket->write(QByteArray(100, 'x'));
        socket->disconnectFromHost();
        break;
    case Behaviour::Huge:
    case Behaviour::HugeUnsized: {
        const bool sized = m_routes.value(path) == Behaviour::Huge;
        markAnswered(socket);
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n");
        if (sized)
            socket->write("Content-Length: " + QByteArray::number(kHugeBytes) + "\r\n");
        socket->write("Connection: close\r\n\r\n");
        m_connections[socket].streamRemaining = kHugeBytes;
        pump(socket);
        break;
    }
    case Behaviour::Delay:
        QTimer::singleShot(
            m_delay, socket, [this, socket] { answer(socket, 200, "OK", "delayed"); });
        break;
    case Behaviour::Gate:
        m_gate.append(socket);
        if (m_gate.size() >= m_gateSize) {
            const auto held = std::exchange(m_gate, {});
            for (const QPointer<QTcpSocket> &waiting : held) {
                if (waiting)
                    answer(waiting, 200, "OK", "through the gate");
            }
        }
        break;
    case Behaviour::Redirect:
        answer(socket, 302, "Found", {}, "Location: " + m_locations.value(path) + "\r\n");
        break;
    }
}

void TestHttpServer::markAnswered(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it != m_connections.end() && !it->answered) {
        it->answered = true;
        if (it->requestRead)
            --m_waiting;
    }
}

void TestHttpServer::answer(QTcpSocket *socket, int status, const QByteArray &reason,
    const QByteArray &body, const QByteArray &extraHeaders)
{
    if (!m_connections.contains(socket))
        return;
    markAnswered(socket);
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n"
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n" + "Connection: close\r\n"
        + extraHeaders + "\r\n" + body);
    socket->disconnectFromHost(); // after the buffered bytes are written
}

void TestHttpServer::pump(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end() || it->streamRemaining == 0)
        return;
    while (it->streamRemaining > 0 && socket->state() == QAbstractSocket::ConnectedState
        && socket->bytesToWrite() < kMaxBuffered) {
        const qint64 size = qMin(kChunk, it->streamRemaining);
        socket->write(QByteArray(size, 'z'));
        it->streamRemaining -= size;
        m_hugeBytesQueued += size;
    }
    if (it->streamRemaining == 0)
        socket->disconnectFromHost();
}

void TestHttpServer::forget(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (!it->answered && it->requestRead)
        --m_waiting;
    m_connections.erase(it);
    m_gate.removeAll(socket);
    socket->deleteLater();
}

quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace idesk::HttpTest
