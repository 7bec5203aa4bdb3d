// Posting status updates to a Slack-compatible incoming webhook served by a local test
// server: the exact body, and every failure ending as "not delivered" with a reason,
// after which a retry can succeed.
#include "testhttpserver.h"
#include "webhookposter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace idesk;
using namespace idesk::HttpTest;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using Kind = HttpError::Kind;

namespace {

std::optional<WebhookDelivery> outcomeOf(WebhookPost *post)
{
    QSignalSpy spy(post, &WebhookPost::finished);
    if (!spy.wait(10'000) || spy.size() != 1)
        return std::nullopt;
    return qvariant_cast<WebhookDelivery>(spy.at(0).at(0));
}

const QByteArray kHookPath = "/services/T0001/B0001/s3cr3tHookToken";

} // namespace

class WebhookPosterTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<WebhookPoster> m_poster;
    TestHttpServer &server() { return *m_server; }
    WebhookPoster &poster() { return *m_poster; }
    QUrl hookUrl() const { return m_server->url(QString::fromLatin1(kHookPath)); }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestHttpServer>();
        QVERIFY(m_server->listen());
        m_server->route(kHookPath, Behaviour::Echo);
        m_client = std::make_unique<HttpClient>();
        m_poster = std::make_unique<WebhookPoster>(*m_client);
        m_poster->setTimeout(2s);
    }

    void cleanup()
    {
        if (m_client)
            QTRY_COMPARE(m_client->activeCount(), 0);
        m_poster.reset();
        m_client.reset();
        m_server.reset();
    }

