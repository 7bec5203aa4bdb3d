#include "postmortemjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace idesk::PostmortemJson {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toList(const QJsonValue &value)
{
    QStringList list;
    for (const auto &item : value.toArray())
        list.append(item.toString());
    return list;
}

} // namespace

QByteArray toJson(const Postmortem &p)
{
    const QJsonObject impact {
        {QStringLiteral("users_affected"), p.impact.usersAffected},
        {QStringLiteral("revenue_impact"), p.impact.revenueImpact},
        {QStringLiteral("notes"), p.impact.notes},
    };
    const QJsonObject object {
        {QStringLiteral("executive_summary"), p.executiveSummary},
        {QStringLiteral("impact"), impact},
        {QStringLiteral("root_cause"), p.rootCause},
        {QStringLiteral("contributing_factors"), toArray(p.contributingFactors)},
        {QStringLiteral("trigger"), p.trigger},
        {QStringLiteral("detection"), p.detection},
        {QStringLiteral("resolution"), p.resolution},
        {QStringLiteral("went_well"), toArray(p.wentWell)},
        {QStringLiteral("went_wrong"), toArray(p.wentWrong)},
        {QStringLiteral("got_lucky"), toArray(p.gotLucky)},
        {QStringLiteral("lessons_learned"), toArray(p.lessonsLearned)},
        {QStringLiteral("supporting_information"), p.supportingInformation},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<Postmortem> fromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (!document.isObject())
        return Error::storage(
            QCoreApplication::translate("Storage", "A stored postmortem is not valid JSON: %1.")
                .arg(error.errorString()));
    // Missing keys read as empty, so a document written by an older build loads.
    const QJsonObject o = document.object();
    const QJsonObject impact = o.value(QStringLiteral("impact")).toObject();
    Postmortem p;
    p.executiveSummary = o.value(QStringLiteral("executive_summary")).toString();
    p.impact.usersAffected = impact.value(QStringLiteral("users_affected")).toString();
    p.impact.revenueImpact = impact.value(QStringLiteral("revenue_impact")).toString();
    p.impact.notes = impact.value(QStringLiteral("notes")).toString();
    p.rootCause = o.value(QStringLiteral("root_cause")).toString();
    p.contributingFactors = toList(o.value(QStringLiteral("contributing_factors")));
    p.trigger = o.value(QStringLiteral("trigger")).toString();
    p.detection = o.value(QStringLiteral("detection")).toString();
    p.resolution = o.value(QStringLiteral("resolution")).toString();
    p.wentWell = toList(o.value(QStringLiteral("went_well")));
    p.wentWrong = toList(o.value(QStringLiteral("went_wrong")));
    p.gotLucky = toList(o.value(QStringLiteral("got_lucky")));
    p.lessonsLearned = toList(o.value(QStringLiteral("lessons_learned")));
    p.supportingInformation = o.value(QStringLiteral("supporting_information")).toString();
    return p;
}

} // namespace idesk::PostmortemJson
