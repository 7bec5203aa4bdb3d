// The timeline's rows and narrow columns are fitted to their entries as pages
// come in, when an entry changes, and when the Entry column's width changes
// (the rows on screen at once, the others as they scroll into view): a long
// entry is never cut to one line, a long author name never elided.

#include "timelinemodel.h"
#include "timelineview.h"
#include "viewtestsupport.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;

namespace {

const QString kLongText = u"A long entry that wraps over several lines in a narrow column: "_s
                          u"the pool exhausted its connections, the replica lagged behind, "_s
                          u"and the failover took longer than the runbook says it should."_s;
const QString kLongAuthor = u"Maximiliane Fortescue-Wolstenholme"_s;

// What Qt's own measuring asks for the row now (QHeaderView::ResizeToContents
// would give it this height).
int wantedHeight(const TimelineView &view, int row)
{
    return std::max(view.verticalHeader()->minimumSectionSize(),
        static_cast<const QAbstractItemView &>(view).sizeHintForRow(row));
}

} // namespace

class TimelineRowsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsFitAsPagesComeIn();
    void widthChangeRefitsRowsOnScreenAndLaterTheRest();
};

void TimelineRowsTest::rowsFitAsPagesComeIn()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Rows"_s, 650);
    // Only on the last page: it comes in by paging, not with the first reset.
    store.clock().advance(60);
    QVERIFY(store.service().log(id, EntryKind::Note, kLongText, std::nullopt, kLongAuthor).ok());
    TimelineView view(store.service());
    view.resize(700, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.timelineModel()->setIncident(id);
    QCOMPARE(view.timelineModel()->rowCount(), TimelineModel::PageSize);
    const int shortHeight = view.rowHeight(0);
    QCOMPARE(shortHeight, wantedHeight(view, 0));

    int guard = 0;
    while (view.timelineModel()->canFetchMore({}) && ++guard < 20) {
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
    }
    const int last = view.timelineModel()->rowCount() - 1;
    QCOMPARE(view.timelineModel()->entryAt(last).text, kLongText);
    view.scrollToBottom();
    QCoreApplication::processEvents();
    // Several lines high, as its text wraps; the author's column is wide enough.
    QCOMPARE(view.rowHeight(last), wantedHeight(view, last));
    QVERIFY(view.rowHeight(last) > 2 * shortHeight);
    QVERIFY(view.columnWidth(TimelineModel::AuthorColumn)
        >= view.fontMetrics().horizontalAdvance(kLongAuthor));
}

void TimelineRowsTest::widthChangeRefitsRowsOnScreenAndLaterTheRest()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.insertWithEntries(u"Width"_s, 10);
    for (int i = 0; i < 120; ++i) {
        store.clock().advance(1);
        QVERIFY(store.service().log(id, EntryKind::Note, kLongText, std::nullopt, u"Ann"_s).ok());
    }
    TimelineView view(store.service());
    view.resize(1200, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.timelineModel()->setIncident(id);
    QCoreApplication::processEvents();
    const int lastRow = view.timelineModel()->rowCount() - 1;
    const int wide = view.rowHeight(lastRow);
    QCOMPARE(wide, wantedHeight(view, lastRow));

    // Narrower: the Entry column shrinks, its text wraps into more lines.
    view.resize(650, 400);
    QCoreApplication::processEvents();
    view.scrollTo(view.model()->index(20, 0), QAbstractItemView::PositionAtTop);
    QCoreApplication::processEvents();
    const int top = view.rowAt(0);
    QVERIFY(top >= 10); // a long entry
    QCOMPARE(view.rowHeight(top + 1), wantedHeight(view, top + 1));
    QVERIFY(view.rowHeight(top + 1) > wide);
    // A row far below is fitted once it scrolls into view.
    view.scrollToBottom();
    QCoreApplication::processEvents();
    const int bottom = view.timelineModel()->rowCount() - 1;
    QCOMPARE(view.rowHeight(bottom), wantedHeight(view, bottom));
    QVERIFY(view.rowHeight(bottom) > wide);
}

QTEST_MAIN(TimelineRowsTest)
#include "tst_timelinerows.moc"
