#include "gfmsupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace GfmSupport {

Rendered render(const QString &markdown)
{
    Rendered result;
    const QString program = QStandardPaths::findExecutable(QStringLiteral("cmark-gfm"));
    if (program.isEmpty()) {
        result.error = QStringLiteral(
            "cmark-gfm is not installed: run scripts/setup (Debian package cmark-gfm)");
        return result;
    }
    QProcess process;
    process.start(program,
        {QStringLiteral("--unsafe"), QStringLiteral("-e"), QStringLiteral("table"),
            QStringLiteral("-e"), QStringLiteral("strikethrough"), QStringLiteral("-e"),
            QStringLiteral("autolink"), QStringLiteral("-e"), QStringLiteral("footnotes")});
    if (!process.waitForStarted(10'000)) {
        result.error = QStringLiteral("cmark-gfm did not start: ") + process.errorString();
        return result;
    }
    process.write(markdown.toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        result.error = QStringLiteral("cmark-gfm failed: ")
            + QString::fromUtf8(process.readAllStandardError());
        return result;
    }
    result.html = QString::fromUtf8(process.readAllStandardOutput());
    result.ok = true;
    return result;
}

QString text(const QString &html)
{
    static const QRegularExpression br(QStringLiteral("<br\\s*/?>\\n?"));
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    QString out = html;
    out.replace(br, QStringLiteral("\n"));
    out.remove(tag);
    out.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
    out.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    out.replace(QStringLiteral("&quot;"), QStringLiteral("\""));
    out.replace(QStringLiteral("&#39;"), QStringLiteral("'"));
    out.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return out;
}

QStringList tagNames(const QString &html)
{
    static const QRegularExpression tag(QStringLiteral("<(/?[A-Za-z!?][A-Za-z0-9-]*)"));
    QStringList names;
    auto it = tag.globalMatch(html);
    while (it.hasNext())
        names.append(it.next().captured(1).toLower());
    return names;
}

QStringList elements(const QString &html, const QString &tag)
{
    const QRegularExpression pattern(QStringLiteral("<%1(?:\\s[^>]*)?>(.*?)</%1>").arg(tag),
        QRegularExpression::DotMatchesEverythingOption);
    QStringList found;
    auto it = pattern.globalMatch(html);
    while (it.hasNext())
        found.append(it.next().captured(1));
    return found;
}

QList<Table> tables(const QString &html)
{
    static const QRegularExpression cell(QStringLiteral("<t[hd](?:\\s[^>]*)?>(.*?)</t[hd]>"),
        QRegularExpression::DotMatchesEverythingOption);
    QList<Table> result;
    for (const QString &table : elements(html, QStringLiteral("table"))) {
        Table rows;
        for (const QString &row : elements(table, QStringLiteral("tr"))) {
            QStringList cells;
            auto it = cell.globalMatch(row);
            while (it.hasNext())
                cells.append(it.next().captured(1));
            rows.append(cells);
        }
        result.append(rows);
    }
    return result;
}

bool isAllowedTag(const QString &name)
{
    static const QStringList allowed {
        QStringLiteral("h1"),
        QStringLiteral("h2"),
        QStringLiteral("h3"),
        QStringLiteral("h4"),
        QStringLiteral("h5"),
        QStringLiteral("h6"),
        QStringLiteral("p"),
        QStringLiteral("ul"),
        QStringLiteral("ol"),
        QStringLiteral("li"),
        QStringLiteral("em"),
        QStringLiteral("strong"),
        QStringLiteral("code"),
        QStringLiteral("pre"),
        QStringLiteral("a"),
        QStringLiteral("table"),
        QStringLiteral("thead"),
        QStringLiteral("tbody"),
        QStringLiteral("tr"),
        QStringLiteral("th"),
        QStringLiteral("td"),
        QStringLiteral("br"),
        QStringLiteral("hr"),
        QStringLiteral("blockquote"),
        QStringLiteral("del"),
        QStringLiteral("img"),
        QStringLiteral("sup"),
        QStringLiteral("section"),
    };
    const QString bare = name.startsWith(u'/') ? name.mid(1) : name;
    return allowed.contains(bare);
}

QList<std::pair<QString, QString>> hostileTexts()
{
    auto s = [](const char *utf8) { return QString::fromUtf8(utf8); };
    QString controls = s("nul");
    controls += QChar(0);
    controls += s("here\x01\x1f and del\x7f, C1\u0085.");
    return {
        {s("pipes"), s("a | b || c \\| d |")},
        {s("newlines"), s("first line\nsecond | line\r\nthird\rfourth")},
        {s("backticks"), s("``code`` and ` lone ```fence")},
        {s("script"), s("<script>alert(1)</script>")},
        {s("img onerror"), s("<img src=x onerror=alert(1)>")},
        {s("emphasis"), s("*bold* **strong** _it_ __u__ ~~del~~ ~x~")},
        {s("javascript link"), s("[click](javascript:alert(1)) ![i](data:text/html,x)")},
        {s("autolinks"), s("<https://example.com> and <javascript:alert(1)> www.example.com")},
        {s("URLs"), s("see https://grafana.example/d/a_b?x=1&y=<2>|3 and www.x.org/*y* a@b.org")},
        {s("emoji"), s("🔥 outage 👩‍👩‍👧 family ✅")},
        {s("right-to-left"), s("שלום עולם — مرحبا بالعالم \u202Eevil")},
        {s("10,000-character line"), s("0123456789|<`*_").repeated(667)},
        {s("backslashes"), s("C:\\path\\to\\ and trailing \\")},
        {s("leading hash"), s("# not a heading #")},
        {s("thematic break"), s("---")},
        {s("setext heading"), s("Title\n===")},
        {s("html comment"), s("<!-- hidden --> shown")},
        {s("entities"), s("&amp; &lt;b&gt; &#0; AT&T")},
        {s("control characters"), controls},
        {s("list and quote markers"), s("1. one\n- two\n+ three\n> quote")},
        {s("table syntax"), s("| a | b |\n|---|---|\n| c | d |")},
        {s("fenced code"), s("```\n<b>in code</b>\n```")},
        {s("dollar maths"), s("$x^2$ and $5")},
        {s("brackets"), s("[x] [ref]: /url {y} (z) !w")},
        {s("whitespace"), s("   leading and trailing   \t")},
    };
}

QString expectedLiteral(const QString &text)
{
    QString unified;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u == u'\r') {
            unified += u'\n';
            if (i + 1 < text.size() && text[i + 1] == u'\n')
                ++i;
        } else if (u == u'\t') {
            unified += u' ';
        } else if (u == u'\n' || !(u < 0x20 || (u >= 0x7F && u <= 0x9F))) {
            unified += text[i];
        }
    }
    QStringList lines;
    for (const QString &line : unified.split(u'\n'))
        lines.append(line.trimmed());
    while (!lines.isEmpty() && lines.first().isEmpty())
        lines.removeFirst();
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(u'\n');
}

} // namespace GfmSupport
