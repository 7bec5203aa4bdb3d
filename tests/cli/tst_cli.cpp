#include "clirunner.h"

#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Every command of DESIGN §4 run through the real binary, with its success
// output and each error exit. A refused command must change nothing.
class CliTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_cli;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    QString declare(const QStringList &extra = {})
    {
        const auto r = m_cli->run(QStringList{QStringLiteral("declare"), QStringLiteral("--title"),
                                              QStringLiteral("API outage"), QStringLiteral("--severity"),
                                              QStringLiteral("SEV-2")}
                                  + extra);
        if (r.exitCode != 0)
            qWarning() << r.err;
        return r.stdoutText().trimmed();
    }

    QJsonObject showJson(const QString &id)
    {
        const auto r = m_cli->run({QStringLiteral("show"), id, QStringLiteral("--json")});
        return QJsonDocument::fromJson(r.out).object();
    }

    // The whole database as the CLI sees it: what must not move when a command is refused.
    QByteArray snapshot()
    {
        QByteArray all = m_cli->run({QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("--json")}).out;
        const auto list = QJsonDocument::fromJson(all).array();
        for (const auto &row : list)
            all += m_cli->run({QStringLiteral("show"), row[QStringLiteral("id")].toString(), QStringLiteral("--json")}).out;
        return all;
    }

    static QString importFixture()
    {
        return qEnvironmentVariable("INCIDENTDESK_SOURCE_DIR") + QStringLiteral("/tests/data/api-outage.json");
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_cli = std::make_unique<CliRunner>(path(QStringLiteral("desk.sqlite3")), path(QStringLiteral("data")));
    }

    void declarePrintsTheNewIdAlone()
    {
        const auto r = m_cli->run({QStringLiteral("declare"), QStringLiteral("--title"), QStringLiteral("Checkout down"),
                                   QStringLiteral("--severity"), QStringLiteral("SEV-1"), QStringLiteral("--summary"),
                                   QStringLiteral("Payments failing"), QStringLiteral("--commander"), QStringLiteral("Alice"),
                                   QStringLiteral("--at"), QStringLiteral("2026-11-23T14:05:00Z")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.stdoutText(), QStringLiteral("INC-1\n"));
        QVERIFY(r.err.isEmpty());
        const auto doc = showJson(QStringLiteral("INC-1"));
        QCOMPARE(doc[QStringLiteral("title")].toString(), QStringLiteral("Checkout down"));
        QCOMPARE(doc[QStringLiteral("severity")].toString(), QStringLiteral("SEV-1"));
        QCOMPARE(doc[QStringLiteral("status")].toString(), QStringLiteral("investigating"));
        QCOMPARE(doc[QStringLiteral("milestones")][QStringLiteral("started")].toString(),
                 QStringLiteral("2026-11-23T14:05:00Z"));
        QCOMPARE(doc[QStringLiteral("roles")][0][QStringLiteral("person")].toString(), QStringLiteral("Alice"));
        QCOMPARE(declare(), QStringLiteral("INC-2"));
    }

    void usageErrorsExitTwoAndChangeNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("messagePart");
        const QString t = QStringLiteral("--title");
        const QString s = QStringLiteral("--severity");
        QTest::newRow("declare without title") << QStringList{QStringLiteral("declare"), s, QStringLiteral("SEV-1")} << "--title";
        QTest::newRow("declare bad severity") << QStringList{QStringLiteral("declare"), t, QStringLiteral("x"), s, QStringLiteral("SEV-X")} << "severity";
        QTest::newRow("declare undefined severity") << QStringList{QStringLiteral("declare"), t, QStringLiteral("x"), s, QStringLiteral("SEV-7")} << "SEV-7";
        QTest::newRow("declare empty title") << QStringList{QStringLiteral("declare"), t, QStringLiteral("  "), s, QStringLiteral("SEV-1")} << "title";
        QTest::newRow("declare bad time") << QStringList{QStringLiteral("declare"), t, QStringLiteral("x"), s, QStringLiteral("1"), QStringLiteral("--at"), QStringLiteral("soon")} << "time";
        QTest::newRow("declare in the future") << QStringList{QStringLiteral("declare"), t, QStringLiteral("x"), s, QStringLiteral("1"), QStringLiteral("--at"), QStringLiteral("2999-01-01T00:00:00Z")} << "future";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("list"), QStringLiteral("--colour")} << "unknown option";
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << "unknown command";
        QTest::newRow("show bad id") << QStringList{QStringLiteral("show"), QStringLiteral("INC-x")} << "incident id";
        QTest::newRow("show extra argument") << QStringList{QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("2")} << "Usage";
        QTest::newRow("log empty text") << QStringList{QStringLiteral("log"), QStringLiteral("1"), QStringLiteral(" ")} << "empty";
        QTest::newRow("log bad kind") << QStringList{QStringLiteral("log"), QStringLiteral("1"), QStringLiteral("x"), QStringLiteral("--kind"), QStringLiteral("rumour")} << "rumour";
        QTest::newRow("log bad time") << QStringList{QStringLiteral("log"), QStringLiteral("1"), QStringLiteral("x"), QStringLiteral("--at"), QStringLiteral("25:00")} << "time";
        QTest::newRow("status unknown") << QStringList{QStringLiteral("status"), QStringLiteral("1"), QStringLiteral("fixed")} << "fixed";
        QTest::newRow("status same") << QStringList{QStringLiteral("status"), QStringLiteral("1"), QStringLiteral("investigating")} << "already";
        QTest::newRow("severity same") << QStringList{QStringLiteral("severity"), QStringLiteral("1"), QStringLiteral("SEV-2")} << "already";
        QTest::newRow("severity undefined") << QStringList{QStringLiteral("severity"), QStringLiteral("1"), QStringLiteral("SEV-9")} << "SEV-9";
        QTest::newRow("milestone unknown") << QStringList{QStringLiteral("milestone"), QStringLiteral("1"), QStringLiteral("fixed"), QStringLiteral("10:00")} << "milestone";
        QTest::newRow("milestone bad time") << QStringList{QStringLiteral("milestone"), QStringLiteral("1"), QStringLiteral("detected"), QStringLiteral("noon")} << "time";
        QTest::newRow("assign bad role") << QStringList{QStringLiteral("assign"), QStringLiteral("1"), QStringLiteral("big boss"), QStringLiteral("Eve")} << "role";
        QTest::newRow("action bad verb") << QStringList{QStringLiteral("action"), QStringLiteral("1"), QStringLiteral("remove"), QStringLiteral("1")} << "add or done";
        QTest::newRow("action done missing") << QStringList{QStringLiteral("action"), QStringLiteral("1"), QStringLiteral("done"), QStringLiteral("9")} << "no action item";
        QTest::newRow("action bad due") << QStringList{QStringLiteral("action"), QStringLiteral("1"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--due"), QStringLiteral("tomorrow")} << "date";
        QTest::newRow("update without status") << QStringList{QStringLiteral("update"), QStringLiteral("1")} << "--status";
        QTest::newRow("export bad format") << QStringList{QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--format"), QStringLiteral("docx")} << "docx";
        QTest::newRow("option twice") << QStringList{QStringLiteral("log"), QStringLiteral("1"), QStringLiteral("x"), QStringLiteral("--at"), QStringLiteral("10:00"), QStringLiteral("--at"), QStringLiteral("11:00")} << "twice";
    }

    void usageErrorsExitTwoAndChangeNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, messagePart);
        QCOMPARE(declare(), QStringLiteral("INC-1"));
        const QByteArray before = snapshot();
        const auto r = m_cli->run(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        const QString err = r.stderrText();
        QVERIFY2(err.contains(messagePart, Qt::CaseInsensitive), qPrintable(err));
        QCOMPARE(err.count(u'\n'), 1); // one clear line
        QCOMPARE(snapshot(), before);
    }

    void otherFailuresExitOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("show missing incident") << QStringList{QStringLiteral("show"), QStringLiteral("INC-42")} << "INC-42";
        QTest::newRow("log on missing incident") << QStringList{QStringLiteral("log"), QStringLiteral("42"), QStringLiteral("x")} << "INC-42";
        QTest::newRow("status on missing incident") << QStringList{QStringLiteral("status"), QStringLiteral("42"), QStringLiteral("resolved")} << "INC-42";
        QTest::newRow("import missing file") << QStringList{QStringLiteral("import"), QStringLiteral("/nonexistent/x.json")} << "x.json";
    }

    void otherFailuresExitOne()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, messagePart);
        QCOMPARE(declare(), QStringLiteral("INC-1"));
        const QByteArray before = snapshot();
        const auto r = m_cli->run(arguments);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.stderrText().contains(messagePart), r.err.constData());
        QCOMPARE(r.stderrText().count(u'\n'), 1);
        QCOMPARE(snapshot(), before);
    }

    void listShowsOpenIncidentsFirst()
    {
        declare();
        QCOMPARE(m_cli->run({QStringLiteral("declare"), QStringLiteral("--title"), QStringLiteral("Minor | thing"),
                             QStringLiteral("--severity"), QStringLiteral("3")}).exitCode, 0);
        QCOMPARE(m_cli->run({QStringLiteral("status"), QStringLiteral("1"), QStringLiteral("closed")}).exitCode, 0);

        auto r = m_cli->run({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        auto rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 1); // closed ones only with --all
        QCOMPARE(rows[0][QStringLiteral("id")].toString(), QStringLiteral("INC-2"));
        const QStringList keys = rows[0].toObject().keys();
        QCOMPARE(keys, (QStringList{QStringLiteral("declared"), QStringLiteral("id"), QStringLiteral("resolved"),
                                    QStringLiteral("severity"), QStringLiteral("started"), QStringLiteral("status"),
                                    QStringLiteral("title")}));
        QVERIFY(rows[0][QStringLiteral("resolved")].isNull());

        r = m_cli->run({QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("--json")});
        rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[1][QStringLiteral("status")].toString(), QStringLiteral("closed"));
        QVERIFY(!rows[1][QStringLiteral("resolved")].isNull());

        r = m_cli->run({QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.stdoutText().contains(QStringLiteral("INC-2")));
        QVERIFY(r.stdoutText().contains(QStringLiteral("Minor | thing")));
        QVERIFY(!r.stdoutText().contains(QStringLiteral("INC-1 ")));
    }

    void logPrintsTheEntryIdAndBackdates()
    {
        declare();
        auto r = m_cli->run({QStringLiteral("log"), QStringLiteral("INC-1"), QStringLiteral("Rolled back v2.5"),
                             QStringLiteral("--kind"), QStringLiteral("action"), QStringLiteral("--at"),
                             QStringLiteral("2026-11-23T10:00:00Z"), QStringLiteral("--author"), QStringLiteral("Bob")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9]+\n$")).match(r.stdoutText()).hasMatch());
        r = m_cli->run({QStringLiteral("log"), QStringLiteral("1"), QStringLiteral("--"), QStringLiteral("-5% traffic")});
        QCOMPARE(r.exitCode, 0);

        const auto timeline = showJson(QStringLiteral("1"))[QStringLiteral("timeline")].toArray();
        QJsonObject backdated;
        bool sawDash = false;
        for (const auto &entry : timeline) {
            if (entry[QStringLiteral("text")].toString() == u"Rolled back v2.5")
                backdated = entry.toObject();
            sawDash |= entry[QStringLiteral("text")].toString() == u"-5% traffic";
        }
        QVERIFY(sawDash);
        QCOMPARE(backdated[QStringLiteral("kind")].toString(), QStringLiteral("action"));
        QCOMPARE(backdated[QStringLiteral("author")].toString(), QStringLiteral("Bob"));
        QCOMPARE(backdated[QStringLiteral("at")].toString(), QStringLiteral("2026-11-23T10:00:00Z"));
        QVERIFY(backdated[QStringLiteral("written_at")].toString() > backdated[QStringLiteral("at")].toString());
        // Sorted by time: the backdated entry comes before the declaration.
        QCOMPARE(timeline.first()[QStringLiteral("text")].toString(), QStringLiteral("Rolled back v2.5"));
    }

    void lifecycleSeverityMilestonesAndRoles()
    {
        declare({QStringLiteral("--commander"), QStringLiteral("Alice")});
        const QString id = QStringLiteral("INC-1");
        QCOMPARE(m_cli->run({QStringLiteral("status"), id, QStringLiteral("identified")}).exitCode, 0);
        QCOMPARE(m_cli->run({QStringLiteral("severity"), id, QStringLiteral("SEV-1"), QStringLiteral("--reason"),
                             QStringLiteral("EU down too")}).exitCode, 0);
        QCOMPARE(m_cli->run({QStringLiteral("milestone"), id, QStringLiteral("detected"), QStringLiteral("2026-11-23T13:00:00Z")}).exitCode, 0);
        QCOMPARE(m_cli->run({QStringLiteral("assign"), id, QStringLiteral("commander"), QStringLiteral("Bob")}).exitCode, 0);
        QCOMPARE(m_cli->run({QStringLiteral("assign"), id, QStringLiteral("scribe"), QStringLiteral("Dana")}).exitCode, 0);
        QCOMPARE(m_cli->run({QStringLiteral("status"), id, QStringLiteral("resolved")}).exitCode, 0);
        QCOMPARE(m_cli->run({QStringLiteral("status"), id, QStringLiteral("closed")}).exitCode, 0);

        auto r = m_cli->run({QStringLiteral("status"), id, QStringLiteral("investigating")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.stderrText().contains(QStringLiteral("reopen")));
        QCOMPARE(m_cli->run({QStringLiteral("status"), id, QStringLiteral("investigating"), QStringLiteral("--reopen")}).exitCode, 0);

        const auto doc = showJson(id);
        QCOMPARE(doc[QStringLiteral("severity")].toString(), QStringLiteral("SEV-1"));
        QCOMPARE(doc[QStringLiteral("status")].toString(), QStringLiteral("investigating"));
        QCOMPARE(doc[QStringLiteral("milestones")][QStringLiteral("detected")].toString(), QStringLiteral("2026-11-23T13:00:00Z"));
        QVERIFY(doc[QStringLiteral("milestones")][QStringLiteral("resolved")].isNull()); // reopened
        const auto roles = doc[QStringLiteral("roles")].toArray();
        QCOMPARE(roles.size(), 3);
        QCOMPARE(roles[0][QStringLiteral("person")].toString(), QStringLiteral("Alice"));
        QVERIFY(!roles[0][QStringLiteral("to")].isNull()); // handed off
        QCOMPARE(roles[1][QStringLiteral("person")].toString(), QStringLiteral("Bob"));
        QVERIFY(roles[1][QStringLiteral("to")].isNull());

        QStringList kinds;
        for (const auto &entry : doc[QStringLiteral("timeline")].toArray())
            kinds.append(entry[QStringLiteral("kind")].toString());
        for (const char *kind : {"status", "severity", "milestone", "role"})
            QVERIFY2(kinds.contains(QString::fromLatin1(kind)), kind);

        r = m_cli->run({QStringLiteral("show"), id});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.stdoutText().contains(QStringLiteral("Severity: SEV-1")));
        QVERIFY(r.stdoutText().contains(QStringLiteral("Dana")));

        QCOMPARE(m_cli->run({QStringLiteral("milestone"), id, QStringLiteral("detected"), QStringLiteral("none")}).exitCode, 0);
        QVERIFY(showJson(id)[QStringLiteral("milestones")][QStringLiteral("detected")].isNull());
    }

    void actionItemsAndUpdates()
    {
        declare();
        auto r = m_cli->run({QStringLiteral("action"), QStringLiteral("1"), QStringLiteral("add"),
                             QStringLiteral("Add pool monitoring"), QStringLiteral("--owner"), QStringLiteral("Alice"),
                             QStringLiteral("--due"), QStringLiteral("2026-12-01")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.stdoutText(), QStringLiteral("1\n"));
        QCOMPARE(m_cli->run({QStringLiteral("action"), QStringLiteral("1"), QStringLiteral("done"), QStringLiteral("1")}).exitCode, 0);
        QCOMPARE(m_cli->run({QStringLiteral("action"), QStringLiteral("1"), QStringLiteral("done"), QStringLiteral("1")}).exitCode, 2);
        QCOMPARE(m_cli->run({QStringLiteral("update"), QStringLiteral("1"), QStringLiteral("--status"), QStringLiteral("Investigating"),
                             QStringLiteral("--impact"), QStringLiteral("Checkout errors"), QStringLiteral("--next"), QStringLiteral("20")}).exitCode, 0);
        const auto doc = showJson(QStringLiteral("1"));
        const auto item = doc[QStringLiteral("action_items")][0];
        QCOMPARE(item[QStringLiteral("status")].toString(), QStringLiteral("done"));
        QCOMPARE(item[QStringLiteral("due")].toString(), QStringLiteral("2026-12-01"));
        QCOMPARE(item[QStringLiteral("owner")].toString(), QStringLiteral("Alice"));
        const auto update = doc[QStringLiteral("status_updates")][0];
        QCOMPARE(update[QStringLiteral("impact")].toString(), QStringLiteral("Checkout errors"));
        const auto at = QDateTime::fromString(update[QStringLiteral("at")].toString(), Qt::ISODate);
        const auto next = QDateTime::fromString(update[QStringLiteral("next_update_at")].toString(), Qt::ISODate);
        QCOMPARE(at.secsTo(next), 20 * 60);
    }

    void importThenExportRoundTrips()
    {
        auto r = m_cli->run({QStringLiteral("import"), importFixture()});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.stdoutText(), QStringLiteral("INC-1\n"));

        const QString first = path(QStringLiteral("first.json"));
        QCOMPARE(m_cli->run({QStringLiteral("export"), QStringLiteral("INC-1"), QStringLiteral("--format"),
                             QStringLiteral("json"), QStringLiteral("-o"), first}).exitCode, 0);
        r = m_cli->run({QStringLiteral("import"), first});
        QCOMPARE(r.stdoutText(), QStringLiteral("INC-2\n"));
        const auto second = m_cli->run({QStringLiteral("export"), QStringLiteral("INC-2")});
        QCOMPARE(second.exitCode, 0);

        QFile file(first);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray expected = file.readAll();
        expected.replace("\"INC-1\"", "\"INC-2\"");
        QCOMPARE(second.out, expected);

        // The fixture's content survives: the same document, ids aside.
        QFile fixture(importFixture());
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        QJsonObject original = QJsonDocument::fromJson(fixture.readAll()).object();
        QJsonObject exported = QJsonDocument::fromJson(expected).object();
        original.remove(QStringLiteral("id"));
        exported.remove(QStringLiteral("id"));
        QCOMPARE(exported, original);
    }

    void malformedImportIsRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("not json") << QByteArray("{\"format\": ") << "JSON";
        QTest::newRow("not ours") << QByteArray("{\"hello\": \"world\"}") << "format";
        QTest::newRow("bad kind") << QByteArray() << "kind";
    }

    void malformedImportIsRefused()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, messagePart);
        if (content.isEmpty()) {
            QFile fixture(importFixture());
            QVERIFY(fixture.open(QIODevice::ReadOnly));
            content = fixture.readAll().replace("\"kind\": \"decision\"", "\"kind\": \"rumour\"");
        }
        declare();
        const QByteArray before = snapshot();
        QFile file(path(QStringLiteral("bad.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        const auto r = m_cli->run({QStringLiteral("import"), file.fileName()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.stderrText().contains(messagePart), r.err.constData());
        QCOMPARE(r.stderrText().count(u'\n'), 1);
        QCOMPARE(snapshot(), before);
    }

    void foreignFileIsRefusedAndUntouched()
    {
        const QString foreign = path(QStringLiteral("notes.txt"));
        QFile file(foreign);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are my notes, not a database\n");
        file.close();
        CliRunner cli(foreign, path(QStringLiteral("data")));
        const auto r = cli.run({QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.stderrText().contains(foreign), r.err.constData());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("these are my notes, not a database\n"));
        QVERIFY(!QFile::exists(foreign + QStringLiteral("-wal")));
    }

    void screenshotRendersWithoutADisplay()
    {
        QCOMPARE(m_cli->run({QStringLiteral("import"), importFixture()}).exitCode, 0);
        const QString png = path(QStringLiteral("shot.png"));
        const auto r = m_cli->run({QStringLiteral("--screenshot"), png, QStringLiteral("--incident"),
                                   QStringLiteral("INC-1"), QStringLiteral("--size"), QStringLiteral("1200x800")});
        QCOMPARE(r.exitCode, 0);
        QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 800));

        const auto missing = m_cli->run({QStringLiteral("--screenshot"), png, QStringLiteral("--incident"), QStringLiteral("9")});
        QCOMPARE(missing.exitCode, 1);
        const auto badSize = m_cli->run({QStringLiteral("--screenshot"), png, QStringLiteral("--size"), QStringLiteral("huge")});
        QCOMPARE(badSize.exitCode, 2);
    }

    void windowWithoutDisplaySaysWhatToDo()
    {
        const auto r = m_cli->run({});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.stderrText().contains(QStringLiteral("display")));
        QVERIFY(r.stderrText().contains(QStringLiteral("xvfb-run")));
    }

    void helpListsEveryCommand()
    {
        const auto r = m_cli->runWithoutDb({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *command : {"declare", "list", "show", "log", "status", "severity", "milestone",
                                    "assign", "update", "action", "export", "import", "--screenshot"})
            QVERIFY2(r.stdoutText().contains(QString::fromLatin1(command)), command);
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
