#include "gfmsupport.h"
#include "markdownescape.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace idesk;

namespace {

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

// Fails the test with what went wrong; returns the HTML.
QString renderOrFail(const QString &markdown, bool *ok)
{
    const auto rendered = GfmSupport::render(markdown);
    *ok = rendered.ok;
    if (!rendered.ok)
        qWarning("%s", qPrintable(rendered.error));
    return rendered.html;
}

QString leakedTags(const QString &html)
{
    QStringList leaked;
    for (const QString &tag : GfmSupport::tagNames(html)) {
        if (!GfmSupport::isAllowedTag(tag))
            leaked.append(tag);
    }
    return leaked.join(u' ');
}

} // namespace

class MarkdownEscapeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitize_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QString nul = u8("a");
        nul += QChar(0);
        nul += u8("b");
        QString lone = u8("x");
        lone += QChar(0xD83D); // a high surrogate with no partner
        lone += u8("y");
        QString loneLow = u8("x");
        loneLow += QChar(0xDC00);
        QTest::newRow("NUL dropped") << nul << u8("ab");
        QTest::newRow("C0 and C1 dropped, tab and newline kept")
            << u8("a\x01\x1b[31mb\x7f\u0085\tc\n") << u8("a[31mb\tc\n");
        QTest::newRow("CRLF and CR") << u8("a\r\nb\rc") << u8("a\nb\nc");
        QTest::newRow("lone high surrogate") << lone << u8("x\uFFFDy");
        QTest::newRow("lone low surrogate") << loneLow << u8("x\uFFFD");
        QTest::newRow("emoji pairs kept")
            << u8("🔥👩‍👩‍👧") << u8("🔥👩‍👩‍👧");
        QTest::newRow("bidi controls kept") << u8("\u202Eabc\u200F") << u8("\u202Eabc\u200F");
    }

    void sanitize()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(MarkdownEscape::sanitize(input), expected);
    }

    void literal_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain stays readable")
            << u8("Deployment of v2.5.0 (INC-7) {x}!") << u8("Deployment of v2.5.0 (INC-7) {x}!");
        QTest::newRow("pipes") << u8("a | b") << u8("a \\| b");
        QTest::newRow("newlines become <br>")
            << u8("one\ntwo\r\nthree\rfour") << u8("one<br>two<br>three<br>four");
        QTest::newRow("blank lines kept inside, dropped at the ends")
            << u8("\n\n  one  \n\n  two\n\n") << u8("one<br><br>two");
        QTest::newRow("raw HTML") << u8("<script>alert(1)</script>")
                                  << u8("&lt;script&gt;alert(1)&lt;/script&gt;");
        QTest::newRow("entities") << u8("&amp; AT&T") << u8("&amp;amp; AT&amp;T");
        QTest::newRow("emphasis and strikethrough")
            << u8("*a* _b_ ~c~") << u8("\\*a\\* \\_b\\_ \\~c\\~");
        QTest::newRow("link") << u8("[x](javascript:alert(1))")
                              << u8("\\[x\\](javascript:alert(1))");
        QTest::newRow("backslashes") << u8("C:\\dir\\") << u8("C:\\\\dir\\\\");
        QTest::newRow("backticks") << u8("``x``") << u8("\\`\\`x\\`\\`");
        QTest::newRow("dollar") << u8("$5 and $x$") << u8("\\$5 and \\$x\\$");
        QTest::newRow("leading hash") << u8("# not a heading") << u8("\\# not a heading");
        QTest::newRow("hash elsewhere") << u8("issue #12") << u8("issue #12");
        QTest::newRow("leading dash") << u8("- item") << u8("\\- item");
        QTest::newRow("leading plus") << u8("+1") << u8("\\+1");
        QTest::newRow("thematic break") << u8("---") << u8("\\---");
        QTest::newRow("setext underline") << u8("===") << u8("\\===");
        QTest::newRow("ordered marker") << u8("2024. A year") << u8("2024\\. A year");
        QTest::newRow("ordered marker, paren") << u8("1) one") << u8("1\\) one");
        QTest::newRow("too many digits for a marker") << u8("1234567890. x") << u8("1234567890. x");
        QTest::newRow("marker on a later line") << u8("a\n- b") << u8("a<br>\\- b");
        QTest::newRow("block quote") << u8("> quote") << u8("&gt; quote");
        QTest::newRow("tabs") << u8("\ta\tb") << u8("a b");
        QTest::newRow("URLs stay plain text")
            << u8("see https://x.org/a_b, WWW.x.org and 16:05 a@b.org")
            << u8("see https\\://x.org/a\\_b, WWW\\.x.org and 16:05 a@b.org");
        QTest::newRow("emoji and RTL untouched") << u8("🔥 שלום مرحبا") << u8("🔥 שלום مرحبا");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("only whitespace") << u8(" \n\t ") << QString();
    }

    void literal()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(MarkdownEscape::literal(input), expected);
    }

    // Whatever the text, a real renderer shows it as typed, in every place a literal goes.
    void literalRendersAsTyped_data()
    {
        QTest::addColumn<QString>("text");
        for (const auto &[name, text] : GfmSupport::hostileTexts())
            QTest::newRow(qPrintable(name)) << text;
    }

    void literalRendersAsTyped()
    {
        QFETCH(QString, text);
        const QString escaped = MarkdownEscape::literal(text);
        const QString expected = GfmSupport::expectedLiteral(text);
        QVERIFY(!escaped.contains(u'\n'));

        struct Context
        {
            const char *name;
            QString markdown;
            QString element;
            QString prefix;
        };
        const QList<Context> contexts {
            {"paragraph", escaped, QStringLiteral("p"), QString()},
            {"list item", QStringLiteral("- ") + escaped, QStringLiteral("li"), QString()},
            {"label", QStringLiteral("- **Owner:** ") + escaped, QStringLiteral("li"),
                QStringLiteral("Owner: ")},
            {"heading", QStringLiteral("# Postmortem: ") + escaped + QStringLiteral(" (INC-1)"),
                QStringLiteral("h1"), QStringLiteral("Postmortem: ")},
            {"table cell",
                QStringLiteral("| a | b |\n| --- | --- |\n| ") + escaped + QStringLiteral(" | x |"),
                QStringLiteral("td"), QString()},
        };
        for (const auto &context : contexts) {
            bool ok = false;
            const QString html = renderOrFail(context.markdown, &ok);
            QVERIFY2(ok, "cmark-gfm must be installed (scripts/setup) for this test");
            QVERIFY2(leakedTags(html).isEmpty(),
                qPrintable(QStringLiteral("%1: leaked %2")
                               .arg(QLatin1String(context.name), leakedTags(html))));
            const QStringList found = GfmSupport::elements(html, context.element);
            QVERIFY2(!found.isEmpty(),
                qPrintable(QLatin1String(context.name) + QStringLiteral(": ") + html));
            QString want = context.prefix + expected;
            if (context.element == u"h1")
                want += QStringLiteral(" (INC-1)");
            QCOMPARE(GfmSupport::text(found.first()), want);
            if (context.element == u"td") {
                const auto tables = GfmSupport::tables(html);
                QCOMPARE(tables.size(), 1);
                QCOMPARE(tables[0].size(), 2);
                QCOMPARE(tables[0][1].size(), 2);
                QCOMPARE(tables[0][1][1], QStringLiteral("x"));
            }
        }
    }

    void narrative_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("Markdown passes through")
            << u8("**bold**, _it_, [link](https://example.com) and\n\n- a list")
            << u8("**bold**, _it_, [link](https://example.com) and\n\n- a list");
        QTest::newRow("script escaped")
            << u8("<script>alert(1)</script>") << u8("&lt;script>alert(1)&lt;/script>");
        QTest::newRow("HTML block escaped")
            << u8("<div>\n*x*\n</div>") << u8("&lt;div>\n*x*\n&lt;/div>");
        QTest::newRow("HTML comment escaped") << u8("<!-- hidden -->") << u8("&lt;!-- hidden -->");
        QTest::newRow("entities escaped, bare ampersands kept") << u8(
            "AT&T &copy; &#60; &#x3c; &X;") << u8("AT&T &amp;copy; &amp;#60; &amp;#x3c; &amp;X;");
        QTest::newRow("query strings kept for autolinks") << u8(
            "https://x.org/?a=1&b=2 www.x.org/a_b") << u8("https://x.org/?a=1&b=2 www.x.org/a_b");
        QTest::newRow("escaped < stays") << u8("\\<b> and \\&") << u8("\\<b> and \\&");
        QTest::newRow("code span kept")
            << u8("run `ls <dir> && x` now") << u8("run `ls <dir> && x` now");
        QTest::newRow("double-backtick span kept") << u8("``a ` <b>``") << u8("``a ` <b>``");
        QTest::newRow("unmatched backtick escaped") << u8("a ` b <i>") << u8("a \\` b &lt;i>");
        QTest::newRow("span across lines escaped")
            << u8("`a\nb` <i> `c`") << u8("\\`a\nb` <i> `c\\`");
        QTest::newRow("code span holding a pipe escaped") << u8("`a|<b>`") << u8("\\`a|&lt;b>\\`");
        QTest::newRow("escaped backtick is no opener") << u8("\\`<b>`") << u8("\\`&lt;b>\\`");
        QTest::newRow("fenced code kept") << u8("text\n```html\n<b>x</b>\n```\n<i>")
                                          << u8("text\n```html\n<b>x</b>\n```\n&lt;i>");
        QTest::newRow("tilde fence kept") << u8("~~~\n<b>\n~~~") << u8("~~~\n<b>\n~~~");
        QTest::newRow("unclosed fence closed") << u8("````\n<b>") << u8("````\n<b>\n````");
        QTest::newRow("short closer does not close")
            << u8("````\n```\n<b>\n````") << u8("````\n```\n<b>\n````");
        QTest::newRow("fence in a list item escaped") << u8(
            "- item\n\n  ```\n  <b>\n  ```") << u8("- item\n\n  \\`\\`\\`\n  &lt;b>\n  \\`\\`\\`");
        QTest::newRow("fence in a quote escaped")
            << u8("> ```\n> <b>") << u8("> \\`\\`\\`\n> &lt;b>");
        QTest::newRow("fence after a table row escaped")
            << u8("a | b\n```\n<b>\n```") << u8("a | b\n\\`\\`\\`\n&lt;b>\n\\`\\`\\`");
        QTest::newRow("tilde fence in a list item escaped")
            << u8("- ~~~ x\n  <b>") << u8("- \\~\\~\\~ x\n  &lt;b>");
        QTest::newRow("leading tabs expanded")
            << u8("\t<b>\n\n  \t<i>") << u8("    <b>\n\n    <i>");
        QTest::newRow("indented code kept")
            << u8("para\n\n    <b>\n\n    <i>") << u8("para\n\n    <b>\n\n    <i>");
        QTest::newRow("indented continuation escaped")
            << u8("para\n    <b>") << u8("para\n    &lt;b>");
        QTest::newRow("indented under a list escaped")
            << u8("- item\n\n    <b>") << u8("- item\n\n    &lt;b>");
        QTest::newRow("list ended by an unindented paragraph")
            << u8("- item\n\nafter\n\n    <b>") << u8("- item\n\nafter\n\n    <b>");
        QTest::newRow("autolinks kept") << u8("<https://example.com/a?b&c> <ops@example.com>")
                                        << u8("<https://example.com/a?b&c> <ops@example.com>");
        QTest::newRow("javascript autolink escaped")
            << u8("<javascript:alert(1)>") << u8("&lt;javascript:alert(1)>");
        QTest::newRow("javascript link broken")
            << u8("[x](javascript:alert(1))") << u8("[x]\\(javascript:alert(1))");
        QTest::newRow("upper-case scheme broken")
            << u8("[x]( JaVaScRiPt:alert(1))") << u8("[x]\\( JaVaScRiPt:alert(1))");
        QTest::newRow("angle destination broken")
            << u8("[x](<javascript:a>)") << u8("[x]\\(&lt;javascript:a>)");
        QTest::newRow("entity-hidden colon broken")
            << u8("[x](javascript&#58;alert(1))") << u8("[x]\\(javascript&amp;#58;alert(1))");
        QTest::newRow("escape-hidden colon broken")
            << u8("[x](javascript\\:alert(1))") << u8("[x]\\(javascript\\:alert(1))");
        QTest::newRow("data image broken")
            << u8("![i](data:image/png;base64,xx)") << u8("![i]\\(data:image/png;base64,xx)");
        QTest::newRow("destination on the next line broken")
            << u8("[x](\njavascript:a)") << u8("[x]\\(\njavascript:a)");
        QTest::newRow("relative and web links kept")
            << u8("[a](docs/a.md) [b](#top) [c](HTTPS://x.org) [d](mailto:a@b.c)")
            << u8("[a](docs/a.md) [b](#top) [c](HTTPS://x.org) [d](mailto:a@b.c)");
        QTest::newRow("reference definition broken")
            << u8("[x]: javascript:alert(1)\n\n[x]") << u8("[x]\\: javascript:alert(1)\n\n[x]");
        QTest::newRow("safe reference definition kept")
            << u8("[x]: https://example.com\n\n[x]") << u8("[x]: https://example.com\n\n[x]");
        QTest::newRow("headings demoted")
            << u8("# One\n## Two\n### Three\n##### Five\n#tag")
            << u8("### One\n#### Two\n##### Three\n###### Five\n#tag");
        QTest::newRow("setext h2 demoted") << u8("Title\n---\ntext") << u8("### Title\ntext");
        QTest::newRow("setext h1 over two lines") << u8("A\nB\n===") << u8("### A B");
        QTest::newRow("setext ending in a hash") << u8("C #\n==") << u8("### C # #");
        QTest::newRow("thematic break stays") << u8("a\n\n---\n\nb") << u8("a\n\n---\n\nb");
        QTest::newRow("dash after a list item separated") << u8("- a\n---") << u8("- a\n\n---");
        QTest::newRow("setext in a quote separated") << u8("> a\n> ---") << u8("> a\n>\n> ---");
        QTest::newRow("setext in a list item separated") << u8("- a\n  ===") << u8("- a\n\n  ===");
        QTest::newRow("headings in containers demoted")
            << u8("- ## x\n> # y\n1. > #### z") << u8("- #### x\n> ### y\n1. > ###### z");
        QTest::newRow("fence info escaped")
            << u8("``` <b>&\nx\n```") << u8("``` &lt;b>&amp;\nx\n```");
        QTest::newRow("CRLF, controls, blank ends")
            << u8("\r\n\r\na\x01\r\nb\r\n\r\n") << u8("a\nb");
        QTest::newRow("emoji and RTL") << u8("🔥 שלום <b>") << u8("🔥 שלום &lt;b>");
    }

    void narrative()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(MarkdownEscape::narrative(input), expected);
    }

    // Author's Markdown may do anything Markdown does, but never run HTML, link to a
    // script or open a section of the document.
    void narrativeNeverLeaks_data()
    {
        QTest::addColumn<QString>("text");
        for (const auto &[name, text] : GfmSupport::hostileTexts())
            QTest::newRow(qPrintable(name)) << text;
        QTest::newRow("fence in list, then html")
            << u8("1. x\n   ```\nnot code <script>x</script>");
        QTest::newRow("span split by a heading") << u8("`a\n# b <img src=x onerror=y> `");
        QTest::newRow("span split by a table") << u8("| a |\n| - |\n| `x | <script>y</script>` |");
        QTest::newRow("footnote continuation") << u8("[^1]: note\n\n    <script>x</script>");
        QTest::newRow("lazy quote") << u8("> a\n```\n<script>x</script>\n```");
        QTest::newRow("tab-indented fence") << u8("\t```\n<script>x</script>");
        QTest::newRow("html block start") << u8("<details>\n<summary>x</summary>\n</details>");
        QTest::newRow("processing instruction") << u8("<?php echo 1; ?>\n<![CDATA[x]]>");
        QTest::newRow("tab after a list marker") << u8("\t<script>x</script>");
        QTest::newRow("tab in a list item") << u8("- a\n\n \t<script>x</script>");
        QTest::newRow("autolink with a pipe") << u8("| <http://a|<script>x</script>> |\n|-|");
        // Fences this model cannot follow must not make it trust a later one.
        QTest::newRow("tilde fence desync") << u8("- a\n  ~~~\n~~~\n\n~~~\n<script>x</script>");
        QTest::newRow("backtick fence desync")
            << u8("- a\n  ```\n```\n\n```\n<script>x</script>\n```");
        QTest::newRow("quote fence desync") << u8("> ~~~\n~~~\n<script>x</script>\n~~~");
        QTest::newRow("footnote fence desync")
            << u8("[^1]: ~~~\n\n~~~\n<script>x</script>\n\n[^1]");
        QTest::newRow("ordered marker that cannot interrupt")
            << u8("a\n2. ```\n```<x>``` <script>x</script>");
        QTest::newRow("headings in containers") << u8("- ## x\n> # y\n[^1]: # z\n\n[^1]");
        QTest::newRow("setext in containers") << u8("- a\n  ---\n> b\n> ===");
        QTest::newRow("fence closed by a container's end")
            << u8("- ```\n  <b>\n<script>x</script>");
    }

    void narrativeNeverLeaks()
    {
        QFETCH(QString, text);
        for (const QString &markdown :
            {MarkdownEscape::narrative(text), MarkdownEscape::narrativeListItem(text)}) {
            bool ok = false;
            const QString html = renderOrFail(markdown + QStringLiteral("\n\n## After\n"), &ok);
            QVERIFY2(ok, "cmark-gfm must be installed (scripts/setup) for this test");
            QVERIFY2(leakedTags(html).isEmpty(),
                qPrintable(QStringLiteral("leaked %1 from:\n%2\n---\n%3")
                               .arg(leakedTags(html), markdown, html)));
            QVERIFY2(!html.contains(QStringLiteral("href=\"javascript"), Qt::CaseInsensitive),
                qPrintable(html));
            QVERIFY2(!html.contains(QStringLiteral("src=\"data:"), Qt::CaseInsensitive),
                qPrintable(html));
            QCOMPARE(GfmSupport::elements(html, QStringLiteral("h2")),
                QStringList {QStringLiteral("After")});
            QVERIFY(!html.contains(QStringLiteral("<h1")));
        }
    }

    // Random mixtures of the lines that confuse block structure: whatever the order, no
    // HTML runs and no section heading appears.
    void narrativeRandomMixtures()
    {
        const QStringList pool {
            u8("- a"),
            u8("  ```"),
            u8("```"),
            u8("~~~"),
            u8("  ~~~"),
            u8("> ~~~"),
            u8("> x"),
            QString(),
            QString(),
            u8("    <script>x</script>"),
            u8("<script>x</script>"),
            u8("`<script>x</script>`"),
            u8("``"),
            u8("`"),
            u8("1. x"),
            u8("2. ```"),
            u8("[^1]: x"),
            u8("[^1]"),
            u8("| a | b |"),
            u8("|---|---|"),
            u8("---"),
            u8("==="),
            u8("Title"),
            u8("# h"),
            u8("  ## h"),
            u8("<https://x.org>"),
            u8("[a](javascript:x)"),
            u8("a `b"),
            u8("c` <img src=x onerror=y> `"),
            u8("\\`"),
            u8("> ```"),
            u8("    ```"),
            u8("\t```"),
            u8("   ~~~~"),
            u8("- - -"),
            u8("<!-- c -->"),
            u8("  - b"),
            u8("    - c"),
            u8("10. x"),
            u8(">"),
            u8("````"),
            u8("~~~ `x`"),
            u8("\t<b>"),
            u8(" \t- x"),
            u8("   x"),
            u8("  \t```"),
        };
        QRandomGenerator random(20241125);
        for (int round = 0; round < 400; ++round) {
            QStringList lines;
            const int count = 2 + int(random.bounded(9));
            for (int i = 0; i < count; ++i)
                lines.append(pool[random.bounded(int(pool.size()))]);
            const QString text = lines.join(u'\n');
            const bool asItem = random.bounded(4) == 0;
            const QString markdown = asItem ? MarkdownEscape::narrativeListItem(text)
                                            : MarkdownEscape::narrative(text);
            bool ok = false;
            const QString html = renderOrFail(markdown + QStringLiteral("\n\n## After\n"), &ok);
            QVERIFY2(ok, "cmark-gfm must be installed (scripts/setup) for this test");
            const QString context = QStringLiteral("round %1 from:\n%2\n--- gave:\n%3\n---\n%4")
                                        .arg(round)
                                        .arg(text, markdown, html);
            QVERIFY2(leakedTags(html).isEmpty(), qPrintable(context));
            QVERIFY2(GfmSupport::elements(html, QStringLiteral("h2"))
                    == QStringList {QStringLiteral("After")},
                qPrintable(context));
            QVERIFY2(!html.contains(QStringLiteral("<h1")), qPrintable(context));
            QVERIFY2(!html.contains(QStringLiteral("href=\"javascript")), qPrintable(context));
        }
    }

    void narrativeListItem_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one line") << u8("Quick detection") << u8("- Quick detection");
        QTest::newRow("continuation indented") << u8("a\n\nb\n- c") << u8("- a\n\n  b\n  - c");
        QTest::newRow("would be a thematic break") << u8("- -") << u8("- \\- -");
        QTest::newRow("leading spaces dropped") << u8("   ~~~\n<b>") << u8("- ~~~\n  <b>\n  ~~~");
        QTest::newRow("leading tab is code")
            << u8("\t<b>\n\n\t<i>") << u8("-     <b>\n\n      <i>");
        QTest::newRow("empty") << u8("  \n ") << QString();
    }

    void narrativeListItem()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(MarkdownEscape::narrativeListItem(input), expected);
    }

    void webLinkDestination_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u8("https://tracker.example/ISSUE-1")
                               << u8("https://tracker.example/ISSUE-1");
        QTest::newRow("parentheses, pipe, ampersand") << u8(
            "https://x.example/a(b)?q=1&r=|") << u8("https://x.example/a%28b%29?q=1&amp;r=%7C");
        QTest::newRow("space") << u8(" http://x.example/a b ") << u8("http://x.example/a%20b");
        QTest::newRow("javascript") << u8("javascript:alert(1)") << QString();
        QTest::newRow("relative") << u8("/issues/1") << QString();
        QTest::newRow("ftp") << u8("ftp://x.example/") << QString();
    }

    void webLinkDestination()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QCOMPARE(MarkdownEscape::webLinkDestination(url), expected);
    }

    void longInputIsLinear()
    {
        // 10,000-character lines and a 1 MB field escape without blowing up.
        const QString line = QStringLiteral("`<a>|*_\\").repeated(125'000);
        QElapsedTimer timer;
        timer.start();
        const QString literal = MarkdownEscape::literal(line);
        const QString narrative = MarkdownEscape::narrative(line);
        QVERIFY(literal.size() > line.size());
        QVERIFY(!narrative.isEmpty());
        QVERIFY2(timer.elapsed() < 5'000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(MarkdownEscapeTest)
#include "tst_markdownescape.moc"
