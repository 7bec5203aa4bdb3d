// The libcurl client against a local server that the test controls: every outcome,
// including the ones where the server misbehaves, ends in exactly one finished().
#include "httpclient.h"
#include "testhttpserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace idesk;
using namespace idesk::HttpTest;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using Kind = HttpError::Kind;

namespace {

// Waits for the reply's finished() and returns what it carried; nothing if it did not
// come within `timeout`, or came more than once.
std::optional<HttpResult> resultOf(HttpReply *reply, std::chrono::milliseconds timeout = 10s)
{
    QSignalSpy spy(reply, &HttpReply::finished);
    if (!spy.wait(int(timeout.count())) || spy.size() != 1)
        return std::nullopt;
    return qvariant_cast<HttpResult>(spy.at(0).at(0));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QString kCertificate = QStringLiteral(INCIDENTDESK_TEST_TLS_DIR "/test-server.crt");
const QString kKey = QStringLiteral(INCIDENTDESK_TEST_TLS_DIR "/test-server.key");

// Collects every message while alive, so a test can check what would have been logged.
class MessageCapture
{
public:
    MessageCapture()
    {
        s_lines.clear();
        m_previous = qInstallMessageHandler(&MessageCapture::handle);
        QLoggingCategory::setFilterRules(QStringLiteral("idesk.http.debug=true"));
    }
    ~MessageCapture()
    {
        QLoggingCategory::setFilterRules(QString());
        qInstallMessageHandler(m_previous);
    }
    static const QStringList &lines() { return s_lines; }

private:
    static void handle(QtMsgType, const QMessageLogContext &, const QString &message)
    {
        s_lines.append(message);
    }
    static inline QStringList s_lines;
    QtMessageHandler m_previous = nullptr;
};

} // namespace

class HttpClientTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;
    TestHttpServer &server() { return *m_server; }
    HttpClient &client() { return *m_client; }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestHttpServer>();
        QVERIFY(m_server->listen());
        m_client = std::make_unique<HttpClient>();
    }

    void cleanup()
    {
        // Nothing may be left running between tests.
        QTRY_COMPARE(m_client->activeCount(), 0);
        m_client.reset();
        m_server.reset();
    }

    void successCarriesStatusHeadersAndBody()
    {
        const auto result = resultOf(client().send(HttpRequest::get(server().url(u"/ok"_s))));
        QVERIFY(result);
        QVERIFY2(result->ok(), qPrintable(result->errorMessage()));
        QCOMPARE((*result)->status, 200);
        QCOMPARE((*result)->reasonPhrase, QByteArray("OK"));
        QCOMPARE((*result)->body, server().okBody());
        QCOMPARE((*result)->header("x-test"), QByteArray("ok"));
        QCOMPARE((*result)->header("content-type"), QByteArray("text/plain"));
        QCOMPARE(server().requests().size(), 1);
        QCOMPARE(server().requests().constFirst().method, QByteArray("GET"));
        QVERIFY(server().requests().constFirst().header("User-Agent").startsWith("IncidentDesk/"));
    }

    void postSendsBodyAndHeaders()
    {
        HttpRequest request = HttpRequest::postJson(
            server().url(u"/echo?x=1"_s), QByteArray(5000, 'j')); // > curl's Expect limit
        request.headers.append(HttpHeader("X-Custom", "value 1"));
        const auto result = resultOf(client().send(request));
        QVERIFY(result && result->ok());
        QCOMPARE((*result)->body, QByteArray("ok"));
        const ReceivedRequest &received = server().requests().constFirst();
        QCOMPARE(received.method, QByteArray("POST"));
        QCOMPARE(received.target, QByteArray("/echo?x=1"));
        QCOMPARE(received.body, QByteArray(5000, 'j'));
        QCOMPARE(received.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(received.header("X-Custom"), QByteArray("value 1"));
        QVERIFY(received.header("Expect").isNull());
    }

    void http500CarriesTheServersMessage()
    {
        const auto result = resultOf(client().send(HttpRequest::get(server().url(u"/error500"_s))));
        QVERIFY(result);
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind, Kind::HttpStatus);
        QCOMPARE(result->error().status, 500);
        QCOMPARE(result->error().body, TestHttpServer::prometheusErrorBody());
        const QString message = result->errorMessage();
        QVERIFY2(message.contains(u"HTTP 500 Internal Server Error"), qPrintable(message));
        QVERIFY2(
            message.contains(u"internal: query processing would load too many samples into memory"),
            qPrintable(message));
        QVERIFY2(message.contains(server().url(QString()).toString()), qPrintable(message));
        QCOMPARE(result->toResult().error().kind, Error::Kind::Io);
    }

    void totalTimeoutFiresWhileTheEventLoopKeepsRunning()
    {
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10ms);

        HttpRequest request = HttpRequest::get(server().url(u"/hang"_s));
        request.totalTimeout = 300ms;
        QElapsedTimer clock;
        clock.start();
        HttpReply *reply = client().send(request);
        QVERIFY2(clock.elapsed() < 100, "send() must not block");
        QSignalSpy received(&server(), &TestHttpServer::requestReceived);
        QSignalSpy finished(reply, &HttpReply::finished);
        QVERIFY(finished.wait(10'000));
        const auto result = qvariant_cast<HttpResult>(finished.at(0).at(0));
        QCOMPARE(result.error().kind, Kind::Timeout);
        QVERIFY2(result.errorMessage().contains(u"300 ms"), qPrintable(result.errorMessage()));
        QCOMPARE(received.size(), 1); // the server really had the request and sat on it
        QVERIFY(clock.elapsed() >= 290);
        // The GUI thread was free the whole time: the 10 ms timer kept ticking.
        QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks)));
        QTRY_COMPARE(server().openConnections(), 0); // curl hung up
    }

    void connectionRefused()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        const auto result = resultOf(client().send(
            HttpRequest::get(QUrl(QStringLiteral("http://127.0.0.1:%1/ok").arg(port)))));
        QVERIFY(result);
        QCOMPARE(result->error().kind, Kind::ConnectionRefused);
        QVERIFY2(result->errorMessage().contains(u"refused"), qPrintable(result->errorMessage()));
    }

    void unknownHost()
    {
        for (const char *proxy : {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"}) {
            if (!qEnvironmentVariableIsEmpty(proxy))
                QSKIP("a proxy is configured: resolving names is its job");
        }
        const auto result = resultOf(client().send(
            HttpRequest::get(QUrl(QStringLiteral("http://incidentdesk-test.invalid/")))));
        QVERIFY(result);
        if (result->error().kind == Kind::ConnectTimeout)
            QSKIP("the resolver did not answer in time");
        QCOMPARE(result->error().kind, Kind::HostNotFound);
        QVERIFY2(result->errorMessage().contains(u"incidentdesk-test.invalid"),
            qPrintable(result->errorMessage()));
    }

    void connectTimeout()
    {
        // A listener whose accept queue is full: the kernel drops further SYNs, so a
        // connect neither succeeds nor fails until our timeout.
        QTcpServer full;
        full.setListenBacklogSize(0);
        QVERIFY(full.listen(QHostAddress::LocalHost, 0));
        full.pauseAccepting();
        std::vector<std::unique_ptr<QTcpSocket>> fillers;
        for (int i = 0; i < 4; ++i) {
            fillers.push_back(std::make_unique<QTcpSocket>());
            fillers.back()->connectToHost(QHostAddress::LocalHost, full.serverPort());
        }
        QTRY_VERIFY(std::any_of(fillers.begin(), fillers.end(),
            [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; }));
        HttpRequest request
            = HttpRequest::get(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(full.serverPort())));
        request.connectTimeout = 300ms;
        const auto result = resultOf(client().send(request));
        QVERIFY(result);
        if (result->ok() || result->error().kind != Kind::ConnectTimeout)
            QSKIP("this kernel accepted or refused the connection instead of dropping it");
        QVERIFY2(result->errorMessage().contains(u"300 ms"), qPrintable(result->errorMessage()));
    }

    void oversizedBodyWithLengthIsRefusedBeforeReading()
    {
        const auto result = resultOf(client().send(HttpRequest::get(server().url(u"/huge"_s))));
        QVERIFY(result);
        QCOMPARE(result->error().kind, Kind::TooLarge);
        QVERIFY2(
            result->errorMessage().contains(u"larger than"), qPrintable(result->errorMessage()));
        QTRY_COMPARE(server().openConnections(), 0);
        QVERIFY2(server().hugeBytesQueued() < TestHttpServer::kHugeBytes / 2,
            qPrintable(QString::number(server().hugeBytesQueued())));
    }

    void oversizedBodyWithoutLengthIsCutAtTheCap()
    {
        HttpRequest request = HttpRequest::get(server().url(u"/huge-unsized"_s));
        request.maxResponseBytes = 1024 * 1024;
        const auto result = resultOf(client().send(request));
        QVERIFY(result);
        QCOMPARE(result->error().kind, Kind::TooLarge);
        QVERIFY2(result->errorMessage().contains(u"1.0 MB"), qPrintable(result->errorMessage()));
        QTRY_COMPARE(server().openConnections(), 0);
        QVERIFY2(server().hugeBytesQueued() < TestHttpServer::kHugeBytes / 2,
            qPrintable(QString::number(server().hugeBytesQueued())));
    }

    void truncatedBody()
    {
        const auto result
            = resultOf(client().send(HttpRequest::get(server().url(u"/truncated"_s))));
        QVERIFY(result);
        QCOMPARE(result->error().kind, Kind::Truncated);
        QVERIFY2(result->errorMessage().contains(u"cut off"), qPrintable(result->errorMessage()));
    }

    void redirectsAreFollowed()
    {
        const auto result = resultOf(client().send(HttpRequest::get(server().url(u"/redirect"_s))));
        QVERIFY(result && result->ok());
        QCOMPARE((*result)->status, 200);
        QCOMPARE((*result)->body, server().okBody());
        QCOMPARE((*result)->header("x-test"), QByteArray("ok")); // the final response's headers
        QVERIFY((*result)->header("location").isNull());
    }

    void redirectLoopStopsAfterThree()
    {
        const auto result = resultOf(client().send(HttpRequest::get(server().url(u"/loop"_s))));
        QVERIFY(result);
        QCOMPARE(result->error().kind, Kind::TooManyRedirects);
        QCOMPARE(server().requests().size(), 4); // the request and three redirects
    }

    void cancelFinishesOnceAsCancelled()
    {
        QSignalSpy received(&server(), &TestHttpServer::requestReceived);
        HttpReply *reply = client().send(HttpRequest::get(server().url(u"/hang"_s)));
        QSignalSpy finished(reply, &HttpReply::finished);
        QSignalSpy destroyed(reply, &QObject::destroyed);
        QVERIFY(received.wait());
        reply->cancel();
        reply->cancel();
        QCOMPARE(finished.size(), 0); // never inside cancel()
        QCOMPARE(client().activeCount(), 0);
        QVERIFY(destroyed.wait()); // deletes itself after finished(): no second emission
        QCOMPARE(finished.size(), 1);
        const auto result = qvariant_cast<HttpResult>(finished.at(0).at(0));
        QCOMPARE(result.error().kind, Kind::Cancelled);
        QTRY_COMPARE(server().openConnections(), 0);
    }

    void cancelAfterTheOutcomeChangesNothing()
    {
        HttpReply *reply
            = client().send(HttpRequest::get(QUrl(QStringLiteral("ftp://127.0.0.1/"))));
        QSignalSpy finished(reply, &HttpReply::finished);
        QSignalSpy destroyed(reply, &QObject::destroyed);
        reply->cancel();
        QVERIFY(destroyed.wait());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(
            qvariant_cast<HttpResult>(finished.at(0).at(0)).error().kind, Kind::InvalidRequest);
    }

    void twentyConcurrentRequests()
    {
        constexpr int kCount = 20;
        // The gate answers nobody until all twenty wait at once: only concurrency passes.
        server().setGateSize(kCount);
        int succeeded = 0;
        int failed = 0;
        for (int i = 0; i < kCount; ++i) {
            HttpReply *reply = client().send(HttpRequest::get(server().url(u"/gate"_s)));
            connect(reply, &HttpReply::finished, this, [&](const HttpResult &result) {
                ++(result.ok() && result->body == "through the gate" ? succeeded : failed);
            });
        }
        QCOMPARE(client().activeCount(), kCount);
        QTRY_COMPARE_WITH_TIMEOUT(succeeded + failed, kCount, 20'000);
        QCOMPARE(succeeded, kCount);
        QCOMPARE(server().maxWaiting(), kCount);
    }

    void invalidRequests_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::newRow("ftp") << QUrl(u"ftp://127.0.0.1/file"_s) << QByteArray("v");
        QTest::newRow("file") << QUrl(u"file:///etc/passwd"_s) << QByteArray("v");
        QTest::newRow("empty") << QUrl() << QByteArray("v");
        QTest::newRow("no host") << QUrl(u"http:///path"_s) << QByteArray("v");
        QTest::newRow("header injection")
            << QUrl(u"http://127.0.0.1:1/"_s) << QByteArray("v\r\nX-Injected: 1");
    }

    void invalidRequests()
    {
        QFETCH(QUrl, url);
        QFETCH(QByteArray, headerValue);
        HttpRequest request = HttpRequest::get(url);
        request.headers.append(HttpHeader("X-Test", headerValue));
        const auto result = resultOf(client().send(request));
        QVERIFY(result);
        QCOMPARE(result->error().kind, Kind::InvalidRequest);
        QVERIFY(server().requests().isEmpty());
    }

    void tlsIsVerified()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here to run the test server");
        TestHttpServer tls;
        QVERIFY(tls.listenTls(readFile(kCertificate), readFile(kKey)));

        // A self-signed certificate: refused with the system CAs.
        auto result = resultOf(client().send(HttpRequest::get(tls.url(u"/ok"_s))));
        QVERIFY(result);
        QCOMPARE(result->error().kind, Kind::Tls);
        QVERIFY2(
            result->errorMessage().contains(u"certificate"), qPrintable(result->errorMessage()));

        // Trusted through the source's CA file.
        HttpRequest request = HttpRequest::get(tls.url(u"/ok"_s));
        request.caFile = kCertificate;
        result = resultOf(client().send(request));
        QVERIFY(result);
        QVERIFY2(result->ok(), qPrintable(result->errorMessage()));
        QCOMPARE((*result)->body, tls.okBody());

        // The certificate names localhost too.
        request.url.setHost(u"localhost"_s);
        result = resultOf(client().send(request));
        QVERIFY(result && result->ok());

        // An https redirect may not lead to plain http.
        tls.redirect("/downgrade", server().url(u"/ok"_s).toEncoded());
        request.url = tls.url(u"/downgrade"_s);
        result = resultOf(client().send(request));
        QVERIFY(result);
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind, Kind::InvalidRequest);
        QVERIFY(server().requests().isEmpty());
    }

    void tlsToAPlainServerFails()
    {
        QUrl url = server().url(u"/ok"_s);
        url.setScheme(u"https"_s);
        const auto result = resultOf(client().send(HttpRequest::get(url)));
        QVERIFY(result);
        QCOMPARE(result->error().kind, Kind::Tls);
    }

    void secretsStayOutOfLogsAndMessages()
    {
        const QString token = u"tok-9f8e7d6c"_s;
        const QString secretPath = u"/services/T000/B000/XyZsecret123"_s;
        MessageCapture capture;

        HttpRequest request = HttpRequest::postJson(server().url(secretPath), "{}");
        request.bearerToken = token;
        auto result = resultOf(client().send(request));
        QVERIFY(result);
        QCOMPARE(result->error().kind, Kind::HttpStatus); // 404 echoing the path
        QVERIFY(result->error().body.contains("XyZsecret123")); // the raw body is the caller's
        QCOMPARE(
            server().requests().constLast().header("Authorization"), "Bearer " + token.toUtf8());

        request = HttpRequest::get(server().url(u"/ok"_s));
        request.basicUser = u"alice"_s;
        request.basicPassword = u"pw-hunter2"_s;
        result = resultOf(client().send(request));
        QVERIFY(result && result->ok());
        QCOMPARE(server().requests().constLast().header("Authorization"),
            "Basic " + QByteArray("alice:pw-hunter2").toBase64());

        const QString everything = capture.lines().join(u'\n') + u'\n'
            + resultOf(client().send(HttpRequest::get(server().url(secretPath))))->errorMessage();
        QVERIFY2(capture.lines().size() >= 4, "debug logging was on");
        QVERIFY2(!everything.contains(token), qPrintable(everything));
        QVERIFY2(!everything.contains(u"XyZsecret123"), qPrintable(everything));
        QVERIFY2(!everything.contains(u"hunter2"), qPrintable(everything));
    }

    void destroyingTheClientAbortsWhatRuns()
    {
        QSignalSpy received(&server(), &TestHttpServer::requestReceived);
        auto client = std::make_unique<HttpClient>();
        QPointer<HttpReply> reply = client->send(HttpRequest::get(server().url(u"/hang"_s)));
        QVERIFY(received.wait());
        client.reset();
        QVERIFY(reply.isNull());
        QTRY_COMPARE(server().openConnections(), 0);
    }

    void deletingAReplyAbortsItsTransfer()
    {
        QSignalSpy received(&server(), &TestHttpServer::requestReceived);
        HttpReply *reply = client().send(HttpRequest::get(server().url(u"/hang"_s)));
        QVERIFY(received.wait());
        delete reply;
        QCOMPARE(client().activeCount(), 0);
        QTRY_COMPARE(server().openConnections(), 0);
    }
};

QTEST_GUILESS_MAIN(HttpClientTest)
#include "tst_httpclient.moc"
