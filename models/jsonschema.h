#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>

namespace idesk {

// Where a value sits in a JSON document: "$", "$.timeline[3].kind", "$[\"odd key\"]".
// A path is a chain of links that live on the caller's stack while it walks a
// document, so walking costs nothing; the text is only made when a problem is
// reported. A child must not outlive its parent, nor the key it was given.
class JsonPath
{
public:
    JsonPath() = default; // the document itself: "$"
    JsonPath child(QStringView key) const { return JsonPath(this, key, -1); }
    JsonPath child(qsizetype index) const { return JsonPath(this, {}, index); }
    QString toString() const;

private:
    JsonPath(const JsonPath *parent, QStringView key, qsizetype index)
        : m_parent(parent), m_key(key), m_index(index)
    {
    }
    const JsonPath *m_parent = nullptr;
    QStringView m_key;
    qsizetype m_index = -1;
};

// The first problem a validator found: where, and what is wrong there.
struct SchemaViolation
{
    QString path; // "$.milestones.started"
    QString reason; // "\"yesterday\" is not a date-time"
    QString toString() const { return path + QStringLiteral(": ") + reason; }
};

// A validator for the subset of JSON Schema (draft 2020-12) that IncidentDesk's
// schemas use: boolean schemas, type (one name or a list), const, enum, required,
// properties, additionalProperties (false or a schema), items (a schema), pattern,
// minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength,
// format "date-time" and "date" (both asserted, strictly), and $ref to a JSON
// pointer inside the same document ("#/$defs/time", "#").
//
// A schema that uses anything else is refused when it is loaded, rather than
// having the keyword silently ignored and the document waved through.
// Annotations ($schema, $id, $defs, $comment, title, description, default,
// examples, ...) are accepted and ignored.
class JsonSchema
{
public:
    static Result<JsonSchema> parse(const QByteArray &json);
    static Result<JsonSchema> fromValue(const QJsonValue &schema);

    // Nothing when the instance is valid; otherwise the first problem found.
    // Checks run in a fixed order (per value: $ref, type, const, enum, then the
    // keywords for its type; object members in key order), so the report is
    // deterministic.
    std::optional<SchemaViolation> validate(const QJsonValue &instance) const;
    // The same as a result: Error::Kind::Validation, "path: reason".
    VoidResult check(const QJsonValue &instance) const;

    // Strict forms of the two formats this validator asserts; public so that
    // importers agree with the validator.
    static bool isDateTime(QStringView text); // RFC 3339: 2024-11-25T15:45:00Z, .123, +02:00
    static bool isDate(QStringView text); // 2024-11-25

    struct Compiled; // implementation detail: the schema compiled into a node table

private:
    explicit JsonSchema(std::shared_ptr<const Compiled> compiled);
    std::shared_ptr<const Compiled> m_compiled; // immutable, shared between copies
};

} // namespace idesk
