#include "incidentjson.h"

#include "severity.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMetaType>
#include <QVariant>

#include <cmath>
#include <vector>

namespace idesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("IncidentJson", text);
}

// A streaming JSON writer that keeps keys in the order they are written, which
// QJsonObject cannot (it sorts them). Indented output has the shape of the shipped
// fixture: two spaces, "key": value, empty containers as [] and {}.
class JsonWriter
{
public:
    explicit JsonWriter(bool indented) : m_indented(indented) { }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }

    void key(QStringView name)
    {
        separate();
        writeQuoted(name);
        m_out += m_indented ? ": " : ":";
        m_afterKey = true;
    }

    void null()
    {
        beginValue();
        m_out += "null";
    }
    void boolean(bool b)
    {
        beginValue();
        m_out += b ? "true" : "false";
    }
    void integer(qint64 n)
    {
        beginValue();
        m_out += QByteArray::number(n);
    }
    // The shortest text that reads back as the same double, and always with a
    // fraction or an exponent ("1.0", not "1"), so a double stays recognisably one.
    void real(double d)
    {
        if (!std::isfinite(d)) // JSON has no NaN or infinity
            return null();
        beginValue();
        QByteArray text = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        if (!text.contains('.') && !text.contains('e'))
            text += ".0";
        m_out += text;
    }
    void string(QStringView text)
    {
        beginValue();
        writeQuoted(text);
    }

    // Any parsed JSON value; object keys come out sorted, as QJsonObject holds them.
    void value(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            return null();
        case QJsonValue::Bool:
            return boolean(v.toBool());
        case QJsonValue::Double:
            // Qt keeps integral numbers that fit in 64 bits as integers.
            if (v.toVariant().typeId() == QMetaType::LongLong)
                return integer(v.toInteger());
            return real(v.toDouble());
        case QJsonValue::String:
            return string(v.toString());
        case QJsonValue::Array:
            beginArray();
            for (const QJsonValue &element : v.toArray())
                value(element);
            return endArray();
        case QJsonValue::Object: {
            beginObject();
            const QJsonObject object = v.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                key(it.key());
                value(*it);
            }
            return endObject();
        }
        }
    }

    QByteArray take()
    {
        if (m_indented)
            m_out += '\n';
        return std::move(m_out);
    }

private:
    void open(char bracket)
    {
        beginValue();
        m_out += bracket;
        m_counts.push_back(0);
    }

    void close(char bracket)
    {
        const int count = m_counts.back();
        m_counts.pop_back();
        if (count > 0)
            newline();
        m_out += bracket;
    }

    // A value after a key follows it directly; one in an array gets its separator.
    void beginValue()
    {
        if (m_afterKey)
            m_afterKey = false;
        else if (!m_counts.empty())
            separate();
    }

    void separate()
    {
        if (m_counts.back()++ > 0)
            m_out += ',';
        newline();
    }

    void newline()
    {
        if (!m_indented)
            return;
        m_out += '\n';
        m_out.append(static_cast<qsizetype>(2 * m_counts.size()), ' ');
    }

    // RFC 8259 escaping; everything else is written as UTF-8. A lone surrogate
    // (QString can hold one) is written as \uXXXX so it survives the round trip.
    void writeQuoted(QStringView text)
    {
        m_out += '"';
        qsizetype runStart = 0;
        const auto flush = [&](qsizetype end) {
            if (end > runStart)
                m_out += text.mid(runStart, end - runStart).toUtf8();
        };
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = text.at(i).unicode();
            if (QChar::isHighSurrogate(c) && i + 1 < text.size()
                && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
                ++i;
                continue;
            }
            const char *escape = nullptr;
            switch (c) {
            case u'"':
                escape = "\\\"";
                break;
            case u'\\':
                escape = "\\\\";
                break;
            case u'\b':
                escape = "\\b";
                break;
            case u'\f':
                escape = "\\f";
                break;
            case u'\n':
                escape = "\\n";
                break;
            case u'\r':
                escape = "\\r";
                break;
            case u'\t':
                escape = "\\t";
                break;
            default:
                break;
            }
            if (!escape && c >= 0x20 && !QChar::isSurrogate(c))
                continue;
            flush(i);
            if (escape)
                m_out += escape;
            else
                m_out += "\\u" + QByteArray::number(c, 16).rightJustified(4, '0');
            runStart = i + 1;
        }
        flush(text.size());
        m_out += '"';
    }

    QByteArray m_out;
    std::vector<int> m_counts; // members written so far, per open container
    bool m_afterKey = false;
    bool m_indented;
};

