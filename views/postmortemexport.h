#pragma once

#include "incident.h"
#include "postmortemmarkdown.h"
#include "result.h"

#include <QString>

namespace idesk {

// Writing a postmortem to a file: what the menu's Export Markdown…, HTML… and PDF…
// and the CLI's `export --format markdown|html` end in. Every format starts from the
// same PostmortemMarkdown::render; HTML and PDF go through PostmortemHtml.
namespace PostmortemExport {

enum class Format { Markdown, Html, Pdf };

QString suffix(Format format); // "md", "html", "pdf"
QString fileFilter(Format format); // for a file dialog: "Markdown (*.md)"
// "INC-7-postmortem.md"
QString suggestedFileName(const Incident &incident, Format format);
// "Postmortem: API outage (INC-7)"
QString documentTitle(const Incident &incident);

// The document in `format` as bytes (Markdown and HTML; UTF-8). PDF has no text form.
QByteArray text(const Incident &incident, const PostmortemOptions &options, Format format);

// Writes the postmortem to `path` atomically (a failure leaves no half file). Markdown
// and HTML also write the chart PNG of every diagnostic snapshot into the folder beside
// `path` that the document links (PostmortemMarkdown::chartFolderName). PDF needs a
// QGuiApplication (fonts); Markdown and HTML do not.
VoidResult write(
    const Incident &incident, const PostmortemOptions &options, Format format, const QString &path);

} // namespace PostmortemExport
} // namespace idesk
