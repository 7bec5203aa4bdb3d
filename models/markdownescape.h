#pragma once

#include <QString>
#include <QStringView>

namespace idesk {

// Putting user text into GitHub-flavoured Markdown (CommonMark + GFM) so that any
// CommonMark+GFM renderer shows what was meant and nothing more (DESIGN §6).
//
// Two kinds of text:
// - Literal text (timeline entries, names, action items, status updates) renders
//   exactly as typed. Characters that are Markdown anywhere in a line are always
//   backslash-escaped (\ ` * _ [ ] | ~ $), HTML's < > & become entities, and
//   characters that matter only at the start of a line (# - + = and "1." / "1)")
//   are escaped there. ( ) { } ! . and - elsewhere mean nothing once [ ] are
//   escaped, so they stay readable ("v2.5.0", "INC-7"). `$` is escaped because
//   GitHub renders $…$ as maths. URLs stay plain text ("www\.", "https\://"): GFM
//   finds its extended autolinks in the raw source, where escapes inside would show.
// - Narrative text (executive summary, root cause, …) is Markdown its author wrote
//   and stays Markdown, except raw HTML: every `<` outside code, and every `&` that
//   would start an entity, becomes text, so `<script>` shows as `<script>`. Kept as written: code
//   spans and fenced or indented code blocks where a renderer is sure to see code (elsewhere a
//   conservative guess escapes, which at worst shows an entity inside code),
//   autolinks to http, https, mailto and ftp. Links whose destination has another
//   scheme (javascript:, data:, …) are broken so they render as text. Headings are
//   demoted to level 3 or below so the author's text cannot add sections to the
//   document.
//
// Both drop control characters (NUL included) other than tab and newline, turn CRLF
// and CR into LF, and replace unpaired surrogates with U+FFFD.
namespace MarkdownEscape {

// The text with what no document should carry removed (see above).
QString sanitize(const QString &text);

// Literal text on one line: inside a paragraph, a list item, a heading or a table
// cell. Newlines become <br>; leading and trailing blank lines and the whitespace
// around each line are dropped (a renderer would collapse them anyway).
QString literal(const QString &text);

// Author's Markdown with raw HTML escaped, as one or more blocks. No trailing newline;
// an unclosed fenced code block is closed so it cannot swallow what follows.
QString narrative(const QString &markdown);

// One item of a bullet list ("- …"), its text narrative Markdown: continuation lines
// are indented under the marker. Empty when the item is empty.
QString narrativeListItem(const QString &markdown);

// A URL made safe as a link destination inside (...), even in a table cell; empty
// unless it is an absolute http or https URL.
QString webLinkDestination(const QString &url);

// Whether a link destination, as written in Markdown, may stay a link: a relative
// reference or one of the schemes http, https, mailto, ftp, tel.
bool isSafeDestination(const QString &destination);
bool isSafeDestination(QStringView destination);

} // namespace MarkdownEscape
} // namespace idesk