// The domain's value forms, DESIGN §5.

void writeTime(JsonWriter &w, const QDateTime &at)
{
    w.string(formatIsoUtc(at));
}

void writeOptionalTime(JsonWriter &w, const std::optional<QDateTime> &at)
{
    if (at && at->isValid())
        writeTime(w, *at);
    else
        w.null();
}

void writeOptionalString(JsonWriter &w, const std::optional<QString> &text)
{
    if (text)
        w.string(*text);
    else
        w.null();
}

void writeStringList(JsonWriter &w, const QStringList &list)
{
    w.beginArray();
    for (const QString &item : list)
        w.string(item);
    w.endArray();
}

// A bare scalar is JSON too, but QJsonDocument only takes an object or an array.
// Parsed inside brackets, "1, 2" becomes two elements and is rejected as not one value.
std::optional<QJsonValue> parseAnyValue(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + bytes + ']', &error);
    if (error.error != QJsonParseError::NoError || wrapped.array().size() != 1)
        return std::nullopt;
    return wrapped.array().first();
}

// A diagnostic's result is stored as JSON text and embedded as a JSON value.
void writeEmbeddedJson(JsonWriter &w, const QByteArray &json)
{
    if (json.isEmpty())
        return w.null();
    if (const auto value = parseAnyValue(json))
        return w.value(*value);
    w.string(QString::fromUtf8(json)); // not JSON: kept as text rather than dropped
}

QByteArray compactJson(const QJsonValue &value)
{
    JsonWriter w(false);
    w.value(value);
    return w.take();
}

