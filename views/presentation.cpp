#include "presentation.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QWidget>

namespace idesk::Presentation {

QColor severityColor(int level)
{
    switch (level) {
    case 1:
        return QColor(0xd3, 0x2f, 0x2f); // red
    case 2:
        return QColor(0xef, 0x6c, 0x00); // orange
    case 3:
        return QColor(0xf9, 0xa8, 0x25); // amber
    default:
        return QColor(0x75, 0x75, 0x75); // grey
    }
}

QIcon severityIcon(int level)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(severityColor(level));
    painter.drawRoundedRect(QRectF(1, 1, 12, 12), 3, 3);
    painter.end();
    return QIcon(pixmap);
}

QColor kindColor(EntryKind kind)
{
    switch (kind) {
    case EntryKind::Note:
        return {};
    case EntryKind::Decision:
        return QColor(0x6a, 0x1b, 0x9a); // purple
    case EntryKind::Action:
        return QColor(0x15, 0x65, 0xc0); // blue
    case EntryKind::Observation:
        return QColor(0x00, 0x79, 0x6b); // teal
    case EntryKind::Status:
    case EntryKind::Milestone:
        return QColor(0x5d, 0x40, 0x37); // brown
    case EntryKind::Severity:
    case EntryKind::Alert:
        return QColor(0xc6, 0x28, 0x28); // red
    case EntryKind::Role:
        return QColor(0x2e, 0x7d, 0x32); // green
    case EntryKind::Update:
    case EntryKind::Diagnostic:
        return QColor(0x45, 0x5a, 0x64); // blue grey
    }
    return {};
}

QColor mutedTextColor()
{
    return QColor(0x80, 0x80, 0x80);
}

QColor errorTextColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

void makeMuted(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, mutedTextColor());
    palette.setColor(QPalette::Text, mutedTextColor());
    widget->setPalette(palette);
}

void makeError(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, errorTextColor());
    palette.setColor(QPalette::Text, errorTextColor());
    widget->setPalette(palette);
}

void makeTitle(QWidget *widget, int delta)
{
    QFont font = widget->font();
    font.setBold(true);
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() + delta);
    widget->setFont(font);
}

QString localTime(const QDateTime &at, const QDateTime &now)
{
    const QDateTime local = at.toLocalTime();
    if (local.date() == now.toLocalTime().date())
        return local.toString(QStringLiteral("HH:mm:ss"));
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString utcTime(const QDateTime &at)
{
    const QDateTime utc = at.toUTC();
    if (utc.date() != at.toLocalTime().date())
        return utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    return utc.toString(QStringLiteral("HH:mm:ss 'UTC'"));
}

QString localWithUtc(const QDateTime &at)
{
    return QCoreApplication::translate("Presentation", "%1 (%2)")
        .arg(at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            at.toUTC().toString(QStringLiteral("HH:mm:ss 'UTC'")));
}

QString currentUserName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.trimmed().isEmpty())
        name = qEnvironmentVariable("LOGNAME");
    if (name.trimmed().isEmpty())
        name = QStringLiteral("unknown");
    return name.trimmed();
}

QString actionTypeTitle(ActionType type)
{
    switch (type) {
    case ActionType::Prevent:
        return QCoreApplication::translate("Presentation", "Prevent");
    case ActionType::Mitigate:
        return QCoreApplication::translate("Presentation", "Mitigate");
    case ActionType::Detect:
        return QCoreApplication::translate("Presentation", "Detect");
    case ActionType::Process:
        return QCoreApplication::translate("Presentation", "Process");
    case ActionType::Other:
        return QCoreApplication::translate("Presentation", "Other");
    }
    return {};
}

QString actionStatusTitle(ActionStatus status)
{
    switch (status) {
    case ActionStatus::Open:
        return QCoreApplication::translate("Presentation", "Open");
    case ActionStatus::InProgress:
        return QCoreApplication::translate("Presentation", "In progress");
    case ActionStatus::Done:
        return QCoreApplication::translate("Presentation", "Done");
    case ActionStatus::WontDo:
        return QCoreApplication::translate("Presentation", "Won't do");
    }
    return {};
}

bool isOverdue(const ActionItem &item, const QDate &today)
{
    return item.due && item.due->isValid() && *item.due < today
        && (item.status == ActionStatus::Open || item.status == ActionStatus::InProgress);
}

} // namespace idesk::Presentation
