// The Ctrl+K search palette: how snippets become highlighted plain text, the
// grouped results model under QAbstractItemModelTester, and the palette in the
// main window driven with keys on a real file (the search runs on the worker).

#include "incidentpage.h"
#include "mainwindow.h"
#include "searchhitdelegate.h"
#include "searchpalette.h"
#include "searchresultsmodel.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

// The substrings the matches cover, in order.
QStringList matchedTexts(const SnippetText &s)
{
    QStringList texts;
    for (const QPoint &m : s.matches)
        texts.append(s.text.mid(m.x(), m.y()));
    return texts;
}

SearchHit hit(qint64 incident, const QString &title, qint64 entry, const QString &snippet)
{
    SearchHit h;
    h.incidentId = incident;
    h.incidentTitle = title;
    h.entryId = entry;
    h.kind = entry ? u"note"_s : u"incident"_s;
    h.at = ViewTest::startTime();
    h.snippet = snippet;
    return h;
}

qint64 logNote(Store &store, qint64 incident, const QString &text)
{
    const auto id = store.service().log(incident, EntryKind::Note, text, std::nullopt, u"Ann"_s);
    return id ? *id : 0;
}

bool typeAndWait(SearchPalette *palette, const QString &text)
{
    QSignalSpy shown(palette, &SearchPalette::resultsShown);
    QTest::keyClicks(palette->queryField(), text);
    // The results shown are those of everything in the line.
    return shown.wait(10'000) && shown.last().at(0).toString() == palette->queryField()->text();
}

} // namespace

class SearchPaletteTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snippetText_data();
    void snippetText();
    void resultsGroupedByIncident();
    void typeMoveAndOpen();
    void opensAnEntryFarDownAHugeTimeline();
    void enterBeforeTheResults();
    void hostileTextShowsLiterally();
    void escapeCloses();
    void runsOnTheGuiThreadWithoutASecondConnection();
};

void SearchPaletteTest::snippetText_data()
{
    QTest::addColumn<QString>("snippet");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("matches");
    QTest::newRow("one match") << u"Rolled back deploy [4711]"_s << u"4711"_s
                               << u"Rolled back deploy 4711"_s << QStringList {u"4711"_s};
    QTest::newRow("prefix") << u"[Failover] of the [failing] node"_s << u"fail"_s
                            << u"Failover of the failing node"_s
                            << QStringList {u"Failover"_s, u"failing"_s};
    QTest::newRow("two words") << u"[kafka] [consumer] lag"_s << u"kafka cons"_s
                               << u"kafka consumer lag"_s
                               << QStringList {u"kafka"_s, u"consumer"_s};
    QTest::newRow("literal brackets stay")
        << u"[ERROR] db [down]"_s << u"down"_s << u"[ERROR] db down"_s << QStringList {u"down"_s};
    QTest::newRow("a match in the text's brackets")
        << u"[[ERROR]] db down"_s << u"error"_s << u"[ERROR] db down"_s << QStringList {u"ERROR"_s};
    QTest::newRow("unbalanced literal")
        << u"x[[down] y]"_s << u"down"_s << u"x[down y]"_s << QStringList {u"down"_s};
    QTest::newRow("accents and case")
        << u"[Café] crème"_s << u"cafe"_s << u"Café crème"_s << QStringList {u"Café"_s};
    QTest::newRow("a phrase with punctuation")
        << u"host [db-1234] is down"_s << u"db-1234"_s << u"host db-1234 is down"_s
        << QStringList {u"db-1234"_s};
    QTest::newRow("html is text") << u"<b>[kafka]</b> &amp; [x]"_s << u"kafka"_s
                                  << u"<b>kafka</b> &amp; [x]"_s << QStringList {u"kafka"_s};
    QTest::newRow("lines become one") << u"first\n[second]\tthird"_s << u"second"_s
                                      << u"first second third"_s << QStringList {u"second"_s};
    QTest::newRow("no query, no markers")
        << u"[a] b"_s << QString() << u"[a] b"_s << QStringList {};
}

void SearchPaletteTest::snippetText()
{
    QFETCH(QString, snippet);
    QFETCH(QString, query);
    QFETCH(QString, text);
    QFETCH(QStringList, matches);
    const SnippetText parsed = SnippetText::parse(snippet, query);
    QCOMPARE(parsed.text, text);
    QCOMPARE(matchedTexts(parsed), matches);
}

