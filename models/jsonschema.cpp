#include "jsonschema.h"

#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <cmath>
#include <vector>

namespace idesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonSchema", text);
}

// A value as JSON text: quoted, escaped. QJsonDocument cannot write a bare
// scalar, so wrap it in an array and take the brackets off again.
QString jsonText(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// A value as a message shows it: short, so a 10 kB string does not flood a line.
QString snippet(const QJsonValue &value)
{
    constexpr qsizetype kMax = 60;
    if (value.isString() && value.toString().size() > kMax)
        return jsonText(value.toString().left(kMax)).chopped(1) + QStringLiteral("…\"");
    QString text = jsonText(value);
    if (text.size() > kMax)
        text = text.left(kMax) + QStringLiteral("…");
    return text;
}

QString typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

// "number 42", "string \"x\"", but only "object": its contents say nothing useful here.
QString describe(const QJsonValue &value)
{
    if (value.isObject() || value.isArray() || value.isNull())
        return typeOf(value);
    return typeOf(value) + u' ' + snippet(value);
}

bool isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && std::trunc(d) == d;
}

// JSON Schema counts string length in code points, not UTF-16 units.
qsizetype codePoints(const QString &text)
{
    qsizetype count = text.size();
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && text.at(i + 1).isLowSurrogate()) {
            --count;
            ++i;
        }
    }
    return count;
}

QString formatNumber(double d)
{
    return jsonText(QJsonValue(d));
}

bool isIdentifier(QStringView key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t c = key.at(i).unicode();
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

enum TypeBit : unsigned {
    NullType = 1u << 0,
    BooleanType = 1u << 1,
    ObjectType = 1u << 2,
    ArrayType = 1u << 3,
    NumberType = 1u << 4,
    StringType = 1u << 5,
    IntegerType = 1u << 6,
};

std::optional<unsigned> typeBit(const QString &name)
{
    static const QHash<QString, unsigned> bits = {
        {QStringLiteral("null"), NullType},
        {QStringLiteral("boolean"), BooleanType},
        {QStringLiteral("object"), ObjectType},
        {QStringLiteral("array"), ArrayType},
        {QStringLiteral("number"), NumberType},
        {QStringLiteral("string"), StringType},
        {QStringLiteral("integer"), IntegerType},
    };
    const auto it = bits.constFind(name);
    if (it == bits.constEnd())
        return std::nullopt;
    return *it;
}

bool hasType(unsigned types, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return types & NullType;
    case QJsonValue::Bool:
        return types & BooleanType;
    case QJsonValue::Object:
        return types & ObjectType;
    case QJsonValue::Array:
        return types & ArrayType;
    case QJsonValue::String:
        return types & StringType;
    case QJsonValue::Double:
        return (types & NumberType) || ((types & IntegerType) && isInteger(value));
    case QJsonValue::Undefined:
        break;
    }
    return false;
}

enum class Format { None, DateTime, Date };

// Keywords that only annotate: accepted and ignored. Anything neither here nor
// handled by the compiler is refused.
const QSet<QString> &annotationKeywords()
{
    static const QSet<QString> keywords = {
        QStringLiteral("$schema"),
        QStringLiteral("$id"),
        QStringLiteral("$anchor"),
        QStringLiteral("$comment"),
        QStringLiteral("$defs"),
        QStringLiteral("title"),
        QStringLiteral("description"),
        QStringLiteral("default"),
        QStringLiteral("examples"),
        QStringLiteral("deprecated"),
        QStringLiteral("readOnly"),
        QStringLiteral("writeOnly"),
        QStringLiteral("contentEncoding"),
        QStringLiteral("contentMediaType"),
    };
    return keywords;
}

QString escapePointerToken(QString token)
{
    token.replace(u'~', QStringLiteral("~0"));
    token.replace(u'/', QStringLiteral("~1"));
    return token;
}

} // namespace

