#pragma once

#include "diagnosticdata.h"

#include <QWidget>

#include <optional>

class QChartView;
class QHBoxLayout;
class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace idesk {

class QueryTableModel;

// What a shown result is: a live answer or a stored snapshot, and of what.
struct ResultContext
{
    QString title; // a pack query's or a snapshot's title; may be empty
    QString query;
    QString source;
    QString unit;
    QueryWindow window;
    std::optional<QDateTime> capturedAt; // set for a pinned snapshot
};

// Shows one query result: a heading that says what it is and whether it is live or
// pinned, the chart of a range (one line per series), and the table (labels and values).
// Selecting a row brings out its line in the chart. With nothing to show, one line says
// what to do.
class DiagnosticsResultView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsResultView)

public:
    explicit DiagnosticsResultView(QWidget *parent = nullptr);

    void showResult(const QueryResult &result, const ResultContext &context, const QDateTime &now);
    // A stored snapshot whose data cannot be read any more: its PNG, if any, and why.
    void showStoredChart(const QByteArray &png, const ResultContext &context,
        const QString &problem, const QDateTime &now);
    void clear(const QString &hint);

    bool hasResult() const { return m_hasResult; }
    const ResultContext &context() const { return m_context; }
    const QueryResult &result() const { return m_result; }
    // Widgets the page adds to the right of the heading (the pin controls).
    QHBoxLayout *headerActions() const { return m_actions; }

    QueryTableModel *tableModel() const { return m_model; }
    QTableView *table() const { return m_table; }
    QChartView *chartView() const { return m_chartView; }
    // Lines in the chart now shown; 0 when there is no chart.
    int chartSeriesCount() const;
    QLabel *heading() const { return m_heading; }
    QLabel *details() const { return m_details; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showQueryLine();
    void showHeading(const ResultContext &context, const QString &extra, const QDateTime &now);
    void highlightSelected();

    QLabel *m_heading = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_queryLine = nullptr; // the query, elided to one line
    QHBoxLayout *m_actions = nullptr;
    QStackedWidget *m_stack = nullptr; // the hint or the content
    QLabel *m_hint = nullptr;
    QSplitter *m_content = nullptr;
    QStackedWidget *m_chartStack = nullptr; // live chart or stored image
    QChartView *m_chartView = nullptr;
    QLabel *m_image = nullptr;
    QTableView *m_table = nullptr;
    QueryTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    ResultContext m_context;
    QueryResult m_result;
    bool m_hasResult = false;
};

} // namespace idesk
