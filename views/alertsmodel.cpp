#include "alertsmodel.h"

#include "alertseveritymapping.h"
#include "diagnosticsformat.h"
#include "presentation.h"

#include <QCoreApplication>

namespace idesk {

namespace {

// Splits on spaces, commas and braces outside double quotes; quotes are dropped.
QStringList tokens(const QString &text)
{
    QStringList result;
    QString current;
    bool quoted = false;
    bool escaped = false;
    auto flush = [&] {
        if (!current.isEmpty())
            result.append(current);
        current.clear();
    };
    for (const QChar c : text) {
        if (escaped) {
            current += c;
            escaped = false;
        } else if (quoted && c == u'\\') {
            escaped = true;
        } else if (c == u'"') {
            quoted = !quoted;
        } else if (!quoted && (c.isSpace() || c == u',' || c == u'{' || c == u'}')) {
            flush();
        } else {
            current += c;
        }
    }
    flush();
    return result;
}

QString labelOrAnnotation(const Alert &alert, const QString &key)
{
    const auto it = alert.labels.constFind(key);
    if (it != alert.labels.cend())
        return *it;
    return alert.annotations.value(key);
}

QColor stateColor(const QString &state)
{
    if (state == u"active" || state == u"firing")
        return QColor(0xd3, 0x2f, 0x2f);
    if (state == u"pending" || state == u"unprocessed")
        return QColor(0xf9, 0xa8, 0x25);
    return QColor(0x9e, 0x9e, 0x9e); // suppressed, inactive
}

} // namespace

AlertFilter AlertFilter::parse(const QString &text)
{
    static const QRegularExpression matcher(
        QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)(=~|!~|!=|=)(.*)$"));
    AlertFilter filter;
    for (const QString &token : tokens(text)) {
        Term term;
        const auto match = matcher.match(token);
        if (!match.hasMatch()) {
            term.value = token;
            filter.m_terms.append(term);
            continue;
        }
        term.key = match.captured(1);
        term.value = match.captured(3);
        const QString op = match.captured(2);
        if (op == u"=") {
            term.op = Term::Op::Equal;
        } else if (op == u"!=") {
            term.op = Term::Op::NotEqual;
        } else {
            term.op = op == u"=~" ? Term::Op::Match : Term::Op::NotMatch;
            term.regex = QRegularExpression(QRegularExpression::anchoredPattern(term.value),
                QRegularExpression::CaseInsensitiveOption);
            if (!term.regex.isValid()) {
                filter.m_problem = QCoreApplication::translate("AlertFilter",
                    "\"%1\" is not a regular "
                    "expression: %2")
                                       .arg(term.value, term.regex.errorString());
                continue;
            }
        }
        filter.m_terms.append(term);
    }
    return filter;
}

bool AlertFilter::matches(const Alert &alert) const
{
    for (const Term &term : m_terms) {
        switch (term.op) {
        case Term::Op::Text: {
            bool found = alert.state.contains(term.value, Qt::CaseInsensitive);
            for (auto it = alert.labels.cbegin(); !found && it != alert.labels.cend(); ++it)
                found = (it.key() + u'=' + it.value()).contains(term.value, Qt::CaseInsensitive);
            for (auto it = alert.annotations.cbegin(); !found && it != alert.annotations.cend();
                 ++it)
                found = it.value().contains(term.value, Qt::CaseInsensitive);
            if (!found)
                return false;
            break;
        }
        case Term::Op::Equal:
            if (labelOrAnnotation(alert, term.key).compare(term.value, Qt::CaseInsensitive) != 0)
                return false;
            break;
        case Term::Op::NotEqual:
            if (labelOrAnnotation(alert, term.key).compare(term.value, Qt::CaseInsensitive) == 0)
                return false;
            break;
        case Term::Op::Match:
            if (!term.regex.match(labelOrAnnotation(alert, term.key)).hasMatch())
                return false;
            break;
        case Term::Op::NotMatch:
            if (term.regex.match(labelOrAnnotation(alert, term.key)).hasMatch())
                return false;
            break;
        }
    }
    return true;
}

AlertsModel::AlertsModel(QObject *parent) : QAbstractTableModel(parent) { }

Alert AlertsModel::fromPrometheus(const PrometheusAlert &alert)
{
    Alert a;
    a.labels = alert.labels;
    a.annotations = alert.annotations;
    a.state = alert.state;
    a.startsAt = alert.activeAt;
    return a;
}

void AlertsModel::setAlerts(QList<Alert> alerts, const QDateTime &now)
{
    std::stable_sort(alerts.begin(), alerts.end(),
        [](const Alert &a, const Alert &b) { return a.startsAt > b.startsAt; });
    beginResetModel();
    m_alerts = std::move(alerts);
    m_now = now;
    endResetModel();
}

void AlertsModel::clear()
{
    setAlerts({}, m_now);
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alert &alert = m_alerts.at(index.row());
    if (role == Qt::ToolTipRole) {
        QString tip = AlertPrefill::timelineText(alert);
        const QString description = alert.annotations.value(QStringLiteral("description"));
        if (!description.isEmpty())
            tip += QStringLiteral("\n\n") + description;
        if (alert.startsAt.isValid())
            tip += u'\n' + tr("Since %1").arg(Presentation::localWithUtc(alert.startsAt));
        return tip;
    }
    switch (index.column()) {
    case StateColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return alert.state;
        if (role == Qt::DecorationRole)
            return DiagnosticsFormat::statusDot(stateColor(alert.state));
        break;
    case NameColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return alert.name();
        break;
    case SeverityColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return alert.labels.value(QStringLiteral("severity"));
        break;
    case SummaryColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return alert.annotations.value(QStringLiteral("summary")).simplified();
        break;
    case StartedColumn:
        if (role == Qt::DisplayRole)
            return alert.startsAt.isValid() ? Presentation::localTime(alert.startsAt, m_now)
                                            : QString();
        if (role == SortRole)
            return alert.startsAt;
        break;
    case LabelsColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            Labels rest = alert.labels;
            rest.remove(QStringLiteral("alertname"));
            rest.remove(QStringLiteral("severity"));
            return AlertPrefill::labelsText(rest, false);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StateColumn:
        return tr("State");
    case NameColumn:
        return tr("Alert");
    case SeverityColumn:
        return tr("Severity");
    case SummaryColumn:
        return tr("Summary");
    case StartedColumn:
        return tr("Since");
    case LabelsColumn:
        return tr("Labels");
    default:
        return {};
    }
}

AlertFilterProxy::AlertFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(AlertsModel::SortRole);
}

void AlertFilterProxy::setFilterText(const QString &text)
{
    m_filter = AlertFilter::parse(text);
    invalidateFilter();
}

bool AlertFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const AlertsModel *>(sourceModel());
    if (!model || sourceParent.isValid() || sourceRow < 0 || sourceRow >= model->rowCount())
        return true;
    return m_filter.matches(model->alertAt(sourceRow));
}

} // namespace idesk
