#include "textreport.h"

#include "incidentrules.h"
#include "severity.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace idesk::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TextReport", text);
}

QString utc(const std::optional<QDateTime> &at)
{
    return at ? at->toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : tr("—");
}

QString figure(std::optional<qint64> seconds)
{
    return seconds ? formatDuration(*seconds) : tr("not recorded");
}

QJsonValue isoOrNull(const std::optional<QDateTime> &at)
{
    return at ? QJsonValue(formatIsoUtc(*at)) : QJsonValue(QJsonValue::Null);
}

// Keeps one entry on one terminal line; the full text is in `show --json`.
QString oneLine(const QString &text)
{
    QString line = text;
    line.replace(u'\n', QStringLiteral(" ⏎ "));
    line.replace(u'\r', u' ');
    line.replace(u'\t', u' ');
    return line;
}

} // namespace

QString incidentListText(const QList<IncidentSummary> &incidents, const QDateTime &now)
{
    if (incidents.isEmpty())
        return tr("No incidents.\n");
    QString text;
    for (const auto &incident : incidents) {
        const QString age = incident.started ? formatDuration(incident.started->secsTo(now))
                                             : tr("—");
        text += QStringLiteral("%1  %2  %3  %4  %5\n")
                        .arg(formatIncidentId(incident.id), -8)
                        .arg(SeverityDefinition::severityName(incident.severity), -6)
                        .arg(statusName(incident.status), -13)
                        .arg(age, -8)
                        .arg(oneLine(incident.title));
    }
    return text;
}

QByteArray incidentListJson(const QList<IncidentSummary> &incidents)
{
    QJsonArray array;
    for (const auto &incident : incidents) {
        array.append(QJsonObject{
                {QStringLiteral("id"), formatIncidentId(incident.id)},
                {QStringLiteral("title"), incident.title},
                {QStringLiteral("severity"), SeverityDefinition::severityName(incident.severity)},
                {QStringLiteral("status"), statusName(incident.status)},
                {QStringLiteral("started"), isoOrNull(incident.started)},
                {QStringLiteral("declared"), isoOrNull(incident.declared)},
                {QStringLiteral("resolved"), isoOrNull(incident.resolved)},
        });
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QString incidentText(const Incident &incident, const QDateTime &now)
{
    const IncidentHeader &h = incident.header;
    QString text;
    text += QStringLiteral("%1  %2\n").arg(formatIncidentId(h.id), oneLine(h.title));
    text += tr("Severity: %1   Status: %2\n")
                    .arg(SeverityDefinition::severityName(h.severity), statusName(h.status));
    if (!h.summary.isEmpty())
        text += tr("Summary: %1\n").arg(oneLine(h.summary));
    if (const auto started = h.milestones.get(Milestone::Started);
        started && Lifecycle::isOpen(h.status))
        text += tr("Running for %1\n").arg(formatDuration(started->secsTo(now)));

    text += tr("\nMilestones:\n");
    for (Milestone m : allMilestones())
        text += QStringLiteral("  %1 %2\n").arg(milestoneName(m), -13).arg(utc(h.milestones.get(m)));
    text += tr("  time to detect %1, acknowledge %2, mitigate %3, resolve %4\n")
                    .arg(figure(h.milestones.timeToDetect()),
                         figure(h.milestones.timeToAcknowledge()),
                         figure(h.milestones.timeToMitigate()),
                         figure(h.milestones.timeToResolve()));

    text += tr("\nRoles:\n");
    if (incident.roles.isEmpty())
        text += tr("  none assigned\n");
    for (const auto &role : incident.roles) {
        text += QStringLiteral("  %1 %2 %3 → %4\n")
                        .arg(role.role, -11)
                        .arg(oneLine(role.person), -16)
                        .arg(utc(role.from), role.to ? utc(role.to) : tr("now"));
    }

    text += tr("\nTimeline (%1 entries):\n").arg(incident.timeline.size());
    for (const auto &entry : incident.timeline) {
        QString body = entry.isRedacted()
                ? tr("[redacted: %1]").arg(oneLine(entry.redaction->reason))
                : oneLine(entry.text);
        if (entry.isEdited() && !entry.isRedacted())
            body += tr(" (edited)");
        text += QStringLiteral("  #%1 %2  %3 %4: %5\n")
                        .arg(entry.id)
                        .arg(utc(entry.at))
                        .arg(entryKindName(entry.kind), -11)
                        .arg(oneLine(entry.author), body);
    }

    if (!incident.statusUpdates.isEmpty()) {
        text += tr("\nStatus updates:\n");
        for (const auto &update : incident.statusUpdates)
            text += QStringLiteral("  %1 [%2] %3\n")
                            .arg(utc(update.at), audienceName(update.audience),
                                 oneLine(update.status));
    }
    if (!incident.actionItems.isEmpty()) {
        text += tr("\nAction items:\n");
        int number = 0;
        for (const auto &item : incident.actionItems) {
            QString details = item.owner.isEmpty() ? tr("no owner") : oneLine(item.owner);
            if (item.due)
                details += tr(", due %1").arg(item.due->toString(Qt::ISODate));
            text += QStringLiteral("  %1. [%2] %3 (%4, %5)\n")
                            .arg(++number)
                            .arg(actionStatusName(item.status), oneLine(item.text), details,
                                 actionTypeName(item.type));
        }
    }
    return text;
}

} // namespace idesk::cli
