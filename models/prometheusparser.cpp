#include "prometheusparser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

namespace idesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PrometheusParser", text);
}

// Go's zero time.Time, which Prometheus and Alertmanager send for "never".
bool isGoZeroTime(const QDate &date, const QTime &time, int offsetSeconds)
{
    return date == QDate(1, 1, 1) && time == QTime(0, 0) && offsetSeconds == 0;
}

// Unix times Prometheus can send that a QDateTime can show: years 1 to 9999.
constexpr double kMinSeconds = -62135596800.0; // 0001-01-01T00:00:00Z
constexpr double kMaxSeconds = 253402300799.0; // 9999-12-31T23:59:59Z

Error problem(const char *text, const JsonPath &path)
{
    return Error::io(tr(text).arg(ApiJson::pathText(path)));
}

Error missingOr(const char *text, const QJsonValue &value, const JsonPath &path)
{
    return value.isUndefined() ? problem("%1 is missing", path) : problem(text, path);
}

bool isAbsent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

} // namespace

// ---------------------------------------------------------------------------------------

namespace ApiJson {

// The server's text on one line and of a sane length.
QString oneLine(QString text, qsizetype maxChars)
{
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator)
            c = u' ';
    }
    if (text.size() > maxChars)
        text = text.left(maxChars) + u'…';
    return text;
}

Result<QJsonDocument> parseDocument(const QByteArray &body)
{
    qsizetype end = body.size();
    while (end > 0 && QChar::isSpace(uchar(body.at(end - 1))))
        --end;
    if (end == 0)
        return Error::io(tr("the answer is empty"));
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return document;
    // Where the parser gave up: at the very end, or inside something never closed,
    // means the body stopped early (a dropped connection, a proxy's size limit).
    const bool unterminated = parseError.error == QJsonParseError::UnterminatedObject
        || parseError.error == QJsonParseError::UnterminatedArray
        || parseError.error == QJsonParseError::UnterminatedString;
    if (parseError.offset >= end || unterminated)
        return Error::io(tr("the answer is cut off after %1 bytes").arg(body.size()));
    return Error::io(tr("the answer is not JSON (%1 at byte %2)")
                         .arg(parseError.errorString())
                         .arg(parseError.offset));
}

QString pathText(const JsonPath &path)
{
    QString text = path.toString();
    if (text.startsWith(u"$."))
        text.remove(0, 2);
    return text;
}

QString quoted(QStringView text, qsizetype maxChars)
{
    QString shown = oneLine(text.left(maxChars + 1).toString(), maxChars);
    return u'"' + shown + u'"';
}

std::optional<QDateTime> parseTime(QStringView t)
{
    // Reads `count` digits at `pos` into `out`.
    const auto digits = [t](qsizetype pos, qsizetype count, int &out) {
        if (pos < 0 || pos + count > t.size())
            return false;
        int value = 0;
        for (qsizetype i = pos; i < pos + count; ++i) {
            const char16_t c = t[i].unicode();
            if (c < u'0' || c > u'9')
                return false;
            value = value * 10 + int(c - u'0');
        }
        out = value;
        return true;
    };
    const auto at = [t](qsizetype pos) { return pos < t.size() ? t[pos].unicode() : u'\0'; };

    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(0, 4, year) || at(4) != u'-' || !digits(5, 2, month) || at(7) != u'-'
        || !digits(8, 2, day) || (at(10) != u'T' && at(10) != u't') || !digits(11, 2, hour)
        || at(13) != u':' || !digits(14, 2, minute) || at(16) != u':' || !digits(17, 2, second))
        return std::nullopt;

    qsizetype pos = 19;
    int milliseconds = 0;
    if (at(pos) == u'.') {
        const qsizetype start = ++pos;
        while (at(pos) >= u'0' && at(pos) <= u'9') {
            if (pos - start < 3)
                milliseconds = milliseconds * 10 + int(at(pos) - u'0');
            ++pos;
        }
        const qsizetype count = pos - start;
        if (count == 0 || count > 9)
            return std::nullopt;
        for (qsizetype i = count; i < 3; ++i)
            milliseconds *= 10;
    }

    int offsetSeconds = 0;
    const char16_t zone = at(pos);
    if (zone == u'Z' || zone == u'z') {
        ++pos;
    } else if (zone == u'+' || zone == u'-') {
        int offsetHours = 0, offsetMinutes = 0;
        if (!digits(pos + 1, 2, offsetHours) || at(pos + 3) != u':'
            || !digits(pos + 4, 2, offsetMinutes) || offsetHours > 23 || offsetMinutes > 59)
            return std::nullopt;
        offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == u'-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != t.size())
        return std::nullopt;

    const QDate date(year, month, day);
    const QTime time(hour, minute, second, milliseconds);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    if (isGoZeroTime(date, time, offsetSeconds))
        return QDateTime();
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}