    void postsExactlyTheSlackBody_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << u"INC-7 resolved"_s;
        QTest::newRow("mrkdwn and escapes")
            << u"*SEV-1* INC-12: API outage\n> impact: \"checkout\" fails\t50%\\ <@here> & <b>"_s;
        QTest::newRow("unicode") << u"Status: mitigated ✅ — Zürich 東京 🚒"_s;
    }

    void postsExactlyTheSlackBody()
    {
        QFETCH(QString, text);
        const auto delivery = outcomeOf(poster().post(hookUrl(), text));
        QVERIFY(delivery);
        QVERIFY2(delivery->delivered, qPrintable(delivery->reason));
        QVERIFY(delivery->reason.isEmpty());
        QCOMPARE(delivery->httpStatus, 200);

        QCOMPARE(server().requests().size(), 1);
        const ReceivedRequest &received = server().requests().constFirst();
        QCOMPARE(received.method, QByteArray("POST"));
        QCOMPARE(received.target, kHookPath);
        QCOMPARE(received.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(received.body, WebhookPoster::payload(text));
        const QJsonDocument document = QJsonDocument::fromJson(received.body);
        QVERIFY(document.isObject());
        QCOMPARE(document.object().keys(), QStringList {u"text"_s});
        QCOMPARE(document.object().value(u"text").toString(), text);
    }

    void payloadIsCompactJson()
    {
        QCOMPARE(
            WebhookPoster::payload(u"a \"b\"\nc"_s), QByteArray("{\"text\":\"a \\\"b\\\"\\nc\"}"));
    }

    void http500IsNotDeliveredWithTheReason()
    {
        server().route(kHookPath, Behaviour::PrometheusError);
        const auto delivery = outcomeOf(poster().post(hookUrl(), u"update"_s));
        QVERIFY(delivery);
        QVERIFY(!delivery->delivered);
        QCOMPARE(delivery->httpStatus, 500);
        QCOMPARE(delivery->failure, Kind::HttpStatus);
        QVERIFY2(delivery->reason.contains(u"HTTP 500"), qPrintable(delivery->reason));
        QVERIFY2(delivery->reason.contains(u"too many samples"), qPrintable(delivery->reason));
        QVERIFY2(!delivery->reason.contains(u"s3cr3t"), qPrintable(delivery->reason));
    }

    void hangIsNotDeliveredThenARetrySucceeds()
    {
        server().route(kHookPath, Behaviour::Hang);
        poster().setTimeout(300ms);
        auto delivery = outcomeOf(poster().post(hookUrl(), u"first try"_s));
        QVERIFY(delivery);
        QVERIFY(!delivery->delivered);
        QCOMPARE(delivery->failure, Kind::Timeout);
        QVERIFY2(delivery->reason.contains(u"did not answer"), qPrintable(delivery->reason));

        server().route(kHookPath, Behaviour::Echo);
        delivery = outcomeOf(poster().post(hookUrl(), u"first try"_s));
        QVERIFY(delivery);
        QVERIFY2(delivery->delivered, qPrintable(delivery->reason));
        QCOMPARE(server().requests().size(), 2);
        QCOMPARE(server().requests().at(0).body, server().requests().at(1).body);
    }

    void refusedIsNotDeliveredThenARetrySucceeds()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        const QUrl url(
            QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(QString::fromLatin1(kHookPath)));
        auto delivery = outcomeOf(poster().post(url, u"update"_s));
        QVERIFY(delivery);
        QVERIFY(!delivery->delivered);
        QCOMPARE(delivery->failure, Kind::ConnectionRefused);
        QCOMPARE(delivery->httpStatus, 0);
        QVERIFY2(delivery->reason.contains(u"refused"), qPrintable(delivery->reason));
        QVERIFY2(!delivery->reason.contains(u"s3cr3t"), qPrintable(delivery->reason));

        // The chat service comes back on the same address.
        QVERIFY(server().listen(port));
        delivery = outcomeOf(poster().post(url, u"update"_s));
        QVERIFY(delivery);
        QVERIFY2(delivery->delivered, qPrintable(delivery->reason));
    }

    void rejectedWebhookKeepsItsSecretOutOfTheReason()
    {
        // A 404 whose body repeats the request path, as many servers answer.
        server().route(kHookPath, Behaviour::NotFoundEcho);
        const auto delivery = outcomeOf(poster().post(hookUrl(), u"update"_s));
        QVERIFY(delivery);
        QVERIFY(!delivery->delivered);
        QCOMPARE(delivery->httpStatus, 404);
        QVERIFY2(delivery->reason.contains(u"HTTP 404"), qPrintable(delivery->reason));
        QVERIFY2(!delivery->reason.contains(u"s3cr3t"), qPrintable(delivery->reason));
    }

    void nothingToPostIsNotDelivered()
    {
        auto delivery = outcomeOf(poster().post(QUrl(), u"update"_s));
        QVERIFY(delivery && !delivery->delivered);
        QVERIFY2(delivery->reason.contains(u"No webhook URL"), qPrintable(delivery->reason));
        delivery = outcomeOf(poster().post(hookUrl(), u"  "_s));
        QVERIFY(delivery && !delivery->delivered);
        QVERIFY(server().requests().isEmpty());
    }

    void cancelledPostIsNotDelivered()
    {
        server().route(kHookPath, Behaviour::Hang);
        QSignalSpy received(&server(), &TestHttpServer::requestReceived);
        WebhookPost *post = poster().post(hookUrl(), u"update"_s);
        QSignalSpy finished(post, &WebhookPost::finished);
        QVERIFY(received.wait());
        post->cancel();
        QVERIFY(finished.wait());
        const auto delivery = qvariant_cast<WebhookDelivery>(finished.at(0).at(0));
        QVERIFY(!delivery.delivered);
        QCOMPARE(delivery.failure, Kind::Cancelled);
    }

    void postEndsWhenTheClientGoesAway()
    {
        server().route(kHookPath, Behaviour::Hang);
        QSignalSpy received(&server(), &TestHttpServer::requestReceived);
        WebhookPost *post = poster().post(hookUrl(), u"update"_s);
        QSignalSpy finished(post, &WebhookPost::finished);
        QVERIFY(received.wait());
        m_client.reset(); // application shutdown, say
        QCOMPARE(finished.size(), 0); // not from inside a destructor
        QVERIFY(finished.wait());
        const auto delivery = qvariant_cast<WebhookDelivery>(finished.at(0).at(0));
        QVERIFY(!delivery.delivered);
        QCOMPARE(delivery.failure, Kind::Cancelled);
        QTRY_COMPARE(server().openConnections(), 0);
    }
};

QTEST_GUILESS_MAIN(WebhookPosterTest)
#include "tst_webhookposter.moc"