QString JsonPath::toString() const
{
    QList<const JsonPath *> chain;
    for (const JsonPath *p = this; p && p->m_parent; p = p->m_parent)
        chain.prepend(p);
    QString text = QStringLiteral("$");
    for (const JsonPath *p : chain) {
        if (p->m_index >= 0)
            text += u'[' + QString::number(p->m_index) + u']';
        else if (isIdentifier(p->m_key) && p->m_key.size() <= 60)
            text += u'.' + p->m_key.toString();
        else
            text += u'[' + snippet(p->m_key.toString()) + u']'; // quoted, and short
    }
    return text;
}

struct JsonSchema::Compiled
{
    struct Node
    {
        bool rejectAll = false; // the schema `false`
        int ref = -1;
        unsigned types = 0; // 0: any type
        QStringList typeNames;
        std::optional<QJsonValue> constValue;
        std::optional<QJsonArray> enumValues;
        QStringList required;
        QHash<QString, int> properties;
        QStringList propertyNames; // sorted, for messages
        bool additionalAllowed = true;
        int additional = -1; // schema for members not in `properties`, when allowed
        int items = -1;
        std::optional<QRegularExpression> pattern;
        std::optional<double> minimum;
        std::optional<double> maximum;
        std::optional<double> exclusiveMinimum;
        std::optional<double> exclusiveMaximum;
        std::optional<qint64> minLength;
        std::optional<qint64> maxLength;
        Format format = Format::None;
    };
    std::vector<Node> nodes; // nodes[0] is the root
};

namespace {

using Node = JsonSchema::Compiled::Node;

class Compiler
{
public:
    explicit Compiler(QJsonValue root) : m_root(std::move(root)) { }

    Result<std::vector<Node>> run()
    {
        if (auto r = compile(m_root, QString()); !r)
            return r.error();
        // Every definition is checked, referenced or not, so a broken one is found now.
        const QJsonObject defs = m_root.toObject().value(QStringLiteral("$defs")).toObject();
        for (auto it = defs.constBegin(); it != defs.constEnd(); ++it) {
            if (auto r = compile(*it, QStringLiteral("/$defs/") + escapePointerToken(it.key())); !r)
                return r.error();
        }
        // References are resolved after the tree is built, so they may point forward,
        // backward or at themselves.
        while (!m_pendingRefs.isEmpty()) {
            const auto [node, ref] = m_pendingRefs.takeFirst();
            auto target = resolve(ref);
            if (!target)
                return target.error();
            m_nodes[static_cast<std::size_t>(node)].ref = *target;
        }
        return std::move(m_nodes);
    }

private:
    Error error(const QString &pointer, const QString &what) const
    {
        return Error::validation(tr("schema at #%1: %2").arg(pointer, what));
    }

    Result<int> resolve(const QString &ref)
    {
        if (!ref.startsWith(u'#'))
            return Error::validation(
                tr("$ref \"%1\": only references inside the schema (#/...) are supported")
                    .arg(ref));
        const QString pointer = ref.mid(1);
        if (!pointer.isEmpty() && !pointer.startsWith(u'/'))
            return Error::validation(tr("$ref \"%1\" is not a JSON pointer").arg(ref));
        QJsonValue at = m_root;
        const QStringList tokens = pointer.split(u'/');
        for (qsizetype i = 1; i < tokens.size(); ++i) {
            QString token = tokens.at(i);
            token.replace(QStringLiteral("~1"), QStringLiteral("/"));
            token.replace(QStringLiteral("~0"), QStringLiteral("~"));
            if (at.isObject() && at.toObject().contains(token)) {
                at = at.toObject().value(token);
                continue;
            }
            bool isIndex = false;
            const qsizetype index = token.toLongLong(&isIndex);
            if (at.isArray() && isIndex && index >= 0 && index < at.toArray().size()) {
                at = at.toArray().at(index);
                continue;
            }
            return Error::validation(tr("$ref \"%1\" points at nothing").arg(ref));
        }
        return compile(at, pointer);
    }

