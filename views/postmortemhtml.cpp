#include "postmortemhtml.h"

#include <QTextDocument>
#include <QTextOption>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>

namespace idesk::PostmortemHtml {

namespace {

// The GFM extensions GitHub renders with, in the order cmark-gfm's own CLI attaches them.
constexpr const char *kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter"};

struct ParserDeleter
{
    void operator()(cmark_parser *parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter
{
    void operator()(cmark_node *node) const { cmark_node_free(node); }
};

// GitHub-like on screen; on paper, table rows and headings stay whole where they can.
constexpr const char *kStandaloneStyle = R"css(
body { font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
       font-size: 16px; line-height: 1.5; color: #1f2328; background: #ffffff;
       max-width: 980px; margin: 0 auto; padding: 32px 24px; }
h1, h2, h3, h4 { margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
h1 { font-size: 2em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }
h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }
p, ul, ol, table, pre, blockquote { margin: 0 0 16px; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%;
        overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
tr:nth-child(2n) td { background: #f6f8fa; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
            font-size: 85%; background: #eff1f3; border-radius: 6px; }
code { padding: .2em .4em; }
pre { padding: 16px; overflow: auto; }
pre code { padding: 0; background: none; }
blockquote { color: #59636e; border-left: .25em solid #d1d9e0; padding: 0 1em; }
a { color: #0969da; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  table { display: table; width: auto; }
  tr, img, pre, blockquote { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  h1, h2, h3 { page-break-after: avoid; break-after: avoid; }
}
)css";

// The subset of CSS Qt's rich text supports, to the same effect.
constexpr const char *kDocumentStyle = R"css(
h1 { font-size: 20pt; font-weight: 600; margin-top: 4px; margin-bottom: 10px; }
h2 { font-size: 15pt; font-weight: 600; margin-top: 18px; margin-bottom: 8px; }
h3 { font-size: 12pt; font-weight: 600; margin-top: 14px; margin-bottom: 6px; }
p { margin-top: 0px; margin-bottom: 8px; }
ul, ol { margin-top: 0px; margin-bottom: 8px; }
li { margin-bottom: 2px; }
table { border-collapse: collapse; margin-bottom: 10px; }
th { background-color: #f6f8fa; font-weight: 600; border: 1px solid #d1d9e0; padding: 4px 8px; }
td { border: 1px solid #d1d9e0; padding: 4px 8px; }
code { font-family: monospace; background-color: #eff1f3; }
pre { font-family: monospace; background-color: #f6f8fa; }
blockquote { color: #59636e; margin-left: 12px; }
a { color: #0969da; }
)css";

QString htmlEscaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QString body(const QString &markdown)
{
    cmark_gfm_core_extensions_ensure_registered();
    // CMARK_OPT_UNSAFE lets the export's <br> through; see the header.
    const int options = CMARK_OPT_UNSAFE;
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
    for (const char *name : kExtensions) {
        if (cmark_syntax_extension *extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
    const QByteArray utf8 = markdown.toUtf8();
    cmark_parser_feed(parser.get(), utf8.constData(), size_t(utf8.size()));
    std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));
    if (!root)
        return {};
    char *html
        = cmark_render_html(root.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
    const QString result = QString::fromUtf8(html);
    std::free(html); // cmark's default allocator is malloc
    return result;
}

QString standaloneDocument(const QString &markdown, const QString &title)
{
    return QStringLiteral(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"IncidentDesk\">\n"
        "<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n%3</body>\n</html>\n")
        .arg(htmlEscaped(title), QString::fromLatin1(kStandaloneStyle), body(markdown));
}

void fillDocument(QTextDocument &document, const QString &markdown)
{
    document.setDefaultStyleSheet(QString::fromLatin1(kDocumentStyle));
    // Whole words: a narrow table column grows rather than splitting "Engagement".
    QTextOption option = document.defaultTextOption();
    option.setWrapMode(QTextOption::WordWrap);
    document.setDefaultTextOption(option);
    document.setHtml(body(markdown));
}

} // namespace idesk::PostmortemHtml
