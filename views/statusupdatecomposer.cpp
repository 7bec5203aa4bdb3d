#include "statusupdatecomposer.h"

#include "presentation.h"
#include "statusupdatetext.h"
#include "updatedelivery.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>

namespace idesk {

namespace {
QPlainTextEdit *smallTextEdit(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 12);
    return edit;
}
} // namespace

StatusUpdateComposer::StatusUpdateComposer(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_moment = new QComboBox(this);
    for (auto moment : UpdateTemplates::allMoments())
        m_moment->addItem(UpdateTemplates::momentTitle(moment), int(moment));
    m_audience = new QComboBox(this);
    m_audience->addItem(tr("Internal"), int(Audience::Internal));
    m_audience->addItem(tr("External"), int(Audience::External));
    m_status = new QLineEdit(this);
    m_status->setPlaceholderText(tr("Headline status, e.g. Investigating elevated checkout errors"));
    m_impact = smallTextEdit(this);
    m_impact->setPlaceholderText(tr("Conditions: who is affected and how"));
    m_actions = smallTextEdit(this);
    m_actions->setPlaceholderText(tr("Actions: what responders are doing now"));
    m_needs = smallTextEdit(this);
    m_needs->setPlaceholderText(tr("Needs: what would help (people, decisions, access)"));
    m_nextMinutes = new QSpinBox(this);
    m_nextMinutes->setRange(0, 24 * 60);
    m_nextMinutes->setSuffix(tr(" min"));
    m_nextMinutes->setSpecialValueText(tr("no further update"));

    auto *templateRow = new QHBoxLayout;
    templateRow->addWidget(m_moment, 1);
    templateRow->addWidget(m_audience);
    auto *form = new QFormLayout;
    form->addRow(tr("Template:"), templateRow);
    form->addRow(tr("&Status:"), m_status);
    form->addRow(tr("&Impact:"), m_impact);
    form->addRow(tr("&Actions:"), m_actions);
    form->addRow(tr("&Needs:"), m_needs);
    form->addRow(tr("Ne&xt update in:"), m_nextMinutes);
    m_target = new QComboBox(this);
    m_target->setToolTip(tr("A Slack-compatible webhook that also receives the update. "
                            "Configure webhooks in Settings → Data sources."));
    form->addRow(tr("Also &send to:"), m_target);

    auto *postButton = new QPushButton(tr("&Post update"), this);
    postButton->setDefault(true);
    postButton->setToolTip(tr("Posts the update (Ctrl+Return): it goes on the timeline and "
                              "restarts the countdown."));
    auto *copyText = new QPushButton(tr("Copy text"), this);
    auto *copyMarkdown = new QPushButton(tr("Copy Markdown"), this);
    auto *copySlack = new QPushButton(tr("Copy Slack"), this);
    auto *saveTemplate = new QPushButton(tr("Save as template"), this);
    saveTemplate->setToolTip(tr("Stores these fields as the chosen template for this audience. "
                                "{id}, {title}, {severity}, {status} and {summary} are filled "
                                "from the incident."));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(postButton);
    buttons->addStretch(1);
    buttons->addWidget(copyText);
    buttons->addWidget(copyMarkdown);
    buttons->addWidget(copySlack);
    buttons->addWidget(saveTemplate);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(postButton, &QPushButton::clicked, this, &StatusUpdateComposer::post);
    connect(saveTemplate, &QPushButton::clicked, this, &StatusUpdateComposer::saveAsTemplate);
    connect(copyText, &QPushButton::clicked, this, [this] { copyAs(&StatusUpdateText::plain); });
    connect(copyMarkdown, &QPushButton::clicked, this, [this] { copyAs(&StatusUpdateText::markdown); });
    connect(copySlack, &QPushButton::clicked, this, [this] { copyAs(&StatusUpdateText::slack); });
    auto reapply = [this] { applyTemplate(currentMoment(), currentAudience()); };
    connect(m_moment, &QComboBox::activated, this, reapply);
    connect(m_audience, &QComboBox::activated, this, reapply);
    auto *postShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    postShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(postShortcut, &QShortcut::activated, this, &StatusUpdateComposer::post);
    refreshTargets();
    setEnabled(false);
}

void StatusUpdateComposer::setDispatcher(UpdateDispatcher *dispatcher)
{
    if (m_dispatcher)
        disconnect(m_dispatcher, nullptr, this, nullptr);
    m_dispatcher = dispatcher;
    if (m_dispatcher)
        connect(m_dispatcher, &UpdateDispatcher::finished, this, &StatusUpdateComposer::onDelivered);
    refreshTargets();
}

void StatusUpdateComposer::refreshTargets()
{
    const QString chosen = target();
    m_target->clear();
    m_target->addItem(tr("Nobody else (copy it yourself)"), QString());
    const auto webhooks = m_dispatcher ? m_dispatcher->webhooks() : QList<DataSource>();
    for (const auto &hook : webhooks)
        m_target->addItem(tr("%1 (%2)").arg(hook.name, hook.url), hook.name);
    m_target->setEnabled(!webhooks.isEmpty());
    // A single webhook is where a team sends its updates; preselect it.
    if (!chosen.isEmpty())
        setTarget(chosen);
    else if (webhooks.size() == 1)
        m_target->setCurrentIndex(1);
}

QString StatusUpdateComposer::target() const
{
    return m_target->currentData().toString();
}

