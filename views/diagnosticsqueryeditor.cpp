#include "diagnosticsqueryeditor.h"

#include "presentation.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace idesk {

namespace {
constexpr int kHistoryItemChars = 90;
const QString kTimeFormat = QStringLiteral("yyyy-MM-dd HH:mm");
} // namespace

DiagnosticsQueryEditor::DiagnosticsQueryEditor(QWidget *parent) : QWidget(parent)
{
    auto *queryLabel = new QLabel(tr("&Query (PromQL)"), this);
    Presentation::makeTitle(queryLabel, 0);

    m_history = new QComboBox(this);
    m_history->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_history->setMinimumContentsLength(12);
    m_history->setToolTip(tr("Queries of this incident: pinned ones and this session's runs, "
                             "most recent first"));

    m_editor = new QPlainTextEdit(this);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(
        tr("sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))   — Ctrl+Enter runs"));
    m_editor->setTabChangesFocus(true);
    m_editor->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    const int lineHeight = m_editor->fontMetrics().lineSpacing();
    m_editor->setFixedHeight(lineHeight * 3 + 14);
    m_editor->installEventFilter(this);
    queryLabel->setBuddy(m_editor);

    m_instant = new QRadioButton(tr("I&nstant"), this);
    m_range = new QRadioButton(tr("&Range"), this);
    m_mode = new QButtonGroup(this);
    m_mode->addButton(m_instant);
    m_mode->addButton(m_range);
    m_range->setChecked(true);

    m_start = new QDateTimeEdit(this);
    m_end = new QDateTimeEdit(this);
    for (QDateTimeEdit *edit : {m_start, m_end}) {
        edit->setTimeSpec(Qt::LocalTime);
        edit->setDisplayFormat(kTimeFormat);
        edit->setCalendarPopup(true);
    }
    m_startLabel = new QLabel(tr("Fro&m"), this);
    m_startLabel->setBuddy(m_start);
    m_endLabel = new QLabel(tr("&To"), this);
    m_endLabel->setBuddy(m_end);
    m_resetWindow = new QToolButton(this);
    m_resetWindow->setText(tr("Incident &window"));
    m_resetWindow->setToolTip(tr("From 30 minutes before the incident started to its "
                                 "resolution, or now"));
    m_resetWindow->setAutoRaise(true);

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedWidth(90);
    m_busy->setMaximumHeight(10);
    m_busy->hide();
    m_elapsedLabel = new QLabel(this);
    Presentation::makeMuted(m_elapsedLabel);
    m_elapsedLabel->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop waiting for the answer (Escape)"));
    m_cancel->hide();
    m_run = new QPushButton(tr("Run"), this);
    m_run->setToolTip(tr("Run the query (Ctrl+Enter)"));
    m_run->setDefault(false);
    m_run->setAutoDefault(false);
    m_elapsedTimer = new QTimer(this);
    m_elapsedTimer->setInterval(1000);

    auto *top = new QHBoxLayout;
    top->addWidget(queryLabel);
    top->addStretch();
    top->addWidget(m_history);

    auto *controls = new QHBoxLayout;
    controls->setSpacing(6);
    controls->addWidget(m_instant);
    controls->addWidget(m_range);
    controls->addSpacing(12);
    controls->addWidget(m_startLabel);
    controls->addWidget(m_start);
    controls->addWidget(m_endLabel);
    controls->addWidget(m_end);
    controls->addWidget(m_resetWindow);
    controls->addStretch();
    controls->addWidget(m_busy);
    controls->addWidget(m_elapsedLabel);
    controls->addWidget(m_cancel);
    controls->addWidget(m_run);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_editor);
    layout->addLayout(controls);

    connect(m_run, &QPushButton::clicked, this, &DiagnosticsQueryEditor::runRequested);
    connect(m_cancel, &QPushButton::clicked, this, &DiagnosticsQueryEditor::cancelRequested);
    connect(m_range, &QRadioButton::toggled, this, &DiagnosticsQueryEditor::updateModeWidgets);
    connect(m_elapsedTimer, &QTimer::timeout, this, &DiagnosticsQueryEditor::updateElapsed);
    connect(m_resetWindow, &QToolButton::clicked, this, [this] {
        m_edited = false;
        showWindow(m_incidentStart, m_incidentEnd);
    });
    for (QDateTimeEdit *edit : {m_start, m_end}) {
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this] {
            if (!m_showingWindow)
                m_edited = true;
        });
    }
    connect(m_history, &QComboBox::activated, this, [this](int index) {
        const QString query = m_history->itemData(index).toString();
        m_history->setCurrentIndex(-1);
        if (query.isEmpty())
            return;
        setQuery(query);
        m_editor->setFocus(Qt::OtherFocusReason);
    });
    setHistory({});
    updateModeWidgets();
}

