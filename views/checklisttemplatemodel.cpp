#include "checklisttemplatemodel.h"

#include "presentation.h"

#include <QSet>

namespace idesk {

namespace {

constexpr int kMaxKeyLength = 40; // Checklist::parse accepts [a-z0-9][a-z0-9-]{0,39}

// "Page the DB team!" → "page-the-db-team": lower-case ASCII letters and digits,
// everything else one hyphen, never empty.
QString slug(const QString &text)
{
    QString key;
    for (const QChar c : text.normalized(QString::NormalizationForm_KD).toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            key.append(c);
        else if (c.isMark() || (c.isLetterOrNumber() && c.unicode() >= 128))
            continue; // an accent split off above, or a letter outside ASCII
        else if (!key.isEmpty() && !key.endsWith(u'-'))
            key.append(u'-');
    }
    key.truncate(kMaxKeyLength);
    while (key.endsWith(u'-'))
        key.chop(1);
    return key.isEmpty() ? QStringLiteral("item") : key;
}

QString normalisedText(const QString &text)
{
    return text.simplified().toCaseFolded();
}

} // namespace

ChecklistTemplateModel::ChecklistTemplateModel(QObject *parent) : QAbstractTableModel(parent) { }

void ChecklistTemplateModel::setItems(const QList<Checklist::Item> &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

int ChecklistTemplateModel::insertItem(int row, const QString &text)
{
    row = std::clamp(row, 0, int(m_items.size()));
    beginInsertRows({}, row, row);
    m_items.insert(row, Checklist::Item {QString(), text, Checklist::AutoCheck::None});
    endInsertRows();
    return row;
}

void ChecklistTemplateModel::removeItem(int row)
{
    if (row < 0 || row >= m_items.size())
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
}

bool ChecklistTemplateModel::moveItem(int row, int delta)
{
    const int to = row + delta;
    if (delta == 0 || row < 0 || row >= m_items.size() || to < 0 || to >= m_items.size())
        return false;
    // beginMoveRows names the row the moved one goes before, in the old numbering.
    if (!beginMoveRows({}, row, row, {}, delta > 0 ? to + 1 : to))
        return false;
    m_items.move(row, to);
    endMoveRows();
    return true;
}

void ChecklistTemplateModel::setAutoCheck(int row, Checklist::AutoCheck check)
{
    if (row < 0 || row >= m_items.size() || m_items.at(row).autoCheck == check)
        return;
    m_items[row].autoCheck = check;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

std::optional<ChecklistTemplateModel::Problem> ChecklistTemplateModel::problemIn(
    const QList<Checklist::Item> &items)
{
    if (items.isEmpty())
        return Problem {-1, tr("A checklist needs at least one item.")};
    QHash<QString, int> seen;
    for (int row = 0; row < items.size(); ++row) {
        const QString text = normalisedText(items.at(row).text);
        if (text.isEmpty())
            return Problem {
                row, tr("Item %1 is empty: write what to do, or remove it.").arg(row + 1)};
        if (const auto first = seen.constFind(text); first != seen.cend())
            return Problem {row,
                tr("Item %1 repeats item %2 (\"%3\").")
                    .arg(row + 1)
                    .arg(*first + 1)
                    .arg(items.at(row).text.simplified())};
        seen.insert(text, row);
    }
    return std::nullopt;
}

QList<Checklist::Item> ChecklistTemplateModel::withKeys(const QList<Checklist::Item> &items)
{
    QSet<QString> used;
    for (const auto &item : items)
        used.insert(item.key);
    QList<Checklist::Item> result = items;
    for (auto &item : result) {
        item.text = item.text.simplified();
        if (!item.key.isEmpty())
            continue;
        const QString base = slug(item.text);
        QString key = base;
        for (int n = 2; used.contains(key); ++n) {
            const QString suffix = QStringLiteral("-%1").arg(n);
            key = base.left(kMaxKeyLength - suffix.size()) + suffix;
        }
        used.insert(key);
        item.key = key;
    }
    return result;
}

QString ChecklistTemplateModel::autoCheckText(Checklist::AutoCheck check)
{
    switch (check) {
    case Checklist::AutoCheck::None:
        return {};
    case Checklist::AutoCheck::CommanderAssigned:
        return tr("A commander is assigned");
    case Checklist::AutoCheck::TechLeadAssigned:
        return tr("A tech lead is assigned");
    case Checklist::AutoCheck::CommsLeadAssigned:
        return tr("A comms lead is assigned");
    case Checklist::AutoCheck::ScribeAssigned:
        return tr("A scribe is assigned");
    case Checklist::AutoCheck::UpdatePosted:
        return tr("A status update is posted");
    }
    return {};
}

QList<Checklist::AutoCheck> ChecklistTemplateModel::autoChecks()
{
    using A = Checklist::AutoCheck;
    return {A::None, A::CommanderAssigned, A::TechLeadAssigned, A::CommsLeadAssigned,
        A::ScribeAssigned, A::UpdatePosted};
}

int ChecklistTemplateModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int ChecklistTemplateModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChecklistTemplateModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Checklist::Item &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (index.column() == TextColumn)
            return item.text;
        if (role == Qt::DisplayRole)
            return item.autoCheck == Checklist::AutoCheck::None ? tr("by hand")
                                                                : autoCheckText(item.autoCheck);
        return int(item.autoCheck);
    case Qt::ForegroundRole:
        if (index.column() == AutoColumn && item.autoCheck == Checklist::AutoCheck::None)
            return Presentation::mutedTextColor();
        break;
    case Qt::ToolTipRole:
        if (index.column() == AutoColumn)
            return item.autoCheck == Checklist::AutoCheck::None
                ? tr("Someone ticks it; the tick goes on the timeline.")
                : tr("Ticks itself when %1.").arg(autoCheckText(item.autoCheck).toLower());
        break;
    case KeyRole:
        return item.key;
    case AutoCheckRole:
        return int(item.autoCheck);
    default:
        break;
    }
    return {};
}

bool ChecklistTemplateModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const QString text = value.toString();
    if (m_items.at(index.row()).text == text)
        return false;
    m_items[index.row()].text = text;
    Q_EMIT dataChanged(index, index);
    return true;
}

Qt::ItemFlags ChecklistTemplateModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == TextColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant ChecklistTemplateModel::headerData(
    int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TextColumn:
        return tr("Item");
    case AutoColumn:
        return tr("Ticks itself when");
    }
    return {};
}

} // namespace idesk
