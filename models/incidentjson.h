#pragma once

#include "incident.h"
#include "jsonschema.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace idesk {

// The incident document of DESIGN §5, `incidentdesk.incident/v1`: export and import.
//
// Export writes the keys in the order DESIGN §5 shows them, two-space indented (or
// compact), so a document is readable and diffable, and export → import → export
// gives the same bytes. Ids of the store's rows are not exported (the importing
// store assigns its own); the incident's own id is, as "INC-<n>", when it has one.
//
// Import checks the size limits, parses, validates against the embedded schema
// (:/incidentdesk/incident.schema.json) and builds the Incident in document order;
// every refusal is Error::Kind::Validation with one line saying where and why.
namespace IncidentJson {

inline const QString kFormat = QStringLiteral("incidentdesk.incident/v1");
inline const QString kSchemaResource = QStringLiteral(":/incidentdesk/incident.schema.json");
constexpr qsizetype kMaxDocumentBytes = 64 * 1024 * 1024;
// For every string in a document except a diagnostic's chart_png, which is binary
// data and bounded only by the document limit.
constexpr qsizetype kMaxStringChars = 1'000'000;

// Trailing newline when indented. Diagnostic results are embedded as JSON values
// (object keys sorted); a result that is not JSON is embedded as a string.
QByteArray toJson(const Incident &incident, bool indented = true);
// The same document as a QJsonObject (which sorts its keys).
QJsonObject toJsonObject(const Incident &incident);

// Times come back in UTC, timeline entries in document order (the store sorts),
// row ids 0, the header's revision 0; header.id is the document's "id", or 0.
// A diagnostic's result becomes compact JSON; a null result or chart is empty.
Result<Incident> fromJson(const QByteArray &bytes);

// The embedded schema, compiled once.
Result<JsonSchema> schema();

} // namespace IncidentJson
} // namespace idesk