Result<QJsonObject> objectAt(const QJsonValue &value, const JsonPath &path)
{
    if (!value.isObject())
        return missingOr("%1 is not an object", value, path);
    return value.toObject();
}

Result<QJsonArray> arrayAt(const QJsonValue &value, const JsonPath &path)
{
    if (!value.isArray())
        return missingOr("%1 is not an array", value, path);
    return value.toArray();
}

Result<QString> stringAt(const QJsonValue &value, const JsonPath &path)
{
    if (!value.isString())
        return missingOr("%1 is not a string", value, path);
    return value.toString();
}

// A string that may be left out (or null): empty then.
Result<QString> optionalString(const QJsonObject &object, QStringView key, const JsonPath &path)
{
    const QJsonValue value = object.value(key);
    if (isAbsent(value))
        return QString();
    return stringAt(value, path);
}

// {"name": "value", ...}: every value a string. Absent or null is no labels.
Result<Labels> labelsAt(const QJsonValue &value, const JsonPath &path, bool required)
{
    if (!required && isAbsent(value))
        return Labels();
    auto object = objectAt(value, path);
    if (!object)
        return object.error();
    Labels labels;
    for (auto it = object->constBegin(); it != object->constEnd(); ++it) {
        const QString key = it.key();
        if (!it.value().isString())
            return problem("%1 is not a string", path.child(key));
        labels.insert(key, it.value().toString());
    }
    return labels;
}

// An RFC 3339 time that may be left out (or null): a null QDateTime then.
Result<QDateTime> optionalTime(const QJsonObject &object, QStringView key, const JsonPath &path)
{
    const QJsonValue value = object.value(key);
    if (isAbsent(value))
        return QDateTime();
    if (!value.isString())
        return problem("%1 is not a time", path);
    const QString text = value.toString();
    const auto time = ApiJson::parseTime(text);
    if (!time)
        return Error::io(tr("%1 is not a time: %2").arg(pathText(path), quoted(text)));
    return *time;
}

} // namespace ApiJson

// ---------------------------------------------------------------------------------------