void SearchPaletteTest::resultsGroupedByIncident()
{
    SearchResultsModel model;
    Tester tester(&model, kQtTest);
    const QList<SearchHit> hits = {hit(7, u"API outage"_s, 70, u"[kafka] lag"_s),
        hit(3, u"Checkout"_s, 30, u"[kafka] down"_s),
        hit(7, u"API outage"_s, 71, u"more [kafka]"_s),
        hit(3, u"Checkout"_s, 0, u"[Kafka] in the title"_s)};
    model.setResults(u"kafka"_s, hits);
    // INC-7 (its best hit ranks first) with its two hits, then INC-3 with two.
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.hitCount(), 4);
    const QList<bool> headers = {true, false, false, true, false, false};
    const QList<qint64> entries = {0, 70, 71, 0, 30, 0};
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        QCOMPARE(index.data(SearchResultsModel::IsHeaderRole).toBool(), headers.at(row));
        QCOMPARE(index.data(SearchResultsModel::EntryIdRole).toLongLong(), entries.at(row));
        QCOMPARE(bool(model.flags(index) & Qt::ItemIsSelectable), !headers.at(row));
        QCOMPARE(model.isHeader(row), headers.at(row));
        QCOMPARE(model.hitAt(row) == nullptr, headers.at(row));
    }
    QCOMPARE(model.index(0).data().toString(), u"INC-7  API outage"_s);
    QCOMPARE(model.index(3).data(SearchResultsModel::IncidentIdRole).toLongLong(), 3);
    QCOMPARE(model.index(2).data().toString(), u"more kafka"_s);
    QCOMPARE(
        model.index(2).data(SearchResultsModel::MatchesRole).toList(), QVariantList {QPoint(5, 5)});
    QVERIFY(model.index(1).data(SearchResultsModel::DetailRole).toString().startsWith(u"note · "));
    // Walking hits skips headers, both ways.
    QCOMPARE(model.hitRowFrom(0, +1), 1);
    QCOMPARE(model.hitRowFrom(3, +1), 4);
    QCOMPARE(model.hitRowFrom(3, -1), 2);
    QCOMPARE(model.hitRowFrom(0, -1), -1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void SearchPaletteTest::typeMoveAndOpen()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 checkout = store.declare(u"Checkout outage"_s, 1);
    const qint64 search = store.declare(u"Search slow"_s, 2);
    store.declare(u"Unrelated"_s, 3);
    const qint64 first = logNote(store, checkout, u"kafka consumer lag growing"_s);
    const qint64 second = logNote(store, search, u"kafka brokers restarted"_s);
    const qint64 third = logNote(store, checkout, u"kafka lag back to normal"_s);
    QVERIFY(first && second && third);

    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    SearchPalette *palette = window.searchPalette();
    QVERIFY(!palette->isVisible());
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QVERIFY(palette->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), palette->queryField());
    QVERIFY(palette->runsOnWorker());

    // Results as you type: one search after the keystrokes (they come faster
    // than the pause), for the whole text.
    QSignalSpy shown(palette, &SearchPalette::resultsShown);
    QVERIFY(typeAndWait(palette, u"kafka"_s));
    QCOMPARE(shown.size(), 1);
    SearchResultsModel *model = palette->resultsModel();
    QCOMPARE(model->hitCount(), 3);
    QSet<qint64> shownEntries;
    QSet<qint64> headers;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->isHeader(row))
            headers.insert(model->index(row).data(SearchResultsModel::IncidentIdRole).toLongLong());
        else
            shownEntries.insert(model->hitAt(row)->entryId);
    }
    QCOMPARE(headers, (QSet<qint64> {checkout, search}));
    QCOMPARE(shownEntries, (QSet<qint64> {first, second, third}));
    QVERIFY(palette->statusLabel()->text().contains(u"3 results in 2 incidents"_s));
    // The first hit is current (row 1: row 0 is its incident's header).
    QCOMPARE(palette->resultsView()->currentIndex().row(), 1);

    // Narrowing: "kafka lag" leaves the two Checkout entries.
    QVERIFY(typeAndWait(palette, u" lag"_s));
    QCOMPARE(model->hitCount(), 2);
    QCOMPARE(model->rowCount(), 3);

    // Down moves to the next hit, Up back; neither lands on a header.
    const SearchHit *before = palette->currentHit();
    QVERIFY(before);
    QTest::keyClick(palette->queryField(), Qt::Key_Down);
    const SearchHit *after = palette->currentHit();
    QVERIFY(after && after->entryId != before->entryId);
    QTest::keyClick(palette->queryField(), Qt::Key_Up);
    QCOMPARE(palette->currentHit()->entryId, before->entryId);
    QTest::keyClick(palette->queryField(), Qt::Key_Up); // at the top: stays on a hit
    QVERIFY(palette->currentHit());
    QTest::keyClick(palette->queryField(), Qt::Key_Down);

    // Enter opens the incident at that entry, selected.
    const qint64 chosen = palette->currentHit()->entryId;
    QTest::keyClick(palette->queryField(), Qt::Key_Return);
    QVERIFY(!palette->isVisible());
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(checkout));
    TimelineView *timeline = window.incidentPage()->timeline();
    QCOMPARE(window.incidentPage()->tabs()->currentIndex(), 0);
    QCOMPARE(timeline->timelineModel()->entryAt(timeline->currentIndex().row()).id, chosen);
    QTRY_COMPARE(QApplication::focusWidget(), timeline);

    // Ctrl+K again: the last text, selected, ready to be replaced.
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QVERIFY(palette->isVisible());
    QCOMPARE(palette->queryField()->selectedText(), u"kafka lag"_s);
}

