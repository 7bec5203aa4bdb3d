#pragma once

#include "timelinefilter.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

namespace idesk {

class TimelineModel;

// The bar above the timeline that narrows it: kinds (a menu of checkable kinds),
// author and text, applied as the user types (every change is one filtered count
// and first page from the store, TimelineModel::setFilter). Shows how many
// entries match; Escape in a field, or the Clear button, shows everything again.
// Follows the model: when it shows another incident (unfiltered), the fields clear.
class TimelineFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineFilterBar)

public:
    explicit TimelineFilterBar(TimelineModel *model, QWidget *parent = nullptr);

    // What the fields ask for now.
    TimelineFilter filter() const;
    // Fills the fields and applies it.
    void setFilter(const TimelineFilter &filter);
    void clear();
    // Puts the cursor in the text field, its text selected.
    void focusText();

    QLineEdit *textField() const { return m_text; }
    QLineEdit *authorField() const { return m_author; }
    QToolButton *kindButton() const { return m_kinds; }
    QLabel *countLabel() const { return m_count; }
    QToolButton *clearButton() const { return m_clear; }
    // The kind's checkable action in the kind menu.
    QAction *kindAction(EntryKind kind) const;

Q_SIGNALS:
    // After the fields changed and the model was asked for them (on a large
    // incident the rows follow a moment later: TimelineModel::isFilterPending()).
    void filterApplied(const TimelineFilter &filter);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();
    void showFilter(const TimelineFilter &filter); // the fields only, nothing applied
    void updateKindButton();
    void updateCount();

    TimelineModel *m_model = nullptr;
    QToolButton *m_kinds = nullptr;
    QMenu *m_kindMenu = nullptr;
    QAction *m_allKinds = nullptr;
    QList<QAction *> m_kindActions; // in allEntryKinds() order
    QLineEdit *m_author = nullptr;
    QLineEdit *m_text = nullptr;
    QLabel *m_count = nullptr;
    QToolButton *m_clear = nullptr;
    bool m_showing = false; // the fields are being filled from a filter
};

} // namespace idesk
