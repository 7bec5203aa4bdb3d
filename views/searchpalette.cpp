#include "searchpalette.h"

#include "presentation.h"
#include "repositoryworker.h"
#include "searchhitdelegate.h"
#include "searchresultsmodel.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

#include <limits>
#include <optional>
#include <utility>

namespace idesk {

SearchPalette::SearchPalette(const IncidentRepository &repository, QWidget *parent)
    : QFrame(parent), m_repository(repository), m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    setObjectName(QStringLiteral("searchPalette"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(
        tr("Search incidents, timelines, updates and postmortems — Enter opens, Esc closes"));
    m_query->setClearButtonEnabled(true);
    QFont larger = m_query->font();
    larger.setPointSizeF(larger.pointSizeF() * 1.25);
    m_query->setFont(larger);
    m_query->installEventFilter(this);
    connect(m_query, &QLineEdit::textEdited, this, &SearchPalette::textEdited);

    m_model = new SearchResultsModel(this);
    m_results = new QListView(this);
    m_results->setModel(m_model);
    m_results->setItemDelegate(new SearchHitDelegate(m_results));
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setUniformItemSizes(false);
    m_results->setFocusPolicy(Qt::NoFocus); // the keys stay in the line
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the delegate clips
    connect(m_results, &QListView::clicked, this,
        [this](const QModelIndex &index) { chooseRow(index.row()); });

    m_status = new QLabel(this);
    Presentation::makeMuted(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 8);
    layout->setSpacing(6);
    layout->addWidget(m_query);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_status);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &SearchPalette::startSearch);
    connect(qApp, &QApplication::focusChanged, this, &SearchPalette::focusChanged);
    if (parent)
        parent->installEventFilter(this);
    hide();
}

SearchPalette::~SearchPalette()
{
    m_latest->store(std::numeric_limits<quint64>::max()); // skip whatever is queued
}

void SearchPalette::ensureWorker()
{
    // Without a second connection (":memory:") searches run on this thread.
    if (!std::exchange(m_workerTried, true))
        m_worker = RepositoryWorker::start(m_repository, QStringLiteral("search"));
}