void writeIncident(JsonWriter &w, const Incident &incident)
{
    const IncidentHeader &header = incident.header;
    w.beginObject();
    w.key(u"format");
    w.string(IncidentJson::kFormat);
    if (header.id > 0) {
        w.key(u"id");
        w.string(formatIncidentId(header.id));
    }
    w.key(u"title");
    w.string(header.title);
    w.key(u"summary");
    w.string(header.summary);
    w.key(u"severity");
    w.string(SeverityDefinition::severityName(header.severity));
    w.key(u"status");
    w.string(statusName(header.status));

    w.key(u"milestones");
    w.beginObject();
    for (const Milestone m : allMilestones()) {
        w.key(milestoneName(m));
        writeOptionalTime(w, header.milestones.get(m));
    }
    w.endObject();

    w.key(u"slo");
    if (header.slo) {
        w.beginObject();
        w.key(u"target");
        w.real(header.slo->target);
        w.key(u"window_days");
        w.integer(header.slo->windowDays);
        w.key(u"affected_fraction");
        w.real(header.slo->affectedFraction);
        w.endObject();
    } else {
        w.null();
    }

    w.key(u"roles");
    w.beginArray();
    for (const RoleAssignment &role : incident.roles) {
        w.beginObject();
        w.key(u"role");
        w.string(role.role);
        w.key(u"person");
        w.string(role.person);
        w.key(u"from");
        writeTime(w, role.from);
        w.key(u"to");
        writeOptionalTime(w, role.to);
        w.endObject();
    }
    w.endArray();

    w.key(u"timeline");
    w.beginArray();
    for (const TimelineEntry &entry : incident.timeline) {
        w.beginObject();
        w.key(u"at");
        writeTime(w, entry.at);
        w.key(u"written_at");
        writeTime(w, entry.writtenAt);
        w.key(u"kind");
        w.string(entryKindName(entry.kind));
        w.key(u"author");
        w.string(entry.author);
        w.key(u"text");
        w.string(entry.text);
        w.key(u"revisions");
        w.beginArray();
        for (const Revision &revision : entry.revisions) {
            w.beginObject();
            w.key(u"text");
            w.string(revision.text);
            w.key(u"replaced_at");
            writeTime(w, revision.replacedAt);
            w.key(u"replaced_by");
            w.string(revision.replacedBy);
            w.endObject();
        }
        w.endArray();
        w.key(u"redacted");
        if (entry.redaction) {
            w.beginObject();
            w.key(u"reason");
            w.string(entry.redaction->reason);
            w.key(u"at");
            writeTime(w, entry.redaction->at);
            w.key(u"by");
            w.string(entry.redaction->by);
            w.endObject();
        } else {
            w.null();
        }
        if (!entry.link.isNull()) { // most entries have none: keep them fixture-shaped
            w.key(u"link");
            w.string(entry.link.toString());
        }
        w.endObject();
    }
    w.endArray();

    w.key(u"status_updates");
    w.beginArray();
    for (const StatusUpdate &update : incident.statusUpdates) {
        w.beginObject();
        w.key(u"at");
        writeTime(w, update.at);
        w.key(u"status");
        w.string(update.status);
        w.key(u"impact");
        w.string(update.impact);
        w.key(u"actions");
        w.string(update.actions);
        w.key(u"needs");
        w.string(update.needs);
        w.key(u"next_update_at");
        writeOptionalTime(w, update.nextUpdateAt);
        w.key(u"audience");
        w.string(audienceName(update.audience));
        w.endObject();
    }
    w.endArray();

    w.key(u"action_items");
    w.beginArray();
    for (const ActionItem &item : incident.actionItems) {
        w.beginObject();
        w.key(u"text");
        w.string(item.text);
        w.key(u"owner");
        w.string(item.owner);
        w.key(u"due");
        if (item.due && item.due->isValid())
            w.string(item.due->toString(Qt::ISODate));
        else
            w.null();
        w.key(u"type");
        w.string(actionTypeName(item.type));
        w.key(u"status");
        w.string(actionStatusName(item.status));
        w.key(u"link");
        writeOptionalString(w, item.link);
        w.endObject();
    }
    w.endArray();

    w.key(u"diagnostics");
    w.beginArray();
    for (const DiagnosticSnapshot &snapshot : incident.diagnostics) {
        w.beginObject();
        w.key(u"source");
        w.string(snapshot.source);
        w.key(u"query");
        w.string(snapshot.query);
        w.key(u"window_start");
        writeTime(w, snapshot.windowStart);
        w.key(u"window_end");
        writeTime(w, snapshot.windowEnd);
        w.key(u"captured_at");
        writeTime(w, snapshot.capturedAt);
        w.key(u"result");
        writeEmbeddedJson(w, snapshot.result);
        w.key(u"chart_png");
        if (snapshot.chartPng.isEmpty())
            w.null();
        else
            w.string(QString::fromLatin1(snapshot.chartPng.toBase64()));
        w.endObject();
    }
    w.endArray();

    const Postmortem &pm = incident.postmortem;
    w.key(u"postmortem");
    w.beginObject();
    w.key(u"executive_summary");
    w.string(pm.executiveSummary);
    w.key(u"impact");
    w.beginObject();
    w.key(u"users_affected");
    w.string(pm.impact.usersAffected);
    w.key(u"revenue_impact");
    w.string(pm.impact.revenueImpact);
    w.key(u"notes");
    w.string(pm.impact.notes);
    w.endObject();
    w.key(u"root_cause");
    w.string(pm.rootCause);
    w.key(u"contributing_factors");
    writeStringList(w, pm.contributingFactors);
    w.key(u"trigger");
    w.string(pm.trigger);
    w.key(u"detection");
    w.string(pm.detection);
    w.key(u"resolution");
    w.string(pm.resolution);
    w.key(u"went_well");
    writeStringList(w, pm.wentWell);
    w.key(u"went_wrong");
    writeStringList(w, pm.wentWrong);
    w.key(u"got_lucky");
    writeStringList(w, pm.gotLucky);
    w.key(u"lessons_learned");
    writeStringList(w, pm.lessonsLearned);
    w.key(u"supporting_information");
    w.string(pm.supportingInformation);
    w.endObject();

    w.endObject();
}

// Size limits, checked before the schema so a hostile document costs little.
// Where a value sits matters for one exemption: a diagnostic's chart_png is
// binary data, bounded only by the document limit.
enum class Place { Root, Diagnostics, Diagnostic, Elsewhere };

