#pragma once

#include "incident.h"
#include "incidentmetrics.h"

#include <QDateTime>
#include <QString>

namespace idesk {

struct PostmortemOptions
{
    double hourlyRate = IncidentMetrics::kDefaultHourlyRate;
    QString currency = QStringLiteral("$"); // written before amounts
    // Ends the role intervals still open on an unresolved incident and decides which
    // action items are overdue. Unset: the current time.
    QDateTime now;
    // The folder beside the Markdown file that holds the chart PNGs, as the document
    // links it. Empty: "INC-<n>-charts".
    QString chartFolder;
};

// The postmortem document of DESIGN §6: GitHub-flavoured Markdown with exactly its
// sections, in its order. Record text (timeline, names, action items, updates) is
// literal; the postmortem's narrative fields are their author's Markdown with raw HTML
// escaped (see MarkdownEscape). Times are UTC, with their date when the incident spans
// more than one UTC day. An empty section says "None recorded."
namespace PostmortemMarkdown {

QString render(const Incident &incident, const PostmortemOptions &options = {});

// Where an exporter writes a snapshot's chart so the document's links find it:
// chartFolderName(...) + '/' + chartFileName(id), beside the Markdown file.
QString chartFolderName(const Incident &incident, const PostmortemOptions &options);
QString chartFileName(qint64 snapshotId); // "diagnostic-<id>.png"

} // namespace PostmortemMarkdown
} // namespace idesk
