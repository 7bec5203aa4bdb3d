#pragma once

#include "incidentservice.h"

#include <QHash>
#include <QTableView>

namespace idesk {

class TimelineModel;

// The timeline as a table: local time, UTC, kind (subtly coloured), author and
// the word-wrapped text. Its context menu edits (entries people wrote), redacts
// (with a reason) and shows an entry's history. Rows that arrive while the user
// reads keep the visible entries where they are; at the bottom it follows new ones.
class TimelineView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(IncidentService &service, QWidget *parent = nullptr);

    void setUserName(const QString &userName) { m_userName = userName; }
    TimelineModel *timelineModel() const { return m_model; }
    // Re-reads the timeline. The entry at the top of the viewport stays there
    // when entries are inserted above it; at the bottom the view follows new ones.
    VoidResult refresh();
    // Loads what is needed and scrolls to the entry.
    void revealEntry(qint64 entryId);
    // The same, and makes it the current, selected row (a search result opens
    // the incident there). False when the timeline (or its filter) has no such entry.
    bool selectEntry(qint64 entryId);
    // Shows the newest entries: loads the rest when the timeline is of a usual
    // size and scrolls to the end; a huge one shows its last page, and earlier
    // pages come in as the user scrolls up.
    void scrollToLatest();
    static constexpr int LoadAllLimit = 2000;
    // The actions the context menu offers for a row, for keyboard use and tests.
    void editEntry(int row);
    void redactEntry(int row);
    void showHistory(int row);

Q_SIGNALS:
    void errorOccurred(const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // Row heights and the narrow columns' widths are fitted to the rows as they
    // come in, never by walking every row: Qt's ResizeToContents measures all
    // rows on every change, seconds per page once thousands are loaded. A row's
    // height depends on the Entry column's width; when that changes, the rows on
    // screen are fitted at once and the others as they scroll into view (rows
    // scroll per item, so a height not yet fitted moves nothing on screen).
    void fitRows(int first, int last);
    void fitVisibleRows();
    void fitColumns(int first, int last);
    void showContextMenu(const QPoint &position);
    void scrolled(int value);
    void scrollToEntry(qint64 entryId, ScrollHint hint);

    IncidentService &m_service;
    QString m_userName;
    TimelineModel *m_model = nullptr;
    // A deferred scroll is on its way: the view's position is not the user's yet.
    bool m_scrollPending = false;
    // The Entry column's width each row's height was fitted at, by entry id.
    QHash<qint64, int> m_fittedAt;
};

} // namespace idesk
