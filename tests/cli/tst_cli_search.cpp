#include "clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// `incidentdesk search` and `incidentdesk backup` through the real binary
// (DESIGN §4): output formats, exit codes, and refusals that change nothing.
class CliSearchTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_cli;
    qint64 m_loggedEntry = 0;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    CliRunner::Outcome run(const QStringList &arguments)
    {
        const auto r = m_cli->run(arguments);
        if (r.exitCode != 0)
            qWarning().noquote() << arguments.join(u' ') << "->" << r.exitCode << r.stderrText();
        return r;
    }

    // INC-1 "Checkout errors" with a note, INC-2 "Disk full" with an update.
    void populate()
    {
        QCOMPARE(run({QStringLiteral("declare"), QStringLiteral("--title"),
                         QStringLiteral("Checkout errors"), QStringLiteral("--severity"),
                         QStringLiteral("SEV-1"), QStringLiteral("--summary"),
                         QStringLiteral("Payments failing for EU customers"),
                         QStringLiteral("--at"), QStringLiteral("2024-11-23T14:05:00Z")})
                     .exitCode,
            0);
        m_loggedEntry = run({QStringLiteral("log"), QStringLiteral("INC-1"),
                                QStringLiteral("Rolled back the checkout deploy"),
                                QStringLiteral("--at"), QStringLiteral("2024-11-23T14:20:00Z"),
                                QStringLiteral("--kind"), QStringLiteral("action")})
                            .stdoutText()
                            .trimmed()
                            .toLongLong();
        QVERIFY(m_loggedEntry > 0);
        QCOMPARE(run({QStringLiteral("declare"), QStringLiteral("--title"),
                         QStringLiteral("Disk full on db-1"), QStringLiteral("--severity"),
                         QStringLiteral("SEV-3"), QStringLiteral("--at"),
                         QStringLiteral("2024-11-24T08:00:00Z")})
                     .exitCode,
            0);
        QCOMPARE(run({QStringLiteral("update"), QStringLiteral("INC-2"), QStringLiteral("--status"),
                         QStringLiteral("Cleaning old WAL archives")})
                     .exitCode,
            0);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_cli = std::make_unique<CliRunner>(
            path(QStringLiteral("desk.sqlite3")), path(QStringLiteral("data")));
    }

    void searchPrintsOneLinePerHit()
    {
        populate();
        const auto r = run({QStringLiteral("search"), QStringLiteral("checkout")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QStringList lines = r.stdoutText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        // The title match ranks first; each line: INC-n  kind  time  snippet.
        static const QRegularExpression line(
            QStringLiteral(R"(^(INC-\d+)\s+(\S+)\s+(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\s+(.*)$)"));
        const auto first = line.match(lines.at(0));
        QVERIFY2(first.hasMatch(), qPrintable(lines.at(0)));
        QCOMPARE(first.captured(1), QStringLiteral("INC-1"));
        QCOMPARE(first.captured(2), QStringLiteral("incident"));
        QCOMPARE(first.captured(3), QStringLiteral("2024-11-23T14:05:00Z"));
        QCOMPARE(first.captured(4), QStringLiteral("[Checkout] errors"));
        const auto second = line.match(lines.at(1));
        QVERIFY2(second.hasMatch(), qPrintable(lines.at(1)));
        QCOMPARE(second.captured(2), QStringLiteral("action"));
        QCOMPARE(second.captured(3), QStringLiteral("2024-11-23T14:20:00Z"));
        QCOMPARE(second.captured(4), QStringLiteral("Rolled back the [checkout] deploy"));

        // Several words, unquoted, mean the same as one quoted text.
        const auto words
            = run({QStringLiteral("search"), QStringLiteral("rolled"), QStringLiteral("deploy")});
        QCOMPARE(words.stdoutText().count(u'\n'), 1);
        QCOMPARE(run({QStringLiteral("search"), QStringLiteral("rolled deploy")}).out, words.out);
    }

    void searchJson()
    {
        populate();
        const auto r
            = run({QStringLiteral("search"), QStringLiteral("checkout"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(r.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.isArray());
        const QJsonArray hits = doc.array();
        QCOMPARE(hits.size(), 2);
        const QJsonObject incident = hits.at(0).toObject();
        QCOMPARE(incident.keys(),
            (QStringList {QStringLiteral("at"), QStringLiteral("entry"), QStringLiteral("incident"),
                QStringLiteral("kind"), QStringLiteral("snippet")}));
        QCOMPARE(incident[QStringLiteral("incident")].toString(), QStringLiteral("INC-1"));
        QVERIFY(incident[QStringLiteral("entry")].isNull());
        QCOMPARE(incident[QStringLiteral("kind")].toString(), QStringLiteral("incident"));
        QCOMPARE(incident[QStringLiteral("at")].toString(), QStringLiteral("2024-11-23T14:05:00Z"));
        QCOMPARE(
            incident[QStringLiteral("snippet")].toString(), QStringLiteral("[Checkout] errors"));
        const QJsonObject entry = hits.at(1).toObject();
        QVERIFY(entry[QStringLiteral("entry")].isDouble());
        QVERIFY(entry[QStringLiteral("entry")].toInteger() > 0);
        QCOMPARE(entry[QStringLiteral("kind")].toString(), QStringLiteral("action"));

        // The entry id is the one `log` printed for that entry.
        QCOMPARE(entry[QStringLiteral("entry")].toInteger(), m_loggedEntry);

        const auto update
            = run({QStringLiteral("search"), QStringLiteral("archives"), QStringLiteral("--json")});
        // The update itself (no entry id), and the timeline entry that records it.
        const QJsonArray updates = QJsonDocument::fromJson(update.out).array();
        QCOMPARE(updates.size(), 2);
        int withEntry = 0;
        for (const auto &hit : updates) {
            QCOMPARE(hit[QStringLiteral("incident")].toString(), QStringLiteral("INC-2"));
            QCOMPARE(hit[QStringLiteral("kind")].toString(), QStringLiteral("update"));
            withEntry += hit[QStringLiteral("entry")].isNull() ? 0 : 1;
        }
        QCOMPARE(withEntry, 1);

        // No hit: an empty array, exit 0.
        const auto none
            = run({QStringLiteral("search"), QStringLiteral("zebra"), QStringLiteral("--json")});
        QCOMPARE(none.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(none.out).array().size(), 0);
        QCOMPARE(run({QStringLiteral("search"), QStringLiteral("zebra")}).out, QByteArray());
    }

    void searchTakesQuerySyntaxAsText()
    {
        populate();
        for (const QString &text :
            {QStringLiteral("\""), QStringLiteral("NEAR(disk"), QStringLiteral("disk*"),
                QStringLiteral("title:disk"), QStringLiteral("disk OR"), QStringLiteral("(")}) {
            const auto r = m_cli->run({QStringLiteral("search"), QStringLiteral("--"), text});
            QVERIFY2(r.exitCode == 0, qPrintable(text + u' ' + r.stderrText()));
            QVERIFY2(r.err.isEmpty(), qPrintable(r.stderrText()));
        }
        const auto dashed
            = m_cli->run({QStringLiteral("search"), QStringLiteral("--"), QStringLiteral("-disk")});
        QCOMPARE(dashed.exitCode, 0);
        QCOMPARE(dashed.stdoutText().count(u'\n'), 1);
    }

    void searchUsageErrors()
    {
        populate();
        const QByteArray before = QFile(path(QStringLiteral("desk.sqlite3"))).exists()
            ? run({QStringLiteral("search"), QStringLiteral("e"), QStringLiteral("--json")}).out
            : QByteArray();
        for (const QStringList &args : {QStringList {QStringLiteral("search")},
                 QStringList {QStringLiteral("search"), QStringLiteral("  ")},
                 QStringList {QStringLiteral("search"), QStringLiteral("x"),
                     QStringLiteral("--limit"), QStringLiteral("3")}}) {
            const auto r = m_cli->run(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY(r.out.isEmpty());
            QCOMPARE(r.stderrText().count(u'\n'), 1);
            QVERIFY(r.stderrText().startsWith(QStringLiteral("incidentdesk: ")));
        }
        QCOMPARE(run({QStringLiteral("search"), QStringLiteral("e"), QStringLiteral("--json")}).out,
            before);
    }

    void backupWritesAnOpenableCopy()
    {
        populate();
        const QString target = path(QStringLiteral("copy.sqlite3"));
        const auto r = run({QStringLiteral("backup"), target});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY(r.out.isEmpty());
        QVERIFY(QFile::exists(target));

        // The copy is a normal database: the same incidents, searchable.
        CliRunner copy(target, path(QStringLiteral("data")));
        const auto list
            = copy.run({QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.out,
            run({QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("--json")}).out);
        QCOMPARE(copy.run({QStringLiteral("search"), QStringLiteral("deploy")}).out,
            run({QStringLiteral("search"), QStringLiteral("deploy")}).out);

        // The original keeps working and the copy does not follow it.
        QCOMPARE(
            run({QStringLiteral("log"), QStringLiteral("INC-1"), QStringLiteral("later")}).exitCode,
            0);
        QCOMPARE(copy.run({QStringLiteral("search"), QStringLiteral("later")}).out, QByteArray());
    }

    void backupRefusals()
    {
        populate();
        // An existing file is never overwritten (exit 2, the file unchanged).
        const QString existing = path(QStringLiteral("notes.txt"));
        {
            QFile file(existing);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("keep me");
        }
        auto r = m_cli->run({QStringLiteral("backup"), existing});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.stderrText().count(u'\n'), 1);
        QVERIFY(r.stderrText().contains(QStringLiteral("exists")));
        QFile file(existing);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));

        // Usage: exactly one FILE.
        QCOMPARE(m_cli->run({QStringLiteral("backup")}).exitCode, 2);
        QCOMPARE(m_cli
                     ->run({QStringLiteral("backup"), path(QStringLiteral("a")),
                         path(QStringLiteral("b"))})
                     .exitCode,
            2);
        QVERIFY(!QFile::exists(path(QStringLiteral("a"))));

        // A folder that does not exist: exit 1, nothing created.
        r = m_cli->run({QStringLiteral("backup"), path(QStringLiteral("missing/dir/b.sqlite3"))});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.stderrText().count(u'\n'), 1);
        QVERIFY(!QFile::exists(path(QStringLiteral("missing"))));

        // A database that does not exist is not created just to be copied.
        CliRunner nowhere(path(QStringLiteral("nothing.sqlite3")), path(QStringLiteral("data")));
        r = nowhere.run({QStringLiteral("backup"), path(QStringLiteral("out.sqlite3"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(path(QStringLiteral("nothing.sqlite3"))));
        QVERIFY(!QFile::exists(path(QStringLiteral("out.sqlite3"))));
    }
};

QTEST_GUILESS_MAIN(CliSearchTest)
#include "tst_cli_search.moc"