    // `pointer` (a JSON pointer without '#') identifies the subschema, so a
    // subschema reached twice is compiled once and references can form cycles.
    Result<int> compile(const QJsonValue &schema, const QString &pointer)
    {
        if (const auto it = m_byPointer.constFind(pointer); it != m_byPointer.constEnd())
            return *it;
        const int index = static_cast<int>(m_nodes.size());
        m_nodes.emplace_back();
        m_byPointer.insert(pointer, index);

        Node node;
        if (schema.isBool()) {
            node.rejectAll = !schema.toBool();
            m_nodes[static_cast<std::size_t>(index)] = std::move(node);
            return index;
        }
        if (!schema.isObject())
            return error(pointer, tr("a schema must be an object or a boolean"));
        const QJsonObject object = schema.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString keyword = it.key();
            const QString at = pointer + u'/' + escapePointerToken(keyword);
            if (auto r = compileKeyword(node, index, keyword, *it, at); !r)
                return r.error();
        }
        m_nodes[static_cast<std::size_t>(index)] = std::move(node);
        return index;
    }

    VoidResult compileKeyword(
        Node &node, int index, const QString &keyword, const QJsonValue &value, const QString &at)
    {
        if (annotationKeywords().contains(keyword))
            return {};
        if (keyword == u"$ref") {
            if (!value.isString())
                return error(at, tr("must be a string"));
            m_pendingRefs.append({index, value.toString()});
            return {};
        }
        if (keyword == u"type") {
            const QJsonArray names = value.isArray() ? value.toArray() : QJsonArray {value};
            if (names.isEmpty())
                return error(at, tr("must name at least one type"));
            for (const QJsonValue &name : names) {
                const auto bit = typeBit(name.toString());
                if (!name.isString() || !bit)
                    return error(at, tr("%1 is not a JSON Schema type").arg(jsonText(name)));
                node.types |= *bit;
                node.typeNames.append(name.toString());
            }
            return {};
        }
        if (keyword == u"const") {
            node.constValue = value;
            return {};
        }
        if (keyword == u"enum") {
            if (!value.isArray() || value.toArray().isEmpty())
                return error(at, tr("must be a non-empty array"));
            node.enumValues = value.toArray();
            return {};
        }
        if (keyword == u"required") {
            if (!value.isArray())
                return error(at, tr("must be an array of strings"));
            for (const QJsonValue &name : value.toArray()) {
                if (!name.isString())
                    return error(at, tr("must be an array of strings"));
                node.required.append(name.toString());
            }
            return {};
        }
        if (keyword == u"properties") {
            if (!value.isObject())
                return error(at, tr("must be an object of schemas"));
            const QJsonObject properties = value.toObject();
            for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
                auto child = compile(*it, at + u'/' + escapePointerToken(it.key()));
                if (!child)
                    return child.error();
                node.properties.insert(it.key(), *child);
                node.propertyNames.append(it.key());
            }
            return {};
        }
        if (keyword == u"additionalProperties") {
            if (value.isBool() && !value.toBool()) {
                node.additionalAllowed = false;
                return {};
            }
            auto child = compile(value, at);
            if (!child)
                return child.error();
            node.additional = *child;
            return {};
        }
        if (keyword == u"items") {
            if (!value.isObject() && !value.isBool())
                return error(at, tr("must be one schema (the tuple form is not supported)"));
            auto child = compile(value, at);
            if (!child)
                return child.error();
            node.items = *child;
            return {};
        }
        if (keyword == u"pattern") {
            if (!value.isString())
                return error(at, tr("must be a string"));
            QRegularExpression pattern(value.toString());
            if (!pattern.isValid())
                return error(at,
                    tr("%1 is not a valid regular expression: %2")
                        .arg(jsonText(value), pattern.errorString()));
            pattern.optimize();
            node.pattern = std::move(pattern);
            return {};
        }
        if (keyword == u"minimum" || keyword == u"maximum" || keyword == u"exclusiveMinimum"
            || keyword == u"exclusiveMaximum") {
            if (!value.isDouble())
                return error(at, tr("must be a number"));
            std::optional<double> *bound = keyword == u"minimum" ? &node.minimum
                : keyword == u"maximum"                          ? &node.maximum
                : keyword == u"exclusiveMinimum"                 ? &node.exclusiveMinimum
                                                                 : &node.exclusiveMaximum;
            *bound = value.toDouble();
            return {};
        }
        if (keyword == u"minLength" || keyword == u"maxLength") {
            if (!isInteger(value) || value.toDouble() < 0)
                return error(at, tr("must be a non-negative integer"));
            (keyword == u"minLength" ? node.minLength : node.maxLength)
                = static_cast<qint64>(value.toDouble());
            return {};
        }
        if (keyword == u"format") {
            if (value == QJsonValue(QStringLiteral("date-time")))
                node.format = Format::DateTime;
            else if (value == QJsonValue(QStringLiteral("date")))
                node.format = Format::Date;
            else
                return error(at,
                    tr("format %1 is not supported (date-time and date are)").arg(jsonText(value)));
            return {};
        }
        return error(at, tr("keyword \"%1\" is not supported by this validator").arg(keyword));
    }

    QJsonValue m_root;
    std::vector<Node> m_nodes;
    QHash<QString, int> m_byPointer;
    QList<std::pair<int, QString>> m_pendingRefs;
};

