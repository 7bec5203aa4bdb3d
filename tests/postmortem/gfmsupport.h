#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

// Renders Markdown with a real CommonMark+GFM parser (Debian's cmark-gfm) and reads
// the HTML it writes, so tests check what a reader would see.
namespace GfmSupport {

struct Rendered
{
    bool ok = false;
    QString html;
    QString error; // why it did not render, for the failure message
};

// cmark-gfm --unsafe with the table, strikethrough, autolink and footnotes extensions. --unsafe
// lets raw HTML through, so any that leaked from user text shows up in the output.
Rendered render(const QString &markdown);

// The text a reader sees in an HTML fragment: <br> as a newline, other tags dropped,
// entities decoded.
QString text(const QString &html);

// Every tag name in the HTML, lower-case ("p", "/p", "table", …). cmark-gfm escapes
// every '<' of text, so each '<' here opens a real tag.
QStringList tagNames(const QString &html);

// The tables in the HTML: each row's cells as inner HTML, the header row first.
using Table = QList<QStringList>;
QList<Table> tables(const QString &html);

// The inner HTML of every <tag>…</tag> (no nesting of the same tag).
QStringList elements(const QString &html, const QString &tag);

// Tags a postmortem may render to; anything else in the HTML leaked from user text.
bool isAllowedTag(const QString &name);

// Texts that try to break a Markdown document, by name: pipes, newlines, backticks,
// <script>, emphasis, javascript: links, emoji, right-to-left text, a 10,000-character
// line, backslashes, a leading '#', '---', HTML comments, control characters, …
QList<std::pair<QString, QString>> hostileTexts();

// What a reader should see of `text` written as literal Markdown: control characters
// dropped, line ends unified, each line trimmed, tabs as spaces, no blank lines at
// either end.
QString expectedLiteral(const QString &text);

} // namespace GfmSupport
