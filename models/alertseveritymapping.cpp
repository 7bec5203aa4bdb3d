#include "alertseveritymapping.h"

#include "severity.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace idesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AlertSeverityMapping", text);
}

const QString kAlertName = QStringLiteral("alertname");

// "SEV-1", "sev1", "1" or the number 1.
std::optional<int> levelFrom(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        const int level = int(d);
        if (double(level) == d && level >= 1)
            return level;
        return std::nullopt;
    }
    if (value.isString()) {
        const auto level = parseSeverity(value.toString());
        if (level && *level >= 1)
            return level;
    }
    return std::nullopt;
}

QString shown(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u'"' + value.toString().left(40) + u'"';
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return tr("an array");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return tr("nothing");
}

Error badLevel(const QString &path, const QJsonValue &value)
{
    return Error::validation(
        tr("%1: %2 is not a severity (write \"SEV-1\" or 1).").arg(path, shown(value)));
}

QString oneLine(const QString &text)
{
    return text.simplified();
}

} // namespace

AlertSeverityMapping AlertSeverityMapping::defaults()
{
    AlertSeverityMapping mapping;
    mapping.levels.insert(QStringLiteral("critical"), 1);
    mapping.levels.insert(QStringLiteral("warning"), 2);
    mapping.levels.insert(QStringLiteral("info"), 3);
    mapping.fallback = 2;
    return mapping;
}

int AlertSeverityMapping::severityFor(const Alert &alert) const
{
    const auto it = alert.labels.constFind(label);
    if (it == alert.labels.cend())
        return fallback;
    return levels.value(it->trimmed().toLower(), fallback);
}

Result<AlertSeverityMapping> alertSeverityMappingFromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::validation(tr("The alert severity mapping is not JSON: %1 (at offset %2).")
                                     .arg(parseError.errorString())
                                     .arg(parseError.offset));
    if (!document.isObject())
        return Error::validation(tr("The alert severity mapping must be a JSON object."));
    const QJsonObject root = document.object();

    AlertSeverityMapping mapping;
    if (root.contains(QStringLiteral("label"))) {
        const QJsonValue label = root.value(QStringLiteral("label"));
        if (!label.isString() || label.toString().trimmed().isEmpty())
            return Error::validation(tr("label: %1 is not a label name.").arg(shown(label)));
        mapping.label = label.toString().trimmed();
    }
    if (root.contains(QStringLiteral("levels"))) {
        const QJsonValue levels = root.value(QStringLiteral("levels"));
        if (!levels.isObject())
            return Error::validation(
                tr("levels: must be an object of label values and severities."));
        const QJsonObject object = levels.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key().trimmed().toLower();
            const QString path = QStringLiteral("levels.") + it.key();
            if (key.isEmpty())
                return Error::validation(tr("%1: an empty label value maps nothing.").arg(path));
            const auto level = levelFrom(it.value());
            if (!level)
                return badLevel(path, it.value());
            mapping.levels.insert(key, *level);
        }
    } else {
        mapping.levels = AlertSeverityMapping::defaults().levels;
    }
    if (root.contains(QStringLiteral("default"))) {
        const QJsonValue fallback = root.value(QStringLiteral("default"));
        const auto level = levelFrom(fallback);
        if (!level)
            return badLevel(QStringLiteral("default"), fallback);
        mapping.fallback = *level;
    }
    return mapping;
}