void StatusUpdateComposer::setTarget(const QString &name)
{
    const int index = m_target->findData(name);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

void StatusUpdateComposer::onDelivered(qint64 incidentId, qint64, bool delivered,
                                       const QString &reason)
{
    if (!m_incident || m_incident->id != incidentId)
        return;
    if (delivered)
        showMessage(tr("Update posted and delivered."), false);
    else
        showMessage(tr("Update posted, but NOT delivered: %1. Retry from the posted updates.")
                            .arg(reason),
                    true);
}

UpdateTemplates::Moment StatusUpdateComposer::currentMoment() const
{
    return static_cast<UpdateTemplates::Moment>(m_moment->currentData().toInt());
}

Audience StatusUpdateComposer::currentAudience() const
{
    return static_cast<Audience>(m_audience->currentData().toInt());
}

void StatusUpdateComposer::setIncident(const IncidentHeader &incident, int postedUpdates,
                                       int cadenceMinutes)
{
    const bool sameIncident = m_incident && m_incident->id == incident.id;
    m_incident = incident;
    setEnabled(true);
    if (sameIncident)
        return; // a refresh must not overwrite what the comms lead is writing
    m_nextMinutes->setValue(cadenceMinutes);
    UpdateTemplates::Moment moment = UpdateTemplates::Moment::Routine;
    if (postedUpdates == 0)
        moment = UpdateTemplates::Moment::First;
    if (!Lifecycle::isOpen(incident.status))
        moment = UpdateTemplates::Moment::Resolution;
    m_moment->setCurrentIndex(m_moment->findData(int(moment)));
    applyTemplate(moment, currentAudience());
    showMessage({}, false);
}

void StatusUpdateComposer::clearIncident()
{
    m_incident.reset();
    setEnabled(false);
}

void StatusUpdateComposer::applyTemplate(UpdateTemplates::Moment moment, Audience audience)
{
    if (!m_incident)
        return;
    UpdateTemplates::Template text = UpdateTemplates::builtIn(moment, audience);
    const auto stored = m_service.repository().setting(UpdateTemplates::settingKey(moment, audience));
    if (stored && !stored->isEmpty()) {
        if (const auto parsed = UpdateTemplates::parse(*stored))
            text = *parsed;
    }
    const auto filled = UpdateTemplates::fill(text, *m_incident);
    m_status->setText(filled.status);
    m_impact->setPlainText(filled.impact);
    m_actions->setPlainText(filled.actions);
    m_needs->setPlainText(filled.needs);
    if (moment == UpdateTemplates::Moment::Resolution)
        m_nextMinutes->setValue(0);
}

StatusUpdate StatusUpdateComposer::draft() const
{
    StatusUpdate update;
    update.at = m_service.clock().now();
    update.status = m_status->text().trimmed();
    update.impact = m_impact->toPlainText().trimmed();
    update.actions = m_actions->toPlainText().trimmed();
    update.needs = m_needs->toPlainText().trimmed();
    update.audience = currentAudience();
    if (m_nextMinutes->value() > 0)
        update.nextUpdateAt = update.at.addSecs(qint64(m_nextMinutes->value()) * 60);
    return update;
}

bool StatusUpdateComposer::post()
{
    if (!m_incident)
        return false;
    const auto done = m_service.postStatusUpdate(m_incident->id, draft(), m_userName);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return false;
    }
    const QString postedAt =
            m_service.clock().now().toLocalTime().toString(QStringLiteral("HH:mm"));
    const QString hook = target();
    if (m_dispatcher && !hook.isEmpty()) {
        // The update is stored; sending it is a separate, retryable step.
        const auto incident = m_service.repository().loadIncident(m_incident->id);
        qint64 newest = 0;
        if (incident) {
            for (const auto &u : incident->statusUpdates)
                newest = qMax(newest, u.id);
        }
        if (newest != 0) {
            m_dispatcher->deliver(m_incident->id, newest, hook, m_userName);
            showMessage(tr("Update posted at %1; sending to %2…").arg(postedAt, hook), false);
        } else {
            showMessage(tr("Update posted at %1, but it could not be read back to send: %2")
                                .arg(postedAt, incident.errorMessage()),
                        true);
        }
    } else {
        showMessage(tr("Update posted at %1.").arg(postedAt), false);
    }
    m_moment->setCurrentIndex(m_moment->findData(int(UpdateTemplates::Moment::Routine)));
    Q_EMIT posted();
    return true;
}

bool StatusUpdateComposer::saveAsTemplate()
{
    const StatusUpdate update = draft();
    const UpdateTemplates::Template text{update.status, update.impact, update.actions, update.needs};
    const auto saved = m_service.repository().setSetting(
            UpdateTemplates::settingKey(currentMoment(), currentAudience()),
            UpdateTemplates::serialize(text));
    if (!saved) {
        showMessage(saved.errorMessage(), true);
        return false;
    }
    showMessage(tr("Saved as the \"%1\" template for %2 updates.")
                        .arg(m_moment->currentText(), audienceName(currentAudience())),
                false);
    return true;
}

QString StatusUpdateComposer::errorText() const
{
    return m_message->property("isError").toBool() && m_message->isVisibleTo(this)
            ? m_message->text()
            : QString();
}

void StatusUpdateComposer::showMessage(const QString &message, bool error)
{
    m_message->setText(message);
    m_message->setProperty("isError", error);
    if (error)
        Presentation::makeError(m_message);
    else
        Presentation::makeMuted(m_message);
    m_message->setVisible(!message.isEmpty());
}

void StatusUpdateComposer::copyAs(QString (*format)(const IncidentHeader &, const StatusUpdate &))
{
    if (!m_incident)
        return;
    QApplication::clipboard()->setText(format(*m_incident, draft()));
    showMessage(tr("Copied to the clipboard."), false);
}

} // namespace idesk