class Validator
{
public:
    explicit Validator(const std::vector<Node> &nodes) : m_nodes(nodes) { }

    std::optional<SchemaViolation> validate(
        int index, const QJsonValue &value, const JsonPath &path) const
    {
        const Node &node = m_nodes[static_cast<std::size_t>(index)];
        if (node.rejectAll)
            return fail(path, tr("no value is allowed here"));
        if (node.ref >= 0) {
            if (auto problem = validate(node.ref, value, path))
                return problem;
        }
        if (node.types != 0 && !hasType(node.types, value))
            return fail(path,
                tr("expected %1, got %2").arg(node.typeNames.join(tr(" or ")), describe(value)));
        if (node.constValue && value != *node.constValue)
            return fail(
                path, tr("expected %1, got %2").arg(jsonText(*node.constValue), describe(value)));
        if (node.enumValues && !node.enumValues->contains(value)) {
            QStringList names;
            for (const QJsonValue &allowed : *node.enumValues)
                names.append(allowed.isString() ? allowed.toString() : jsonText(allowed));
            return fail(path, tr("%1 is not one of %2").arg(snippet(value), names.join(u", ")));
        }
        if (value.isString()) {
            if (auto problem = validateString(node, value.toString(), path))
                return problem;
        } else if (value.isDouble()) {
            if (auto problem = validateNumber(node, value.toDouble(), path))
                return problem;
        } else if (value.isObject()) {
            if (auto problem = validateObject(node, value.toObject(), path))
                return problem;
        } else if (value.isArray() && node.items >= 0) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (auto problem = validate(node.items, array.at(i), path.child(i)))
                    return problem;
            }
        }
        return std::nullopt;
    }

private:
    static SchemaViolation fail(const JsonPath &path, QString reason)
    {
        return {path.toString(), std::move(reason)};
    }

    std::optional<SchemaViolation> validateString(
        const Node &node, const QString &text, const JsonPath &path) const
    {
        if (node.minLength || node.maxLength) {
            const qsizetype length = codePoints(text);
            if (node.minLength && length < *node.minLength)
                return fail(path,
                    *node.minLength == 1 ? tr("must not be empty")
                                         : tr("%1 is shorter than %2 characters")
                                               .arg(snippet(text))
                                               .arg(*node.minLength));
            if (node.maxLength && length > *node.maxLength)
                return fail(path,
                    tr("is %1 characters long, longer than the maximum %2")
                        .arg(length)
                        .arg(*node.maxLength));
        }
        if (node.pattern && !node.pattern->match(text).hasMatch())
            return fail(
                path, tr("%1 does not match %2").arg(snippet(text), node.pattern->pattern()));
        if (node.format == Format::DateTime && !JsonSchema::isDateTime(text))
            return fail(path,
                tr("%1 is not a date-time (expected e.g. 2024-11-25T15:45:00Z)")
                    .arg(snippet(text)));
        if (node.format == Format::Date && !JsonSchema::isDate(text))
            return fail(path, tr("%1 is not a date (expected YYYY-MM-DD)").arg(snippet(text)));
        return std::nullopt;
    }

    std::optional<SchemaViolation> validateNumber(
        const Node &node, double d, const JsonPath &path) const
    {
        if (node.minimum && !(d >= *node.minimum))
            return fail(path,
                tr("%1 is less than the minimum %2")
                    .arg(formatNumber(d), formatNumber(*node.minimum)));
        if (node.maximum && !(d <= *node.maximum))
            return fail(path,
                tr("%1 is greater than the maximum %2")
                    .arg(formatNumber(d), formatNumber(*node.maximum)));
        if (node.exclusiveMinimum && !(d > *node.exclusiveMinimum))
            return fail(path,
                tr("%1 is not greater than %2")
                    .arg(formatNumber(d), formatNumber(*node.exclusiveMinimum)));
        if (node.exclusiveMaximum && !(d < *node.exclusiveMaximum))
            return fail(path,
                tr("%1 is not less than %2")
                    .arg(formatNumber(d), formatNumber(*node.exclusiveMaximum)));
        return std::nullopt;
    }

    std::optional<SchemaViolation> validateObject(
        const Node &node, const QJsonObject &object, const JsonPath &path) const
    {
        for (const QString &name : node.required) {
            if (!object.contains(name))
                return fail(path.child(name), tr("required property is missing"));
        }
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = it.key();
            const JsonPath at = path.child(key);
            if (const auto p = node.properties.constFind(key); p != node.properties.constEnd()) {
                if (auto problem = validate(*p, *it, at))
                    return problem;
            } else if (!node.additionalAllowed) {
                return fail(at,
                    node.propertyNames.isEmpty()
                        ? tr("unknown property; none are allowed here")
                        : tr("unknown property; allowed: %1").arg(node.propertyNames.join(u", ")));
            } else if (node.additional >= 0) {
                if (auto problem = validate(node.additional, *it, at))
                    return problem;
            }
        }
        return std::nullopt;
    }

    const std::vector<Node> &m_nodes;
};

} // namespace

