#include "diagnosticpack.h"

#include "jsonschema.h"
#include "prometheusparser.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>

namespace idesk {

namespace {

Q_LOGGING_CATEGORY(lcPacks, "idesk.packs", QtWarningMsg)

const QString kResource = QStringLiteral(":/incidentdesk/diagnostic-packs.json");

QString tr(const char *text)
{
    return QCoreApplication::translate("DiagnosticPack", text);
}

// The JSON readers of ApiJson report a server's fault (Io); here the document is the
// user's (or ours), so a problem in it is a validation error.
Error invalid(const Error &error)
{
    return Error::validation(tr("Diagnostic packs: %1").arg(error.message));
}

Error invalidAt(const char *text, const JsonPath &path)
{
    return Error::validation(tr("Diagnostic packs: %1").arg(tr(text).arg(ApiJson::pathText(path))));
}

// A string that must be there and hold more than spaces.
Result<QString> requiredText(const QJsonObject &object, QStringView key, const JsonPath &path)
{
    auto text = ApiJson::stringAt(object.value(key), path);
    if (!text)
        return invalid(text.error());
    if (text->trimmed().isEmpty())
        return invalidAt("%1 is empty", path);
    return text->trimmed();
}

Result<PackQuery> queryAt(const QJsonValue &value, const JsonPath &path)
{
    auto object = ApiJson::objectAt(value, path);
    if (!object)
        return invalid(object.error());
    PackQuery query;
    auto title = requiredText(*object, u"title", path.child(u"title"));
    if (!title)
        return title.error();
    query.title = std::move(*title);
    auto promql = requiredText(*object, u"query", path.child(u"query"));
    if (!promql)
        return promql.error();
    query.query = std::move(*promql);
    auto unit = ApiJson::optionalString(*object, u"unit", path.child(u"unit"));
    if (!unit)
        return invalid(unit.error());
    query.unit = unit->trimmed();
    return query;
}

Result<DiagnosticPack> packAt(const QJsonValue &value, const JsonPath &path)
{
    auto object = ApiJson::objectAt(value, path);
    if (!object)
        return invalid(object.error());
    DiagnosticPack pack;
    auto name = requiredText(*object, u"name", path.child(u"name"));
    if (!name)
        return name.error();
    pack.name = std::move(*name);
    auto description = ApiJson::optionalString(*object, u"description", path.child(u"description"));
    if (!description)
        return invalid(description.error());
    pack.description = description->trimmed();

    const JsonPath queriesPath = path.child(u"queries");
    auto queries = ApiJson::arrayAt(object->value(u"queries"), queriesPath);
    if (!queries)
        return invalid(queries.error());
    if (queries->isEmpty())
        return invalidAt("%1 is empty: a pack needs at least one query", queriesPath);
    for (qsizetype i = 0; i < queries->size(); ++i) {
        auto query = queryAt(queries->at(i), queriesPath.child(i));
        if (!query)
            return query.error();
        pack.queries.append(std::move(*query));
    }
    return pack;
}

} // namespace

Result<QList<DiagnosticPack>> diagnosticPacksFromJson(const QByteArray &json)
{
    auto document = ApiJson::parseDocument(json);
    if (!document)
        return invalid(document.error());
    if (!document->isObject())
        return Error::validation(tr("Diagnostic packs: the document is not a JSON object"));
    const JsonPath rootPath;
    const JsonPath packsPath = rootPath.child(u"packs");
    auto list = ApiJson::arrayAt(document->object().value(u"packs"), packsPath);
    if (!list)
        return invalid(list.error());

    QList<DiagnosticPack> packs;
    QSet<QString> names;
    for (qsizetype i = 0; i < list->size(); ++i) {
        const JsonPath path = packsPath.child(i);
        auto pack = packAt(list->at(i), path);
        if (!pack)
            return pack.error();
        const QString key = pack->name.toCaseFolded();
        if (names.contains(key))
            return Error::validation(
                tr("Diagnostic packs: %1 repeats the name %2")
                    .arg(ApiJson::pathText(path.child(u"name")), ApiJson::quoted(pack->name)));
        names.insert(key);
        packs.append(std::move(*pack));
    }
    return packs;
}

QByteArray diagnosticPacksToJson(const QList<DiagnosticPack> &packs)
{
    QJsonArray list;
    for (const DiagnosticPack &pack : packs) {
        QJsonArray queries;
        for (const PackQuery &query : pack.queries) {
            queries.append(QJsonObject {
                {QStringLiteral("title"), query.title},
                {QStringLiteral("query"), query.query},
                {QStringLiteral("unit"), query.unit},
            });
        }
        list.append(QJsonObject {
            {QStringLiteral("name"), pack.name},
            {QStringLiteral("description"), pack.description},
            {QStringLiteral("queries"), queries},
        });
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("packs"), list}}).toJson();
}

QList<DiagnosticPack> builtInDiagnosticPacks()
{
    // The resource is part of the binary: read and checked once.
    static const QList<DiagnosticPack> packs = [] {
        QFile file(kResource);
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcPacks) << "The built-in diagnostic packs are missing:" << kResource;
            return QList<DiagnosticPack>();
        }
        auto parsed = diagnosticPacksFromJson(file.readAll());
        if (!parsed) {
            qCWarning(lcPacks).noquote()
                << "The built-in diagnostic packs are invalid:" << parsed.errorMessage();
            return QList<DiagnosticPack>();
        }
        for (DiagnosticPack &pack : *parsed)
            pack.builtIn = true;
        return std::move(*parsed);
    }();
    return packs;
}

} // namespace idesk