namespace {

using namespace ApiJson;

// A sample's value: a decimal, or the special values Go's strconv writes.
std::optional<double> sampleValue(const QString &text)
{
    if (text == u"NaN")
        return qQNaN();
    if (text == u"+Inf" || text == u"Inf")
        return qInf();
    if (text == u"-Inf")
        return -qInf();
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

// [<unix time in seconds>, "<text>"], the shape of every sample, scalar and string.
Result<std::pair<qint64, QString>> timedPair(
    const QJsonValue &value, const JsonPath &path, const char *shape)
{
    const QJsonArray pair = value.toArray();
    if (!value.isArray() || pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
        return missingOr(shape, value, path);
    const double seconds = pair.at(0).toDouble();
    if (!std::isfinite(seconds) || seconds < kMinSeconds || seconds > kMaxSeconds)
        return problem("%1 is not a Unix time", path.child(0));
    return std::pair {qint64(std::llround(seconds * 1000.0)), pair.at(1).toString()};
}

Result<Sample> sampleAt(const QJsonValue &value, const JsonPath &path)
{
    auto pair = timedPair(value, path, "%1 is not a [time, value] pair");
    if (!pair)
        return pair.error();
    const auto number = sampleValue(pair->second);
    if (!number)
        return Error::io(
            tr("%1 is not a number: %2").arg(pathText(path.child(1)), quoted(pair->second)));
    return Sample {pair->first, *number};
}

// {"status": "success", "data": {...}, "warnings": [...]} → data and warnings.
struct Envelope
{
    QJsonObject data;
    QStringList warnings;
};

Result<Envelope> readEnvelope(const QByteArray &body)
{
    auto document = ApiJson::parseDocument(body);
    if (!document)
        return document.error();
    if (!document->isObject())
        return Error::io(tr("the answer is not a JSON object"));
    const QJsonObject root = document->object();
    const JsonPath rootPath;
    const JsonPath statusPath = rootPath.child(u"status");
    auto status = stringAt(root.value(u"status"), statusPath);
    if (!status)
        return status.error();
    if (*status == u"error") {
        const auto apiError = PrometheusParser::parseError(body);
        return Error::io(apiError ? tr("the server reported an error: %1").arg(apiError->toString())
                                  : tr("the server reported an error without a message"));
    }
    if (*status != u"success")
        return Error::io(
            tr("%1 is %2, not \"success\"").arg(pathText(statusPath), quoted(*status)));

    Envelope result;
    const JsonPath dataPath = rootPath.child(u"data");
    auto data = objectAt(root.value(u"data"), dataPath);
    if (!data)
        return data.error();
    result.data = std::move(*data);

    const QJsonValue warnings = root.value(u"warnings");
    if (!isAbsent(warnings)) {
        const JsonPath warningsPath = rootPath.child(u"warnings");
        auto list = arrayAt(warnings, warningsPath);
        if (!list)
            return list.error();
        for (qsizetype i = 0; i < list->size(); ++i) {
            auto warning = stringAt(list->at(i), warningsPath.child(i));
            if (!warning)
                return warning.error();
            result.warnings.append(oneLine(*warning));
        }
    }
    return result;
}

// One element of a vector or matrix result.
Result<Series> seriesAt(
    const QJsonValue &value, const JsonPath &path, bool matrix, bool &sawHistograms)
{
    auto item = objectAt(value, path);
    if (!item)
        return item.error();
    Series series;
    auto labels = labelsAt(item->value(u"metric"), path.child(u"metric"), false);
    if (!labels)
        return labels.error();
    series.labels = std::move(*labels);

    const QStringView samplesKey = matrix ? QStringView(u"values") : QStringView(u"value");
    const QStringView histogramsKey
        = matrix ? QStringView(u"histograms") : QStringView(u"histogram");
    if (item->contains(histogramsKey))
        sawHistograms = true;
    const QJsonValue samples = item->value(samplesKey);
    const JsonPath samplesPath = path.child(samplesKey);
    if (samples.isUndefined() && item->contains(histogramsKey))
        return series;
    if (!matrix) {
        auto sample = sampleAt(samples, samplesPath);
        if (!sample)
            return sample.error();
        series.samples.append(*sample);
        return series;
    }
    auto list = arrayAt(samples, samplesPath);
    if (!list)
        return list.error();
    series.samples.reserve(list->size());
    for (qsizetype i = 0; i < list->size(); ++i) {
        auto sample = sampleAt(list->at(i), samplesPath.child(i));
        if (!sample)
            return sample.error();
        series.samples.append(*sample);
    }
    return series;
}

} // namespace

// ---------------------------------------------------------------------------------------

namespace PrometheusParser {

QString ApiError::toString() const
{
    return type.isEmpty() ? message : type + QStringLiteral(": ") + message;
}

std::optional<ApiError> parseError(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject root = document.object();
    if (root.value(u"status").toString() != u"error" || !root.value(u"error").isString())
        return std::nullopt;
    return ApiError {oneLine(root.value(u"errorType").toString(), 100),
        oneLine(root.value(u"error").toString())};
}

Result<QueryResult> parseQuery(const QByteArray &body)
{
    auto envelope = readEnvelope(body);
    if (!envelope)
        return envelope.error();
    QueryResult result;
    result.raw = body;
    result.warnings = std::move(envelope->warnings);

    const JsonPath rootPath;
    const JsonPath dataPath = rootPath.child(u"data");
    const JsonPath typePath = dataPath.child(u"resultType");
    const JsonPath resultPath = dataPath.child(u"result");
    auto type = stringAt(envelope->data.value(u"resultType"), typePath);
    if (!type)
        return type.error();
    const QJsonValue resultValue = envelope->data.value(u"result");

    if (*type == u"vector" || *type == u"matrix") {
        const bool matrix = *type == u"matrix";
        result.type = matrix ? QueryResult::Type::Matrix : QueryResult::Type::Vector;
        auto list = arrayAt(resultValue, resultPath);
        if (!list)
            return list.error();
        bool sawHistograms = false;
        result.series.reserve(list->size());
        for (qsizetype i = 0; i < list->size(); ++i) {
            auto series = seriesAt(list->at(i), resultPath.child(i), matrix, sawHistograms);
            if (!series)
                return series.error();
            result.series.append(std::move(*series));
        }
        if (sawHistograms)
            result.warnings.append(tr("Native histogram samples are not shown."));
        return result;
    }
    if (*type == u"scalar") {
        result.type = QueryResult::Type::Scalar;
        auto sample = sampleAt(resultValue, resultPath);
        if (!sample)
            return sample.error();
        result.series.append(Series {{}, {*sample}});
        return result;
    }
    if (*type == u"string") {
        result.type = QueryResult::Type::String;
        auto pair = timedPair(resultValue, resultPath, "%1 is not a [time, string] pair");
        if (!pair)
            return pair.error();
        result.stringValue = pair->second;
        return result;
    }
    return Error::io(tr("%1 is %2, not vector, matrix, scalar or string")
                         .arg(pathText(typePath), quoted(*type)));
}

Result<QList<PrometheusAlert>> parseAlerts(const QByteArray &body)
{
    auto envelope = readEnvelope(body);
    if (!envelope)
        return envelope.error();
    const JsonPath rootPath;
    const JsonPath dataPath = rootPath.child(u"data");
    const JsonPath alertsPath = dataPath.child(u"alerts");
    auto list = arrayAt(envelope->data.value(u"alerts"), alertsPath);
    if (!list)
        return list.error();

    QList<PrometheusAlert> alerts;
    alerts.reserve(list->size());
    for (qsizetype i = 0; i < list->size(); ++i) {
        const JsonPath path = alertsPath.child(i);
        auto item = objectAt(list->at(i), path);
        if (!item)
            return item.error();
        PrometheusAlert alert;
        auto labels = labelsAt(item->value(u"labels"), path.child(u"labels"), true);
        if (!labels)
            return labels.error();
        alert.labels = std::move(*labels);
        auto annotations = labelsAt(item->value(u"annotations"), path.child(u"annotations"), false);
        if (!annotations)
            return annotations.error();
        alert.annotations = std::move(*annotations);
        auto state = optionalString(*item, u"state", path.child(u"state"));
        if (!state)
            return state.error();
        alert.state = std::move(*state);
        auto activeAt = optionalTime(*item, u"activeAt", path.child(u"activeAt"));
        if (!activeAt)
            return activeAt.error();
        alert.activeAt = std::move(*activeAt);
        auto value = optionalString(*item, u"value", path.child(u"value"));
        if (!value)
            return value.error();
        alert.value = std::move(*value);
        alerts.append(std::move(alert));
    }
    return alerts;
}

Result<QList<ScrapeTarget>> parseTargets(const QByteArray &body)
{
    auto envelope = readEnvelope(body);
    if (!envelope)
        return envelope.error();
    const JsonPath rootPath;
    const JsonPath dataPath = rootPath.child(u"data");
    const JsonPath activePath = dataPath.child(u"activeTargets");
    auto list = arrayAt(envelope->data.value(u"activeTargets"), activePath);
    if (!list)
        return list.error();

    QList<ScrapeTarget> targets;
    targets.reserve(list->size());
    for (qsizetype i = 0; i < list->size(); ++i) {
        const JsonPath path = activePath.child(i);
        auto item = objectAt(list->at(i), path);
        if (!item)
            return item.error();
        ScrapeTarget target;
        auto labels = labelsAt(item->value(u"labels"), path.child(u"labels"), true);
        if (!labels)
            return labels.error();
        target.labels = std::move(*labels);
        const std::pair<QStringView, QString *> strings[] = {
            {u"scrapePool", &target.scrapePool},
            {u"scrapeUrl", &target.scrapeUrl},
            {u"health", &target.health},
            {u"lastError", &target.lastError},
        };
        for (const auto &[key, field] : strings) {
            auto text = optionalString(*item, key, path.child(key));
            if (!text)
                return text.error();
            *field = std::move(*text);
        }
        auto lastScrape = optionalTime(*item, u"lastScrape", path.child(u"lastScrape"));
        if (!lastScrape)
            return lastScrape.error();
        target.lastScrape = std::move(*lastScrape);
        targets.append(std::move(target));
    }
    return targets;
}

Result<ServerInfo> parseBuildInfo(const QByteArray &body)
{
    auto envelope = readEnvelope(body);
    if (!envelope)
        return envelope.error();
    const JsonPath rootPath;
    const JsonPath dataPath = rootPath.child(u"data");
    auto version = optionalString(envelope->data, u"version", dataPath.child(u"version"));
    if (!version)
        return version.error();
    return ServerInfo {QStringLiteral("Prometheus"), oneLine(*version, 100)};
}

} // namespace PrometheusParser
} // namespace idesk
