#include "markdownescape.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

#include <algorithm>
#include <optional>
#include <utility>

namespace idesk::MarkdownEscape {

namespace {

constexpr char16_t kReplacement = 0xFFFD;

bool isAsciiPunct(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) || (u >= 0x5B && u <= 0x60)
        || (u >= 0x7B && u <= 0x7E);
}

bool isSpaceOrTab(QChar c)
{
    return c == u' ' || c == u'\t';
}

// Columns of leading indentation (tabs to the next multiple of four, as CommonMark
// counts them) and where the first other character is.
struct Indent
{
    int columns = 0;
    qsizetype end = 0;
};

Indent indentOf(QStringView line)
{
    Indent indent;
    while (indent.end < line.size() && isSpaceOrTab(line[indent.end])) {
        indent.columns
            = line[indent.end] == u'\t' ? (indent.columns / 4 + 1) * 4 : indent.columns + 1;
        ++indent.end;
    }
    return indent;
}

bool isBlank(QStringView line)
{
    return indentOf(line).end == line.size();
}

qsizetype runLength(QStringView text, qsizetype from, QChar c)
{
    qsizetype end = from;
    while (end < text.size() && text[end] == c)
        ++end;
    return end - from;
}

bool onlyWhitespaceFrom(QStringView text, qsizetype from)
{
    for (qsizetype i = from; i < text.size(); ++i) {
        if (!isSpaceOrTab(text[i]))
            return false;
    }
    return true;
}

// A line that may open a block quote, a list item or a footnote definition: the
// containers whose content a renderer parses differently from the top level.
bool opensContainer(QStringView line)
{
    const Indent indent = indentOf(line);
    if (indent.columns > 3 || indent.end >= line.size())
        return false;
    const QStringView rest = line.mid(indent.end);
    const QChar c = rest[0];
    if (c == u'>')
        return true;
    if (c == u'-' || c == u'+' || c == u'*')
        return rest.size() == 1 || isSpaceOrTab(rest[1]);
    if (rest.startsWith(u"[^"))
        return true;
    qsizetype digits = 0;
    while (digits < rest.size() && digits < 10 && rest[digits].isDigit()
        && rest[digits].unicode() < 0x80)
        ++digits;
    if (digits == 0 || digits > 9 || digits >= rest.size())
        return false;
    if (rest[digits] != u'.' && rest[digits] != u')')
        return false;
    return digits + 1 == rest.size() || isSpaceOrTab(rest[digits + 1]);
}

struct Fence
{
    QChar marker;
    qsizetype length = 0;
};

std::optional<Fence> fenceOpening(QStringView line)
{
    const Indent indent = indentOf(line);
    if (indent.columns > 3 || indent.end >= line.size())
        return std::nullopt;
    const QChar c = line[indent.end];
    if (c != u'`' && c != u'~')
        return std::nullopt;
    const qsizetype length = runLength(line, indent.end, c);
    if (length < 3)
        return std::nullopt;
    // A backtick fence's info string cannot hold a backtick (it would be a code span).
    if (c == u'`' && line.mid(indent.end + length).contains(u'`'))
        return std::nullopt;
    return Fence {c, length};
}

bool closesFence(QStringView line, const Fence &fence)
{
    const Indent indent = indentOf(line);
    if (indent.columns > 3 || indent.end >= line.size())
        return false;
    const qsizetype length = runLength(line, indent.end, fence.marker);
    return length >= fence.length && onlyWhitespaceFrom(line, indent.end + length);
}

// "## Title": the level, and where the hashes end.
std::optional<std::pair<int, qsizetype>> atxHeading(QStringView line)
{
    const Indent indent = indentOf(line);
    if (indent.columns > 3)
        return std::nullopt;
    const qsizetype level = runLength(line, indent.end, u'#');
    if (level < 1 || level > 6)
        return std::nullopt;
    const qsizetype end = indent.end + level;
    if (end < line.size() && !isSpaceOrTab(line[end]))
        return std::nullopt;
    return std::pair<int, qsizetype> {int(level), end};
}

bool isSetextUnderline(QStringView line)
{
    const Indent indent = indentOf(line);
    if (indent.columns > 3 || indent.end >= line.size())
        return false;
    const QChar c = line[indent.end];
    if (c != u'=' && c != u'-')
        return false;
    return onlyWhitespaceFrom(line, indent.end + runLength(line, indent.end, c));
}

bool isThematicBreak(QStringView line)
{
    const Indent indent = indentOf(line);
    if (indent.columns > 3 || indent.end >= line.size())
        return false;
    const QChar c = line[indent.end];
    if (c != u'-' && c != u'*' && c != u'_')
        return false;
    int count = 0;
    for (qsizetype i = indent.end; i < line.size(); ++i) {
        if (line[i] == c)
            ++count;
        else if (!isSpaceOrTab(line[i]))
            return false;
    }
    return count >= 3;
}

// The end of an autolink a renderer will show as a link, starting at `from` (a '<'),
// or -1. Only schemes we want clickable; no '|' (a table row would split it) and no
// backtick (a renderer that disagreed could pair it with a code span).
qsizetype autolinkEnd(const QString &line, qsizetype from)
{
    // The candidate ends at the first '>'; a space, a control character or another '<'
    // before it means there is none. Scanning stops there, so a line of many '<' stays
    // linear, and the patterns below only ever see the candidate.
    qsizetype end = from + 1;
    while (end < line.size() && line[end] != u'>') {
        const char16_t u = line[end].unicode();
        if (u <= 0x20 || u == u'<' || u == u'|' || u == u'`')
            return -1;
        ++end;
    }
    if (end >= line.size())
        return -1;
    const QStringView candidate = QStringView(line).mid(from, end + 1 - from);
    static const QRegularExpression uri(
        QStringLiteral("^<([A-Za-z][A-Za-z0-9+.\\-]{1,31}):[^\\x00-\\x20<>]*>$"));
    static const QRegularExpression email(QStringLiteral(
        "^<[a-zA-Z0-9.!#$%&'*+/=?^_{}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
        "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*>$"));
    if (const auto m = uri.match(candidate); m.hasMatch()) {
        const QString scheme = m.captured(1).toLower();
        const bool web
            = scheme == u"http" || scheme == u"https" || scheme == u"mailto" || scheme == u"ftp";
        return web ? end + 1 : -1;
    }
    return email.match(candidate).hasMatch() ? end + 1 : -1;
}

// Whether the link destination that starts at `from` (just after "](" or "]:") may stay.
// A destination on the next line is not checked here, so it counts as unsafe.
bool destinationIsSafe(const QString &line, qsizetype from)
{
    qsizetype i = from;
    while (i < line.size() && isSpaceOrTab(line[i]))
        ++i;
    if (i < line.size() && line[i] == u'<')
        ++i;
    if (i >= line.size())
        return false;
    return isSafeDestination(QStringView(line).mid(i));
}

// The backtick runs and pipes of a line, so pairing a code span is a lookup rather than
// a scan (a line of many unmatched runs would otherwise take quadratic time).
class LineIndex
{
public:
    explicit LineIndex(QStringView line)
    {
        m_pipesBefore.reserve(line.size() + 1);
        m_pipesBefore.append(0);
        for (qsizetype i = 0; i < line.size(); ++i)
            m_pipesBefore.append(m_pipesBefore.last() + (line[i] == u'|' ? 1 : 0));
        for (qsizetype i = 0; i < line.size();) {
            if (line[i] != u'`') {
                ++i;
                continue;
            }
            const qsizetype length = runLength(line, i, u'`');
            m_runStarts[length].append(i);
            i += length;
        }
    }

