#pragma once

#include "diagnosticdata.h"
#include "jsonschema.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace idesk {

// Pieces shared by the parsers of monitoring servers' answers (Prometheus here,
// Alertmanager in alertmanagerparser.h). Every refusal is Error::Kind::Io: a malformed
// answer is the server's fault, not the user's. Messages are one line and name the
// place in the document ("data.result[3].values[0] is not a [time, value] pair").
namespace ApiJson {

// Parses a whole answer. Refuses an empty body, one that ends too early ("cut off")
// and anything that is not JSON, saying where it stopped being JSON.
Result<QJsonDocument> parseDocument(const QByteArray &body);

// "data.result[3].values[0]" (the "$." of JsonPath dropped; a root array stays "$[3]").
QString pathText(const JsonPath &path);

// At most `maxChars` of `text` in quotes, on one line, for a message.
QString quoted(QStringView text, qsizetype maxChars = 40);

// RFC 3339 as Go writes it: "2024-11-25T15:45:00Z", "...:00.123456789Z", "...+02:00";
// fractions beyond milliseconds are truncated. Returns UTC; Go's zero time
// ("0001-01-01T00:00:00Z", which means "never") comes back as a null QDateTime.
// Nothing when the text is not such a time.
std::optional<QDateTime> parseTime(QStringView text);

// Typed reads that name `path` when the value is missing or of the wrong type.
Result<QJsonObject> objectAt(const QJsonValue &value, const JsonPath &path);
Result<QJsonArray> arrayAt(const QJsonValue &value, const JsonPath &path);
Result<QString> stringAt(const QJsonValue &value, const JsonPath &path);
// object[key] at `path`: a string, or empty when absent or null.
Result<QString> optionalString(const QJsonObject &object, QStringView key, const JsonPath &path);
// object[key] at `path`: a time as parseTime() reads it, or null when absent or null.
Result<QDateTime> optionalTime(const QJsonObject &object, QStringView key, const JsonPath &path);
// {"name": "value", ...} with every value a string. When not `required`, absent or
// null reads as no labels.
Result<Labels> labelsAt(const QJsonValue &value, const JsonPath &path, bool required);

// The server's text made safe to show: control characters and line breaks become
// spaces, and it is cut at `maxChars`.
QString oneLine(QString text, qsizetype maxChars = 500);

} // namespace ApiJson

// Parsers of Prometheus HTTP API v1 answers. Pure functions of the body's bytes: no
// I/O, safe on any input (they are fuzzed). The envelope is
// {"status": "success"|"error", "data": ..., "warnings": [...]}; a body whose status is
// "error" is refused with the server's own message.
namespace PrometheusParser {

// What a Prometheus error body says: {"status":"error","errorType":"bad_data",
// "error":"1:5: parse error: unclosed left parenthesis"}.
struct ApiError
{
    QString type; // "bad_data", "execution", "timeout", ...; may be empty
    QString message;
    // "bad_data: 1:5: parse error: ..." — one line.
    QString toString() const;
    bool operator==(const ApiError &) const = default;
};

// The server's error, when `body` is a Prometheus error body; nothing otherwise.
std::optional<ApiError> parseError(const QByteArray &body);

// /api/v1/query and /api/v1/query_range: vector, matrix, scalar or string. Sample
// values "NaN", "+Inf" and "-Inf" become the matching doubles. `raw` keeps `body`.
// Native histogram samples are not charted: such a series keeps its labels, and a
// warning says so.
Result<QueryResult> parseQuery(const QByteArray &body);

// /api/v1/alerts: the alerts of the server's own rules.
Result<QList<PrometheusAlert>> parseAlerts(const QByteArray &body);

// /api/v1/targets: the active targets (dropped ones are ignored).
Result<QList<ScrapeTarget>> parseTargets(const QByteArray &body);

// /api/v1/status/buildinfo: {"product": "Prometheus", "version": data.version}.
Result<ServerInfo> parseBuildInfo(const QByteArray &body);

} // namespace PrometheusParser
} // namespace idesk
