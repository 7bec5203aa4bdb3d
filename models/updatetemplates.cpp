#include "updatetemplates.h"

#include "severity.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace idesk::UpdateTemplates {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("UpdateTemplates", text);
}
} // namespace

QList<Moment> allMoments()
{
    return {Moment::First, Moment::Routine, Moment::Resolution};
}

QString momentTitle(Moment moment)
{
    switch (moment) {
    case Moment::First:
        return tr("First update");
    case Moment::Routine:
        return tr("Routine update");
    case Moment::Resolution:
        return tr("Resolution");
    }
    return {};
}

QString settingKey(Moment moment, Audience audience)
{
    static const char *const names[] = {"first", "routine", "resolution"};
    return QStringLiteral("template.update.%1.%2")
            .arg(QLatin1String(names[static_cast<int>(moment)]), audienceName(audience));
}

Template builtIn(Moment moment, Audience audience)
{
    const bool internal = audience == Audience::Internal;
    switch (moment) {
    case Moment::First:
        return internal ? Template{tr("Investigating: {title} ({severity})"),
                                   tr("{summary}"),
                                   tr("Incident declared as {id}; responders are investigating."),
                                   tr("")}
                        : Template{tr("Investigating"),
                                   tr("Some customers may be affected by: {title}."),
                                   tr("Our engineers are investigating."),
                                   tr("")};
    case Moment::Routine:
        return internal ? Template{tr("{status}: {title} ({severity})"), tr("{summary}"),
                                   tr(""), tr("")}
                        : Template{tr("{status}"), tr("We are still working on: {title}."),
                                   tr("Work continues; we will share more at the next update."),
                                   tr("")};
    case Moment::Resolution:
        return internal ? Template{tr("Resolved: {title}"), tr("No ongoing impact."),
                                   tr("A postmortem will follow."), tr("")}
                        : Template{tr("Resolved"), tr("The issue has been resolved."),
                                   tr("We will keep monitoring. Thank you for your patience."),
                                   tr("")};
    }
    return {};
}

Template fill(const Template &text, const IncidentHeader &incident)
{
    auto apply = [&incident](QString value) {
        value.replace(QStringLiteral("{id}"), formatIncidentId(incident.id));
        value.replace(QStringLiteral("{title}"), incident.title);
        value.replace(QStringLiteral("{severity}"), SeverityDefinition::severityName(incident.severity));
        value.replace(QStringLiteral("{status}"), statusTitle(incident.status));
        value.replace(QStringLiteral("{summary}"), incident.summary);
        return value.trimmed();
    };
    return {apply(text.status), apply(text.impact), apply(text.actions), apply(text.needs)};
}

QString serialize(const Template &text)
{
    const QJsonObject object{{QStringLiteral("status"), text.status},
                             {QStringLiteral("impact"), text.impact},
                             {QStringLiteral("actions"), text.actions},
                             {QStringLiteral("needs"), text.needs}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Result<Template> parse(const QString &stored)
{
    const QJsonDocument document = QJsonDocument::fromJson(stored.toUtf8());
    if (!document.isObject())
        return Error::validation(tr("A stored update template is not a JSON object."));
    const QJsonObject object = document.object();
    for (const char *key : {"status", "impact", "actions", "needs"}) {
        if (!object.value(QLatin1String(key)).isString())
            return Error::validation(
                    tr("A stored update template lacks the text field \"%1\".").arg(QLatin1String(key)));
    }
    return Template{object.value(QStringLiteral("status")).toString(),
                    object.value(QStringLiteral("impact")).toString(),
                    object.value(QStringLiteral("actions")).toString(),
                    object.value(QStringLiteral("needs")).toString()};
}

} // namespace idesk::UpdateTemplates