void SearchPalette::popUp()
{
    if (!isVisible()) {
        QWidget *focus = QApplication::focusWidget();
        m_returnFocus = focus && !isAncestorOf(focus) ? focus : nullptr;
    }
    ensureWorker();
    reposition();
    show();
    raise();
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

void SearchPalette::dismiss()
{
    if (!isVisible())
        return;
    m_debounce.stop();
    m_chooseWhenShown = false;
    hide();
    if (m_returnFocus)
        m_returnFocus->setFocus(Qt::OtherFocusReason);
}

void SearchPalette::reposition()
{
    QWidget *host = parentWidget();
    if (!host)
        return;
    const int width = std::min(760, std::max(320, host->width() - 80));
    const int height = std::min(560, std::max(200, host->height() * 2 / 3));
    setGeometry((host->width() - width) / 2, std::min(60, host->height() / 10), width, height);
}

void SearchPalette::textEdited()
{
    m_chooseWhenShown = false;
    m_debounce.start();
}

void SearchPalette::searchNow()
{
    m_debounce.stop();
    startSearch();
}

void SearchPalette::startSearch()
{
    const QString text = m_query->text();
    const quint64 generation = ++m_generation;
    m_latest->store(generation);
    if (text.trimmed().isEmpty()) {
        showResults(generation, text, {}, {});
        return;
    }
    ensureWorker();
    if (m_worker) {
        m_status->setText(tr("Searching…"));
        m_worker->post(
            [generation, text, latest = m_latest](
                const IncidentRepository &connection) -> std::optional<Result<QList<SearchHit>>> {
                // Typing queued several searches: only the newest one is worth running.
                if (generation < latest->load())
                    return std::nullopt;
                return connection.search(text, ResultLimit);
            },
            [this, generation, text](const std::optional<Result<QList<SearchHit>>> &hits) {
                if (hits)
                    showResults(generation, text, *hits ? **hits : QList<SearchHit>(),
                        hits->errorMessage());
            });
        return;
    }
    const auto hits = m_repository.search(text, ResultLimit);
    showResults(generation, text, hits ? *hits : QList<SearchHit>(), hits.errorMessage());
}

void SearchPalette::showResults(
    quint64 generation, const QString &text, const QList<SearchHit> &hits, const QString &error)
{
    if (generation != m_generation)
        return; // a newer search is on its way
    m_shownGeneration = generation;
    m_model->setResults(text, hits);
    if (!error.isEmpty()) {
        Presentation::makeError(m_status);
        m_status->setText(error);
    } else {
        Presentation::makeMuted(m_status);
        QSet<qint64> incidents;
        for (const SearchHit &hit : hits)
            incidents.insert(hit.incidentId);
        if (text.trimmed().isEmpty())
            m_status->setText(tr("Type to search every incident"));
        else if (hits.isEmpty())
            m_status->setText(tr("Nothing found for \"%1\"").arg(text.trimmed()));
        else
            m_status->setText(
                (hits.size() == 1 ? tr("1 result") : tr("%1 results").arg(hits.size()))
                + (incidents.size() == 1 ? tr(" in 1 incident")
                                         : tr(" in %1 incidents").arg(incidents.size()))
                + (hits.size() >= ResultLimit ? tr(" (the best %1)").arg(ResultLimit) : QString()));
    }
    const int first = m_model->hitRowFrom(0, +1);
    if (first >= 0)
        m_results->setCurrentIndex(m_model->index(first));
    Q_EMIT resultsShown(text);
    if (std::exchange(m_chooseWhenShown, false))
        chooseRow(first);
}

const SearchHit *SearchPalette::currentHit() const
{
    return m_model->hitAt(m_results->currentIndex().row());
}

void SearchPalette::moveCurrent(int step)
{
    const int current = m_results->currentIndex().row();
    int row = -1;
    if (current < 0) {
        row = m_model->hitRowFrom(0, +1);
    } else {
        const int target = std::clamp(current + step, 0, m_model->rowCount() - 1);
        row = m_model->hitRowFrom(target, step > 0 ? +1 : -1);
        if (row < 0) // only headers that way: the first (last) hit
            row = m_model->hitRowFrom(target, step > 0 ? -1 : +1);
    }
    if (row < 0)
        return;
    if (row == m_model->hitRowFrom(0, +1))
        m_results->scrollToTop(); // its incident's header too
    m_results->setCurrentIndex(m_model->index(row));
    m_results->scrollTo(m_model->index(row));
}

void SearchPalette::chooseRow(int row)
{
    const SearchHit *hit = m_model->hitAt(row);
    if (!hit)
        return;
    const SearchHit chosen = *hit;
    m_returnFocus = nullptr; // the incident page takes the focus
    dismiss();
    Q_EMIT hitChosen(chosen);
}

void SearchPalette::focusChanged(QWidget *, QWidget *now)
{
    // A click elsewhere in the window closes the panel, as a popup would.
    if (isVisible() && now && now != this && !isAncestorOf(now) && now->window() == window())
        dismiss();
}

bool SearchPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible()) {
        reposition();
    } else if (watched == m_query && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int page
            = std::max(1, m_results->height() / std::max(1, m_results->sizeHintForRow(0)));
        switch (key->key()) {
        case Qt::Key_Down:
            moveCurrent(+1);
            return true;
        case Qt::Key_Up:
            moveCurrent(-1);
            return true;
        case Qt::Key_PageDown:
            moveCurrent(+page);
            return true;
        case Qt::Key_PageUp:
            moveCurrent(-page);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            // Enter before the results of what was typed: search for it (at
            // once) and open the best hit when it arrives.
            if (m_debounce.isActive())
                searchNow();
            if (isSearching()) {
                m_chooseWhenShown = true;
                return true;
            }
            chooseRow(m_results->currentIndex().row());
            return true;
        case Qt::Key_Escape:
            dismiss();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace idesk
