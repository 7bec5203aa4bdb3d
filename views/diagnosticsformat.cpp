#include "diagnosticsformat.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace idesk::DiagnosticsFormat {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DiagnosticsFormat", text);
}

const QString kNameLabel = QStringLiteral("__name__");
const QString kWindowVariable = QStringLiteral("$window");

} // namespace

ValueScale scaleFor(const QString &unit, double maxAbs)
{
    const QString u = unit.trimmed().toLower();
    if (u == u"ratio")
        return {100.0, QStringLiteral("%")};
    if (u == u"percent" || u == u"%")
        return {1.0, QStringLiteral("%")};
    if (u == u"seconds" || u == u"s") {
        if (maxAbs > 0 && maxAbs < 1e-3)
            return {1e6, QStringLiteral("µs")};
        if (maxAbs > 0 && maxAbs < 1.0)
            return {1e3, QStringLiteral("ms")};
        return {1.0, QStringLiteral("s")};
    }
    if (u == u"bytes" || u == u"b") {
        static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double factor = 1.0;
        int i = 0;
        while (i < 5 && maxAbs * factor >= 1024.0) {
            factor /= 1024.0;
            ++i;
        }
        return {factor, QString::fromLatin1(units[i])};
    }
    if (u == u"count" || u.isEmpty())
        return {1.0, QString()};
    return {1.0, unit.trimmed()};
}

QString formatNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    if (value == 0)
        return QStringLiteral("0");
    const double magnitude = std::abs(value);
    if (magnitude >= 1e4 && magnitude < 1e9)
        return QString::number(value, 'f', 0);
    return QString::number(value, 'g', 4);
}

QString formatValue(double value, const QString &unit)
{
    if (!std::isfinite(value))
        return formatNumber(value);
    const ValueScale scale = scaleFor(unit, std::abs(value));
    const QString number = formatNumber(value * scale.factor);
    return scale.suffix.isEmpty() ? number : number + u' ' + scale.suffix;
}

QString seriesName(const Labels &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        if (it.key() != kNameLabel)
            parts.append(it.key() + QStringLiteral("=\"") + it.value() + u'"');
    }
    const QString name = labels.value(kNameLabel);
    if (parts.isEmpty())
        return name.isEmpty() ? QStringLiteral("{}") : name;
    return name + u'{' + parts.join(QStringLiteral(", ")) + u'}';
}

QStringList distinguishingKeys(const QList<Series> &series)
{
    if (series.size() <= 1)
        return {};
    QSet<QString> keys;
    for (const auto &s : series) {
        for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
            keys.insert(it.key());
    }
    QStringList result;
    for (const QString &key : std::as_const(keys)) {
        const std::optional<QString> first = series.first().labels.contains(key)
            ? std::optional<QString>(series.first().labels.value(key))
            : std::nullopt;
        for (const auto &s : series) {
            const std::optional<QString> value = s.labels.contains(key)
                ? std::optional<QString>(s.labels.value(key))
                : std::nullopt;
            if (value != first) {
                result.append(key);
                break;
            }
        }
    }
    std::sort(result.begin(), result.end(), [](const QString &a, const QString &b) {
        if ((a == kNameLabel) != (b == kNameLabel))
            return a == kNameLabel;
        return a < b;
    });
    return result;
}

QString legendText(const Labels &labels, const QStringList &keys)
{
    if (keys.isEmpty())
        return seriesName(labels);
    if (keys.size() == 1 && keys.first() == kNameLabel)
        return labels.value(kNameLabel);
    QStringList parts;
    for (const QString &key : keys) {
        if (key == kNameLabel)
            parts.append(labels.value(kNameLabel));
        else
            parts.append(key + u'=' + labels.value(key));
    }
    return parts.join(QStringLiteral(", "));
}

QString promDuration(qint64 seconds)
{
    if (seconds <= 0)
        return QStringLiteral("0s");
    if (seconds % 86400 == 0)
        return QString::number(seconds / 86400) + u'd';
    if (seconds % 3600 == 0)
        return QString::number(seconds / 3600) + u'h';
    if (seconds % 60 == 0)
        return QString::number(seconds / 60) + u'm';
    return QString::number(seconds) + u's';
}

QString expandWindow(const QString &query, const QueryWindow &window)
{
    if (!query.contains(kWindowVariable))
        return query;
    qint64 seconds
        = window.start.isValid() && window.end.isValid() ? window.start.secsTo(window.end) : 0;
    if (seconds <= 0)
        seconds = 300; // an instant query: the usual rate window
    QString expanded = query;
    expanded.replace(kWindowVariable, promDuration(seconds));
    return expanded;
}

QString unitForQuery(const QList<DiagnosticPack> &packs, const QString &query)
{
    const QString wanted = query.trimmed();
    for (const auto &pack : packs) {
        for (const auto &q : pack.queries) {
            if (q.unit.isEmpty())
                continue;
            if (q.query.trimmed() == wanted)
                return q.unit;
            if (!q.query.contains(kWindowVariable))
                continue;
            QString pattern = QRegularExpression::escape(q.query.trimmed());
            pattern.replace(
                QRegularExpression::escape(kWindowVariable), QStringLiteral("[0-9]+[smhdwy]"));
            const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
            if (re.match(wanted).hasMatch())
                return q.unit;
        }
    }
    return {};
}

QString windowText(const QDateTime &start, const QDateTime &end, const QDateTime &now)
{
    const QDateTime from = start.toLocalTime();
    const QDateTime to = end.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString time = QStringLiteral("HH:mm");
    const QString dated = QStringLiteral("yyyy-MM-dd HH:mm");
    if (from == to)
        return tr("at %1").arg(
            from.toString(from.date() == today ? QStringLiteral("HH:mm:ss")
                                               : QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (from.date() == to.date()) {
        const QString range = from.toString(time) + QChar(0x2013) + to.toString(time);
        return from.date() == today ? range : from.toString(QStringLiteral("yyyy-MM-dd ")) + range;
    }
    return from.toString(dated) + QStringLiteral(" – ") + to.toString(dated);
}

QString timeAxisTitle(const QDateTime &at)
{
    const QDateTime local = (at.isValid() ? at : QDateTime::currentDateTimeUtc()).toLocalTime();
    const int offset = local.offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    QString utc = QStringLiteral("UTC");
    if (offset != 0)
        utc += (offset < 0 ? u'-' : u'+')
            + QStringLiteral("%1:%2")
                  .arg(minutes / 60, 2, 10, QChar(u'0'))
                  .arg(minutes % 60, 2, 10, QChar(u'0'));
    const QString zone = local.timeZoneAbbreviation();
    if (zone.isEmpty() || zone == utc || zone.startsWith(QStringLiteral("UTC"))
        || zone.startsWith(QStringLiteral("GMT")))
        return tr("Local time (%1)").arg(utc);
    return tr("Local time (%1, %2)").arg(zone, utc);
}

QIcon statusDot(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}

} // namespace idesk::DiagnosticsFormat
