#pragma once

#include "checklist.h"

#include <QAbstractTableModel>

#include <optional>

namespace idesk {

// The items of one checklist template while someone edits them: the text (editable
// in place) and when the item ticks itself. An item keeps its key through a rename or
// a move, so the ticks already on incidents' timelines still count for it; an added
// item gets its key from its text when the template is saved (keyed()).
class ChecklistTemplateModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecklistTemplateModel)

public:
    enum Column { TextColumn, AutoColumn, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1, // QString; empty for an item added in this edit
        AutoCheckRole, // int (Checklist::AutoCheck)
    };

    explicit ChecklistTemplateModel(QObject *parent = nullptr);

    void setItems(const QList<Checklist::Item> &items);
    const QList<Checklist::Item> &items() const { return m_items; }

    // Inserts an item at `row` (clamped) and returns where it went.
    int insertItem(int row, const QString &text);
    void removeItem(int row);
    // Moves `row` by `delta` (−1 up, +1 down); false at either end.
    bool moveItem(int row, int delta);
    void setAutoCheck(int row, Checklist::AutoCheck check);

    struct Problem
    {
        int row = -1; // -1: the template as a whole
        QString message;
    };
    // The first reason the items cannot be saved: an empty item, a repeated one, no
    // item at all.
    std::optional<Problem> firstProblem() const { return problemIn(m_items); }
    static std::optional<Problem> problemIn(const QList<Checklist::Item> &items);
    // The items as they are saved: text tidied, and a key for each new one derived from
    // its text ("page-the-db-team"), unique within the template.
    QList<Checklist::Item> keyed() const { return withKeys(m_items); }
    static QList<Checklist::Item> withKeys(const QList<Checklist::Item> &items);

    // "A commander is assigned", ... ; "" for AutoCheck::None.
    static QString autoCheckText(Checklist::AutoCheck check);
    static QList<Checklist::AutoCheck> autoChecks();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Checklist::Item> m_items;
};

} // namespace idesk
