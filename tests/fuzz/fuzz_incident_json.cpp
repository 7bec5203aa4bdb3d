// The incident import (DESIGN §5): IncidentJson::fromJson, which checks the size
// limits, parses and validates against the embedded JSON Schema, on arbitrary bytes;
// and the schema validator on any JSON document. A document that imports must export
// and import again to the same bytes (import is lossless).
#include "fuzzsupport.h"
#include "incidentjson.h"
#include "jsonschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace idesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = Fuzz::bytes(data, size);

    const auto incident = IncidentJson::fromJson(bytes);
    Fuzz::requireOneLineError(incident);
    if (incident) {
        const QByteArray exported = IncidentJson::toJson(*incident);
        const auto again = IncidentJson::fromJson(exported);
        Fuzz::require(again.ok(), "an exported incident imports");
        Fuzz::require(IncidentJson::toJson(*again) == exported, "export, import, export is stable");
    }

    static const auto schema = IncidentJson::schema();
    Fuzz::require(schema.ok(), "the embedded schema compiles");
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isObject())
        (void)schema->validate(document.object());
    else if (document.isArray())
        (void)schema->validate(document.array());
    return 0;
}
