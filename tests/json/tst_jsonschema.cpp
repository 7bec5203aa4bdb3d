#include "jsonschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace idesk;

namespace {

// Any JSON text, scalars included, as a value (QJsonDocument takes only containers).
QJsonValue json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError || wrapped.array().size() != 1)
        qFatal("bad JSON in test data: %s", text.constData());
    return wrapped.array().first();
}

} // namespace

class JsonSchemaTest : public QObject
{
    Q_OBJECT

private slots:
    void validates_data();
    void validates();
    void refusesBrokenSchemas_data();
    void refusesBrokenSchemas();
    void dateTimeForm_data();
    void dateTimeForm();
    void dateForm_data();
    void dateForm();
    void paths();
    void checkGivesValidationError();
    void longValuesAreShortenedInMessages();
    void copiesShareTheCompiledSchema();
};

void JsonSchemaTest::validates_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("instance");
    QTest::addColumn<QString>("expected"); // empty: valid; otherwise the whole message

    // type
    QTest::newRow("type string ok")
        << QByteArray(R"({"type":"string"})") << QByteArray(R"("x")") << QString();
    QTest::newRow("type string, number") << QByteArray(R"({"type":"string"})") << QByteArray("42")
                                         << QStringLiteral("$: expected string, got number 42");
    QTest::newRow("type list, null ok")
        << QByteArray(R"({"type":["string","null"]})") << QByteArray("null") << QString();
    QTest::newRow("type list, object")
        << QByteArray(R"({"type":["string","null"]})") << QByteArray("{}")
        << QStringLiteral("$: expected string or null, got object");
    QTest::newRow("type boolean, string")
        << QByteArray(R"({"type":"boolean"})") << QByteArray(R"("true")")
        << QStringLiteral("$: expected boolean, got string \"true\"");
    QTest::newRow("type array, object") << QByteArray(R"({"type":"array"})") << QByteArray("{}")
                                        << QStringLiteral("$: expected array, got object");
    QTest::newRow("type object, array") << QByteArray(R"({"type":"object"})") << QByteArray("[]")
                                        << QStringLiteral("$: expected object, got array");
    QTest::newRow("type null, false") << QByteArray(R"({"type":"null"})") << QByteArray("false")
                                      << QStringLiteral("$: expected null, got boolean false");
    QTest::newRow("integer ok") << QByteArray(R"({"type":"integer"})") << QByteArray("3")
                                << QString();
    QTest::newRow("integer written 3.0 ok")
        << QByteArray(R"({"type":"integer"})") << QByteArray("3.0") << QString();
    QTest::newRow("integer, fraction") << QByteArray(R"({"type":"integer"})") << QByteArray("3.5")
                                       << QStringLiteral("$: expected integer, got number 3.5");
    QTest::newRow("number accepts integer")
        << QByteArray(R"({"type":"number"})") << QByteArray("3") << QString();
    QTest::newRow("no type: anything")
        << QByteArray(R"({"description":"any"})") << QByteArray(R"([1,{"a":null}])") << QString();
    QTest::newRow("true schema") << QByteArray("true") << QByteArray("{}") << QString();
    QTest::newRow("false schema") << QByteArray("false") << QByteArray("1")
                                  << QStringLiteral("$: no value is allowed here");

    // const and enum
    QTest::newRow("const ok") << QByteArray(R"({"const":"v1"})") << QByteArray(R"("v1")")
                              << QString();
    QTest::newRow("const differs") << QByteArray(R"({"const":"v1"})") << QByteArray(R"("v2")")
                                   << QStringLiteral("$: expected \"v1\", got string \"v2\"");
    QTest::newRow("const number equal as 1.0")
        << QByteArray(R"({"const":1})") << QByteArray("1.0") << QString();
    QTest::newRow("enum ok") << QByteArray(R"({"enum":["a","b"]})") << QByteArray(R"("b")")
                             << QString();
    QTest::newRow("enum strings") << QByteArray(R"({"enum":["note","decision"]})")
                                  << QByteArray(R"("foo")")
                                  << QStringLiteral("$: \"foo\" is not one of note, decision");
    QTest::newRow("enum mixed") << QByteArray(R"({"enum":[1,"two",null]})") << QByteArray("3")
                                << QStringLiteral("$: 3 is not one of 1, two, null");
    QTest::newRow("enum is case sensitive")
        << QByteArray(R"({"enum":["open"]})") << QByteArray(R"("Open")")
        << QStringLiteral("$: \"Open\" is not one of open");

    // objects
    const QByteArray person = R"({"type":"object","required":["name","age"],
        "additionalProperties":false,
        "properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}}})";
    QTest::newRow("object ok") << person << QByteArray(R"({"name":"Ann","age":3})") << QString();
    QTest::newRow("required missing") << person << QByteArray(R"({"name":"Ann"})")
                                      << QStringLiteral("$.age: required property is missing");
    QTest::newRow("required checked before members")
        << person << QByteArray(R"({"name":1})")
        << QStringLiteral("$.age: required property is missing");
    QTest::newRow("property type") << person << QByteArray(R"({"name":"Ann","age":"3"})")
                                   << QStringLiteral("$.age: expected integer, got string \"3\"");
    QTest::newRow("unknown property")
        << person << QByteArray(R"({"name":"Ann","age":3,"nick":"A"})")
        << QStringLiteral("$.nick: unknown property; allowed: age, name");
    QTest::newRow("no properties allowed")
        << QByteArray(R"({"additionalProperties":false})") << QByteArray(R"({"a":1})")
        << QStringLiteral("$.a: unknown property; none are allowed here");
    QTest::newRow("additionalProperties schema")
        << QByteArray(R"({"properties":{"a":{}},"additionalProperties":{"type":"integer"}})")
        << QByteArray(R"({"a":"x","b":1,"c":"2"})")
        << QStringLiteral("$.c: expected integer, got string \"2\"");
    QTest::newRow("additional allowed by default")
        << QByteArray(R"({"properties":{"a":{"type":"string"}}})")
        << QByteArray(R"({"a":"x","b":1})") << QString();
    QTest::newRow("required ignores non-objects")
        << QByteArray(R"({"type":["object","null"],"required":["a"]})") << QByteArray("null")
        << QString();
    QTest::newRow("nested path") << QByteArray(
        R"({"properties":{"a":{"properties":{"b":{"type":"string"}}}}})")
                                 << QByteArray(R"({"a":{"b":false}})")
                                 << QStringLiteral("$.a.b: expected string, got boolean false");
    QTest::newRow("odd key is quoted")
        << QByteArray(R"({"properties":{"a b":{"type":"string"}}})") << QByteArray(R"({"a b":1})")
        << QStringLiteral("$[\"a b\"]: expected string, got number 1");
    QTest::newRow("false property schema")
        << QByteArray(R"({"properties":{"x":false}})") << QByteArray(R"({"x":1})")
        << QStringLiteral("$.x: no value is allowed here");

    // arrays
    QTest::newRow("items ok") << QByteArray(R"({"type":"array","items":{"type":"integer"}})")
                              << QByteArray("[1,2,3]") << QString();
    QTest::newRow("items third bad") << QByteArray(R"({"type":"array","items":{"type":"integer"}})")
                                     << QByteArray(R"([1,2,"3",true])")
                                     << QStringLiteral("$[2]: expected integer, got string \"3\"");
    QTest::newRow("items of objects")
        << QByteArray(R"({"items":{"required":["k"]}})") << QByteArray(R"([{"k":1},{}])")
        << QStringLiteral("$[1].k: required property is missing");

    // strings
    QTest::newRow("pattern ok") << QByteArray(R"({"pattern":"^SEV-[1-9]$"})")
                                << QByteArray(R"("SEV-2")") << QString();
    QTest::newRow("pattern fails")
        << QByteArray(R"({"pattern":"^SEV-[1-9]$"})") << QByteArray(R"("SEV-X")")
        << QStringLiteral("$: \"SEV-X\" does not match ^SEV-[1-9]$");
    QTest::newRow("pattern is a search, not anchored")
        << QByteArray(R"({"pattern":"b"})") << QByteArray(R"("abc")") << QString();
    QTest::newRow("pattern ignores non-strings")
        << QByteArray(R"({"pattern":"^a$"})") << QByteArray("5") << QString();
    QTest::newRow("minLength") << QByteArray(R"({"minLength":1})") << QByteArray(R"("")")
                               << QStringLiteral("$: must not be empty");
    QTest::newRow("minLength 3") << QByteArray(R"({"minLength":3})") << QByteArray(R"("ab")")
                                 << QStringLiteral("$: \"ab\" is shorter than 3 characters");
    QTest::newRow("maxLength") << QByteArray(R"({"maxLength":3})") << QByteArray(R"("abcd")")
                               << QStringLiteral(
                                      "$: is 4 characters long, longer than the maximum 3");
    QTest::newRow("length counts code points")
        << QByteArray(R"({"maxLength":2,"minLength":2})")
        << QByteArray("\"\xF0\x9F\x98\x80\xF0\x9F\x94\xA5\"") << QString(); // two emoji

    // numbers
    QTest::newRow("minimum ok") << QByteArray(R"({"minimum":1})") << QByteArray("1") << QString();
    QTest::newRow("minimum") << QByteArray(R"({"minimum":1})") << QByteArray("-1")
                             << QStringLiteral("$: -1 is less than the minimum 1");
    QTest::newRow("maximum") << QByteArray(R"({"maximum":1})") << QByteArray("1.5")
                             << QStringLiteral("$: 1.5 is greater than the maximum 1");
    QTest::newRow("exclusiveMinimum") << QByteArray(R"({"exclusiveMinimum":0})") << QByteArray("0")
                                      << QStringLiteral("$: 0 is not greater than 0");
    QTest::newRow("exclusiveMaximum") << QByteArray(R"({"exclusiveMaximum":1})") << QByteArray("1")
                                      << QStringLiteral("$: 1 is not less than 1");
    QTest::newRow("exclusive range ok")
        << QByteArray(R"({"exclusiveMinimum":0,"exclusiveMaximum":1})") << QByteArray("0.999")
        << QString();
    QTest::newRow("bounds ignore strings")
        << QByteArray(R"({"minimum":5})") << QByteArray(R"("1")") << QString();

    // formats
    QTest::newRow("date-time ok") << QByteArray(R"({"format":"date-time"})")
                                  << QByteArray(R"("2024-11-25T15:45:00Z")") << QString();
    QTest::newRow("date-time bad")
        << QByteArray(R"({"format":"date-time"})") << QByteArray(R"("yesterday")")
        << QStringLiteral("$: \"yesterday\" is not a date-time (expected e.g. "
                          "2024-11-25T15:45:00Z)");
    QTest::newRow("date ok") << QByteArray(R"({"format":"date"})") << QByteArray(R"("2024-12-01")")
                             << QString();
    QTest::newRow("date bad") << QByteArray(R"({"format":"date"})") << QByteArray(R"("2024-12-32")")
                              << QStringLiteral(
                                     "$: \"2024-12-32\" is not a date (expected YYYY-MM-DD)");
    QTest::newRow("format ignores non-strings")
        << QByteArray(R"({"format":"date"})") << QByteArray("null") << QString();
    QTest::newRow("format with type list")
        << QByteArray(R"({"type":["string","null"],"format":"date-time"})")
        << QByteArray(R"("2024-11-25")")
        << QStringLiteral("$: \"2024-11-25\" is not a date-time (expected e.g. "
                          "2024-11-25T15:45:00Z)");

    // $ref
    const QByteArray withDefs = R"({"$defs":{"time":{"type":"string","format":"date-time"},
        "pair":{"type":"array","items":{"$ref":"#/$defs/time"}}},
        "properties":{"when":{"$ref":"#/$defs/time"},"span":{"$ref":"#/$defs/pair"}}})";
    QTest::newRow("ref ok") << withDefs << QByteArray(R"({"when":"2024-11-25T15:45:00Z"})")
                            << QString();
    QTest::newRow("ref fails") << withDefs << QByteArray(R"({"when":3})")
                               << QStringLiteral("$.when: expected string, got number 3");
    QTest::newRow("ref through ref")
        << withDefs << QByteArray(R"({"span":["2024-11-25T15:45:00Z","soon"]})")
        << QStringLiteral("$.span[1]: \"soon\" is not a date-time (expected e.g. "
                          "2024-11-25T15:45:00Z)");
    QTest::newRow("ref beside other keywords")
        << QByteArray(R"({"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","minLength":2})")
        << QByteArray(R"("a")") << QStringLiteral("$: \"a\" is shorter than 2 characters");
    const QByteArray tree = R"({"type":"object","required":["name"],
        "properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}}})";
    QTest::newRow("recursive ref ok")
        << tree << QByteArray(R"({"name":"a","children":[{"name":"b","children":[]}]})")
        << QString();
    QTest::newRow("recursive ref deep")
        << tree << QByteArray(R"({"name":"a","children":[{"name":"b","children":[{"name":2}]}]})")
        << QStringLiteral("$.children[0].children[0].name: expected string, got number 2");
    QTest::newRow("ref with escaped pointer")
        << QByteArray(R"({"$defs":{"a/b":{"type":"null"}},"$ref":"#/$defs/a~1b"})")
        << QByteArray("1") << QStringLiteral("$: expected null, got number 1");

    // annotations are ignored
    QTest::newRow("annotations") << QByteArray(
        R"({"$schema":"https://json-schema.org/draft/2020-12/schema",
                "$id":"urn:x","title":"t","description":"d","$comment":"c","default":1,
                "examples":[1],"type":"integer"})")
                                 << QByteArray("1") << QString();
}