void SearchPaletteTest::opensAnEntryFarDownAHugeTimeline()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 huge = store.insertWithEntries(u"Huge"_s, 6000);
    const QList<TimelineEntry> entries = store.timeline(huge);
    const qint64 target = entries.at(3456).id; // "Entry 3457"
    QCOMPARE(entries.at(3456).text, u"Entry 3457"_s);

    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.openSearch();
    SearchPalette *palette = window.searchPalette();
    QVERIFY(typeAndWait(palette, u"entry 3457 "_s)); // a finished word: no prefix
    QCOMPARE(palette->resultsModel()->hitCount(), 1);
    QCOMPARE(palette->currentHit()->entryId, target);
    QTest::keyClick(palette->queryField(), Qt::Key_Enter);

    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(huge));
    TimelineView *timeline = window.incidentPage()->timeline();
    TimelineModel *model = timeline->timelineModel();
    // Only a window of rows around it is loaded, not the 3,456 before it.
    QVERIFY(model->rowCount() <= 2 * TimelineModel::PageSize);
    QCOMPARE(model->entryAt(timeline->currentIndex().row()).id, target);
}

void SearchPaletteTest::enterBeforeTheResults()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 incident = store.declare(u"Quick"_s, 2);
    const qint64 entry = logNote(store, incident, u"zeppelin sighted over the datacenter"_s);
    store.declare(u"Other"_s, 2); // selected after it, on top of the list

    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.openSearch();
    SearchPalette *palette = window.searchPalette();
    QSignalSpy chosen(palette, &SearchPalette::hitChosen);
    QTest::keyClicks(palette->queryField(), u"zeppelin"_s);
    QTest::keyClick(palette->queryField(), Qt::Key_Return); // before the pause is over
    QVERIFY(chosen.size() == 1 || chosen.wait(10'000));
    QCOMPARE(chosen.first().at(0).value<SearchHit>().entryId, entry);
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(incident));
}

void SearchPaletteTest::hostileTextShowsLiterally()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 incident = store.declare(u"<i>Markup</i> & co"_s, 2);
    const QString text = u"<b>kafka</b> &amp; [kafka] it's \"quoted\""_s;
    QVERIFY(logNote(store, incident, text));

    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.openSearch();
    SearchPalette *palette = window.searchPalette();
    QVERIFY(typeAndWait(palette, u"kafka"_s));
    SearchResultsModel *model = palette->resultsModel();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0).data().toString(), u"INC-1  <i>Markup</i> & co"_s);
    QCOMPARE(model->index(1).data().toString(), text);
    const SnippetText parsed = SnippetText::parse(model->hitAt(1)->snippet, model->query());
    QCOMPARE(matchedTexts(parsed), (QStringList {u"kafka"_s, u"kafka"_s}));

    // The delegate paints it (as plain text, laid out by QTextLayout).
    QImage image(palette->size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    palette->render(&image);
    QVERIFY(!image.isNull());
    const QFontMetrics metrics(palette->font());
    QVERIFY(SearchHitDelegate::detailWidth(metrics) > 0);
}

void SearchPaletteTest::escapeCloses()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"Escape"_s, 2);
    MainWindow window(store.service());
    QVERIFY(window.selectIncident(id));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.incidentPage()->focusQuickEntry();
    QWidget *before = QApplication::focusWidget();
    QVERIFY(before);
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), window.searchPalette()->queryField());
    QTest::keyClick(window.searchPalette()->queryField(), Qt::Key_Escape);
    QVERIFY(!window.searchPalette()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), before);
    QCOMPARE(window.currentIncidentId(), std::optional<qint64>(id));
}

void SearchPaletteTest::runsOnTheGuiThreadWithoutASecondConnection()
{
    auto repository = SqliteIncidentRepository::open(u":memory:"_s);
    QVERIFY(repository.ok());
    ManualClock clock(ViewTest::startTime());
    IncidentService service(**repository, clock);
    DeclareRequest request;
    request.title = u"In memory kafka"_s;
    request.severity = 2;
    QVERIFY(service.declare(request).ok());
    QWidget host;
    host.resize(900, 700);
    SearchPalette palette(**repository, &host);
    host.show();
    palette.popUp();
    QVERIFY(!palette.runsOnWorker());
    QTest::keyClicks(palette.queryField(), u"memory"_s);
    palette.searchNow(); // no pause, no worker: the results are there at once
    QCOMPARE(palette.resultsModel()->hitCount(), 1);
    QCOMPARE(palette.resultsModel()->index(0).data().toString(), u"INC-1  In memory kafka"_s);
}

QTEST_MAIN(SearchPaletteTest)
#include "tst_searchpalette.moc"