    // The start of the first run of exactly `length` backticks at or after `from`, or -1.
    qsizetype nextRun(qsizetype length, qsizetype from) const
    {
        const auto it = m_runStarts.constFind(length);
        if (it == m_runStarts.cend())
            return -1;
        const auto pos = std::lower_bound(it->cbegin(), it->cend(), from);
        return pos == it->cend() ? -1 : *pos;
    }

    bool hasPipe(qsizetype from, qsizetype to) const
    {
        return m_pipesBefore[to] != m_pipesBefore[from];
    }

private:
    QHash<qsizetype, QList<qsizetype>> m_runStarts;
    QList<qsizetype> m_pipesBefore;
};

// Whether an entity or numeric character reference ("&copy;", "&#60;", "&#x3C;")
// starts at `at` (an '&'). Any name counts, not only the ones HTML defines.
bool startsEntity(QStringView line, qsizetype at)
{
    qsizetype i = at + 1;
    auto isAsciiAlnum = [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
    };
    auto isHex = [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
    };
    qsizetype digits = 0;
    if (i < line.size() && line[i] == u'#') {
        ++i;
        const bool hex = i < line.size() && (line[i] == u'x' || line[i] == u'X');
        if (hex)
            ++i;
        while (i < line.size() && digits < 8 && (hex ? isHex(line[i]) : line[i].isDigit()))
            ++i, ++digits;
        return digits >= 1 && digits <= (hex ? 6 : 7) && i < line.size() && line[i] == u';';
    }
    if (i >= line.size() || !line[i].isLetter() || line[i].unicode() >= 0x80)
        return false;
    while (i < line.size() && digits < 33 && isAsciiAlnum(line[i]))
        ++i, ++digits;
    return digits >= 1 && digits <= 32 && i < line.size() && line[i] == u';';
}

// One line of narrative text outside code blocks: raw HTML and entities become text;
// code spans the renderer is sure to see stay as written.
QString escapeNarrativeInline(const QString &line)
{
    QString out;
    out.reserve(line.size() + line.size() / 8);
    const LineIndex index(line);
    qsizetype i = 0;
    while (i < line.size()) {
        const QChar c = line[i];
        if (c == u'\\' && i + 1 < line.size() && isAsciiPunct(line[i + 1])) {
            out += c;
            out += line[i + 1];
            i += 2;
            continue;
        }
        if (c == u'`') {
            const qsizetype run = runLength(line, i, c);
            // The closer is the next run of exactly the same length. Kept only when it is
            // on this line (so block structure cannot split the pair) and the span holds
            // no '|' (a table row splits cells even inside code). An unpaired run is
            // escaped, so the renderer sees exactly the pairs kept here.
            const qsizetype closer = index.nextRun(run, i + run);
            if (closer >= 0 && !index.hasPipe(i, closer)) {
                out += QStringView(line).mid(i, closer + run - i);
                i = closer + run;
            } else {
                for (qsizetype k = 0; k < run; ++k)
                    out += QStringLiteral("\\`");
                i += run;
            }
            continue;
        }
        if (c == u'<') {
            const qsizetype end = autolinkEnd(line, i);
            if (end > 0) {
                out += QStringView(line).mid(i, end - i);
                i = end;
            } else {
                out += QStringLiteral("&lt;");
                ++i;
            }
            continue;
        }
        if (c == u'&') {
            // Only what a renderer would read as an entity; a bare '&' is text already and
            // stays, so URLs with query strings keep working as GFM autolinks.
            out += startsEntity(line, i) ? QStringLiteral("&amp;") : QStringLiteral("&");
            ++i;
            continue;
        }
        if (c == u']' && i + 1 < line.size() && (line[i + 1] == u'(' || line[i + 1] == u':')) {
            out += c;
            if (!destinationIsSafe(line, i + 2))
                out += u'\\';
            out += line[i + 1];
            i += 2;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

// A fence's info string: no raw HTML or entity in it either.
QString escapeInfoString(const QString &info)
{
    QString out = info;
    out.replace(u'&', QStringLiteral("&amp;"));
    out.replace(u'<', QStringLiteral("&lt;"));
    return out;
}

// A fence line written as text: its markers escaped, so no renderer opens a fence that
// this model could not see the end of.
QString escapeFence(const QString &line, qsizetype markerStart, const Fence &fence)
{
    QString out = line.left(markerStart);
    for (qsizetype i = 0; i < fence.length; ++i) {
        out += u'\\';
        out += fence.marker;
    }
    return out + escapeNarrativeInline(line.mid(markerStart + fence.length));
}

// Where a line's content starts after the block quote markers, list markers and
// footnote labels in front of it ("> - # x" → "# x"): where a heading or a setext
// underline inside a container begins. 0 for a line outside containers.
qsizetype containerPrefixEnd(QStringView line)
{
    static const QRegularExpression footnote(QStringLiteral("^\\[\\^[A-Za-z0-9_-]{1,40}\\]:"));
    qsizetype end = 0;
    for (;;) {
        qsizetype i = end;
        while (i < line.size() && isSpaceOrTab(line[i]))
            ++i;
        if (i >= line.size())
            return end;
        const QChar c = line[i];
        if (c == u'>') {
            end = i + 1;
            continue;
        }
        const bool followedBySpace = i + 1 < line.size() && isSpaceOrTab(line[i + 1]);
        if ((c == u'-' || c == u'+' || c == u'*') && followedBySpace) {
            end = i + 1;
            continue;
        }
        qsizetype digit = i;
        while (digit < line.size() && digit - i < 10 && line[digit].unicode() >= u'0'
            && line[digit].unicode() <= u'9')
            ++digit;
        if (digit > i && digit - i <= 9 && digit + 1 < line.size()
            && (line[digit] == u'.' || line[digit] == u')') && isSpaceOrTab(line[digit + 1])) {
            end = digit + 1;
            continue;
        }
        if (c == u'[') {
            if (const auto m = footnote.match(line.mid(i)); m.hasMatch()) {
                end = i + m.capturedLength();
                continue;
            }
        }
        return end;
    }
}

// The line that continues the containers of `prefix` without content: ">" for a block
// quote, nothing for a list item.
QString continuationOf(QStringView prefix)
{
    QString out;
    for (const QChar c : prefix)
        out += c == u'>' ? c : u' ';
    while (!out.isEmpty() && out.back().isSpace())
        out.chop(1);
    return out;
}

QString escapeLiteralLine(QStringView line)
{
    QString out;
    out.reserve(line.size() + line.size() / 8);
    // What opens a block at the start of a line: a heading, a list item, a setext
    // underline, an ordered list item ("2024. was a year").
    qsizetype start = 0;
    if (!line.isEmpty()) {
        const QChar first = line[0];
        if (first == u'#' || first == u'-' || first == u'+' || first == u'=') {
            out += u'\\';
        } else {
            qsizetype digits = 0;
            while (digits < line.size() && digits < 10 && line[digits].unicode() >= u'0'
                && line[digits].unicode() <= u'9')
                ++digits;
            if (digits > 0 && digits < 10 && digits < line.size()
                && (line[digits] == u'.' || line[digits] == u')')) {
                out += line.left(digits);
                out += u'\\';
                start = digits;
            }
        }
    }
    // Characters that need nothing are copied in runs, not one by one: a large
    // timeline is a megabyte of them.
    qsizetype plainFrom = start;
    for (qsizetype i = start; i < line.size(); ++i) {
        bool backslash = false; // put before the character
        QStringView replacement; // put instead of the character
        switch (line[i].unicode()) {
        case u'\\':
        case u'`':
        case u'*':
        case u'_':
        case u'[':
        case u']':
        case u'|':
        case u'~':
        case u'$':
            backslash = true;
            break;
        case u'<':
            replacement = u"&lt;";
            break;
        case u'>':
            replacement = u"&gt;";
            break;
        case u'&':
            replacement = u"&amp;";
            break;
        case u'\t':
            replacement = u" ";
            break;
        // GFM's extended autolinks ("www.x.org", "https://x.org") are found in the raw
        // source, where a backslash escape inside one would show; escaping the '.' after
        // "www" and the ':' before "//" keeps them plain text, shown exactly as typed.
        case u'.':
            backslash = i >= 3 && line.mid(i - 3, 3).compare(u"www", Qt::CaseInsensitive) == 0;
            break;
        case u':':
            backslash = line.mid(i + 1, 2) == u"//";
            break;
        default:
            break;
        }
        if (!backslash && replacement.isNull())
            continue;
        out += line.sliced(plainFrom, i - plainFrom);
        if (backslash) {
            out += u'\\';
            plainFrom = i; // the character itself follows
        } else {
            out += replacement;
            plainFrom = i + 1;
        }
    }
    out += line.sliced(plainFrom);
    return out;
}

QString expandLeadingTabs(const QString &line)
{
    const Indent indent = indentOf(line);
    if (!QStringView(line).left(indent.end).contains(u'\t'))
        return line;
    return QString(indent.columns, u' ') + line.mid(indent.end);
}

QStringList trimBlankEnds(QStringList lines)
{
    while (!lines.isEmpty() && isBlank(lines.first()))
        lines.removeFirst();
    while (!lines.isEmpty() && isBlank(lines.last()))
        lines.removeLast();
    return lines;
}

} // namespace

QString sanitize(const QString &text)
{
    // Most text is clean: share it rather than copy it character by character.
    const auto needsWork = [](QChar c) {
        const char16_t u = c.unicode();
        return c.isSurrogate()
            || ((u < 0x20 || (u >= 0x7F && u <= 0x9F)) && u != u'\n' && u != u'\t');
    };
    qsizetype firstDirty = 0;
    while (firstDirty < text.size() && !needsWork(text[firstDirty]))
        ++firstDirty;
    if (firstDirty == text.size())
        return text;
    QString out;
    out.reserve(text.size());
    out += QStringView(text).left(firstDirty);
    for (qsizetype i = firstDirty; i < text.size(); ++i) {
        const QChar c = text[i];
        const char16_t u = c.unicode();
        if (u == u'\r') {
            out += u'\n';
            if (i + 1 < text.size() && text[i + 1] == u'\n')
                ++i;
        } else if (c.isHighSurrogate()) {
            if (i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
                out += c;
                out += text[++i];
            } else {
                out += QChar(kReplacement);
            }
        } else if (c.isLowSurrogate()) {
            out += QChar(kReplacement);
        } else if (u == u'\n' || u == u'\t') {
            out += c;
        } else if (u < 0x20 || (u >= 0x7F && u <= 0x9F)) {
            continue; // NUL and the other C0/C1 controls
        } else {
            out += c;
        }
    }
    return out;
}

QString literal(const QString &text)
{
    const QString clean = sanitize(text);
    // One line, the usual case (a timeline entry, a name): no list to split and join.
    if (!clean.contains(u'\n'))
        return escapeLiteralLine(QStringView(clean).trimmed());
    const QStringList lines = trimBlankEnds(clean.split(u'\n'));
    QStringList escaped;
    escaped.reserve(lines.size());
    for (const QString &line : lines)
        escaped.append(escapeLiteralLine(QStringView(line).trimmed()));
    return escaped.join(QStringLiteral("<br>"));
}

QString narrative(const QString &markdown)
{
    QStringList lines = trimBlankEnds(sanitize(markdown).split(u'\n'));
    // Leading tabs as the spaces they stand for, so indentation means the same wherever
    // the text is placed (a tab after a list marker would otherwise count differently).
    for (QString &line : lines)
        line = expandLeadingTabs(line);
    QStringList out;
    out.reserve(lines.size());

    // A small model of the block structure, enough to know where a renderer certainly
    // sees code (kept as written) and where it might not (escaped). It errs towards
    // escaping: a wrong guess can show "&lt;" inside code, never run HTML.
    std::optional<Fence> fence; // inside a top-level fenced code block
    bool previousBlank = true; // the previous line was blank (or there was none)
    bool previousCode = false; // the previous line was trusted indented code
    bool containerOpen = false; // a list item, block quote or footnote may be open
    bool tableLikely = false; // a '|' since the last blank line: a table may be open
    qsizetype paragraphStart = -1; // first output line of a top-level paragraph

    for (const QString &line : lines) {
        if (fence) {
            out.append(line);
            if (closesFence(line, *fence))
                fence.reset();
            previousBlank = false;
            continue;
        }
        if (isBlank(line)) {
            out.append(QString());
            previousBlank = true;
            tableLikely = false;
            paragraphStart = -1;
            continue;
        }
        const Indent indent = indentOf(line);
        const bool opens = opensContainer(line);
        // After a blank line, an unindented line that opens nothing ends every container.
        if (previousBlank && indent.columns == 0 && !opens)
            containerOpen = false;
        if (line.contains(u'|'))
            tableLikely = true;
        const bool wasBlank = std::exchange(previousBlank, false);
        const bool wasCode = std::exchange(previousCode, false);

        if (indent.columns >= 4 && !containerOpen && (wasBlank || wasCode)) {
            out.append(line); // indented code: a renderer shows it as it is
            previousCode = true;
            paragraphStart = -1;
            continue;
        }
        if (const auto opening = fenceOpening(line)) {
            // At the top level a renderer opens a fence here exactly as this model does,
            // and its content is code. Anywhere else the fence could end with a container
            // the model does not follow, so it is written as text instead.
            if (!containerOpen && !tableLikely) {
                out.append(line.left(indent.end + opening->length)
                    + escapeInfoString(line.mid(indent.end + opening->length)));
                fence = opening;
            } else {
                out.append(escapeFence(line, indent.end, *opening));
            }
            paragraphStart = -1;
            continue;
        }
        const qsizetype prefix = containerPrefixEnd(line);
        const QStringView content = QStringView(line).mid(prefix);

        // A setext underline would turn the paragraph above into a level-1 or -2 heading,
        // a section of its own. At the top level the paragraph becomes a level-3 ATX
        // heading; elsewhere a separating line makes the underline a rule or text.
        if (!wasBlank && isSetextUnderline(content)) {
            if (prefix == 0 && paragraphStart >= 0 && !containerOpen && !tableLikely) {
                QStringList parts;
                for (qsizetype k = paragraphStart; k < out.size(); ++k)
                    parts.append(out[k].trimmed());
                QString heading = QStringLiteral("### ") + parts.join(u' ');
                if (heading.endsWith(u'#'))
                    heading += QStringLiteral(" #"); // a closing sequence keeps the last '#'
                out.erase(out.begin() + paragraphStart, out.end());
                out.append(heading);
                paragraphStart = -1;
                continue;
            }
            out.append(continuationOf(QStringView(line).left(prefix)));
        }
        if (opens)
            containerOpen = true;
        if (prefix > 0) {
            if (const auto opening = fenceOpening(content)) {
                const Indent inner = indentOf(content);
                out.append(
                    line.left(prefix) + escapeFence(content.toString(), inner.end, *opening));
                paragraphStart = -1;
                continue;
            }
        }
        if (const auto heading = atxHeading(content)) {
            // Level 3 and below: the author's headings stay inside their section.
            const int level = std::min(6, heading->first + 2);
            const Indent inner = indentOf(content);
            out.append(line.left(prefix) + content.left(inner.end).toString() + QString(level, u'#')
                + escapeNarrativeInline(content.mid(heading->second).toString()));
            paragraphStart = -1;
            continue;
        }
        out.append(escapeNarrativeInline(line));
        const bool paragraphLine
            = prefix == 0 && !containerOpen && !tableLikely && !isThematicBreak(line);
        if (!paragraphLine)
            paragraphStart = -1;
        else if (paragraphStart < 0)
            paragraphStart = out.size() - 1;
    }
    if (fence)
        out.append(QString(fence->length, fence->marker));
    return trimBlankEnds(out).join(u'\n');
}

QString narrativeListItem(const QString &markdown)
{
    const QString text = narrative(markdown);
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(u'\n');
    // The item's content starts where its first line does: one to three spaces there
    // would move it, and every continuation line with it. Four or more are a code block
    // and keep the content where the continuation lines are.
    const Indent lead = indentOf(lines.first());
    if (lead.columns < 4)
        lines.first().remove(0, lead.end);
    QString first = QStringLiteral("- ") + lines.first();
    // "- " before "- -" would make a thematic break rather than an item.
    if (isThematicBreak(first))
        first = QStringLiteral("- \\") + lines.first();
    lines.first() = first;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!lines[i].isEmpty())
            lines[i].prepend(QStringLiteral("  "));
    }
    return lines.join(u'\n');
}

QString webLinkDestination(const QString &url)
{
    const QUrl parsed(url.trimmed(), QUrl::TolerantMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return {};
    const QString scheme = parsed.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return {};
    const QString encoded = QString::fromLatin1(parsed.toEncoded());
    QString out;
    out.reserve(encoded.size());
    for (const QChar c : encoded) {
        switch (c.unicode()) {
        case u'(':
            out += QStringLiteral("%28");
            break;
        case u')':
            out += QStringLiteral("%29");
            break;
        case u'|':
            out += QStringLiteral("%7C");
            break;
        case u'\\':
            out += QStringLiteral("%5C");
            break;
        case u'<':
            out += QStringLiteral("%3C");
            break;
        case u'>':
            out += QStringLiteral("%3E");
            break;
        case u'`':
            out += QStringLiteral("%60");
            break;
        case u' ':
            out += QStringLiteral("%20");
            break;
        case u'&':
            out += QStringLiteral("&amp;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

bool isSafeDestination(const QString &destination)
{
    return isSafeDestination(QStringView(destination));
}

bool isSafeDestination(QStringView destination)
{
    // The scheme is what comes before the first ':' if that is before any / ? # and
    // whitespace. An entity or a backslash escape could hide a ':' there: unsafe. A
    // scheme longer than 64 characters is none a browser runs.
    for (qsizetype i = 0; i < std::min<qsizetype>(destination.size(), 64); ++i) {
        const QChar c = destination[i];
        if (c == u'/' || c == u'?' || c == u'#' || c == u')' || c == u'>' || isSpaceOrTab(c))
            return true; // relative
        if (c == u'&' || c == u'\\')
            return false;
        if (c == u':') {
            const QString scheme = destination.left(i).toString().toLower();
            return scheme == u"http" || scheme == u"https" || scheme == u"mailto"
                || scheme == u"ftp" || scheme == u"tel";
        }
    }
    return true;
}

} // namespace idesk::MarkdownEscape
