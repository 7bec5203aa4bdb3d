#include "alertmanagerparser.h"

#include "jsonschema.h"
#include "prometheusparser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace idesk::AlertmanagerParser {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AlertmanagerParser", text);
}

// The root of an alerts answer is an array; its elements are named "alerts[i]".
constexpr QStringView kAlerts = u"alerts";

Result<Alert> alertAt(const QJsonValue &value, const JsonPath &path)
{
    using namespace ApiJson;
    auto item = objectAt(value, path);
    if (!item)
        return item.error();
    Alert alert;

    auto labels = labelsAt(item->value(u"labels"), path.child(u"labels"), true);
    if (!labels)
        return labels.error();
    alert.labels = std::move(*labels);
    auto annotations = labelsAt(item->value(u"annotations"), path.child(u"annotations"), false);
    if (!annotations)
        return annotations.error();
    alert.annotations = std::move(*annotations);

    const std::pair<QStringView, QString *> strings[] = {
        {u"fingerprint", &alert.fingerprint},
        {u"generatorURL", &alert.generatorUrl},
    };
    for (const auto &[key, field] : strings) {
        auto text = optionalString(*item, key, path.child(key));
        if (!text)
            return text.error();
        *field = std::move(*text);
    }

    const std::pair<QStringView, QDateTime *> times[] = {
        {u"startsAt", &alert.startsAt},
        {u"endsAt", &alert.endsAt},
        {u"updatedAt", &alert.updatedAt},
    };
    for (const auto &[key, field] : times) {
        auto time = optionalTime(*item, key, path.child(key));
        if (!time)
            return time.error();
        *field = std::move(*time);
    }

    const QJsonValue status = item->value(u"status");
    if (!status.isUndefined() && !status.isNull()) {
        const JsonPath statusPath = path.child(u"status");
        auto statusObject = objectAt(status, statusPath);
        if (!statusObject)
            return statusObject.error();
        auto state = optionalString(*statusObject, u"state", statusPath.child(u"state"));
        if (!state)
            return state.error();
        alert.state = oneLine(*state, 100);
    }

    const QJsonValue receivers = item->value(u"receivers");
    if (!receivers.isUndefined() && !receivers.isNull()) {
        const JsonPath receiversPath = path.child(u"receivers");
        auto list = arrayAt(receivers, receiversPath);
        if (!list)
            return list.error();
        for (qsizetype i = 0; i < list->size(); ++i) {
            const JsonPath receiverPath = receiversPath.child(i);
            auto receiver = objectAt(list->at(i), receiverPath);
            if (!receiver)
                return receiver.error();
            auto name = stringAt(receiver->value(u"name"), receiverPath.child(u"name"));
            if (!name)
                return name.error();
            alert.receivers.append(std::move(*name));
        }
    }
    return alert;
}

} // namespace

Result<QList<Alert>> parseAlerts(const QByteArray &body)
{
    auto document = ApiJson::parseDocument(body);
    if (!document)
        return document.error();
    if (!document->isArray())
        return Error::io(tr("the answer is not a JSON array of alerts"));
    const QJsonArray list = document->array();
    const JsonPath rootPath;
    const JsonPath alertsPath = rootPath.child(kAlerts);
    QList<Alert> alerts;
    alerts.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        auto alert = alertAt(list.at(i), alertsPath.child(i));
        if (!alert)
            return alert.error();
        alerts.append(std::move(*alert));
    }
    return alerts;
}

Result<ServerInfo> parseStatus(const QByteArray &body)
{
    using namespace ApiJson;
    auto document = parseDocument(body);
    if (!document)
        return document.error();
    if (!document->isObject())
        return Error::io(tr("the answer is not a JSON object"));
    const JsonPath rootPath;
    const JsonPath infoPath = rootPath.child(u"versionInfo");
    auto info = objectAt(document->object().value(u"versionInfo"), infoPath);
    if (!info)
        return info.error();
    auto version = optionalString(*info, u"version", infoPath.child(u"version"));
    if (!version)
        return version.error();
    return ServerInfo {QStringLiteral("Alertmanager"), oneLine(*version, 100)};
}

} // namespace idesk::AlertmanagerParser
