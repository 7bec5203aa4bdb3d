#pragma once

#include "diagnosticdata.h"
#include "diagnosticpack.h"

#include <QColor>
#include <QIcon>
#include <QString>
#include <QStringList>

namespace idesk {

// How the Diagnostics tab shows numbers, series and windows. Shared by the result table,
// the charts (on screen and in the pinned PNG) and the pages, so a value reads the same
// everywhere.
namespace DiagnosticsFormat {

// A unit's display scale for a set of values: ratio as %, seconds as ms when small,
// bytes in KiB..TiB. `factor` multiplies the raw value; `suffix` follows the number.
struct ValueScale
{
    double factor = 1.0;
    QString suffix; // "%", "ms", "MiB", "requests/s"; empty for a bare number
};
ValueScale scaleFor(const QString &unit, double maxAbs);

// One value with its unit ("7.25 %", "253 ms", "1.5 GiB", "NaN", "+Inf").
QString formatValue(double value, const QString &unit);
// A number alone, up to 4 significant digits ("0.0123", "1234", "1.235e+06").
QString formatNumber(double value);

// `http_requests_total{code="500", job="api"}` as Prometheus writes it; "{}" for none.
QString seriesName(const Labels &labels);
// The label keys whose values tell the series apart (all keys when there is one series).
QStringList distinguishingKeys(const QList<Series> &series);
// "code=500, job=api" of only `keys`; the full name when that says nothing.
QString legendText(const Labels &labels, const QStringList &keys);

// A Prometheus duration: "90s", "15m", "2h", "3d" (the largest unit that divides it).
QString promDuration(qint64 seconds);
// `query` with "$window" replaced by the window's length (5m for an instant query).
QString expandWindow(const QString &query, const QueryWindow &window);
// The unit of the pack query `query` was made from, when there is one.
QString unitForQuery(const QList<DiagnosticPack> &packs, const QString &query);

// "14:05–15:35" in local time, with dates when the window is not within today.
QString windowText(const QDateTime &start, const QDateTime &end, const QDateTime &now);
// "Time (CET, UTC+01:00)": what the chart's time axis is in.
QString timeAxisTitle(const QDateTime &at);

// A small filled circle: alert state and target health.
QIcon statusDot(const QColor &color);

} // namespace DiagnosticsFormat
} // namespace idesk
