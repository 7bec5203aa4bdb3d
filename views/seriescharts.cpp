#include "seriescharts.h"

#include "diagnosticsformat.h"

#include <QBuffer>
#include <QChart>
#include <QCoreApplication>
#include <QCursor>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QImage>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>
#include <limits>

namespace idesk::SeriesCharts {

namespace {

// Tableau 10: distinct on white and for the common forms of colour blindness.
const QColor kPalette[] = {
    QColor(0x4e, 0x79, 0xa7),
    QColor(0xf2, 0x8e, 0x2b),
    QColor(0xe1, 0x57, 0x59),
    QColor(0x76, 0xb7, 0xb2),
    QColor(0x59, 0xa1, 0x4f),
    QColor(0xed, 0xc9, 0x48),
    QColor(0xb0, 0x7a, 0xa1),
    QColor(0xff, 0x9d, 0xa7),
    QColor(0x9c, 0x75, 0x5f),
    QColor(0xba, 0xb0, 0xac),
};
constexpr int kMaxLegendChars = 60;
const char *const kBaseWidthProperty = "idesk_baseWidth";
const char *const kSeriesIndexProperty = "idesk_seriesIndex";

QString tr(const char *text)
{
    return QCoreApplication::translate("SeriesCharts", text);
}

QString elided(const QString &text)
{
    return text.size() <= kMaxLegendChars ? text : text.left(kMaxLegendChars - 1) + QChar(0x2026);
}

struct Extent
{
    double minValue = std::numeric_limits<double>::infinity();
    double maxValue = -std::numeric_limits<double>::infinity();
    qint64 minTime = std::numeric_limits<qint64>::max();
    qint64 maxTime = std::numeric_limits<qint64>::min();
    bool empty() const { return minValue > maxValue; }
    void add(const Sample &sample)
    {
        if (!std::isfinite(sample.value))
            return;
        minValue = std::min(minValue, sample.value);
        maxValue = std::max(maxValue, sample.value);
        minTime = std::min(minTime, sample.timeMs);
        maxTime = std::max(maxTime, sample.timeMs);
    }
};

// "HH:mm" within a day, with the date beyond.
QString timeFormat(qint64 spanMs)
{
    if (spanMs <= 2 * 60 * 1000)
        return QStringLiteral("HH:mm:ss");
    if (spanMs <= 24 * 3600 * 1000LL)
        return QStringLiteral("HH:mm");
    return QStringLiteral("MM-dd HH:mm");
}

void styleAxis(QAbstractAxis *axis, bool forExport)
{
    QFont labels = axis->labelsFont();
    QFont title = axis->titleFont();
    if (forExport) {
        labels.setPointSizeF(9);
        title.setPointSizeF(9);
    }
    title.setBold(false);
    axis->setLabelsFont(labels);
    axis->setTitleFont(title);
    axis->setTitleBrush(QColor(0x55, 0x55, 0x55));
    axis->setLabelsColor(QColor(0x33, 0x33, 0x33));
    axis->setGridLineColor(QColor(0xe4, 0xe4, 0xe4));
    axis->setLinePenColor(QColor(0xb0, 0xb0, 0xb0));
}

// QDateTimeAxis writes local time. To show UTC, each point moves by the local offset at
// it (exact except within an hour of a daylight-saving change).
qint64 shownTime(qint64 ms, bool utc)
{
    if (!utc)
        return ms;
    return ms
        - qint64(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime().offsetFromUtc()) * 1000;
}

} // namespace

QColor lineColor(int index)
{
    return kPalette[std::size_t(index) % std::size(kPalette)];
}

bool isChartable(const QueryResult &result)
{
    if (result.type != QueryResult::Type::Matrix)
        return false;
    for (const auto &series : result.series) {
        for (const auto &sample : series.samples) {
            if (std::isfinite(sample.value))
                return true;
        }
    }
    return false;
}

std::unique_ptr<QChart> build(const QueryResult &result, const ChartOptions &options)
{
    if (!isChartable(result))
        return nullptr;
    const QList<Series> shown = result.series.mid(0, kMaxLines);
    Extent extent;
    for (const auto &series : shown) {
        for (const auto &sample : series.samples)
            extent.add(sample);
    }
    const double maxAbs = std::max(std::abs(extent.minValue), std::abs(extent.maxValue));
    const DiagnosticsFormat::ValueScale scale = DiagnosticsFormat::scaleFor(options.unit, maxAbs);
    const QStringList keys = DiagnosticsFormat::distinguishingKeys(shown);

    auto chart = std::make_unique<QChart>();
    chart->setTheme(QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundBrush(Qt::white);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(6, 6, 10, 6));
    chart->setLocalizeNumbers(false);

    const bool manyLines = shown.size() > kMaxLegend;
    const qreal baseWidth = manyLines ? 1.5 : 2.0;
    for (qsizetype i = 0; i < shown.size(); ++i) {
        const Series &series = shown.at(i);
        auto *line = new QLineSeries(chart.get());
        // Legend labels are rich text: a label value may hold "<".
        line->setName(elided(DiagnosticsFormat::legendText(series.labels, keys)).toHtmlEscaped());
        QList<QPointF> points;
        points.reserve(series.samples.size());
        for (const auto &sample : series.samples) {
            if (std::isfinite(sample.value))
                points.append(QPointF(qreal(shownTime(sample.timeMs, options.forExport)),
                    sample.value * scale.factor));
        }
        line->replace(points);
        QPen pen(lineColor(int(i)));
        pen.setWidthF(baseWidth);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        line->setPen(pen);
        line->setProperty(kBaseWidthProperty, baseWidth);
        line->setProperty(kSeriesIndexProperty, int(i));
        chart->addSeries(line);
        if (!options.forExport) {
            const QString name = DiagnosticsFormat::seriesName(series.labels);
            const QString unit = options.unit;
            const double factor = scale.factor;
            QObject::connect(line, &QLineSeries::hovered, chart.get(),
                [name, unit, factor](const QPointF &point, bool state) {
                    if (!state) {
                        QToolTip::hideText();
                        return;
                    }
                    const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(point.x()), Qt::UTC);
                    QToolTip::showText(QCursor::pos(),
                        QStringLiteral("%1\n%2  %3")
                            .arg(name, at.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                                DiagnosticsFormat::formatValue(point.y() / factor, unit)));
                });
        }
    }

