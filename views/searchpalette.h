#pragma once

#include "incidentrepository.h"

#include <QFrame>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QListView;

namespace idesk {

class RepositoryWorker;
class SearchResultsModel;

// The search box of Ctrl+K: a panel over the top of the main window with a
// line to type in and the results, grouped by incident, under it. Results come
// as the user types (a search DebounceMs after the last keystroke, on a
// worker). Up and Down (and Page Up/Down) move between hits from the line,
// Enter chooses one (hitChosen), Escape or a click elsewhere closes the panel.
class SearchPalette final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchPalette)

public:
    static constexpr int DebounceMs = 150;
    static constexpr int ResultLimit = 60;

    // `repository` is the GUI thread's; the worker opens its own connection to
    // the same store, or, when the store has none to give (":memory:"), the
    // searches run here on `repository`.
    explicit SearchPalette(const IncidentRepository &repository, QWidget *parent);
    ~SearchPalette() override;

    // Shows the panel over its parent with the previous text selected.
    void popUp();
    void dismiss();

    // Runs the search for the current text at once instead of after the pause.
    void searchNow();
    // A search was started whose results have not been shown yet.
    bool isSearching() const { return m_shownGeneration != m_generation; }
    bool runsOnWorker() const { return m_worker != nullptr; }

    QLineEdit *queryField() const { return m_query; }
    QListView *resultsView() const { return m_results; }
    SearchResultsModel *resultsModel() const { return m_model; }
    QLabel *statusLabel() const { return m_status; }
    // The hit of the current row, or nullptr.
    const SearchHit *currentHit() const;

Q_SIGNALS:
    // The user chose a hit (Enter or a click); the panel has closed.
    void hitChosen(const idesk::SearchHit &hit);
    // The results for `query` are shown (after every search, also an empty one).
    void resultsShown(const QString &query);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void textEdited();
    void startSearch();
    void showResults(quint64 generation, const QString &text, const QList<SearchHit> &hits,
        const QString &error);
    void moveCurrent(int step);
    void chooseRow(int row);
    void reposition();
    void focusChanged(QWidget *old, QWidget *now);
    void ensureWorker();

    const IncidentRepository &m_repository;
    QLineEdit *m_query = nullptr;
    QListView *m_results = nullptr;
    SearchResultsModel *m_model = nullptr;
    QLabel *m_status = nullptr;
    QTimer m_debounce;
    // Searches run on a thread of their own, with their own connection to the
    // store: a broad query over a million entries takes tens of milliseconds
    // (docs/PERFORMANCE.md), too long for the GUI thread.
    std::unique_ptr<RepositoryWorker> m_worker;
    bool m_workerTried = false;
    bool m_chooseWhenShown = false; // Enter came before the results
    std::shared_ptr<std::atomic<quint64>> m_latest;
    quint64 m_generation = 0; // of the latest search started
    quint64 m_shownGeneration = 0; // of the results shown
    QPointer<QWidget> m_returnFocus; // where the focus goes back when the panel closes
};

} // namespace idesk
