#include "timeformat.h"

#include <QRegularExpression>

namespace idesk {

std::optional<QDateTime> parseUserTime(const QString &text, const QDateTime &now)
{
    const QString trimmed = text.trimmed();
    static const QRegularExpression clock(
            QStringLiteral("^([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?$"));
    if (const auto m = clock.match(trimmed); m.hasMatch()) {
        const QDate today = now.toLocalTime().date();
        const QTime time(m.captured(1).toInt(), m.captured(2).toInt(),
                         m.captured(3).isEmpty() ? 0 : m.captured(3).toInt());
        return QDateTime(today, time, Qt::LocalTime).toUTC();
    }
    // Qt's ISO parser is lenient about trailing text; insist on a date first.
    static const QRegularExpression iso(QStringLiteral(
            "^\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,3})?)?"
            "(?:Z|[+-]\\d{2}:?\\d{2})?)?$"));
    if (!iso.match(trimmed).hasMatch())
        return std::nullopt;
    QString normalised = trimmed;
    if (normalised.size() > 10 && normalised[10] == u' ')
        normalised[10] = u'T';
    const QDateTime parsed = QDateTime::fromString(normalised, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toUTC();
}

QString formatIsoUtc(const QDateTime &at)
{
    const QDateTime utc = at.toUTC();
    return utc.time().msec() == 0 ? utc.toString(Qt::ISODate) : utc.toString(Qt::ISODateWithMs);
}

std::optional<QDateTime> parseIsoStrict(const QString &text)
{
    static const QRegularExpression iso(QStringLiteral(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,3})?(?:Z|[+-]\\d{2}:\\d{2})$"));
    if (!iso.match(text).hasMatch())
        return std::nullopt;
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toUTC();
}

QString formatDuration(qint64 seconds)
{
    const QString sign = seconds < 0 ? QStringLiteral("-") : QString();
    qint64 s = seconds < 0 ? -seconds : seconds;
    const qint64 days = s / 86400;
    const qint64 hours = (s % 86400) / 3600;
    const qint64 minutes = (s % 3600) / 60;
    const qint64 secs = s % 60;
    if (days > 0)
        return sign + QStringLiteral("%1d %2h").arg(days).arg(hours);
    if (hours > 0)
        return sign + QStringLiteral("%1h %2m").arg(hours).arg(minutes, 2, 10, QLatin1Char('0'));
    if (minutes > 0)
        return sign + QStringLiteral("%1m").arg(minutes);
    return sign + QStringLiteral("%1s").arg(secs);
}

} // namespace idesk