void JsonSchemaTest::validates()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, instance);
    QFETCH(QString, expected);

    const auto compiled = JsonSchema::parse(schema);
    QVERIFY2(compiled.ok(), qPrintable(compiled.errorMessage()));
    const auto problem = compiled->validate(json(instance));
    if (expected.isEmpty()) {
        QVERIFY2(!problem, problem ? qPrintable(problem->toString()) : "");
    } else {
        QVERIFY(problem);
        QCOMPARE(problem->toString(), expected);
    }
}

void JsonSchemaTest::refusesBrokenSchemas_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QString>("expected"); // a part of the message

    QTest::newRow("not JSON") << QByteArray(R"({"type":)") << QStringLiteral("not valid JSON");
    QTest::newRow("unsupported keyword")
        << QByteArray(R"({"oneOf":[{"type":"string"}]})")
        << QStringLiteral("schema at #/oneOf: keyword \"oneOf\" is not supported");
    QTest::newRow("unsupported keyword deep")
        << QByteArray(R"({"properties":{"a":{"minItems":1}}})")
        << QStringLiteral("schema at #/properties/a/minItems");
    QTest::newRow("unsupported format") << QByteArray(R"({"format":"email"})")
                                        << QStringLiteral("format \"email\" is not supported");
    QTest::newRow("unknown type") << QByteArray(R"({"type":"str"})")
                                  << QStringLiteral("\"str\" is not a JSON Schema type");
    QTest::newRow("empty type list")
        << QByteArray(R"({"type":[]})") << QStringLiteral("must name at least one type");
    QTest::newRow("bad pattern") << QByteArray(R"({"pattern":"("})")
                                 << QStringLiteral("is not a valid regular expression");
    QTest::newRow("dangling ref") << QByteArray(R"({"$ref":"#/$defs/missing"})")
                                  << QStringLiteral("$ref \"#/$defs/missing\" points at nothing");
    QTest::newRow("external ref") << QByteArray(R"({"$ref":"other.json#/a"})")
                                  << QStringLiteral("only references inside the schema");
    QTest::newRow("tuple items") << QByteArray(R"({"items":[{"type":"string"}]})")
                                 << QStringLiteral("schema at #/items");
    QTest::newRow("negative minLength")
        << QByteArray(R"({"minLength":-1})") << QStringLiteral("must be a non-negative integer");
    QTest::newRow("string minimum")
        << QByteArray(R"({"minimum":"1"})") << QStringLiteral("must be a number");
    QTest::newRow("empty enum") << QByteArray(R"({"enum":[]})")
                                << QStringLiteral("must be a non-empty array");
    QTest::newRow("schema is a number") << QByteArray(R"({"properties":{"a":1}})")
                                        << QStringLiteral("must be an object or a boolean");
    QTest::newRow("broken unused definition") << QByteArray(R"({"$defs":{"unused":{"allOf":[]}}})")
                                              << QStringLiteral("schema at #/$defs/unused/allOf");
}

void JsonSchemaTest::refusesBrokenSchemas()
{
    QFETCH(QByteArray, schema);
    QFETCH(QString, expected);
    const auto compiled = JsonSchema::parse(schema);
    QVERIFY(!compiled.ok());
    QCOMPARE(compiled.error().kind, Error::Kind::Validation);
    QVERIFY2(compiled.errorMessage().contains(expected), qPrintable(compiled.errorMessage()));
}

void JsonSchemaTest::dateTimeForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("Z") << QStringLiteral("2024-11-25T15:45:00Z") << true;
    QTest::newRow("milliseconds") << QStringLiteral("2024-11-25T15:45:00.123Z") << true;
    QTest::newRow("tenths") << QStringLiteral("2024-11-25T15:45:00.1Z") << true;
    QTest::newRow("offset") << QStringLiteral("2024-11-25T16:45:00+01:00") << true;
    QTest::newRow("negative offset") << QStringLiteral("2024-11-25T10:45:00-05:00") << true;
    QTest::newRow("leap day") << QStringLiteral("2024-02-29T00:00:00Z") << true;
    QTest::newRow("end of day") << QStringLiteral("2024-12-31T23:59:59Z") << true;
    QTest::newRow("no zone") << QStringLiteral("2024-11-25T15:45:00") << false;
    QTest::newRow("space") << QStringLiteral("2024-11-25 15:45:00Z") << false;
    QTest::newRow("lower-case z") << QStringLiteral("2024-11-25T15:45:00z") << false;
    QTest::newRow("no seconds") << QStringLiteral("2024-11-25T15:45Z") << false;
    QTest::newRow("date only") << QStringLiteral("2024-11-25") << false;
    QTest::newRow("microseconds") << QStringLiteral("2024-11-25T15:45:00.123456Z") << false;
    QTest::newRow("hour 24") << QStringLiteral("2024-11-25T24:00:00Z") << false;
    QTest::newRow("minute 60") << QStringLiteral("2024-11-25T15:60:00Z") << false;
    QTest::newRow("leap second") << QStringLiteral("2016-12-31T23:59:60Z") << false;
    QTest::newRow("February 30") << QStringLiteral("2024-02-30T00:00:00Z") << false;
    QTest::newRow("not a leap year") << QStringLiteral("2023-02-29T00:00:00Z") << false;
    QTest::newRow("month 13") << QStringLiteral("2024-13-01T00:00:00Z") << false;
    QTest::newRow("offset hour 24") << QStringLiteral("2024-11-25T15:45:00+24:00") << false;
    QTest::newRow("compact offset") << QStringLiteral("2024-11-25T15:45:00+0100") << false;
    QTest::newRow("trailing text") << QStringLiteral("2024-11-25T15:45:00Z ") << false;
    QTest::newRow("Arabic-Indic digits") << QStringLiteral("٢٠٢٤-11-25T15:45:00Z") << false;
    QTest::newRow("empty") << QString() << false;
}

void JsonSchemaTest::dateTimeForm()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(JsonSchema::isDateTime(text), valid);
}