JsonSchema::JsonSchema(std::shared_ptr<const Compiled> compiled) : m_compiled(std::move(compiled))
{
}

Result<JsonSchema> JsonSchema::parse(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return fromValue(
            document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()));
    // `true` and `false` are schemas too, which QJsonDocument will not parse alone.
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + json + ']');
    if (wrapped.array().size() == 1)
        return fromValue(wrapped.array().first());
    return Error::validation(tr("the schema is not valid JSON at offset %1: %2")
                                 .arg(parseError.offset)
                                 .arg(parseError.errorString()));
}

Result<JsonSchema> JsonSchema::fromValue(const QJsonValue &schema)
{
    auto nodes = Compiler(schema).run();
    if (!nodes)
        return nodes.error();
    auto compiled = std::make_shared<Compiled>();
    compiled->nodes = std::move(nodes).value();
    return JsonSchema(std::move(compiled));
}

std::optional<SchemaViolation> JsonSchema::validate(const QJsonValue &instance) const
{
    return Validator(m_compiled->nodes).validate(0, instance, JsonPath());
}

VoidResult JsonSchema::check(const QJsonValue &instance) const
{
    if (const auto problem = validate(instance))
        return Error::validation(problem->toString());
    return {};
}

bool JsonSchema::isDateTime(QStringView text)
{
    // RFC 3339's date-time, upper-case T and Z, at most millisecond precision (what
    // QDateTime holds), no leap second (QDateTime cannot hold one).
    static const QRegularExpression form(QStringLiteral(
        "^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.[0-9]{1,3})?"
        "(?:Z|[+-]([0-9]{2}):([0-9]{2}))$"));
    const auto m = form.match(text);
    if (!m.hasMatch())
        return false;
    const auto number = [&m](int group) { return m.capturedView(group).toInt(); };
    if (!QDate::isValid(number(1), number(2), number(3)))
        return false;
    if (number(4) > 23 || number(5) > 59 || number(6) > 59)
        return false;
    if (m.hasCaptured(7) && (number(7) > 23 || number(8) > 59))
        return false;
    return true;
}

bool JsonSchema::isDate(QStringView text)
{
    static const QRegularExpression form(QStringLiteral("^([0-9]{4})-([0-9]{2})-([0-9]{2})$"));
    const auto m = form.match(text);
    return m.hasMatch()
        && QDate::isValid(
            m.capturedView(1).toInt(), m.capturedView(2).toInt(), m.capturedView(3).toInt());
}

} // namespace idesk