QString DiagnosticsQueryEditor::query() const
{
    return m_editor->toPlainText().trimmed();
}

void DiagnosticsQueryEditor::setQuery(const QString &query)
{
    m_editor->setPlainText(query);
    m_editor->moveCursor(QTextCursor::End);
}

bool DiagnosticsQueryEditor::isRange() const
{
    return m_range->isChecked();
}

void DiagnosticsQueryEditor::setRange(bool range)
{
    (range ? m_range : m_instant)->setChecked(true);
}

void DiagnosticsQueryEditor::setIncidentWindow(
    const QDateTime &start, const QDateTime &end, bool endIsNow, bool reset)
{
    if (reset)
        m_edited = false;
    m_incidentStart = start;
    m_incidentEnd = end;
    m_endIsNow = endIsNow;
    if (!m_edited)
        showWindow(start, end);
}

void DiagnosticsQueryEditor::setWindow(const QDateTime &start, const QDateTime &end)
{
    showWindow(start, end);
    m_edited = true;
}

void DiagnosticsQueryEditor::showWindow(const QDateTime &start, const QDateTime &end)
{
    m_showingWindow = true;
    if (start.isValid())
        m_start->setDateTime(start.toLocalTime());
    if (end.isValid())
        m_end->setDateTime(end.toLocalTime());
    m_showingWindow = false;
}

QDateTime DiagnosticsQueryEditor::endAt(const QDateTime &now) const
{
    if (!m_edited && m_endIsNow)
        return now.toUTC();
    // A window the incident gave keeps its seconds; one typed in has whole minutes.
    if (!m_edited && m_incidentEnd.isValid())
        return m_incidentEnd.toUTC();
    return m_end->dateTime().toUTC();
}

QueryWindow DiagnosticsQueryEditor::rangeWindow(const QDateTime &now) const
{
    QueryWindow window;
    window.start = !m_edited && m_incidentStart.isValid() ? m_incidentStart.toUTC()
                                                          : m_start->dateTime().toUTC();
    window.end = endAt(now);
    return window;
}

QueryWindow DiagnosticsQueryEditor::queryWindow(const QDateTime &now) const
{
    if (isRange())
        return rangeWindow(now);
    const QDateTime at = endAt(now);
    return QueryWindow {at, at, 0};
}

void DiagnosticsQueryEditor::setHistory(const QStringList &queries)
{
    m_history->clear();
    for (const QString &query : queries) {
        QString shown = query.simplified();
        if (shown.size() > kHistoryItemChars)
            shown = shown.left(kHistoryItemChars - 1) + QChar(0x2026);
        m_history->addItem(shown, query);
        m_history->setItemData(m_history->count() - 1, query, Qt::ToolTipRole);
    }
    m_history->setPlaceholderText(
        queries.isEmpty() ? tr("No queries yet") : tr("Recent queries (%1)").arg(queries.size()));
    m_history->setCurrentIndex(-1);
    m_history->setEnabled(!queries.isEmpty());
}

void DiagnosticsQueryEditor::setRunning(bool running, const QString &what)
{
    m_running = running;
    m_runningWhat = what;
    m_busy->setVisible(running);
    m_elapsedLabel->setVisible(running);
    m_cancel->setVisible(running);
    m_run->setEnabled(m_available && !running);
    if (running) {
        m_elapsed.start();
        m_elapsedTimer->start();
        updateElapsed();
    } else {
        m_elapsedTimer->stop();
    }
}

void DiagnosticsQueryEditor::setRunAvailable(bool available, const QString &reason)
{
    m_available = available;
    m_run->setEnabled(available && !m_running);
    m_run->setToolTip(available ? tr("Run the query (Ctrl+Enter)") : reason);
}

void DiagnosticsQueryEditor::updateElapsed()
{
    const qint64 seconds = m_elapsed.isValid() ? m_elapsed.elapsed() / 1000 : 0;
    const QString what = m_runningWhat.isEmpty() ? tr("Running") : m_runningWhat;
    m_elapsedLabel->setText(
        seconds < 1 ? what + QChar(0x2026) : tr("%1… %2 s").arg(what).arg(seconds));
}

void DiagnosticsQueryEditor::updateModeWidgets()
{
    const bool range = isRange();
    m_start->setEnabled(range);
    m_startLabel->setEnabled(range);
    m_endLabel->setText(range ? tr("&To") : tr("&At"));
}

bool DiagnosticsQueryEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter && (key->modifiers() & Qt::ControlModifier)) {
            if (m_available && !m_running)
                Q_EMIT runRequested();
            return true;
        }
        if (key->key() == Qt::Key_Escape && m_running) {
            Q_EMIT cancelRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace idesk
