#pragma once

#include "diagnosticdata.h"

#include <QByteArray>
#include <QColor>
#include <QSize>

#include <memory>

class QChart;

namespace idesk {

// Line charts of Prometheus range results, for the Diagnostics tab and for the PNG a
// pinned snapshot keeps (which the Markdown export links). One line per series, the legend
// from the labels that tell the series apart, time in local time (the axis says which
// zone; the PNG is in UTC, as the postmortem is), values in the unit's scale ("%", "ms",
// "MiB").
namespace SeriesCharts {

// What a PNG is: large enough to read beside a postmortem, small enough to keep.
inline constexpr QSize kExportSize {960, 480};
// More lines than this are not drawn (the title says how many there are); more legend
// entries than kMaxLegend leave the legend out and the lines say what they are on hover.
inline constexpr int kMaxLines = 30;
inline constexpr int kMaxLegend = 12;

struct ChartOptions
{
    QString title;
    QString unit; // a pack query's unit; empty when unknown
    QDateTime windowStart; // the x axis spans the window when given, else the data
    QDateTime windowEnd;
    // The PNG: fixed fonts and sizes, no hover tooltips, and time in UTC like the
    // Markdown export it goes with (on screen, time is local).
    bool forExport = false;
};

// A matrix with at least one plottable point.
bool isChartable(const QueryResult &result);

// A new chart (the caller owns it; a QChartView takes it over). Null when not chartable.
std::unique_ptr<QChart> build(const QueryResult &result, const ChartOptions &options);

// The chart as PNG bytes on white, rendered offscreen at `size` (no window needed).
// Empty when the result is not chartable.
QByteArray renderPng(
    const QueryResult &result, const ChartOptions &options, QSize size = kExportSize);

// The colour of series `index`'s line (the table shows it beside the series).
QColor lineColor(int index);

// Emphasises the line of series `index` (of the result's series; -1 for none).
void highlight(QChart *chart, int index);

} // namespace SeriesCharts
} // namespace idesk
