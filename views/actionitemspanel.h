#pragma once

#include "incidentservice.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;

namespace idesk {

class ActionItemsModel;

// The action items of one incident: a line to add one (Enter), the table to edit them
// in place (text, type, owner, due date, status, link) and a Remove button.
class ActionItemsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionItemsPanel)

public:
    explicit ActionItemsPanel(IncidentService &service, QWidget *parent = nullptr);

    void setIncident(std::optional<qint64> incidentId);
    void setItems(const QList<ActionItem> &items);

    // Adds an item with the new-item line's text and type; true when stored.
    bool addFromLine();
    // Removes the selected item; true when removed.
    bool removeSelected();
    // Selects item `number` (1-based) in `column` and focuses the table.
    void selectItem(int number, int column);

    ActionItemsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *newItemLine() const { return m_newText; }
    QPushButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    void errorOccurred(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateButtons();

    IncidentService &m_service;
    std::optional<qint64> m_incidentId;
    ActionItemsModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_newText = nullptr;
    QComboBox *m_newType = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace idesk