QByteArray alertSeverityMappingToJson(const AlertSeverityMapping &mapping)
{
    QJsonObject levels;
    for (auto it = mapping.levels.cbegin(); it != mapping.levels.cend(); ++it)
        levels.insert(it.key(), SeverityDefinition::severityName(it.value()));
    const QJsonObject root {{QStringLiteral("label"), mapping.label},
        {QStringLiteral("levels"), levels},
        {QStringLiteral("default"), SeverityDefinition::severityName(mapping.fallback)}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Result<AlertSeverityMapping> alertSeverityMappingFromSetting(const QString &value)
{
    if (value.trimmed().isEmpty())
        return AlertSeverityMapping::defaults();
    return alertSeverityMappingFromJson(value.toUtf8());
}

namespace AlertPrefill {

QString labelsText(const Labels &labels, bool withName)
{
    QStringList parts;
    if (withName && labels.contains(kAlertName))
        parts.append(kAlertName + u'=' + labels.value(kAlertName));
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        if (it.key() != kAlertName)
            parts.append(it.key() + u'=' + it.value());
    }
    return parts.join(QStringLiteral(", "));
}

QString title(const Alert &alert, const AlertSeverityMapping &mapping)
{
    QString text = oneLine(alert.annotations.value(QStringLiteral("summary")));
    if (text.isEmpty()) {
        Labels rest = alert.labels;
        rest.remove(kAlertName);
        rest.remove(mapping.label);
        const QString name = oneLine(alert.name());
        const QString labels = oneLine(labelsText(rest, false));
        text = name.isEmpty() ? tr("Alert") : name;
        if (!labels.isEmpty())
            text += QStringLiteral(" (") + labels + u')';
    }
    if (text.size() > IncidentRules::kMaxTitleLength)
        text = text.left(IncidentRules::kMaxTitleLength - 1) + QChar(0x2026);
    return text;
}

QString summary(const Alert &alert)
{
    QStringList paragraphs;
    QString description = alert.annotations.value(QStringLiteral("description")).trimmed();
    if (description.isEmpty())
        description = alert.annotations.value(QStringLiteral("summary")).trimmed();
    if (!description.isEmpty())
        paragraphs.append(description);
    QStringList facts;
    const QString name = alert.name().isEmpty() ? tr("(unnamed)") : alert.name();
    facts.append(alert.state.isEmpty() ? tr("Alert: %1").arg(name)
                                       : tr("Alert: %1 (%2)").arg(name, alert.state));
    const QString labels = labelsText(alert.labels, false);
    if (!labels.isEmpty())
        facts.append(tr("Labels: %1").arg(labels));
    if (!alert.generatorUrl.trimmed().isEmpty())
        facts.append(tr("Source: %1").arg(alert.generatorUrl.trimmed()));
    paragraphs.append(facts.join(u'\n'));
    return paragraphs.join(QStringLiteral("\n\n"));
}

DeclareRequest declareRequest(const Alert &alert, const AlertSeverityMapping &mapping,
    const QDateTime &now, const QString &author)
{
    DeclareRequest request;
    request.title = title(alert, mapping);
    request.severity = mapping.severityFor(alert);
    request.summary = summary(alert);
    request.author = author;
    if (alert.startsAt.isValid())
        request.startedAt = std::min(alert.startsAt.toUTC(), now.toUTC());
    return request;
}

QString timelineText(const Alert &alert)
{
    const QString name = alert.name().isEmpty() ? tr("(unnamed)") : oneLine(alert.name());
    QString text = alert.state.isEmpty() ? tr("Alert %1").arg(name)
                                         : tr("Alert %1 (%2)").arg(name, alert.state);
    const QString summary = oneLine(alert.annotations.value(QStringLiteral("summary")));
    if (!summary.isEmpty())
        text += QStringLiteral(": ") + summary;
    const QString labels = oneLine(labelsText(alert.labels, false));
    if (!labels.isEmpty())
        text += QStringLiteral(" — ") + tr("labels: %1").arg(labels);
    return text;
}

QDateTime timelineTime(const Alert &alert, const QDateTime &now)
{
    if (!alert.startsAt.isValid() || alert.startsAt > now)
        return now.toUTC();
    return alert.startsAt.toUTC();
}

NewEntry timelineEntry(const Alert &alert, const QDateTime &now, const QString &author)
{
    NewEntry entry;
    entry.kind = EntryKind::Alert;
    entry.at = timelineTime(alert, now);
    entry.author = author;
    entry.text = timelineText(alert);
    return entry;
}

} // namespace AlertPrefill
} // namespace idesk