Place placeOf(Place parent, QStringView key)
{
    if (parent == Place::Root && key == u"diagnostics")
        return Place::Diagnostics;
    if (parent == Place::Diagnostics)
        return Place::Diagnostic;
    return Place::Elsewhere;
}

std::optional<QString> findLongString(const QJsonValue &value, const JsonPath &path, Place place)
{
    const auto tooLong = [&path](const char *what, qsizetype length) {
        return tr("%1: a %2 of %3 characters is longer than the limit of %4")
            .arg(path.toString(), QString::fromLatin1(what))
            .arg(length)
            .arg(IncidentJson::kMaxStringChars);
    };
    if (value.isString()) {
        if (const qsizetype length = value.toString().size();
            length > IncidentJson::kMaxStringChars)
            return tooLong("string", length);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (auto problem = findLongString(array.at(i), path.child(i), placeOf(place, {})))
                return problem;
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = it.key();
            if (key.size() > IncidentJson::kMaxStringChars)
                return tooLong("key", key.size());
            if (place == Place::Diagnostic && key == u"chart_png")
                continue;
            if (auto problem = findLongString(*it, path.child(key), placeOf(place, key)))
                return problem;
        }
    }
    return std::nullopt;
}

// Builds the Incident from a document the schema accepted. The schema vouches for
// types and forms; what it cannot say (an id too large for 64 bits, base64 that
// does not decode) is reported here, with the path.
class IncidentReader
{
public:
    Result<Incident> read(const QJsonObject &document)
    {
        Incident incident;
        readHeader(document, incident.header);
        const JsonPath root;

        const JsonPath rolesPath = root.child(u"roles");
        const QJsonArray roles = document.value(u"roles").toArray();
        for (qsizetype i = 0; i < roles.size(); ++i) {
            const JsonPath at = rolesPath.child(i);
            const QJsonObject o = roles.at(i).toObject();
            RoleAssignment role;
            role.role = o.value(u"role").toString();
            role.person = o.value(u"person").toString();
            role.from = time(o, u"from", at);
            role.to = optionalTime(o, u"to", at);
            incident.roles.append(role);
        }

        const JsonPath timelinePath = root.child(u"timeline");
        const QJsonArray timeline = document.value(u"timeline").toArray();
        incident.timeline.reserve(timeline.size());
        for (qsizetype i = 0; i < timeline.size(); ++i)
            incident.timeline.append(readEntry(timeline.at(i).toObject(), timelinePath.child(i)));

        const JsonPath updatesPath = root.child(u"status_updates");
        const QJsonArray updates = document.value(u"status_updates").toArray();
        for (qsizetype i = 0; i < updates.size(); ++i) {
            const JsonPath at = updatesPath.child(i);
            const QJsonObject o = updates.at(i).toObject();
            StatusUpdate update;
            update.at = time(o, u"at", at);
            update.status = o.value(u"status").toString();
            update.impact = o.value(u"impact").toString();
            update.actions = o.value(u"actions").toString();
            update.needs = o.value(u"needs").toString();
            update.nextUpdateAt = optionalTime(o, u"next_update_at", at);
            update.audience = parsed(parseAudience(o.value(u"audience").toString()),
                at.child(u"audience"), Audience::Internal);
            incident.statusUpdates.append(update);
        }

        const JsonPath itemsPath = root.child(u"action_items");
        const QJsonArray items = document.value(u"action_items").toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const JsonPath at = itemsPath.child(i);
            const QJsonObject o = items.at(i).toObject();
            ActionItem item;
            item.text = o.value(u"text").toString();
            item.owner = o.value(u"owner").toString();
            if (const QJsonValue due = o.value(u"due"); due.isString()) {
                item.due = QDate::fromString(due.toString(), Qt::ISODate);
                if (!item.due->isValid())
                    fail(at.child(u"due"), tr("not a date"));
            }
            item.type = parsed(
                parseActionType(o.value(u"type").toString()), at.child(u"type"), ActionType::Other);
            item.status = parsed(parseActionStatus(o.value(u"status").toString()),
                at.child(u"status"), ActionStatus::Open);
            if (const QJsonValue link = o.value(u"link"); link.isString())
                item.link = link.toString();
            incident.actionItems.append(item);
        }

