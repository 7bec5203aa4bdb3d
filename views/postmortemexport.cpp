#include "postmortemexport.h"

#include "postmortemhtml.h"

#include <QCoreApplication>
#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace idesk::PostmortemExport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PostmortemExport", text);
}

VoidResult writeFile(const QString &path, const QByteArray &bytes)
{
    // QSaveFile writes beside the target and renames, so a failure leaves no half file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::io(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

VoidResult writeCharts(
    const Incident &incident, const PostmortemOptions &options, const QString &documentPath)
{
    bool any = false;
    for (const auto &snapshot : incident.diagnostics)
        any = any || !snapshot.chartPng.isEmpty();
    if (!any)
        return {};
    const QDir beside = QFileInfo(documentPath).absoluteDir();
    const QString folder = PostmortemMarkdown::chartFolderName(incident, options);
    if (!beside.mkpath(folder))
        return Error::io(tr("Cannot create the folder %1.").arg(beside.filePath(folder)));
    const QDir charts(beside.filePath(folder));
    for (const auto &snapshot : incident.diagnostics) {
        if (snapshot.chartPng.isEmpty())
            continue;
        if (auto ok = writeFile(
                charts.filePath(PostmortemMarkdown::chartFileName(snapshot.id)), snapshot.chartPng);
            !ok)
            return ok;
    }
    return {};
}

VoidResult writePdf(const Incident &incident, const PostmortemOptions &options, const QString &path)
{
    QTextDocument document;
    PostmortemHtml::fillDocument(document, PostmortemMarkdown::render(incident, options));
    // QPdfWriter writes straight to the file; render to a buffer first so a failure
    // leaves nothing behind, then save atomically.
    QByteArray pdf;
    {
        QBuffer buffer(&pdf);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setTitle(documentTitle(incident));
        writer.setCreator(QStringLiteral("IncidentDesk"));
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
            QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
        // QTextDocument::print paginates a copy of the document, keeps a table row on
        // one page where it fits, repeats table header rows, and numbers the pages.
        document.print(&writer);
    }
    if (pdf.isEmpty())
        return Error::io(tr("Cannot render the PDF for %1.").arg(path));
    return writeFile(path, pdf);
}

} // namespace

QString suffix(Format format)
{
    switch (format) {
    case Format::Markdown:
        return QStringLiteral("md");
    case Format::Html:
        return QStringLiteral("html");
    case Format::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

QString fileFilter(Format format)
{
    switch (format) {
    case Format::Markdown:
        return tr("Markdown (*.md *.markdown)");
    case Format::Html:
        return tr("HTML (*.html *.htm)");
    case Format::Pdf:
        return tr("PDF (*.pdf)");
    }
    return {};
}

QString suggestedFileName(const Incident &incident, Format format)
{
    return QStringLiteral("%1-postmortem.%2").arg(formatIncidentId(incident.header.id), suffix(format));
}

QString documentTitle(const Incident &incident)
{
    return tr("Postmortem: %1 (%2)").arg(incident.header.title, formatIncidentId(incident.header.id));
}

QByteArray text(const Incident &incident, const PostmortemOptions &options, Format format)
{
    const QString markdown = PostmortemMarkdown::render(incident, options);
    if (format == Format::Html)
        return PostmortemHtml::standaloneDocument(markdown, documentTitle(incident)).toUtf8();
    return markdown.toUtf8();
}

VoidResult write(
    const Incident &incident, const PostmortemOptions &options, Format format, const QString &path)
{
    if (format == Format::Pdf)
        return writePdf(incident, options, path);
    if (auto ok = writeFile(path, text(incident, options, format)); !ok)
        return ok;
    return writeCharts(incident, options, path);
}

} // namespace idesk::PostmortemExport
