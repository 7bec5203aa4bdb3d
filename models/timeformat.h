#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace idesk {

// Parses a user's TIME: ISO 8601 ("2026-11-23T14:05:00Z", with an offset, or
// without one meaning local time), or "HH:MM" / "HH:MM:SS" meaning today, local.
// `now` decides what "today" is. Returns UTC, or nothing when the text is not a time.
std::optional<QDateTime> parseUserTime(const QString &text, const QDateTime &now);

// "2024-11-25T15:45:00Z": the form used in JSON and on the command line (UTC, seconds;
// milliseconds only when present).
QString formatIsoUtc(const QDateTime &at);
// Parses only the strict ISO form with an explicit offset or Z, as JSON requires.
std::optional<QDateTime> parseIsoStrict(const QString &text);

// "1h 05m", "3d 4h", "45s": a compact duration for clocks and metrics.
QString formatDuration(qint64 seconds);

// Milliseconds since the epoch, UTC: the storage representation.
inline qint64 toStorageTime(const QDateTime &at) { return at.toMSecsSinceEpoch(); }
inline QDateTime fromStorageTime(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); }

} // namespace idesk
