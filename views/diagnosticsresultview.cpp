#include "diagnosticsresultview.h"

#include "diagnosticsformat.h"
#include "presentation.h"
#include "querytablemodel.h"
#include "seriescharts.h"

#include <QChart>
#include <QChartView>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPixmap>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace idesk {

namespace {
constexpr int kHeadingChars = 140;
}

DiagnosticsResultView::DiagnosticsResultView(QWidget *parent) : QWidget(parent)
{
    m_heading = new QLabel(this);
    Presentation::makeTitle(m_heading, 1);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details = new QLabel(this);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    Presentation::makeMuted(m_details);
    m_queryLine = new QLabel(this);
    m_queryLine->setTextFormat(Qt::PlainText);
    m_queryLine->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_queryLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_queryLine->setMinimumWidth(1); // elided to fit; never widens the page
    Presentation::makeMuted(m_queryLine);
    m_actions = new QHBoxLayout;
    m_actions->setSpacing(6);

    m_hint = new QLabel(this);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    Presentation::makeMuted(m_hint);

    m_chartView = new QChartView(this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(120);
    m_chartView->setFrameShape(QFrame::StyledPanel);
    m_image = new QLabel(this);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setMinimumHeight(120);
    m_chartStack = new QStackedWidget(this);
    m_chartStack->addWidget(m_chartView);
    m_chartStack->addWidget(m_image);

    m_model = new QueryTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(QueryTableModel::SortRole);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(60);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);

    m_content = new QSplitter(Qt::Vertical, this);
    m_content->addWidget(m_chartStack);
    m_content->addWidget(m_table);
    m_content->setStretchFactor(0, 3);
    m_content->setStretchFactor(1, 2);
    m_content->setChildrenCollapsible(false);
    m_content->setSizes({360, 140});

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_hint);
    m_stack->addWidget(m_content);

    auto *titles = new QVBoxLayout;
    titles->setSpacing(1);
    titles->addWidget(m_heading);
    titles->addWidget(m_queryLine);
    titles->addWidget(m_details);
    auto *header = new QHBoxLayout;
    header->addLayout(titles, 1);
    header->addLayout(m_actions);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(header);
    layout->addWidget(m_stack, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &DiagnosticsResultView::highlightSelected);
    clear({});
}

void DiagnosticsResultView::showHeading(
    const ResultContext &context, const QString &extra, const QDateTime &now)
{
    QString heading = context.title.trimmed();
    if (heading.isEmpty()) {
        heading = context.query.simplified();
        if (heading.size() > kHeadingChars)
            heading = heading.left(kHeadingChars - 1) + QChar(0x2026);
    }
    m_heading->setText(heading);
    m_heading->setToolTip(context.query);

    QStringList parts;
    if (context.capturedAt)
        parts.append(tr("Pinned %1 from %2")
                         .arg(Presentation::localTime(*context.capturedAt, now), context.source));
    else
        parts.append(tr("Live from %1").arg(context.source));
    if (context.window.start.isValid())
        parts.append(DiagnosticsFormat::windowText(context.window.start, context.window.end, now));
    if (!extra.isEmpty())
        parts.append(extra);
    m_details->setText(parts.join(QStringLiteral("  ·  ")));
    showQueryLine();
}

void DiagnosticsResultView::showQueryLine()
{
    // With a title the heading does not say what was asked: this line does.
    const bool titled = !m_context.title.trimmed().isEmpty();
    m_queryLine->setVisible(titled);
    if (!titled)
        return;
    const QString query = m_context.query.simplified();
    m_queryLine->setText(m_queryLine->fontMetrics().elidedText(
        query, Qt::ElideRight, std::max(80, m_details->width())));
    m_queryLine->setToolTip(m_context.query);
}

void DiagnosticsResultView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    showQueryLine();
}

void DiagnosticsResultView::showResult(
    const QueryResult &result, const ResultContext &context, const QDateTime &now)
{
    m_context = context;
    m_result = result;
    m_hasResult = true;
    m_model->setResult(result, context.unit);
    // In the order of the chart's legend until the user sorts.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);

    QString extra;
    switch (result.type) {
    case QueryResult::Type::Vector:
    case QueryResult::Type::Matrix:
        extra = result.series.size() == 1 ? tr("1 series")
                                          : tr("%1 series").arg(result.series.size());
        break;
    case QueryResult::Type::Scalar:
        extra = tr("scalar");
        break;
    case QueryResult::Type::String:
        extra = tr("string");
        break;
    }
    if (!result.warnings.isEmpty())
        extra += QStringLiteral("  ·  ") + tr("Warning: %1").arg(result.warnings.join(u' '));
    showHeading(context, extra, now);

    SeriesCharts::ChartOptions options;
    options.unit = context.unit;
    options.windowStart = context.window.start;
    options.windowEnd = context.window.end;
    std::unique_ptr<QChart> chart = SeriesCharts::build(result, options);
    QChart *old = m_chartView->chart();
    if (chart) {
        m_chartView->setChart(chart.release()); // the view owns it now
        m_chartStack->setCurrentWidget(m_chartView);
        m_chartStack->show();
    } else {
        m_chartView->setChart(new QChart);
        m_chartStack->hide();
    }
    delete old; // setChart() leaves the previous chart to us
    if (result.series.isEmpty() && result.type != QueryResult::Type::String) {
        m_hint->setText(tr("The query returned no series for this window."));
        m_stack->setCurrentWidget(m_hint);
        return;
    }
    m_stack->setCurrentWidget(m_content);
    m_table->resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        if (m_table->columnWidth(column) > 320)
            m_table->setColumnWidth(column, 320);
    }
}

void DiagnosticsResultView::showStoredChart(const QByteArray &png, const ResultContext &context,
    const QString &problem, const QDateTime &now)
{
    m_context = context;
    m_result = {};
    m_hasResult = false;
    m_model->clear();
    showHeading(context, problem, now);
    QPixmap pixmap;
    if (!png.isEmpty() && pixmap.loadFromData(png, "PNG")) {
        m_image->setPixmap(pixmap);
        m_chartStack->setCurrentWidget(m_image);
        m_chartStack->show();
        m_stack->setCurrentWidget(m_content);
        return;
    }
    m_hint->setText(problem);
    m_stack->setCurrentWidget(m_hint);
}

void DiagnosticsResultView::clear(const QString &hint)
{
    m_context = {};
    m_result = {};
    m_hasResult = false;
    m_model->clear();
    QChart *old = m_chartView->chart();
    m_chartView->setChart(new QChart);
    delete old;
    m_heading->setText(tr("No result yet"));
    m_heading->setToolTip({});
    m_details->clear();
    m_queryLine->hide();
    m_hint->setText(hint);
    m_stack->setCurrentWidget(m_hint);
}

int DiagnosticsResultView::chartSeriesCount() const
{
    if (m_chartStack->isHidden() || m_chartStack->currentWidget() != m_chartView)
        return 0;
    return int(m_chartView->chart()->series().size());
}

void DiagnosticsResultView::highlightSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const int series
        = rows.isEmpty() ? -1 : rows.first().data(QueryTableModel::SeriesIndexRole).toInt();
    SeriesCharts::highlight(m_chartView->chart(), series);
}

} // namespace idesk