    auto *timeAxis = new QDateTimeAxis(chart.get());
    qint64 from = extent.minTime;
    qint64 to = extent.maxTime;
    if (options.windowStart.isValid() && options.windowEnd.isValid()
        && options.windowStart < options.windowEnd) {
        from = options.windowStart.toMSecsSinceEpoch();
        to = options.windowEnd.toMSecsSinceEpoch();
    }
    if (to <= from)
        to = from + 60 * 1000;
    const auto axisTime = [&](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(shownTime(ms, options.forExport), Qt::UTC)
            .toLocalTime();
    };
    timeAxis->setRange(axisTime(from), axisTime(to));
    timeAxis->setFormat(timeFormat(to - from));
    timeAxis->setTickCount(options.forExport ? 9 : 7);
    timeAxis->setTitleText(options.forExport
            ? tr("Time (UTC)")
            : DiagnosticsFormat::timeAxisTitle(QDateTime::fromMSecsSinceEpoch(from, Qt::UTC)));
    styleAxis(timeAxis, options.forExport);

    auto *valueAxis = new QValueAxis(chart.get());
    double low = extent.minValue * scale.factor;
    double high = extent.maxValue * scale.factor;
    if (low >= 0)
        low = 0; // rates, ratios and sizes read against zero
    if (high <= low)
        high = low + (low == 0 ? 1.0 : std::abs(low) * 0.1);
    valueAxis->setRange(low, high);
    valueAxis->applyNiceNumbers();
    valueAxis->setLabelFormat(QStringLiteral("%.4g"));
    valueAxis->setTitleText(scale.suffix);
    styleAxis(valueAxis, options.forExport);

    chart->addAxis(timeAxis, Qt::AlignBottom);
    chart->addAxis(valueAxis, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(timeAxis);
        series->attachAxis(valueAxis);
    }

    QString title = options.title;
    if (result.series.size() > shown.size())
        title += (title.isEmpty() ? QString() : QStringLiteral(" — "))
            + tr("first %1 of %2 series").arg(shown.size()).arg(result.series.size());
    chart->setTitle(title.toHtmlEscaped());
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    if (options.forExport)
        titleFont.setPointSizeF(11);
    chart->setTitleFont(titleFont);
    chart->setTitleBrush(QColor(0x22, 0x22, 0x22));

    QLegend *legend = chart->legend();
    legend->setVisible(!manyLines);
    legend->setAlignment(Qt::AlignBottom);
    legend->setShowToolTips(true);
    QFont legendFont = legend->font();
    if (options.forExport)
        legendFont.setPointSizeF(9);
    legend->setFont(legendFont);
    legend->setLabelColor(QColor(0x33, 0x33, 0x33));
    return chart;
}

QByteArray renderPng(const QueryResult &result, const ChartOptions &options, QSize size)
{
    ChartOptions exportOptions = options;
    exportOptions.forExport = true;
    std::unique_ptr<QChart> chart = build(result, exportOptions);
    if (!chart)
        return {};
    QGraphicsScene scene;
    QChart *item = chart.release();
    scene.addItem(item); // the scene owns it now
    const QRectF rect(QPointF(0, 0), QSizeF(size));
    item->setGeometry(rect);
    scene.setSceneRect(rect);

    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene.render(&painter, rect, rect);
    painter.end();

    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return {};
    return png;
}

void highlight(QChart *chart, int index)
{
    if (!chart)
        return;
    for (QAbstractSeries *series : chart->series()) {
        auto *line = qobject_cast<QLineSeries *>(series);
        if (!line)
            continue;
        const qreal base = line->property(kBaseWidthProperty).toReal();
        const bool chosen = line->property(kSeriesIndexProperty).toInt() == index;
        QPen pen = line->pen();
        pen.setWidthF(chosen ? base * 2 : base);
        line->setPen(pen);
        line->setOpacity(index < 0 || chosen ? 1.0 : 0.3);
    }
}

} // namespace idesk::SeriesCharts
