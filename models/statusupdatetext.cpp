#include "statusupdatetext.h"

#include "markdownescape.h"
#include "severity.h"

#include <QCoreApplication>

namespace idesk::StatusUpdateText {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StatusUpdateText", text);
}

struct Line
{
    QString label;
    QString value;
};

QList<Line> linesOf(const StatusUpdate &update)
{
    QList<Line> lines;
    auto add = [&lines](const QString &label, const QString &value) {
        if (!value.trimmed().isEmpty())
            lines.append({label, value.trimmed()});
    };
    add(tr("Status"), update.status);
    add(tr("Impact"), update.impact);
    add(tr("Current actions"), update.actions);
    add(tr("Needs"), update.needs);
    if (update.nextUpdateAt)
        add(tr("Next update"), update.nextUpdateAt->toUTC().toString(
                                       QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
    return lines;
}

QString heading(const IncidentHeader &incident, const StatusUpdate &update)
{
    return tr("%1 %2 — %3 update (%4)")
            .arg(formatIncidentId(incident.id), incident.title, audienceName(update.audience),
                 SeverityDefinition::severityName(incident.severity));
}

QString postedAt(const StatusUpdate &update)
{
    return update.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace

QString plain(const IncidentHeader &incident, const StatusUpdate &update)
{
    QString text = heading(incident, update) + u'\n' + tr("Posted %1").arg(postedAt(update)) + u'\n';
    for (const auto &line : linesOf(update))
        text += QStringLiteral("%1: %2\n").arg(line.label, line.value);
    return text;
}

QString markdown(const IncidentHeader &incident, const StatusUpdate &update)
{
    QString text = QStringLiteral("**%1**  \n").arg(MarkdownEscape::literal(heading(incident, update)));
    text += QStringLiteral("_%1_\n\n").arg(MarkdownEscape::literal(tr("Posted %1").arg(postedAt(update))));
    for (const auto &line : linesOf(update)) {
        QString value = MarkdownEscape::literal(line.value);
        value.replace(u'\n', QStringLiteral("  \n  "));
        text += QStringLiteral("- **%1:** %2\n").arg(line.label, value);
    }
    return text;
}

QString escapeSlack(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'&', QStringLiteral("&amp;"));
    escaped.replace(u'<', QStringLiteral("&lt;"));
    escaped.replace(u'>', QStringLiteral("&gt;"));
    return escaped;
}

QString slack(const IncidentHeader &incident, const StatusUpdate &update)
{
    QString text = QStringLiteral("*%1*\n_%2_\n")
                           .arg(escapeSlack(heading(incident, update)),
                                escapeSlack(tr("Posted %1").arg(postedAt(update))));
    for (const auto &line : linesOf(update))
        text += QStringLiteral("• *%1:* %2\n").arg(line.label, escapeSlack(line.value));
    return text;
}

} // namespace idesk::StatusUpdateText
