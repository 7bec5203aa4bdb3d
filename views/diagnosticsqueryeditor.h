#pragma once

#include "diagnosticdata.h"

#include <QElapsedTimer>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTimer;
class QToolButton;

namespace idesk {

// The PromQL editor of the Diagnostics tab: the query (Ctrl+Enter runs it, Escape cancels),
// the incident's recent queries, instant or range, and the window. The window follows the
// incident (from 30 minutes before it started to its resolution, or now) until the user
// edits a time; "Incident window" goes back to it. While a request runs it shows that it
// does, for how long, and offers Cancel.
class DiagnosticsQueryEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsQueryEditor)

public:
    explicit DiagnosticsQueryEditor(QWidget *parent = nullptr);

    QString query() const;
    void setQuery(const QString &query);
    bool isRange() const;
    void setRange(bool range);

    // The incident's window. With `endIsNow` (not resolved yet) the end moves with the clock.
    // Shown unless the user edited the times; `reset` shows it anyway (another incident).
    void setIncidentWindow(
        const QDateTime &start, const QDateTime &end, bool endIsNow, bool reset = false);
    // Shows a stored window (a snapshot opened in the editor); the user's own from then on.
    void setWindow(const QDateTime &start, const QDateTime &end);
    // What to ask: an instant query at the end time, or the range; `now` for a moving end.
    QueryWindow queryWindow(const QDateTime &now) const;
    // The range alone, whatever the toggle says (packs run over it).
    QueryWindow rangeWindow(const QDateTime &now) const;
    bool followsIncidentWindow() const { return !m_edited; }

    // Most recent first; duplicates already removed.
    void setHistory(const QStringList &queries);
    void setRunning(bool running, const QString &what = {});
    // Whether Run can work at all; `reason` says why not (no source).
    void setRunAvailable(bool available, const QString &reason = {});

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *historyCombo() const { return m_history; }
    QRadioButton *instantButton() const { return m_instant; }
    QRadioButton *rangeButton() const { return m_range; }
    QDateTimeEdit *startEdit() const { return m_start; }
    QDateTimeEdit *endEdit() const { return m_end; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void runRequested();
    void cancelRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateModeWidgets();
    void showWindow(const QDateTime &start, const QDateTime &end);
    void updateElapsed();
    QDateTime endAt(const QDateTime &now) const;

    QPlainTextEdit *m_editor = nullptr;
    QComboBox *m_history = nullptr;
    QRadioButton *m_instant = nullptr;
    QRadioButton *m_range = nullptr;
    QButtonGroup *m_mode = nullptr;
    QLabel *m_startLabel = nullptr;
    QLabel *m_endLabel = nullptr;
    QDateTimeEdit *m_start = nullptr;
    QDateTimeEdit *m_end = nullptr;
    QToolButton *m_resetWindow = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_elapsedLabel = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QTimer *m_elapsedTimer = nullptr;
    QElapsedTimer m_elapsed;
    QString m_runningWhat;

    QDateTime m_incidentStart;
    QDateTime m_incidentEnd;
    bool m_endIsNow = false;
    bool m_edited = false; // the user changed a time
    bool m_showingWindow = false; // our own setDateTime calls
    bool m_running = false;
    bool m_available = true;
};

} // namespace idesk
