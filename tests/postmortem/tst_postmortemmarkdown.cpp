#include "gfmsupport.h"
#include "incidentjson.h"
#include "markdownescape.h"
#include "postmortemmarkdown.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace idesk;

namespace {

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

QString dataPath(const char *name)
{
    return QStringLiteral(INCIDENTDESK_TEST_DATA_DIR "/") + QLatin1String(name);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

const QStringList kSections {
    QStringLiteral("Executive Summary"),
    QStringLiteral("Impact"),
    QStringLiteral("Key Metrics"),
    QStringLiteral("Root Cause and Contributing Factors"),
    QStringLiteral("Trigger"),
    QStringLiteral("Detection"),
    QStringLiteral("Resolution"),
    QStringLiteral("Responders"),
    QStringLiteral("Timeline"),
    QStringLiteral("What Went Well"),
    QStringLiteral("What Went Wrong"),
    QStringLiteral("Where We Got Lucky"),
    QStringLiteral("Action Items"),
    QStringLiteral("Lessons Learned"),
    QStringLiteral("Supporting Information"),
    QStringLiteral("Status Updates"),
};

PostmortemOptions fixedOptions()
{
    PostmortemOptions options;
    options.hourlyRate = 100.0;
    options.now = utc("2024-11-25T17:00:00Z");
    return options;
}

// The body of one "## Title" section, up to the next one.
QString sectionOf(const QString &markdown, const QString &title)
{
    const QString heading = QStringLiteral("\n## ") + title + u'\n';
    const qsizetype start = markdown.indexOf(heading);
    if (start < 0)
        return {};
    const qsizetype bodyStart = start + heading.size();
    const qsizetype end = markdown.indexOf(QStringLiteral("\n## "), bodyStart);
    return markdown.mid(bodyStart, end < 0 ? -1 : end - bodyStart).trimmed();
}

// Row texts of the Markdown table in a section (header and delimiter rows dropped).
QStringList tableRows(const QString &section)
{
    QStringList rows;
    const QStringList lines = section.split(u'\n');
    for (qsizetype i = 2; i < lines.size(); ++i) {
        if (lines[i].startsWith(u'|'))
            rows.append(lines[i]);
    }
    return rows;
}

// An incident with `text` in every place a user can type.
Incident hostileIncident(const QString &text)
{
    Incident incident;
    IncidentHeader &h = incident.header;
    h.id = 42;
    h.title = u8("Outage ") + text;
    h.summary = text;
    h.severity = 2;
    h.status = Status::Resolved;
    // Spans midnight: every time shows its date.
    h.milestones.set(Milestone::Started, utc("2024-11-25T23:40:00Z"));
    h.milestones.set(Milestone::Detected, utc("2024-11-25T23:45:00Z"));
    h.milestones.set(Milestone::Declared, utc("2024-11-25T23:50:00Z"));
    h.milestones.set(Milestone::Acknowledged, utc("2024-11-25T23:52:00Z"));
    h.milestones.set(Milestone::Mitigated, utc("2024-11-26T00:20:00Z"));
    h.milestones.set(Milestone::Resolved, utc("2024-11-26T00:35:00Z"));
    h.slo = SloContext {0.999, 30, 0.5};

    incident.roles = {
        {1, Roles::Commander, text, utc("2024-11-25T23:50:00Z"), utc("2024-11-26T00:10:00Z")},
        {2, Roles::Commander, u8("Bob"), utc("2024-11-26T00:10:00Z"), std::nullopt},
        {3, Roles::Scribe, u8("Sam"), utc("2024-11-25T23:52:00Z"), std::nullopt},
    };

    auto entry = [](qint64 id, const char *at, const QString &author, const QString &body) {
        TimelineEntry e;
        e.id = id;
        e.at = utc(at);
        e.writtenAt = e.at;
        e.author = author;
        e.text = body;
        return e;
    };
    // Deliberately out of order; sorted by (at, id) they are 1, 2, 3, 4, 5.
    TimelineEntry hostile = entry(3, "2024-11-26T00:05:00Z", text, text);
    TimelineEntry edited = entry(4, "2024-11-26T00:05:00Z", u8("Bob"), u8("edited: ") + text);
    edited.revisions.append({u8("first words"), utc("2024-11-26T00:06:00Z"), u8("Bob")});
    TimelineEntry redacted = entry(2, "2024-11-25T23:50:00Z", u8("Sam"), u8("secret"));
    redacted.redaction = Redaction {text, utc("2024-11-26T01:00:00Z"), u8("Sam")};
    TimelineEntry diagnostic = entry(5, "2024-11-26T00:15:00Z", u8("Bob"), u8("Captured"));
    diagnostic.kind = EntryKind::Diagnostic;
    diagnostic.link = EntryLink {u8("diagnostic"), 7};
    incident.timeline = {hostile, diagnostic,
        entry(1, "2024-11-25T23:45:00Z", u8("Bob"), u8("Alerts fired")), edited, redacted};

    StatusUpdate late;
    late.id = 2;
    late.at = utc("2024-11-26T00:00:00Z");
    late.status = text;
    late.impact = text;
    late.actions = text;
    late.needs = text;
    late.audience = Audience::External;
    StatusUpdate early;
    early.id = 1;
    early.at = utc("2024-11-25T23:55:00Z");
    early.status = u8("Investigating");
    early.nextUpdateAt = utc("2024-11-26T00:25:00Z");
    incident.statusUpdates = {late, early};

    incident.actionItems = {
        {1, text, text, QDate(2024, 12, 1), ActionType::Detect, ActionStatus::Open,
            u8("javascript:alert(1)")},
        {2, u8("Fix ") + text, u8("Bob"), std::nullopt, ActionType::Prevent, ActionStatus::Done,
            u8("https://tracker.example/1?a=b&c=(d)|e")},
    };

    DiagnosticSnapshot snapshot;
    snapshot.id = 7;
    snapshot.source = text;
    snapshot.query = text;
    snapshot.windowStart = utc("2024-11-25T23:40:00Z");
    snapshot.windowEnd = utc("2024-11-26T00:20:00Z");
    snapshot.capturedAt = utc("2024-11-26T00:15:00Z");
    snapshot.chartPng = QByteArrayLiteral("\x89PNG");
    incident.diagnostics = {snapshot};

    Postmortem &pm = incident.postmortem;
    pm.executiveSummary = text;
    pm.impact = {text, text, text};
    pm.rootCause = text;
    pm.contributingFactors = {text, u8("plain factor")};
    pm.trigger = text;
    pm.detection = text;
    pm.resolution = text;
    pm.wentWell = {text, u8("plain")};
    pm.wentWrong = {text};
    pm.gotLucky = {text};
    pm.lessonsLearned = {u8("plain"), text};
    pm.supportingInformation = text;
    return incident;
}

// How many tables the author's Markdown makes by itself, wherever it stands.
int narrativeTables(const Incident &incident, bool *ok)
{
    const Postmortem &pm = incident.postmortem;
    QStringList blocks;
    for (const QString &field : {pm.executiveSummary, pm.impact.notes, pm.rootCause, pm.trigger,
             pm.detection, pm.resolution, pm.supportingInformation})
        blocks.append(MarkdownEscape::narrative(field));
    for (const QStringList &list :
        {pm.contributingFactors, pm.wentWell, pm.wentWrong, pm.gotLucky, pm.lessonsLearned}) {
        for (const QString &item : list)
            blocks.append(MarkdownEscape::narrativeListItem(item));
    }
    int count = 0;
    *ok = true;
    for (const QString &block : blocks) {
        const auto rendered = GfmSupport::render(block);
        if (!rendered.ok) {
            *ok = false;
            return 0;
        }
        count += int(GfmSupport::tables(rendered.html).size());
    }
    return count;
}

QStringList cellTexts(const QStringList &cells)
{
    QStringList texts;
    for (const QString &cell : cells)
        texts.append(GfmSupport::text(cell));
    return texts;
}

} // namespace

class PostmortemMarkdownTest : public QObject
{
    Q_OBJECT

private:
    Incident m_fixture;

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray json = readFile(dataPath("api-outage.json"));
        QVERIFY2(!json.isEmpty(), "tests/data/api-outage.json is missing");
        auto imported = IncidentJson::fromJson(json);
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        m_fixture = std::move(imported).value();
        m_fixture.header.id = 1; // ids come from the store
    }

