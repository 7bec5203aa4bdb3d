// Posting a status update to a Slack-compatible webhook from the data source catalog,
// end to end on a real SQLite store and a local HTTP server: the body posted, the secret
// URL kept out of the database, and every failure recorded on the timeline as "not
// delivered" with its reason, followed by a retry that succeeds.
#include "datasourcecatalog.h"
#include "filesecretstore.h"
#include "testhttpserver.h"
#include "updatedelivery.h"
#include "viewtestsupport.h"
#include "webhooknotifier.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace idesk;
using namespace idesk::HttpTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kHookPath = "/services/T01/B02/s3cr3tHookToken";

struct Finished
{
    qint64 updateId = 0;
    bool delivered = false;
    QString reason;
};

} // namespace

class UpdateDeliveryTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ViewTest::Store> m_store;
    std::unique_ptr<FileSecretStore> m_secrets;
    std::unique_ptr<DataSourceCatalog> m_catalog;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<WebhookNotifier> m_notifier;
    std::unique_ptr<UpdateDispatcher> m_dispatcher;
    std::unique_ptr<QTemporaryDir> m_secretDir;
    qint64 m_incident = 0;

    // Posts a status update through the service and returns its id.
    qint64 postUpdate(const QString &status)
    {
        StatusUpdate update;
        update.status = status;
        update.impact = u"Checkout <fails> & retries"_s;
        update.audience = Audience::Internal;
        if (!m_store->service().postStatusUpdate(m_incident, update, u"Carol"_s))
            return 0;
        const auto incident = m_store->repository().loadIncident(m_incident);
        return incident ? incident->statusUpdates.constLast().id : 0;
    }

    std::optional<Finished> deliver(qint64 updateId, const QString &target = u"ops"_s)
    {
        QSignalSpy spy(m_dispatcher.get(), &UpdateDispatcher::finished);
        m_dispatcher->deliver(m_incident, updateId, target, u"Carol"_s);
        if (!spy.wait(15'000) || spy.size() != 1)
            return std::nullopt;
        return Finished {
            spy.at(0).at(1).toLongLong(), spy.at(0).at(2).toBool(), spy.at(0).at(3).toString()};
    }

    VoidResult addHook(const QUrl &url, int timeoutSeconds = 5)
    {
        DataSource hook;
        hook.name = u"ops"_s;
        hook.kind = DataSource::Kind::Webhook;
        hook.url = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
        hook.timeoutSeconds = timeoutSeconds;
        return m_catalog->add(hook, url.toString());
    }

    DeliveryOutcome latest(qint64 updateId)
    {
        return latestDeliveries(m_store->timeline(m_incident)).value(updateId);
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<ViewTest::Store>();
        QVERIFY(m_store->isValid());
        m_secretDir = std::make_unique<QTemporaryDir>();
        m_secrets = std::make_unique<FileSecretStore>(
            m_secretDir->filePath(u"secrets.json"_s), u"test"_s);
        m_catalog = std::make_unique<DataSourceCatalog>(m_store->repository(), *m_secrets);
        m_server = std::make_unique<TestHttpServer>();
        QVERIFY(m_server->listen());
        m_server->route(kHookPath, Behaviour::Echo);
        m_client = std::make_unique<HttpClient>();
        m_notifier = std::make_unique<WebhookNotifier>(*m_client);
        m_dispatcher
            = std::make_unique<UpdateDispatcher>(m_store->service(), *m_catalog, *m_notifier);
        m_incident = m_store->declare(u"Checkout failing"_s, 1, u"Alice"_s);
        QVERIFY(m_incident > 0);
    }

    void cleanup()
    {
        m_dispatcher.reset();
        m_notifier.reset();
        m_client.reset();
        m_server.reset();
        m_catalog.reset();
        m_secrets.reset();
        m_store.reset();
    }

    void deliversTheSlackTextAndKeepsTheUrlSecret()
    {
        const QUrl hook = m_server->url(QString::fromLatin1(kHookPath));
        QVERIFY(addHook(hook));
        QCOMPARE(m_dispatcher->webhooks().size(), 1);
        // The database holds the origin only; the secret file holds the URL.
        const auto stored = m_store->repository().setting(DataSourceCatalog::kSettingKey);
        QVERIFY(stored);
        QVERIFY(!stored->contains(u"s3cr3tHookToken"_s));
        QCOMPARE(*m_secrets->read(u"source/ops"_s), hook.toString());

        const qint64 updateId = postUpdate(u"Investigating"_s);
        QVERIFY(updateId > 0);
        const auto outcome = deliver(updateId);
        QVERIFY(outcome);
        QVERIFY2(outcome->delivered, qPrintable(outcome->reason));
        QCOMPARE(outcome->updateId, updateId);

        QCOMPARE(m_server->requests().size(), 1);
        const auto &request = m_server->requests().constFirst();
        QCOMPARE(request.method, "POST");
        QCOMPARE(request.target, kHookPath);
        QVERIFY(request.header("Content-Type").startsWith("application/json"));
        const auto body = QJsonDocument::fromJson(request.body).object();
        const QString text = body.value(u"text"_s).toString();
        QVERIFY2(text.contains(u"Investigating"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Checkout &lt;fails&gt; &amp; retries"_s), qPrintable(text));
        QVERIFY(text.contains(u"INC-"_s));

        const auto recorded = latest(updateId);
        QVERIFY(recorded.delivered);
        QVERIFY(recorded.text.contains(u"delivered to ops"_s));
        // The timeline says so too, and no entry carries the secret.
        for (const auto &entry : m_store->timeline(m_incident))
            QVERIFY(!entry.text.contains(u"s3cr3t"_s));
    }

    void failuresAreRecordedAndARetrySucceeds_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("HTTP 500") << QByteArray("/error500") << u"500"_s;
        QTest::newRow("never answers") << QByteArray("/hang") << u"answer"_s;
        QTest::newRow("connection refused") << QByteArray() << u"refused"_s;
    }

    void failuresAreRecordedAndARetrySucceeds()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, reasonPart);
        QUrl hook;
        if (path.isEmpty()) {
            // A port that was free a moment ago: nothing listens there.
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            hook = QUrl(u"http://127.0.0.1:%1/services/x"_s.arg(probe.serverPort()));
        } else {
            hook = m_server->url(QString::fromLatin1(path));
        }
        QVERIFY(addHook(hook, 1));
        const qint64 updateId = postUpdate(u"Identified"_s);
        QVERIFY(updateId > 0);

        const auto failed = deliver(updateId);
        QVERIFY(failed);
        QVERIFY(!failed->delivered);
        QVERIFY2(
            failed->reason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(failed->reason));
        QVERIFY(!failed->reason.contains(u"services"_s)); // no path, no secret
        const auto recorded = latest(updateId);
        QVERIFY(!recorded.delivered);
        QVERIFY(recorded.text.contains(u"NOT delivered"_s));
        // The update itself is kept, unchanged.
        QCOMPARE(m_store->repository().loadIncident(m_incident)->statusUpdates.size(), 1);

        // The comms lead fixes the URL and retries.
        DataSource fixed = *m_catalog->find(u"ops"_s);
        const QUrl good = m_server->url(QString::fromLatin1(kHookPath));
        fixed.url = good.adjusted(QUrl::RemovePath).toString();
        fixed.timeoutSeconds = 5;
        QVERIFY(m_catalog->update(u"ops"_s, fixed, good.toString()));
        m_store->clock().advance(60);
        const auto retried = deliver(updateId);
        QVERIFY(retried);
        QVERIFY2(retried->delivered, qPrintable(retried->reason));
        QVERIFY(latest(updateId).delivered);
    }

    void problemsBeforePostingAreRecordedToo()
    {
        const qint64 updateId = postUpdate(u"Monitoring"_s);
        const auto unknown = deliver(updateId, u"nowhere"_s);
        QVERIFY(unknown);
        QVERIFY(!unknown->delivered);
        QVERIFY2(unknown->reason.contains(u"nowhere"_s), qPrintable(unknown->reason));
        QVERIFY(!latest(updateId).delivered);

        DataSource hook;
        hook.name = u"ops"_s;
        hook.kind = DataSource::Kind::Webhook;
        hook.url = u"https://hooks.example"_s;
        QVERIFY(m_catalog->add(hook, {})); // configured, but no URL stored yet
        const auto noSecret = deliver(updateId);
        QVERIFY(noSecret);
        QVERIFY(!noSecret->delivered);
        QVERIFY2(noSecret->reason.contains(u"no webhook URL"_s), qPrintable(noSecret->reason));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void catalogRefusesBadInputAndChangesNothing()
    {
        DataSource bad;
        bad.name = u"prom"_s;
        bad.url = u"ftp://example.org"_s;
        QVERIFY(!m_catalog->add(bad, u"token"_s));
        bad.url = u"http://user:pw@example.org"_s;
        QVERIFY(!m_catalog->add(bad, u"token"_s));
        bad.url = u"http://example.org"_s;
        bad.timeoutSeconds = 0;
        QVERIFY(!m_catalog->add(bad, u"token"_s));
        QVERIFY(m_catalog->sources()->isEmpty());
        QVERIFY(m_secrets->read(u"source/prom"_s)->isEmpty());

        bad.timeoutSeconds = 10;
        QVERIFY(m_catalog->add(bad, u"token"_s));
        QVERIFY(!m_catalog->add(bad, u"other"_s)); // the name is taken
        QCOMPARE(*m_secrets->read(u"source/prom"_s), u"token"_s);

        // Renaming moves the secret; removing removes it.
        DataSource renamed = bad;
        renamed.name = u"Prom-EU"_s;
        QVERIFY(m_catalog->update(u"PROM"_s, renamed, std::nullopt));
        QVERIFY(m_secrets->read(u"source/prom"_s)->isEmpty());
        QCOMPARE(*m_secrets->read(u"source/prom-eu"_s), u"token"_s);
        QVERIFY(m_catalog->remove(u"prom-eu"_s));
        QVERIFY(m_secrets->read(u"source/prom-eu"_s)->isEmpty());
        QVERIFY(!m_catalog->remove(u"prom-eu"_s));
    }

    void anEnvironmentVariableSuppliesTheSecret()
    {
        DataSource prom;
        prom.name = u"prom"_s;
        prom.url = u"http://127.0.0.1:9"_s;
        prom.tokenEnv = u"INCIDENTDESK_TEST_TOKEN"_s;
        QVERIFY(m_catalog->add(prom, u"from-store"_s));
        qunsetenv("INCIDENTDESK_TEST_TOKEN");
        QCOMPARE(*m_catalog->secretFor(*m_catalog->find(u"prom"_s)), u"from-store"_s);
        qputenv("INCIDENTDESK_TEST_TOKEN", "from-env");
        QCOMPARE(*m_catalog->secretFor(*m_catalog->find(u"prom"_s)), u"from-env"_s);
        qunsetenv("INCIDENTDESK_TEST_TOKEN");
    }
};

QTEST_GUILESS_MAIN(UpdateDeliveryTest)
#include "tst_updatedelivery.moc"