void JsonSchemaTest::dateForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("date") << QStringLiteral("2024-12-01") << true;
    QTest::newRow("leap day") << QStringLiteral("2024-02-29") << true;
    QTest::newRow("not a leap year") << QStringLiteral("2023-02-29") << false;
    QTest::newRow("one-digit month") << QStringLiteral("2024-1-01") << false;
    QTest::newRow("month 00") << QStringLiteral("2024-00-10") << false;
    QTest::newRow("with time") << QStringLiteral("2024-12-01T00:00:00Z") << false;
    QTest::newRow("slashes") << QStringLiteral("2024/12/01") << false;
    QTest::newRow("words") << QStringLiteral("next week") << false;
}

void JsonSchemaTest::dateForm()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(JsonSchema::isDate(text), valid);
}

void JsonSchemaTest::paths()
{
    const JsonPath root;
    QCOMPARE(root.toString(), QStringLiteral("$"));
    const JsonPath timeline = root.child(u"timeline");
    const JsonPath third = timeline.child(3);
    QCOMPARE(third.child(u"kind").toString(), QStringLiteral("$.timeline[3].kind"));
    QCOMPARE(root.child(0).child(u"_a1").toString(), QStringLiteral("$[0]._a1"));
    QCOMPARE(root.child(u"1st").toString(), QStringLiteral("$[\"1st\"]"));
    QCOMPARE(root.child(u"say \"hi\"").toString(), QStringLiteral("$[\"say \\\"hi\\\"\"]"));
    QCOMPARE(root.child(u"").toString(), QStringLiteral("$[\"\"]"));
    const QString longKey(100, u'k');
    QCOMPARE(root.child(longKey).toString(),
        QStringLiteral("$[\"") + QString(60, u'k') + QStringLiteral("…\"]"));
}