    // The fixture's export, reviewed by eye once, is the expectation. To accept a
    // deliberate change: INCIDENTDESK_UPDATE_GOLDEN=1 rewrites the file; review the diff.
    void goldenFile()
    {
        const QString expectedPath = dataPath("api-outage.postmortem.md");
        const QString actual = PostmortemMarkdown::render(m_fixture, fixedOptions());
        if (qEnvironmentVariableIsSet("INCIDENTDESK_UPDATE_GOLDEN")) {
            QFile out(expectedPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(actual.toUtf8());
            QSKIP("golden file rewritten; review it and run again");
        }
        const QString expected = QString::fromUtf8(readFile(expectedPath));
        QVERIFY2(!expected.isEmpty(), qPrintable(expectedPath + u8(" is missing")));
        if (actual == expected)
            return;
        // Show what changed, as a unified diff when diff(1) is there.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString actualPath = dir.filePath(QStringLiteral("actual.md"));
        QFile out(actualPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(actual.toUtf8());
        out.close();
        QString diff;
        if (const QString tool = QStandardPaths::findExecutable(QStringLiteral("diff"));
            !tool.isEmpty()) {
            QProcess process;
            process.start(tool, {QStringLiteral("-u"), expectedPath, actualPath});
            process.waitForFinished(30'000);
            diff = QString::fromUtf8(process.readAllStandardOutput());
        } else {
            const QStringList a = expected.split(u'\n');
            const QStringList b = actual.split(u'\n');
            for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
                if (a.value(i) != b.value(i)) {
                    diff = QStringLiteral("line %1:\n- %2\n+ %3")
                               .arg(i + 1)
                               .arg(a.value(i), b.value(i));
                    break;
                }
            }
        }
        QFAIL(qPrintable(u8("the export differs from ") + expectedPath + u8(":\n") + diff));
    }

    void sectionsInOrder()
    {
        const QString markdown = PostmortemMarkdown::render(m_fixture, fixedOptions());
        QVERIFY(markdown.startsWith(u8("# Postmortem: API outage (INC-1)\n")));
        QStringList headings;
        static const QRegularExpression h2(
            QStringLiteral("^## (.*)$"), QRegularExpression::MultilineOption);
        auto it = h2.globalMatch(markdown);
        while (it.hasNext())
            headings.append(it.next().captured(1));
        QCOMPARE(headings, kSections);
        QCOMPARE(markdown.count(QRegularExpression(
                     QStringLiteral("^# "), QRegularExpression::MultilineOption)),
            1);
        QVERIFY(markdown.endsWith(u'\n') && !markdown.endsWith(u8("\n\n")));
    }

    void emptyIncidentSaysNoneRecorded()
    {
        Incident incident;
        incident.header.id = 9;
        incident.header.title = u8("Quiet");
        const QString markdown = PostmortemMarkdown::render(incident, fixedOptions());
        for (const QString &title : kSections) {
            if (title == u"Impact" || title == u"Key Metrics")
                continue; // always list their figures, each saying what is missing
            QCOMPARE(sectionOf(markdown, title), u8("None recorded."));
        }
        const QString metrics = sectionOf(markdown, u8("Key Metrics"));
        QCOMPARE(metrics.count(u8("| not recorded |")), 7);
        QVERIFY(metrics.contains(
            u8("**Time to detect (TTD):** not recorded (needs Started and Detected)")));
        const QString impact = sectionOf(markdown, u8("Impact"));
        QVERIFY(impact.contains(u8("**SLO impact:** not recorded (no SLO set)")));
        QVERIFY(impact.contains(
            u8("**Duration of impact:** not recorded (needs Started and Mitigated)")));
        QVERIFY(impact.contains(u8("**Incident cost:** not recorded")));
        QVERIFY(markdown.contains(u8("- **Incident Commander:** not assigned")));
        QVERIFY(markdown.contains(u8("- **Date:** not recorded")));
    }

    void missingMilestonesAreNotRecorded()
    {
        Incident incident = m_fixture;
        incident.header.milestones.set(Milestone::Detected, std::nullopt);
        incident.header.milestones.set(Milestone::Mitigated, std::nullopt);
        const QString markdown = PostmortemMarkdown::render(incident, fixedOptions());
        const QString metrics = sectionOf(markdown, u8("Key Metrics"));
        QVERIFY(metrics.contains(u8("| Detected | not recorded | — |")));
        QVERIFY(metrics.contains(u8("| Mitigated | not recorded | — |")));
        QVERIFY(metrics.contains(
            u8("**Time to detect (TTD):** not recorded (needs Started and Detected)")));
        QVERIFY(metrics.contains(
            u8("**Time to acknowledge (TTA):** not recorded (needs Detected and Acknowledged)")));
        QVERIFY(metrics.contains(u8("**Time to mitigate (TTM):** not recorded")));
        QVERIFY(metrics.contains(u8("**Time to resolve (TTR):** 50m (Started → Resolved)")));
        QVERIFY(sectionOf(markdown, u8("Impact"))
                    .contains(u8("**SLO impact:** not recorded (needs Started and Mitigated)")));
    }

    void inconsistentMilestonesAreNoFigure()
    {
        Incident incident = m_fixture;
        incident.header.milestones.set(Milestone::Detected, utc("2024-11-25T15:40:00Z"));
        const QString metrics
            = sectionOf(PostmortemMarkdown::render(incident, fixedOptions()), u8("Key Metrics"));
        QVERIFY(metrics.contains(u8("| Detected | 15:40 | 5m before |")));
        QVERIFY(metrics.contains(
            u8("**Time to detect (TTD):** not computable: Detected is before Started")));
    }

    void timelineSortedWhateverTheInputOrder()
    {
        Incident incident = m_fixture;
        std::reverse(incident.timeline.begin(), incident.timeline.end());
        // Equal times keep their ids' order.
        for (qint64 i = 0; i < incident.timeline.size(); ++i)
            incident.timeline[i].id = 100 - i;
        const QString markdown = PostmortemMarkdown::render(incident, fixedOptions());
        const QStringList rows = tableRows(sectionOf(markdown, u8("Timeline")));
        QCOMPARE(rows.size(), m_fixture.timeline.size());
        QString previous;
        for (const QString &row : rows) {
            const QString time = row.section(u'|', 1, 1).trimmed();
            QVERIFY2(previous <= time, qPrintable(previous + u8(" > ") + time));
            previous = time;
        }
        QVERIFY(rows.first().startsWith(u8("| 14:00 | Deployment of v2.5.0 | Alice |")));
    }

    void datesWhenTheIncidentSpansDays()
    {
        Incident incident = m_fixture;
        incident.header.milestones.set(Milestone::Resolved, utc("2024-11-26T01:10:00Z"));
        const QString markdown = PostmortemMarkdown::render(incident, fixedOptions());
        QVERIFY(markdown.contains(u8("- **Date:** 2024-11-25 – 2024-11-26 (all times UTC)")));
        QVERIFY(markdown.contains(u8("| 2024-11-25 14:00 | Deployment of v2.5.0 |")));
        QVERIFY(markdown.contains(u8("| Resolved | 2024-11-26 01:10 | 9h 25m |")));
        QVERIFY(markdown.contains(u8("Alice (from 2024-11-25 15:52)")));
        // One day: times alone.
        const QString oneDay = PostmortemMarkdown::render(m_fixture, fixedOptions());
        QVERIFY(oneDay.contains(u8("| 14:00 | Deployment of v2.5.0 |")));
        QVERIFY(!oneDay.contains(u8("2024-11-25 14:00")));
    }

    void redactedEditedAndDiagnosticEntries()
    {
        Incident incident = m_fixture;
        incident.timeline[1].redaction
            = Redaction {u8("personal data"), utc("2024-11-25T17:00:00Z"), u8("Alice")};
        incident.timeline[2].revisions.append(
            {u8("API down"), utc("2024-11-25T15:51:00Z"), u8("Bob")});
        DiagnosticSnapshot snapshot;
        snapshot.id = 12;
        snapshot.source = u8("prometheus");
        snapshot.query = u8("sum(rate(http_requests_total{code=~\"5..\"}[5m]))");
        snapshot.windowStart = utc("2024-11-25T15:30:00Z");
        snapshot.windowEnd = utc("2024-11-25T16:30:00Z");
        snapshot.capturedAt = utc("2024-11-25T16:31:00Z");
        snapshot.chartPng = QByteArrayLiteral("\x89PNG");
        incident.diagnostics = {snapshot};
        TimelineEntry entry;
        entry.at = utc("2024-11-25T16:31:00Z");
        entry.kind = EntryKind::Diagnostic;
        entry.author = u8("Bob");
        entry.text = u8("Error rate snapshot");
        entry.link = EntryLink {u8("diagnostic"), 12};
        incident.timeline.append(entry);
        TimelineEntry dangling = entry;
        dangling.link.id = 99;
        incident.timeline.append(dangling);

        const QString markdown = PostmortemMarkdown::render(incident, fixedOptions());
        const QString timeline = sectionOf(markdown, u8("Timeline"));
        QVERIFY(timeline.contains(u8("| 15:45 | \\[redacted: personal data\\] | Bob | |")));
        QVERIFY(!timeline.contains(u8("First alerts")));
        QVERIFY(timeline.contains(u8("| 15:50 | Complete API outage *(edited)* | Bob | |")));
        QVERIFY(timeline.contains(u8("| Error rate snapshot | Bob | "
                                     "[diagnostic-12.png](INC-1-charts/diagnostic-12.png) |")));
        QVERIFY(timeline.contains(
            u8("| Error rate snapshot | Bob | diagnostic 99 (not in this incident) |")));
        const QString support = sectionOf(markdown, u8("Supporting Information"));
        QVERIFY(support.contains(
            u8("| 12 | prometheus | sum(rate(http\\_requests\\_total{code=\\~\"5..\"}\\[5m\\])) "
               "| 15:30–16:30 | 16:31 | [diagnostic-12.png](INC-1-charts/diagnostic-12.png) |")));

        PostmortemOptions options = fixedOptions();
        options.chartFolder = u8("my export (1)-charts");
        QVERIFY(PostmortemMarkdown::render(incident, options)
                    .contains(u8("](my%20export%20%281%29-charts/diagnostic-12.png)")));
        QCOMPARE(PostmortemMarkdown::chartFolderName(incident, fixedOptions()), u8("INC-1-charts"));
        QCOMPARE(PostmortemMarkdown::chartFileName(12), u8("diagnostic-12.png"));
    }

    void openIncidentCountsToNowAndMarksOverdue()
    {
        Incident incident = m_fixture;
        incident.header.status = Status::Monitoring;
        incident.header.milestones.set(Milestone::Resolved, std::nullopt);
        PostmortemOptions options = fixedOptions();
        options.now = utc("2024-12-02T15:52:00Z");
        options.hourlyRate = 80;
        const QString markdown = PostmortemMarkdown::render(incident, options);
        QVERIFY(markdown.contains(u8("- **Duration:** ongoing, 7d 0h so far (since Started")));
        QVERIFY(markdown.contains(u8(
            "| Alice | Incident Commander | 15:52–now | 168.00 | 1.00 | 168.00 | \\$13,440.00 |")));
        const QString actions = sectionOf(markdown, u8("Action Items"));
        QVERIFY(actions.contains(u8(
            "| Add connection pool monitoring | Detect | Alice | 2024-12-01 | Open (overdue) |")));
        QVERIFY(actions.contains(u8("| 2024-12-05 | Open |")));
    }

    // The export parsed by a real CommonMark+GFM parser, whatever the text holds.
    void gfm_data()
    {
        QTest::addColumn<QString>("text");
        for (const auto &[name, text] : GfmSupport::hostileTexts())
            QTest::newRow(qPrintable(name)) << text;
    }

    void gfm()
    {
        QFETCH(QString, text);
        const Incident incident = hostileIncident(text);
        const QString markdown = PostmortemMarkdown::render(incident, fixedOptions());
        const auto rendered = GfmSupport::render(markdown);
        QVERIFY2(rendered.ok, qPrintable(rendered.error));
        const QString &html = rendered.html;
        const QString literal = GfmSupport::expectedLiteral(text);

        // Nothing the user typed became markup of its own.
        QStringList leaked;
        for (const QString &tag : GfmSupport::tagNames(html)) {
            if (!GfmSupport::isAllowedTag(tag))
                leaked.append(tag);
        }
        QVERIFY2(leaked.isEmpty(), qPrintable(leaked.join(u' ')));
        QVERIFY(!html.contains(u8("<script"), Qt::CaseInsensitive));
        QVERIFY(!html.contains(u8("href=\"javascript"), Qt::CaseInsensitive));
        QVERIFY(!html.contains(u8("src=\"data:"), Qt::CaseInsensitive));

        // One title, and exactly the document's sections in order.
        const QStringList h1 = GfmSupport::elements(html, u8("h1"));
        QCOMPARE(h1.size(), 1);
        QCOMPARE(GfmSupport::text(h1.first()),
            u8("Postmortem: ") + GfmSupport::expectedLiteral(u8("Outage ") + text)
                + u8(" (INC-42)"));
        QStringList h2;
        for (const QString &heading : GfmSupport::elements(html, u8("h2")))
            h2.append(GfmSupport::text(heading));
        QCOMPARE(h2, kSections);

        // Every table: rows as the incident has them, each with the header's cell count.
        bool ok = false;
        const int extraTables = narrativeTables(incident, &ok);
        QVERIFY(ok);
        const auto tables = GfmSupport::tables(html);
        QCOMPARE(tables.size(), 6 + extraTables);
        for (const auto &table : tables) {
            QVERIFY(!table.isEmpty());
            for (const QStringList &row : table)
                QCOMPARE(row.size(), table.first().size());
        }
        auto find = [&tables](const QStringList &header) -> const GfmSupport::Table * {
            for (const auto &table : tables) {
                if (cellTexts(table.first()) == header)
                    return &table;
            }
            return nullptr;
        };

        const auto *cost = find({u8("Person"), u8("Role"), u8("Held (UTC)"), u8("Hours"),
            u8("Engagement"), u8("Weighted hours"), u8("Cost")});
        QVERIFY(cost);
        QCOMPARE(cost->size(), 1 + 3 + 3 + 1); // header, 3 role intervals, 3 reviews, total
        QCOMPARE(GfmSupport::text(cost->at(1).at(0)), literal);

        const auto *metrics = find({u8("Milestone"), u8("Time (UTC)"), u8("Since start")});
        QVERIFY(metrics);
        QCOMPARE(metrics->size(), 1 + 7);
        QCOMPARE(cellTexts(metrics->at(1)),
            (QStringList {u8("Started"), u8("2024-11-25 23:40"), u8("—")}));

        const auto *timeline = find({u8("Time (UTC)"), u8("Event"), u8("Author"), u8("Data")});
        QVERIFY(timeline);
        QCOMPARE(timeline->size(), 1 + 5);
        QCOMPARE(cellTexts(timeline->at(1)),
            (QStringList {u8("2024-11-25 23:45"), u8("Alerts fired"), u8("Bob"), QString()}));
        QCOMPARE(GfmSupport::text(timeline->at(2).at(1)),
            GfmSupport::expectedLiteral(u8("[redacted: ") + text.simplified() + u8("]")));
        QCOMPARE(GfmSupport::text(timeline->at(3).at(0)), u8("2024-11-26 00:05"));
        QCOMPARE(GfmSupport::text(timeline->at(3).at(1)), literal);
        QCOMPARE(GfmSupport::text(timeline->at(3).at(2)), literal);
        QCOMPARE(GfmSupport::text(timeline->at(4).at(1)),
            GfmSupport::expectedLiteral(u8("edited: ") + text) + u8(" (edited)"));
        QCOMPARE(timeline->at(5).at(3),
            u8("<a href=\"INC-42-charts/diagnostic-7.png\">diagnostic-7.png</a>"));

        const auto *actions
            = find({u8("Action"), u8("Type"), u8("Owner"), u8("Due Date"), u8("Status")});
        QVERIFY(actions);
        QCOMPARE(actions->size(), 1 + 2);
        QCOMPARE(GfmSupport::text(actions->at(1).at(0)), literal + u8(" (javascript:alert(1))"));
        QCOMPARE(GfmSupport::text(actions->at(1).at(2)), literal);
        QCOMPARE(cellTexts(actions->at(1).mid(3)), (QStringList {u8("2024-12-01"), u8("Open")}));
        QVERIFY(actions->at(2).at(0).startsWith(
            u8("<a href=\"https://tracker.example/1?a=b&amp;c=%28d%29%7Ce\">")));
        QCOMPARE(
            GfmSupport::text(actions->at(2).at(0)), GfmSupport::expectedLiteral(u8("Fix ") + text));

        const auto *snapshots = find({u8("Snapshot"), u8("Source"), u8("Query"), u8("Window (UTC)"),
            u8("Captured (UTC)"), u8("Chart")});
        QVERIFY(snapshots);
        QCOMPARE(snapshots->size(), 1 + 1);
        QCOMPARE(GfmSupport::text(snapshots->at(1).at(1)), literal);
        QCOMPARE(GfmSupport::text(snapshots->at(1).at(2)), literal);

        const auto *updates = find({u8("Time (UTC)"), u8("Audience"), u8("Status"), u8("Impact"),
            u8("Current Actions"), u8("Needs"), u8("Next Update")});
        QVERIFY(updates);
        QCOMPARE(updates->size(), 1 + 2);
        QCOMPARE(cellTexts(updates->at(1)),
            (QStringList {u8("2024-11-25 23:55"), u8("Internal"), u8("Investigating"), u8("—"),
                u8("—"), u8("—"), u8("2024-11-26 00:25")}));
        QCOMPARE(cellTexts(updates->at(2)),
            (QStringList {u8("2024-11-26 00:00"), u8("External"), literal, literal, literal,
                literal, u8("—")}));

        // Names and short fields in the lists read as typed.
        const QStringList items = GfmSupport::elements(html, u8("li"));
        auto hasItem = [&items](const QString &wanted) {
            return std::any_of(items.begin(), items.end(),
                [&](const QString &item) { return GfmSupport::text(item) == wanted; });
        };
        QVERIFY(hasItem(u8("Incident Commander: ") + literal
            + u8(" (2024-11-25 23:50–2024-11-26 00:10), Bob (from 2024-11-26 00:10)")));
        QVERIFY(hasItem(u8("Users affected: ") + literal));
        QVERIFY(hasItem(u8("Revenue impact: ") + literal));
        QVERIFY(hasItem(literal
            + u8(" — Incident Commander (2024-11-25 23:50–2024-11-26 00:10); "
                 "1 timeline entry")));
    }
};

QTEST_GUILESS_MAIN(PostmortemMarkdownTest)
#include "tst_postmortemmarkdown.moc"
