#pragma once

#include "checklist.h"
#include "incidentservice.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace idesk {

class ChecklistTemplateModel;

// Edits the team's first-minutes checklist of each severity: add, rename, remove and
// reorder items, choose when an item ticks itself, go back to the built-in list. Edits
// of several severities are kept while switching between them and saved together;
// Save checks every one first (no empty item, no repeated one) and writes nothing
// when one is refused. Templates are team settings ("checklist.SEV-<n>", Checklist),
// written through the repository port; a template equal to the built-in one is stored
// as unset, so it follows the built-in list when that improves.
class ChecklistTemplateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecklistTemplateDialog)

public:
    ChecklistTemplateDialog(IncidentService &service, int severity, QWidget *parent = nullptr);

    int severity() const;
    // Shows another severity's checklist; the edits made so far stay until Save or Cancel.
    void setSeverity(int level);

    void addItem();
    void renameItem();
    void removeItem();
    void moveItem(int delta);
    void resetToDefault();
    // Validates every edited severity, then writes the changed ones; false (with the
    // reason shown) when something is refused.
    bool save();
    void accept() override;

    ChecklistTemplateModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QComboBox *severityCombo() const { return m_severity; }
    QComboBox *autoCombo() const { return m_auto; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *renameButton() const { return m_rename; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }
    QPushButton *resetButton() const { return m_reset; }
    QPushButton *saveButton() const { return m_save; }
    QString errorText() const;

Q_SIGNALS:
    // The templates of these severities were written.
    void saved(const QList<int> &severities);

private:
    QList<Checklist::Item> stored(int level);
    void severityPicked(int index);
    void currentRowChanged();
    void autoPicked(int index);
    void showError(const QString &message, int row = -1);
    void updateState();

    IncidentService &m_service;
    int m_level = 0;
    QMap<int, QList<Checklist::Item>> m_loaded; // as stored (or built in) when first shown
    QMap<int, QList<Checklist::Item>> m_drafts; // edits of severities not shown now
    ChecklistTemplateModel *m_model = nullptr;
    QComboBox *m_severity = nullptr;
    QLabel *m_origin = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_auto = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_rename = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QPushButton *m_reset = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace idesk
