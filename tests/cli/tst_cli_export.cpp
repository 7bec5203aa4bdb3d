#include "clirunner.h"
#include "incidentjson.h"
#include "postmortemmarkdown.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// `incidentdesk export ID --format markdown|html [-o FILE]` through the real binary,
// with no display: the postmortem document on stdout or in a file, the blameless
// check's findings as warnings on stderr (exit 0), and a refused format (exit 2).
class CliExportTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_cli;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    static QString fixturePath()
    {
        return qEnvironmentVariable("INCIDENTDESK_SOURCE_DIR")
            + QStringLiteral("/tests/data/api-outage.json");
    }

    static QByteArray readFile(const QString &name)
    {
        QFile file(name);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    CliRunner::Outcome exportAs(const QStringList &extra)
    {
        return m_cli->run(QStringList {QStringLiteral("export"), QStringLiteral("INC-1")} + extra);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_cli = std::make_unique<CliRunner>(
            path(QStringLiteral("desk.sqlite3")), path(QStringLiteral("data")));
        const auto imported = m_cli->run({QStringLiteral("import"), fixturePath()});
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(imported.stdoutText(), QStringLiteral("INC-1\n"));
    }

    void markdownToStdout()
    {
        const auto r = exportAs({QStringLiteral("--format"), QStringLiteral("markdown")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData()); // the fixture's language is blameless

        // Exactly what the renderer makes of the stored incident at the default rate.
        auto incident = idesk::IncidentJson::fromJson(readFile(fixturePath()));
        QVERIFY2(incident.ok(), qPrintable(incident.errorMessage()));
        incident->header.id = 1;
        idesk::PostmortemOptions options; // the default hourly rate; "now" only marks overdue
        QCOMPARE(r.stdoutText(), idesk::PostmortemMarkdown::render(*incident, options));

        const QString text = r.stdoutText();
        QVERIFY(text.startsWith(QStringLiteral("# Postmortem: API outage (INC-1)\n")));
        QStringList headings;
        for (const QString &line : text.split(u'\n')) {
            if (line.startsWith(QStringLiteral("## ")))
                headings.append(line.mid(3));
        }
        QCOMPARE(headings,
            QStringList({QStringLiteral("Executive Summary"), QStringLiteral("Impact"),
                QStringLiteral("Key Metrics"),
                QStringLiteral("Root Cause and Contributing Factors"), QStringLiteral("Trigger"),
                QStringLiteral("Detection"), QStringLiteral("Resolution"),
                QStringLiteral("Responders"), QStringLiteral("Timeline"),
                QStringLiteral("What Went Well"), QStringLiteral("What Went Wrong"),
                QStringLiteral("Where We Got Lucky"), QStringLiteral("Action Items"),
                QStringLiteral("Lessons Learned"), QStringLiteral("Supporting Information"),
                QStringLiteral("Status Updates")}));
    }

    void markdownToFile()
    {
        const QString file = path(QStringLiteral("out/INC-1.md"));
        QVERIFY(QDir().mkpath(path(QStringLiteral("out"))));
        const auto r = exportAs(
            {QStringLiteral("--format"), QStringLiteral("markdown"), QStringLiteral("-o"), file});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        const auto toStdout = exportAs({QStringLiteral("--format"), QStringLiteral("md")});
        QCOMPARE(toStdout.exitCode, 0);
        QCOMPARE(readFile(file), toStdout.out);
        QVERIFY(readFile(file).contains("| Add connection pool monitoring | Detect | Alice |"));
    }

    void html()
    {
        // Hostile text on the timeline must come out as text, never as markup.
        QCOMPARE(m_cli
                     ->run({QStringLiteral("log"), QStringLiteral("INC-1"),
                         QStringLiteral("<script>alert(1)</script> | a\nb")})
                     .exitCode,
            0);
        const auto r = exportAs({QStringLiteral("--format"), QStringLiteral("html")});
        QCOMPARE(r.exitCode, 0);
        const QString html = r.stdoutText();
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("<meta charset=\"utf-8\">")));
        QVERIFY(html.contains(QStringLiteral("<title>Postmortem: API outage (INC-1)</title>")));
        QVERIFY(html.contains(QStringLiteral("<h1>Postmortem: API outage (INC-1)</h1>")));
        QVERIFY(html.contains(QStringLiteral("<h2>Action Items</h2>")));
        QVERIFY(html.contains(QStringLiteral("<td>Add connection pool monitoring</td>")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt; | a<br>b")));
        QVERIFY(!html.contains(QStringLiteral("<script")));
        QVERIFY(html.trimmed().endsWith(QStringLiteral("</html>")));

        const QString file = path(QStringLiteral("INC-1.html"));
        QCOMPARE(exportAs({QStringLiteral("--format"), QStringLiteral("html"), QStringLiteral("-o"),
                              file})
                     .exitCode,
            0);
        QCOMPARE(readFile(file), r.out);
    }

    void blamelessFindingsAreWarnings()
    {
        QCOMPARE(m_cli
                     ->run({QStringLiteral("log"), QStringLiteral("INC-1"),
                         QStringLiteral("The rollback failed because of human error")})
                     .exitCode,
            0);
        const auto r = exportAs({QStringLiteral("--format"), QStringLiteral("markdown")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.stdoutText().contains(QStringLiteral("because of human error")));
        const QStringList lines = r.stderrText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].startsWith(QStringLiteral("incidentdesk: warning: Timeline entry at ")),
            qPrintable(lines[0]));
        QVERIFY(lines[0].contains(QStringLiteral("\"human error\"")));

        // The JSON export is a record, not a document: no language check there.
        const auto json = exportAs({QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(json.exitCode, 0);
        QVERIFY(json.err.isEmpty());
    }

    void badFormatIsAUsageError_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("pdf (GUI only)") << QStringLiteral("pdf");
        QTest::newRow("docx") << QStringLiteral("docx");
        QTest::newRow("upper case") << QStringLiteral("HTML");
        QTest::newRow("empty") << QString();
    }

    void badFormatIsAUsageError()
    {
        QFETCH(QString, format);
        const QString file = path(QStringLiteral("never.out"));
        const auto r = exportAs({QStringLiteral("--format"), format, QStringLiteral("-o"), file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.stderrText().count(u'\n'), 1);
        QVERIFY2(r.stderrText().startsWith(QStringLiteral("incidentdesk: --format")),
            qPrintable(r.stderrText()));
        QVERIFY(!QFile::exists(file));
    }

    void unknownIncidentFails()
    {
        const auto r = m_cli->run({QStringLiteral("export"), QStringLiteral("INC-99"),
            QStringLiteral("--format"), QStringLiteral("markdown")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.stderrText().startsWith(QStringLiteral("incidentdesk: ")));
    }
};

QTEST_GUILESS_MAIN(CliExportTest)
#include "tst_cli_export.moc"
