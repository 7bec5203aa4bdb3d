#include "quickentrybar.h"

#include "presentation.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace idesk {

namespace {
template<class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template<class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;
} // namespace

QuickEntryBar::QuickEntryBar(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_line = new QLineEdit(this);
    m_line->setPlaceholderText(
        tr("Log what happened and press Enter  ·  14:05 text backdates  ·  /decision, "
           "/action, /observation, /status monitoring, /sev 2, /assign scribe Dana, /ic Alice"));
    m_line->setToolTip(QuickEntry::help());
    m_line->setClearButtonEnabled(true);
    m_line->setMinimumHeight(m_line->sizeHint().height() + 6);
    m_line->installEventFilter(this);
    connect(m_line, &QLineEdit::returnPressed, this, &QuickEntryBar::submit);
    connect(m_line, &QLineEdit::textEdited, this, [this] { m_historyPos = int(m_history.size()); });

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Presentation::makeError(m_error);
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_line);
    layout->addWidget(m_error);
    setFocusProxy(m_line);
    setEnabled(false);
}

void QuickEntryBar::setIncident(std::optional<qint64> incidentId)
{
    if (incidentId != m_incidentId)
        showError({});
    m_incidentId = incidentId;
    setEnabled(incidentId.has_value());
}

QString QuickEntryBar::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void QuickEntryBar::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool QuickEntryBar::submit()
{
    if (!m_incidentId) {
        showError(tr("Select or declare an incident first."));
        return false;
    }
    const QString text = m_line->text();
    const auto command = QuickEntry::parse(text, m_service.clock().now());
    if (!command) {
        showError(command.errorMessage());
        return false;
    }
    if (const auto done = execute(*command); !done) {
        showError(done.errorMessage());
        return false;
    }
    showError({});
    if (m_history.isEmpty() || m_history.last() != text)
        m_history.append(text);
    m_historyPos = int(m_history.size());
    m_draft.clear();
    m_line->clear();
    Q_EMIT commandExecuted();
    return true;
}

VoidResult QuickEntryBar::execute(const QuickEntry::Command &command)
{
    const qint64 id = *m_incidentId;
    return std::visit(
        Overloaded {
            [&](const QuickEntry::LogEntry &log) -> VoidResult {
                const auto entry = m_service.log(id, log.kind, log.text, command.at, m_userName);
                if (!entry)
                    return entry.error();
                Q_EMIT entryLogged(*entry);
                return {};
            },
            [&](const QuickEntry::SetStatus &status) {
                return m_service.changeStatus(
                    id, status.status, command.at, m_userName, status.reopen);
            },
            [&](const QuickEntry::SetSeverity &severity) {
                return m_service.changeSeverity(
                    id, severity.level, command.at, m_userName, severity.reason);
            },
            [&](const QuickEntry::Assign &assign) {
                return m_service.assignRole(id, assign.role, assign.person, command.at, m_userName);
            },
            [&](const QuickEntry::SetMilestone &milestone) {
                return m_service.setMilestone(id, milestone.milestone,
                    command.at.value_or(m_service.clock().now()), m_userName);
            },
        },
        command.action);
}

void QuickEntryBar::recall(int step)
{
    if (m_history.isEmpty())
        return;
    if (m_historyPos == m_history.size())
        m_draft = m_line->text();
    const int pos = std::clamp(m_historyPos + step, 0, int(m_history.size()));
    if (pos == m_historyPos)
        return;
    m_historyPos = pos;
    m_line->setText(pos == m_history.size() ? m_draft : m_history.at(pos));
}

bool QuickEntryBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_line && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
            if (key->key() == Qt::Key_Up) {
                recall(-1);
                return true;
            }
            if (key->key() == Qt::Key_Down) {
                recall(+1);
                return true;
            }
        }
        if (key->key() == Qt::Key_Escape && !m_error->text().isEmpty()) {
            showError({});
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace idesk