        const JsonPath diagnosticsPath = root.child(u"diagnostics");
        const QJsonArray diagnostics = document.value(u"diagnostics").toArray();
        for (qsizetype i = 0; i < diagnostics.size(); ++i)
            incident.diagnostics.append(
                readDiagnostic(diagnostics.at(i).toObject(), diagnosticsPath.child(i)));

        incident.postmortem = readPostmortem(document.value(u"postmortem").toObject());

        if (m_error)
            return *m_error;
        return incident;
    }

private:
    void readHeader(const QJsonObject &document, IncidentHeader &header)
    {
        const JsonPath root;
        if (const QJsonValue id = document.value(u"id"); id.isString()) {
            const auto parsedId = parseIncidentId(id.toString());
            if (parsedId)
                header.id = *parsedId;
            else
                fail(root.child(u"id"), tr("\"%1\" is not a valid incident id").arg(id.toString()));
        }
        header.title = document.value(u"title").toString();
        header.summary = document.value(u"summary").toString();
        header.severity = parsed(
            parseSeverity(document.value(u"severity").toString()), root.child(u"severity"), 1);
        header.status = parsed(parseStatus(document.value(u"status").toString()),
            root.child(u"status"), Status::Investigating);
        const QJsonObject milestones = document.value(u"milestones").toObject();
        const JsonPath milestonesPath = root.child(u"milestones");
        for (const Milestone m : allMilestones())
            header.milestones.set(m, optionalTime(milestones, milestoneName(m), milestonesPath));
        if (const QJsonValue slo = document.value(u"slo"); slo.isObject()) {
            const QJsonObject o = slo.toObject();
            SloContext context;
            context.target = o.value(u"target").toDouble();
            context.windowDays = static_cast<int>(o.value(u"window_days").toInteger());
            context.affectedFraction = o.value(u"affected_fraction").toDouble();
            header.slo = context;
        }
    }

    TimelineEntry readEntry(const QJsonObject &o, const JsonPath &at)
    {
        TimelineEntry entry;
        entry.at = time(o, u"at", at);
        entry.writtenAt = time(o, u"written_at", at);
        entry.kind = parsed(
            parseEntryKind(o.value(u"kind").toString()), at.child(u"kind"), EntryKind::Note);
        entry.author = o.value(u"author").toString();
        entry.text = o.value(u"text").toString();
        const JsonPath revisionsPath = at.child(u"revisions");
        const QJsonArray revisions = o.value(u"revisions").toArray();
        for (qsizetype i = 0; i < revisions.size(); ++i) {
            const QJsonObject r = revisions.at(i).toObject();
            Revision revision;
            revision.text = r.value(u"text").toString();
            revision.replacedAt = time(r, u"replaced_at", revisionsPath.child(i));
            revision.replacedBy = r.value(u"replaced_by").toString();
            entry.revisions.append(revision);
        }
        if (const QJsonValue redacted = o.value(u"redacted"); redacted.isObject()) {
            const QJsonObject r = redacted.toObject();
            entry.redaction = Redaction {r.value(u"reason").toString(),
                time(r, u"at", at.child(u"redacted")), r.value(u"by").toString()};
        }
        if (const QJsonValue link = o.value(u"link"); link.isString()) {
            entry.link = EntryLink::fromString(link.toString());
            if (entry.link.isNull())
                fail(at.child(u"link"), tr("\"%1\" is not a link (type:id)").arg(link.toString()));
        }
        return entry;
    }

    DiagnosticSnapshot readDiagnostic(const QJsonObject &o, const JsonPath &at)
    {
        DiagnosticSnapshot snapshot;
        snapshot.source = o.value(u"source").toString();
        snapshot.query = o.value(u"query").toString();
        snapshot.windowStart = time(o, u"window_start", at);
        snapshot.windowEnd = time(o, u"window_end", at);
        snapshot.capturedAt = time(o, u"captured_at", at);
        if (const QJsonValue result = o.value(u"result"); !result.isNull())
            snapshot.result = compactJson(result);
        if (const QJsonValue chart = o.value(u"chart_png"); chart.isString()) {
            const QByteArray base64 = chart.toString().toLatin1();
            auto decoded
                = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded || base64.size() % 4 != 0)
                fail(at.child(u"chart_png"), tr("not valid base64"));
            else
                snapshot.chartPng = *decoded;
        }
        return snapshot;
    }

    static Postmortem readPostmortem(const QJsonObject &o)
    {
        const auto list = [&o](QStringView key) {
            QStringList items;
            for (const QJsonValue &item : o.value(key).toArray())
                items.append(item.toString());
            return items;
        };
        Postmortem pm;
        pm.executiveSummary = o.value(u"executive_summary").toString();
        const QJsonObject impact = o.value(u"impact").toObject();
        pm.impact = {impact.value(u"users_affected").toString(),
            impact.value(u"revenue_impact").toString(), impact.value(u"notes").toString()};
        pm.rootCause = o.value(u"root_cause").toString();
        pm.contributingFactors = list(u"contributing_factors");
        pm.trigger = o.value(u"trigger").toString();
        pm.detection = o.value(u"detection").toString();
        pm.resolution = o.value(u"resolution").toString();
        pm.wentWell = list(u"went_well");
        pm.wentWrong = list(u"went_wrong");
        pm.gotLucky = list(u"got_lucky");
        pm.lessonsLearned = list(u"lessons_learned");
        pm.supportingInformation = o.value(u"supporting_information").toString();
        return pm;
    }

    QDateTime time(const QJsonObject &o, QStringView key, const JsonPath &at)
    {
        const auto parsedTime = parseIsoStrict(o.value(key).toString());
        if (!parsedTime) {
            fail(at.child(key), tr("not a date-time"));
            return {};
        }
        return *parsedTime;
    }

    std::optional<QDateTime> optionalTime(const QJsonObject &o, QStringView key, const JsonPath &at)
    {
        if (o.value(key).isNull())
            return std::nullopt;
        return time(o, key, at);
    }

    template<typename T> T parsed(std::optional<T> value, const JsonPath &at, T fallback)
    {
        if (!value) {
            fail(at, tr("not a known value"));
            return fallback;
        }
        return *value;
    }

    void fail(const JsonPath &at, const QString &reason)
    {
        if (!m_error)
            m_error = Error::validation(at.toString() + QStringLiteral(": ") + reason);
    }

    std::optional<Error> m_error; // the first problem; reading goes on, harmlessly
};

} // namespace

