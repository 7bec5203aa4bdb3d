#pragma once

#include <QString>

class QTextDocument;

namespace idesk {

// The one place Markdown becomes HTML: the preview, the HTML export and the PDF all
// go through here, so they show the same document the Markdown export writes.
//
// The renderer is cmark-gfm, GitHub's own CommonMark+GFM parser (tables,
// strikethrough, autolinks, the tag filter), rather than QTextDocument::setMarkdown:
// Qt 6.4's Markdown importer drops the rest of a paragraph or table cell after an
// inline <br>, which is how the export keeps newlines inside table cells. Raw HTML is
// let through because the document's only raw HTML is those <br>: every user text is
// escaped by MarkdownEscape before it gets here, and the tag filter still disarms
// <script>, <iframe> and friends should any slip through.
namespace PostmortemHtml {

// The HTML body for `markdown` (no <html>, <head> or <body>). QtCore only: the CLI
// calls it without a display.
QString body(const QString &markdown);

// A complete standalone HTML5 document for `markdown`, with `title` in its <head> and a
// stylesheet that reads like GitHub on screen and keeps table rows whole on paper.
QString standaloneDocument(const QString &markdown, const QString &title);

// Puts the rendered `markdown` into `document` with a stylesheet Qt's rich text
// understands: what the preview shows and the PDF prints.
void fillDocument(QTextDocument &document, const QString &markdown);

} // namespace PostmortemHtml
} // namespace idesk
