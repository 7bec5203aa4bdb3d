#pragma once

#include "blamelesscheck.h"

#include <QDialog>

class QPushButton;
class QTreeWidget;

namespace idesk {

// What the blameless-language check found before an export: where (the field), what
// (the words, in their sentence) and why, one row each. "Go to" closes the dialog and
// asks the page to show the spot; "Export anyway" accepts. It warns, never blocks.
class BlamelessDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlamelessDialog)

public:
    enum class Mode { BeforeExport, CheckOnly };

    BlamelessDialog(const QList<BlamelessFinding> &findings, Mode mode, QWidget *parent = nullptr);

    const QList<BlamelessFinding> &findings() const { return m_findings; }
    QTreeWidget *list() const { return m_list; }
    QPushButton *goToButton() const { return m_goTo; }
    QPushButton *exportButton() const { return m_export; } // null in CheckOnly mode
    // Go to the selected finding (what the button does).
    void goToSelected();

Q_SIGNALS:
    void goToRequested(const BlamelessFinding &finding);

private:
    QList<BlamelessFinding> m_findings;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_goTo = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace idesk
