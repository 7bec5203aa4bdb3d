#include "clirunner.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <memory>

using namespace Qt::StringLiterals;

// `incidentdesk sources` through the real binary with no display and no session bus:
// the list, adding and removing, secrets kept out of the database (in the 0600 fallback
// file, with a warning), and refusals that change nothing.
class CliSourcesTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_cli;

    QString dbPath() const { return m_dir->filePath(u"incidents.sqlite3"_s); }
    QString secretsFile() const
    {
        QDirIterator it(m_dir->filePath(u"data"_s), {u"secrets.json"_s}, QDir::Files,
            QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }
    QByteArray bytesOf(const QString &path) const
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    QByteArray databaseBytes() const
    {
        // The main file and its write-ahead log: a secret must be in neither.
        return bytesOf(dbPath()) + bytesOf(dbPath() + u"-wal"_s);
    }
    QJsonArray listed()
    {
        const auto r = m_cli->run({u"sources"_s, u"--json"_s});
        if (r.exitCode != 0)
            return {};
        return QJsonDocument::fromJson(r.out).array();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_cli = std::make_unique<CliRunner>(dbPath(), m_dir->filePath(u"data"_s));
        m_cli->environment().remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        QCOMPARE(
            m_cli->run({u"declare"_s, u"--title"_s, u"X"_s, u"--severity"_s, u"SEV-2"_s}).exitCode,
            0);
    }

    void addListAndRemove()
    {
        auto r = m_cli->run({u"sources"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.stdoutText().contains(u"No data sources"_s));
        QCOMPARE(listed().size(), 0);

        r = m_cli->run({u"sources"_s, u"add"_s, u"prom-eu"_s, u"--kind"_s, u"prometheus"_s,
            u"--url"_s, u"https://prom.example.org/prometheus"_s, u"--token-env"_s, u"PROM_TOKEN"_s,
            u"--timeout"_s, u"20"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.stdoutText().trimmed(), u"prom-eu"_s);
        r = m_cli->run({u"sources"_s, u"add"_s, u"am"_s, u"--kind"_s, u"alertmanager"_s, u"--url"_s,
            u"http://127.0.0.1:9093"_s});
        QCOMPARE(r.exitCode, 0);

        const QJsonArray all = listed();
        QCOMPARE(all.size(), 2);
        const QJsonObject prom = all.at(0).toObject();
        QCOMPARE(prom.value(u"name"_s).toString(), u"prom-eu"_s);
        QCOMPARE(prom.value(u"kind"_s).toString(), u"prometheus"_s);
        QCOMPARE(prom.value(u"url"_s).toString(), u"https://prom.example.org/prometheus"_s);
        QCOMPARE(prom.value(u"auth"_s).toString(), u"bearer"_s);
        QCOMPARE(prom.value(u"token_env"_s).toString(), u"PROM_TOKEN"_s);
        QCOMPARE(prom.value(u"timeout_seconds"_s).toInt(), 20);
        QCOMPARE(all.at(1).toObject().value(u"kind"_s).toString(), u"alertmanager"_s);

        r = m_cli->run({u"sources"_s});
        QVERIFY(r.stdoutText().contains(u"prom-eu"_s));
        QVERIFY(r.stdoutText().contains(u"$PROM_TOKEN"_s));

        r = m_cli->run({u"sources"_s, u"remove"_s, u"PROM-EU"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(listed().size(), 1);
    }

    void aWebhookUrlIsASecret()
    {
        const QString url = u"https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX"_s;
        const auto r = m_cli->run(
            {u"sources"_s, u"add"_s, u"ops"_s, u"--kind"_s, u"webhook"_s, u"--url"_s, url});
        QCOMPARE(r.exitCode, 0);
        // No keychain here: the fallback file, and the user is told.
        QVERIFY2(r.stderrText().contains(u"no keychain"_s), qPrintable(r.stderrText()));
        QCOMPARE(
            listed().at(0).toObject().value(u"url"_s).toString(), u"https://hooks.slack.com"_s);
        QVERIFY(!databaseBytes().contains("XXXXsecretXXXX"));
        const QString secrets = secretsFile();
        QVERIFY(!secrets.isEmpty());
        QVERIFY(bytesOf(secrets).contains("XXXXsecretXXXX"));
        struct stat info
        {
        };
        QCOMPARE(::stat(QFile::encodeName(secrets).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        // Nor in the log.
        QDirIterator logs(
            m_dir->filePath(u"data"_s), {u"*.log"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (logs.hasNext())
            QVERIFY(!bytesOf(logs.next()).contains("XXXXsecretXXXX"));

        QCOMPARE(m_cli->run({u"sources"_s, u"remove"_s, u"ops"_s}).exitCode, 0);
        QVERIFY(!bytesOf(secrets).contains("XXXXsecretXXXX"));
    }

    void refusalsChangeNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QStringList add {u"sources"_s, u"add"_s, u"new"_s};
        QTest::newRow("unknown kind")
            << (add + QStringList {u"--kind"_s, u"graphite"_s, u"--url"_s, u"http://x"_s}) << 2
            << u"--kind"_s;
        QTest::newRow("no url") << (add + QStringList {u"--kind"_s, u"prometheus"_s}) << 2
                                << u"--url"_s;
        QTest::newRow("ftp url") << (add
            + QStringList {u"--kind"_s, u"prometheus"_s, u"--url"_s, u"ftp://x.org"_s})
                                 << 2 << u"http"_s;
        QTest::newRow("password in url")
            << (add + QStringList {u"--kind"_s, u"prometheus"_s, u"--url"_s, u"http://u:p@x.org"_s})
            << 2 << u"password"_s;
        QTest::newRow("bad timeout") << (add
            + QStringList {u"--kind"_s, u"prometheus"_s, u"--url"_s, u"http://x.org"_s,
                u"--timeout"_s, u"soon"_s})
                                     << 2 << u"seconds"_s;
        QTest::newRow("missing ca file") << (add
            + QStringList {u"--kind"_s, u"prometheus"_s, u"--url"_s, u"http://x.org"_s,
                u"--ca-file"_s, u"/nonexistent/ca.pem"_s})
                                         << 2 << u"CA file"_s;
        QTest::newRow("bad env name") << (add
            + QStringList {u"--kind"_s, u"prometheus"_s, u"--url"_s, u"http://x.org"_s,
                u"--token-env"_s, u"MY-TOKEN"_s})
                                      << 2 << u"environment variable"_s;
        QTest::newRow("taken name") << QStringList {u"sources"_s, u"add"_s, u"Existing"_s,
            u"--kind"_s, u"prometheus"_s, u"--url"_s, u"http://y.org"_s}
                                    << 2 << u"exists"_s;
        QTest::newRow("no name") << QStringList {u"sources"_s, u"add"_s} << 2 << u"NAME"_s;
        QTest::newRow("unknown action")
            << QStringList {u"sources"_s, u"list"_s} << 2 << u"add or remove"_s;
        QTest::newRow("options without add")
            << QStringList {u"sources"_s, u"--kind"_s, u"prometheus"_s} << 2 << u"sources add"_s;
        QTest::newRow("remove unknown")
            << QStringList {u"sources"_s, u"remove"_s, u"nope"_s} << 1 << u"existing"_s;
    }

    void refusalsChangeNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QCOMPARE(m_cli
                     ->run({u"sources"_s, u"add"_s, u"existing"_s, u"--kind"_s, u"prometheus"_s,
                         u"--url"_s, u"http://x.org"_s})
                     .exitCode,
            0);
        const QByteArray before
            = listed().isEmpty() ? QByteArray() : QJsonDocument(listed()).toJson();
        const auto r = m_cli->run(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.stderrText().contains(message, Qt::CaseInsensitive), qPrintable(r.stderrText()));
        QCOMPARE(r.stderrText().count(u'\n'), 1); // one line
        QCOMPARE(QJsonDocument(listed()).toJson(), before);
    }
};

QTEST_GUILESS_MAIN(CliSourcesTest)
#include "tst_cli_sources.moc"