namespace IncidentJson {

QByteArray toJson(const Incident &incident, bool indented)
{
    JsonWriter w(indented);
    writeIncident(w, incident);
    return w.take();
}

QJsonObject toJsonObject(const Incident &incident)
{
    // One writer, so the two forms cannot drift apart.
    return QJsonDocument::fromJson(toJson(incident, false)).object();
}

Result<JsonSchema> schema()
{
    static const Result<JsonSchema> compiled = []() -> Result<JsonSchema> {
        QFile file(kSchemaResource);
        if (!file.open(QIODevice::ReadOnly))
            return Error::io(tr("the incident schema %1 is not built in: %2")
                                 .arg(kSchemaResource, file.errorString()));
        return JsonSchema::parse(file.readAll());
    }();
    return compiled;
}

Result<Incident> fromJson(const QByteArray &bytes)
{
    if (bytes.size() > kMaxDocumentBytes)
        return Error::validation(
            tr("the document is %1 bytes, more than the limit of %2 bytes (64 MiB)")
                .arg(bytes.size())
                .arg(kMaxDocumentBytes));
    if (bytes.trimmed().isEmpty())
        return Error::validation(tr("the document is empty"));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    QJsonValue root;
    if (parseError.error == QJsonParseError::NoError) {
        root = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    } else if (const auto scalar = parseAnyValue(bytes)) {
        root = *scalar; // valid JSON, but not a document: the schema says what is wrong
    } else {
        return Error::validation(tr("not valid JSON at offset %1: %2")
                                     .arg(parseError.offset)
                                     .arg(parseError.errorString()));
    }

    if (const auto tooLong = findLongString(root, JsonPath(), Place::Root))
        return Error::validation(*tooLong);

    const auto incidentSchema = schema();
    if (!incidentSchema)
        return incidentSchema.error();
    if (auto valid = incidentSchema->check(root); !valid)
        return valid.error();

    return IncidentReader().read(root.toObject());
}

} // namespace IncidentJson
} // namespace idesk
