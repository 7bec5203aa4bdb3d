#include "postmortemexport.h"

#include "postmortemhtml.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

#include <cmath>

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

// Moves a heading that would end a page, with no room for what follows it, to the next
// page. Each move re-lays out what comes after, so the headings are visited in order.
void keepHeadingsWithNext(QTextDocument &document, qreal pageHeight, qreal room)
{
    QAbstractTextDocumentLayout *layout = document.documentLayout();
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 0
            || block.blockFormat().pageBreakPolicy() & QTextFormat::PageBreak_AlwaysBefore)
            continue;
        const QRectF rect = layout->blockBoundingRect(block);
        const qreal pageTop = std::floor(rect.top() / pageHeight) * pageHeight;
        if (rect.top() - pageTop < 1 || rect.bottom() + room <= pageTop + pageHeight)
            continue;
        QTextBlockFormat format;
        format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        QTextCursor(block).mergeBlockFormat(format);
    }
}

VoidResult writePdf(const Incident &incident, const PostmortemOptions &options, const QString &path)
{
    // QPdfWriter writes straight to its device: render into a buffer first so a failure
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
            QMarginsF(16, 14, 16, 12), QPageLayout::Millimeter));

        // The document laid out for the page itself (fonts measured at the writer's
        // resolution), as QTextDocument::print does: a table row that fits on a page is
        // never split across two, and a table's header row repeats on every page.
        QTextDocument document;
        document.documentLayout()->setPaintDevice(&writer);
        PostmortemHtml::fillDocument(document, PostmortemMarkdown::render(incident, options));
        document.setDocumentMargin(0);
        const QRect paper = writer.pageLayout().paintRectPixels(writer.resolution());
        const QFontMetricsF metrics(document.defaultFont(), &writer);
        const qreal footer = metrics.lineSpacing() * 2.5;
        const QSizeF body(paper.width(), paper.height() - footer);
        document.setPageSize(body);
        // Whole words where the columns allow it; anywhere when a word is wider than
        // the page (a 10,000-character line must still be printed, not cut off).
        if (document.size().width() > body.width() + 1) {
            QTextOption option = document.defaultTextOption();
            option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
            document.setDefaultTextOption(option);
        }
        keepHeadingsWithNext(document, body.height(), metrics.lineSpacing() * 4);

        QPainter painter(&writer);
        const int pages = document.pageCount();
        QFont footerFont = document.defaultFont();
        footerFont.setPointSizeF(footerFont.pointSizeF() * 0.85);
        for (int page = 0; page < pages; ++page) {
            if (page > 0)
                writer.newPage();
            const QRectF view(0, page * body.height(), body.width(), body.height());
            painter.save();
            painter.translate(0, -view.top());
            painter.setClipRect(view);
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = view;
            context.palette.setColor(QPalette::Text, Qt::black);
            document.documentLayout()->draw(&painter, context);
            painter.restore();
            painter.setFont(footerFont);
            painter.setPen(QColor(0x59, 0x63, 0x6e));
            const QRectF footerRect(0, body.height(), body.width(), footer);
            painter.drawText(footerRect, Qt::AlignLeft | Qt::AlignBottom, documentTitle(incident));
            painter.drawText(footerRect, Qt::AlignRight | Qt::AlignBottom,
                tr("Page %1 of %2").arg(page + 1).arg(pages));
        }
        if (!painter.end())
            return Error::io(tr("Cannot render the PDF for %1.").arg(path));
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
    return QStringLiteral("%1-postmortem.%2")
        .arg(formatIncidentId(incident.header.id), suffix(format));
}

QString documentTitle(const Incident &incident)
{
    return tr("Postmortem: %1 (%2)")
        .arg(incident.header.title, formatIncidentId(incident.header.id));
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
