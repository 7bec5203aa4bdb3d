// Where secrets live: the system keychain through QtKeychain when a Secret Service
// answers, else a private file with a visible reason. This binary runs twice under
// ctest: once with no session bus (the fallback must be chosen, at once) and once inside
// `dbus-run-session` with an unlocked gnome-keyring (INCIDENTDESK_EXPECT_KEYCHAIN=1).
#include "filesecretstore.h"
#include "keychainsecretstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>

using namespace idesk;
using namespace Qt::StringLiterals;

namespace {

bool expectKeychain()
{
    return qEnvironmentVariableIntValue("INCIDENTDESK_EXPECT_KEYCHAIN") == 1;
}

mode_t modeOf(const QString &path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode & 07777;
}

} // namespace

class SecretStoreTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString secretsPath() const { return m_dir.filePath(u"data/secrets.json"_s); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(secretsPath());
    }

    void fileStoreRoundTripsAndStaysPrivate()
    {
        FileSecretStore store(secretsPath(), u"no keychain reachable (test)"_s);
        QVERIFY(store.isFallback());
        QVERIFY(store.description().contains(u"0600"_s));
        QVERIFY(store.description().contains(u"no keychain reachable (test)"_s));

        auto missing = store.read(u"source/prom"_s);
        QVERIFY(missing);
        QVERIFY(missing->isEmpty());
        QVERIFY(!QFile::exists(secretsPath()));

        QVERIFY(store.write(u"source/prom"_s, u"t0ken with \"quotes\" and ünïcode"_s));
        QVERIFY(store.write(u"source/hook"_s, u"https://hooks.example/T/B/x"_s));
        QCOMPARE(modeOf(secretsPath()), mode_t(0600));
        QCOMPARE(*store.read(u"source/prom"_s), u"t0ken with \"quotes\" and ünïcode"_s);

        QVERIFY(store.write(u"source/prom"_s, u"second"_s));
        FileSecretStore reopened(secretsPath(), {});
        QCOMPARE(*reopened.read(u"source/prom"_s), u"second"_s);
        QCOMPARE(*reopened.read(u"source/hook"_s), u"https://hooks.example/T/B/x"_s);

        QVERIFY(reopened.remove(u"source/prom"_s));
        QVERIFY(reopened.remove(u"source/never-there"_s));
        QVERIFY(reopened.read(u"source/prom"_s)->isEmpty());
        QCOMPARE(*reopened.read(u"source/hook"_s), u"https://hooks.example/T/B/x"_s);
        QCOMPARE(modeOf(secretsPath()), mode_t(0600));
    }

    void fileStoreTightensALoosenedMode()
    {
        FileSecretStore store(secretsPath(), {});
        QVERIFY(store.write(u"k"_s, u"v"_s));
        QVERIFY(::chmod(QFile::encodeName(secretsPath()).constData(), 0644) == 0);
        QCOMPARE(*store.read(u"k"_s), u"v"_s);
        QCOMPARE(modeOf(secretsPath()), mode_t(0600));
    }

    void fileStoreRefusesAFileThatIsNotOurs_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not json") << QByteArray("hello, world\n");
        QTest::newRow("json array") << QByteArray("[\"a\", \"b\"]");
        QTest::newRow("non-string value") << QByteArray("{\"k\": 42}");
        QTest::newRow("truncated") << QByteArray("{\"k\": \"v");
    }

    void fileStoreRefusesAFileThatIsNotOurs()
    {
        QFETCH(QByteArray, content);
        QVERIFY(QDir().mkpath(m_dir.filePath(u"data"_s)));
        QFile file(secretsPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();

        FileSecretStore store(secretsPath(), {});
        const auto read = store.read(u"k"_s);
        QVERIFY(!read);
        QVERIFY2(read.errorMessage().contains(u"left as it is"_s), qPrintable(read.errorMessage()));
        QVERIFY(!store.write(u"k"_s, u"v"_s));
        QVERIFY(!store.remove(u"k"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
    }

    void openChoosesWhatIsReachable()
    {
        auto store = openSecretStore(secretsPath());
        QVERIFY(store);
        if (!expectKeychain()) {
            QVERIFY2(store->isFallback(), qPrintable(store->description()));
            QVERIFY(store->description().contains(u"no keychain reachable"_s));
            QVERIFY(store->write(u"source/x"_s, u"secret-value"_s));
            QCOMPARE(modeOf(secretsPath()), mode_t(0600));
            return;
        }
        QVERIFY2(!store->isFallback(), qPrintable(store->description()));
        // A key of its own, so that a run never sees another run's secret.
        const QString key = u"test/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(store->read(key)->isEmpty());
        const auto written = store->write(key, u"keychain secret ✓"_s);
        QVERIFY2(written, qPrintable(written.errorMessage()));
        QCOMPARE(*store->read(key), u"keychain secret ✓"_s);
        QVERIFY(store->write(key, u"replaced"_s));
        QCOMPARE(*store->read(key), u"replaced"_s);
        QVERIFY(store->remove(key));
        QVERIFY(store->read(key)->isEmpty());
        QVERIFY(store->remove(key));
        // Nothing went to the fallback file.
        QVERIFY(!QFile::exists(secretsPath()));
    }
};

QTEST_GUILESS_MAIN(SecretStoreTest)
#include "tst_secretstore.moc"