void JsonSchemaTest::checkGivesValidationError()
{
    const auto schema = JsonSchema::parse(R"({"type":"object","required":["a"]})");
    QVERIFY(schema.ok());
    QVERIFY(schema->check(json(R"({"a":1})")).ok());
    const VoidResult result = schema->check(json("{}"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Validation);
    QCOMPARE(result.errorMessage(), QStringLiteral("$.a: required property is missing"));
}

void JsonSchemaTest::longValuesAreShortenedInMessages()
{
    const auto schema = JsonSchema::parse(R"({"enum":["a"]})");
    QVERIFY(schema.ok());
    const auto problem = schema->validate(QString(10'000, u'x'));
    QVERIFY(problem);
    QVERIFY2(problem->reason.size() < 120, qPrintable(problem->reason));
    QVERIFY(problem->reason.startsWith(u"\"xxxx"));
    QVERIFY(problem->reason.contains(u"…\" is not one of a"));
}

void JsonSchemaTest::copiesShareTheCompiledSchema()
{
    auto schema = JsonSchema::parse(R"({"type":"string"})");
    QVERIFY(schema.ok());
    const JsonSchema copy = *schema;
    schema = JsonSchema::parse(R"({"type":"integer"})");
    QVERIFY(!copy.validate(QStringLiteral("still a string schema")));
    QVERIFY(copy.validate(1));
}

QTEST_GUILESS_MAIN(JsonSchemaTest)
#include "tst_jsonschema.moc"
