// Sending posted status updates to a webhook from the Comms tab, through the widgets:
// the composer's "Also send to", the "not delivered" mark in the posted updates, and a
// resend that then succeeds. The Notifier is a fake that answers from the event loop
// with whatever the test scripts; the HTTP side is tested in tst_updatedelivery.
#include "commspage.h"
#include "datasourcecatalog.h"
#include "statusupdatecomposer.h"
#include "statusupdatesmodel.h"
#include "updatedelivery.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <deque>

using namespace idesk;
using namespace idesk::ViewTest;
using namespace Qt::StringLiterals;

namespace {

class MemorySecrets final : public SecretStore
{
public:
    QHash<QString, QString> values;
    Result<QString> read(const QString &key) override { return values.value(key); }
    VoidResult write(const QString &key, const QString &secret) override
    {
        values.insert(key, secret);
        return {};
    }
    VoidResult remove(const QString &key) override
    {
        values.remove(key);
        return {};
    }
    bool isFallback() const override { return false; }
    QString description() const override { return u"memory"_s; }
};

struct Post
{
    QString target;
    QString url;
    QString text;
};

class ScriptedNotifier final : public Notifier
{
public:
    std::deque<VoidResult> answers; // the next outcomes; success when empty
    QList<Post> posts;
    void post(const DataSource &target, const QString &webhookUrl, const QString &text,
        std::function<void(VoidResult)> done) override
    {
        posts.append({target.name, webhookUrl, text});
        VoidResult answer;
        if (!answers.empty()) {
            answer = answers.front();
            answers.pop_front();
        }
        QTimer::singleShot(0, [done = std::move(done), answer] { done(answer); });
    }
};

QPushButton *button(QWidget *root, const QString &text)
{
    for (auto *b : root->findChildren<QPushButton *>()) {
        if (b->text().remove(u'&') == text)
            return b;
    }
    return nullptr;
}

} // namespace

class CommsDeliveryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aFailedDeliveryIsMarkedAndResent()
    {
        Store store;
        QVERIFY(store.isValid());
        const qint64 id = store.declare(u"Checkout failing"_s, 1, u"Alice"_s);
        MemorySecrets secrets;
        DataSourceCatalog catalog(store.repository(), secrets);
        DataSource hook;
        hook.name = u"ops-channel"_s;
        hook.kind = DataSource::Kind::Webhook;
        hook.url = u"https://hooks.example.org"_s;
        QVERIFY(catalog.add(hook, u"https://hooks.example.org/services/T/B/secret"_s));
        ScriptedNotifier notifier;
        notifier.answers.push_back(
            VoidResult(Error::io(u"HTTP 500 from https://hooks.example.org"_s)));
        UpdateDispatcher dispatcher(store.service(), catalog, notifier);

        CommsPage page(store.service());
        page.setUserName(u"Carol"_s);
        page.setDispatcher(&dispatcher);
        page.setIncident(id);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QAbstractItemModelTester tester(
            page.updatesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        // The only webhook is preselected.
        StatusUpdateComposer *composer = page.composer();
        QCOMPARE(composer->target(), u"ops-channel"_s);
        composer->statusField()->clear();
        QTest::keyClicks(composer->statusField(), u"Investigating checkout errors"_s);
        QSignalSpy finished(&dispatcher, &UpdateDispatcher::finished);
        QTest::mouseClick(button(composer, u"Post update"_s), Qt::LeftButton);
        QVERIFY(finished.wait(5000));

        QCOMPARE(notifier.posts.size(), 1);
        QCOMPARE(notifier.posts[0].url, u"https://hooks.example.org/services/T/B/secret"_s);
        QVERIFY(notifier.posts[0].text.contains(u"Investigating checkout errors"_s));
        QVERIFY2(
            composer->errorText().contains(u"NOT delivered"_s), qPrintable(composer->errorText()));

        // The update is kept and marked; the reason is on the timeline.
        QCOMPARE(page.updatesModel()->rowCount(), 1);
        const QModelIndex row = page.updatesModel()->index(0);
        QCOMPARE(row.data(StatusUpdatesModel::DeliveryRole).toString(), u"not delivered"_s);
        QVERIFY(row.data(Qt::DisplayRole).toString().contains(u"HTTP 500"_s));
        bool recorded = false;
        for (const auto &entry : store.timeline(id))
            recorded |= entry.link.type == DeliveryLinks::NotDelivered
                && entry.text.contains(u"HTTP 500"_s) && entry.author == u"Carol"_s;
        QVERIFY(recorded);

        // Select it and resend: this time it goes through.
        QVERIFY(!page.resendButton()->isEnabled());
        page.updatesView()->setCurrentIndex(row);
        QVERIFY(page.resendButton()->isEnabled());
        QTest::mouseClick(page.resendButton(), Qt::LeftButton);
        QVERIFY(finished.wait(5000));
        QCOMPARE(notifier.posts.size(), 2);
        QCOMPARE(page.updatesModel()->index(0).data(StatusUpdatesModel::DeliveryRole).toString(),
            u"delivered"_s);
        QCOMPARE(store.repository().loadIncident(id)->statusUpdates.size(), 1);
    }

    void withoutAWebhookNothingIsSent()
    {
        Store store;
        const qint64 id = store.declare(u"Search slow"_s, 3, u"Alice"_s);
        MemorySecrets secrets;
        DataSourceCatalog catalog(store.repository(), secrets);
        ScriptedNotifier notifier;
        UpdateDispatcher dispatcher(store.service(), catalog, notifier);
        CommsPage page(store.service());
        page.setDispatcher(&dispatcher);
        page.setIncident(id);
        QCOMPARE(page.composer()->target(), QString());
        QVERIFY(!page.composer()->targetField()->isEnabled());
        page.composer()->statusField()->setText(u"Investigating"_s);
        QVERIFY(page.composer()->post());
        QCoreApplication::processEvents();
        QVERIFY(notifier.posts.isEmpty());
        QCOMPARE(store.repository().loadIncident(id)->statusUpdates.size(), 1);
    }
};

QTEST_MAIN(CommsDeliveryTest)
#include "tst_commsdelivery.moc"
