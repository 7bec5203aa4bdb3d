#include "postmortemeditor.h"

#include "incidentmetrics.h"
#include "presentation.h"
#include "stringlisteditor.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QTextBlock>
#include <QVBoxLayout>

#include <cmath>

namespace idesk {

namespace {

const QString kSlo = QStringLiteral("slo");
const QString kRate = QStringLiteral("hourly_rate");

QString textOf(const QWidget *widget)
{
    if (const auto *plain = qobject_cast<const QPlainTextEdit *>(widget))
        return plain->toPlainText();
    if (const auto *line = qobject_cast<const QLineEdit *>(widget))
        return line->text();
    return {};
}

void setTextOf(QWidget *widget, const QString &text)
{
    if (textOf(widget) == text)
        return; // keeps the cursor and the undo history
    if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
        plain->setPlainText(text);
    else if (auto *line = qobject_cast<QLineEdit *>(widget))
        line->setText(text);
}

// Percentages on screen, fractions in the store; rounded so 99.9 % stays 0.999.
double fromPercent(double percent)
{
    return std::round(percent * 1e6) / 1e8;
}

} // namespace

PostmortemEditor::PostmortemEditor(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 8, 0);
    m_layout->setSpacing(6);

    beginSection(tr("Summary"));
    addNarrative(QStringLiteral("executive_summary"),
        tr("Two or three sentences: what happened, the impact, how it ended. Markdown."), 4,
        [](Postmortem &p) -> QString & { return p.executiveSummary; });

    beginSection(tr("Impact"));
    addLine(QStringLiteral("impact.users_affected"), tr("e.g. 100% of API users, ~12,000 accounts"),
        [](Postmortem &p) -> QString & { return p.impact.usersAffected; });
    addLine(QStringLiteral("impact.revenue_impact"), tr("e.g. ~$50,000 in failed checkouts"),
        [](Postmortem &p) -> QString & { return p.impact.revenueImpact; });
    addNarrative(QStringLiteral("impact.notes"), tr("Anything else about the impact. Markdown."), 3,
        [](Postmortem &p) -> QString & { return p.impact.notes; });
    addSloAndRate();

    beginSection(tr("Analysis"),
        tr("Describe how the system and its processes allowed this, not who is to blame."));
    addNarrative(QStringLiteral("root_cause"), tr("What in the system let this happen? Markdown."),
        4, [](Postmortem &p) -> QString & { return p.rootCause; });
    addList(QStringLiteral("contributing_factors"),
        tr("A condition that made it worse or likelier"),
        [](Postmortem &p) -> QStringList & { return p.contributingFactors; });
    addNarrative(QStringLiteral("trigger"), tr("What set it off. Markdown."), 3,
        [](Postmortem &p) -> QString & { return p.trigger; });
    addNarrative(QStringLiteral("detection"),
        tr("How we found out, and how long it took. Markdown."), 3,
        [](Postmortem &p) -> QString & { return p.detection; });
    addNarrative(QStringLiteral("resolution"), tr("What stopped the impact. Markdown."), 3,
        [](Postmortem &p) -> QString & { return p.resolution; });

    beginSection(tr("Retrospective"));
    addList(QStringLiteral("went_well"), tr("Something that helped"),
        [](Postmortem &p) -> QStringList & { return p.wentWell; });
    addList(QStringLiteral("went_wrong"), tr("Something that hurt"),
        [](Postmortem &p) -> QStringList & { return p.wentWrong; });
    addList(QStringLiteral("got_lucky"), tr("Something that could easily have been worse"),
        [](Postmortem &p) -> QStringList & { return p.gotLucky; });
    addList(QStringLiteral("lessons_learned"), tr("A lesson to keep"),
        [](Postmortem &p) -> QStringList & { return p.lessonsLearned; });

    beginSection(tr("Supporting Information"));
    addNarrative(QStringLiteral("supporting_information"),
        tr("Links to dashboards, logs, related incidents. Markdown."), 3,
        [](Postmortem &p) -> QString & { return p.supportingInformation; });
    m_layout->addStretch(1);

    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(DefaultSaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { (void)flush(); });
    setEnabled(false);
}

void PostmortemEditor::beginSection(const QString &title, const QString &hint)
{
    auto *heading = new QLabel(title, this);
    Presentation::makeTitle(heading, 2);
    if (m_section)
        m_layout->addSpacing(10);
    m_layout->addWidget(heading);
    if (!hint.isEmpty()) {
        auto *hintLabel = new QLabel(hint, this);
        hintLabel->setWordWrap(true);
        Presentation::makeMuted(hintLabel);
        m_layout->addWidget(hintLabel);
    }
    m_section = new QFormLayout;
    m_section->setRowWrapPolicy(QFormLayout::WrapAllRows);
    m_section->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_section->setVerticalSpacing(4);
    m_layout->addLayout(m_section);
}

QPlainTextEdit *PostmortemEditor::addNarrative(const QString &key, const QString &placeholder,
    int lines, std::function<QString &(Postmortem &)> access)
{
    auto *edit = new QPlainTextEdit(this);
    edit->setObjectName(key);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 14);
    edit->installEventFilter(this);
    connect(edit, &QPlainTextEdit::textChanged, this, [this, key] { markEdited(key); });
    m_texts.append({key, edit, std::move(access)});
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("executive_summary"), QT_TR_NOOP("Executive summary")},
        {QStringLiteral("impact.notes"), QT_TR_NOOP("Impact notes")},
        {QStringLiteral("root_cause"), QT_TR_NOOP("Root cause")},
        {QStringLiteral("trigger"), QT_TR_NOOP("Trigger")},
        {QStringLiteral("detection"), QT_TR_NOOP("Detection")},
        {QStringLiteral("resolution"), QT_TR_NOOP("Resolution")},
        {QStringLiteral("supporting_information"), QT_TR_NOOP("Links and evidence")},
    };
    m_section->addRow(tr(labels.value(key)), edit);
    return edit;
}

QLineEdit *PostmortemEditor::addLine(
    const QString &key, const QString &placeholder, std::function<QString &(Postmortem &)> access)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(key);
    edit->setPlaceholderText(placeholder);
    edit->installEventFilter(this);
    connect(edit, &QLineEdit::textEdited, this, [this, key] { markEdited(key); });
    m_texts.append({key, edit, std::move(access)});
    m_section->addRow(
        key == u"impact.users_affected" ? tr("Users affected") : tr("Revenue impact"), edit);
    return edit;
}

StringListEditor *PostmortemEditor::addList(const QString &key, const QString &placeholder,
    std::function<QStringList &(Postmortem &)> access)
{
    auto *editor = new StringListEditor(this);
    editor->setObjectName(key);
    editor->setPlaceholderText(placeholder);
    connect(editor, &StringListEditor::edited, this, [this, key] { markEdited(key); });
    connect(editor, &StringListEditor::focusLeft, this, [this] { (void)flush(); });
    m_lists.append({key, editor, std::move(access)});
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("contributing_factors"), QT_TR_NOOP("Contributing factors")},
        {QStringLiteral("went_well"), QT_TR_NOOP("What went well")},
        {QStringLiteral("went_wrong"), QT_TR_NOOP("What went wrong")},
        {QStringLiteral("got_lucky"), QT_TR_NOOP("Where we got lucky")},
        {QStringLiteral("lessons_learned"), QT_TR_NOOP("Lessons learned")},
    };
    m_section->addRow(tr(labels.value(key)), editor);
    return editor;
}

void PostmortemEditor::addSloAndRate()
{
    m_sloBox = new QGroupBox(tr("SLO context"), this);
    m_sloBox->setObjectName(kSlo);
    m_sloBox->setCheckable(true);
    m_sloBox->setChecked(false);
    m_sloBox->setToolTip(tr("Check to report how much of the error budget the incident used."));
    m_sloTarget = new QDoubleSpinBox(m_sloBox);
    m_sloTarget->setObjectName(QStringLiteral("slo.target"));
    m_sloTarget->setDecimals(4);
    m_sloTarget->setRange(0.0001, 99.9999);
    m_sloTarget->setValue(99.9);
    m_sloTarget->setSuffix(QStringLiteral(" %"));
    m_sloWindow = new QSpinBox(m_sloBox);
    m_sloWindow->setObjectName(QStringLiteral("slo.window_days"));
    m_sloWindow->setRange(1, 36'500);
    m_sloWindow->setValue(30);
    m_sloWindow->setSuffix(tr(" days"));
    m_sloAffected = new QDoubleSpinBox(m_sloBox);
    m_sloAffected->setObjectName(QStringLiteral("slo.affected_fraction"));
    m_sloAffected->setDecimals(2);
    m_sloAffected->setRange(0, 100);
    m_sloAffected->setValue(100);
    m_sloAffected->setSuffix(QStringLiteral(" %"));
    auto *sloForm = new QFormLayout(m_sloBox);
    sloForm->addRow(tr("Target"), m_sloTarget);
    sloForm->addRow(tr("Window"), m_sloWindow);
    sloForm->addRow(tr("Users affected"), m_sloAffected);
    auto *formula = new QLabel(tr("Error budget = (1 − target) × window. Consumed = minutes from "
                                  "started to mitigated × users affected ÷ budget."),
        m_sloBox);
    formula->setWordWrap(true);
    Presentation::makeMuted(formula);
    sloForm->addRow(formula);

    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(kRate);
    m_rate->setDecimals(2);
    m_rate->setRange(0.01, 1'000'000);
    m_rate->setValue(IncidentMetrics::kDefaultHourlyRate);
    m_rate->setPrefix(QStringLiteral("$"));
    m_rate->setSuffix(tr(" per hour"));
    m_rate->setToolTip(tr("A team setting: every incident's cost estimate uses it."));
    auto *rateNote = new QLabel(tr("team setting, used for every incident's cost estimate"), this);
    Presentation::makeMuted(rateNote);
    auto *rateRow = new QHBoxLayout;
    rateRow->addWidget(m_rate);
    rateRow->addWidget(rateNote, 1);

    m_section->addRow(m_sloBox);
    m_section->addRow(tr("Hourly rate for the cost estimate"), rateRow);

    connect(m_sloBox, &QGroupBox::toggled, this, [this] {
        markEdited(kSlo);
        (void)flush();
    });
    for (QDoubleSpinBox *box : {m_sloTarget, m_sloAffected}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { markEdited(kSlo); });
        connect(box, &QDoubleSpinBox::editingFinished, this, [this] { (void)flush(); });
    }
    connect(m_sloWindow, &QSpinBox::valueChanged, this, [this] { markEdited(kSlo); });
    connect(m_sloWindow, &QSpinBox::editingFinished, this, [this] { (void)flush(); });
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, [this] { markEdited(kRate); });
    connect(m_rate, &QDoubleSpinBox::editingFinished, this, [this] { (void)flush(); });
}

void PostmortemEditor::setIncident(std::optional<qint64> incidentId)
{
    if (incidentId == m_incidentId)
        return;
    (void)flush();
    m_incidentId = incidentId;
    m_dirty.clear();
    setEnabled(incidentId.has_value());
    if (!incidentId)
        display(Incident {}, hourlyRate());
}

bool PostmortemEditor::isBusy(const QString &key, const QWidget *widget) const
{
    if (m_dirty.contains(key))
        return true;
    const QWidget *focus = QApplication::focusWidget();
    return focus && (focus == widget || widget->isAncestorOf(focus));
}

void PostmortemEditor::display(const Incident &incident, double rate)
{
    m_loading = true;
    Postmortem stored = incident.postmortem;
    for (const auto &field : std::as_const(m_texts)) {
        if (!isBusy(field.key, field.widget))
            setTextOf(field.widget, field.access(stored));
    }
    for (const auto &field : std::as_const(m_lists)) {
        if (!m_dirty.contains(field.key) && !field.editor->isBusy())
            field.editor->setItems(field.access(stored));
    }
    if (!isBusy(kSlo, m_sloBox)) {
        m_sloBox->setChecked(incident.header.slo.has_value());
        const SloContext slo = incident.header.slo.value_or(SloContext {});
        m_sloTarget->setValue(slo.target * 100);
        m_sloWindow->setValue(slo.windowDays);
        m_sloAffected->setValue(slo.affectedFraction * 100);
    }
    if (!isBusy(kRate, m_rate))
        m_rate->setValue(rate);
    m_loading = false;
}

Postmortem PostmortemEditor::postmortem() const
{
    Postmortem p;
    for (const auto &field : m_texts)
        field.access(p) = textOf(field.widget);
    for (const auto &field : m_lists)
        field.access(p) = field.editor->items();
    return p;
}

std::optional<SloContext> PostmortemEditor::slo() const
{
    if (!m_sloBox->isChecked())
        return std::nullopt;
    return SloContext {fromPercent(m_sloTarget->value()), m_sloWindow->value(),
        fromPercent(m_sloAffected->value())};
}

double PostmortemEditor::hourlyRate() const
{
    return m_rate->value();
}

void PostmortemEditor::markEdited(const QString &key)
{
    if (m_loading || !m_incidentId)
        return;
    m_dirty.insert(key);
    m_saveTimer.start();
    Q_EMIT edited();
}

VoidResult PostmortemEditor::flush()
{
    m_saveTimer.stop();
    if (!m_incidentId || m_dirty.isEmpty())
        return {};
    const QSet<QString> dirty = std::exchange(m_dirty, {});
    const qint64 id = *m_incidentId;
    VoidResult failure;
    auto keepIfFailed = [&](const VoidResult &result, const QSet<QString> &keys) {
        if (result)
            return;
        m_dirty.unite(keys); // what the user typed stays on screen, unsaved
        if (failure)
            failure = result.error();
    };

    // Only the fields edited here: whatever another window saved in the others stays.
    QSet<QString> postmortemKeys = dirty;
    postmortemKeys.remove(kSlo);
    postmortemKeys.remove(kRate);
    if (!postmortemKeys.isEmpty()) {
        const Postmortem shown = postmortem();
        const auto saved = m_service.updatePostmortem(id, [&](Postmortem &p) {
            Postmortem source = shown;
            for (const auto &field : std::as_const(m_texts)) {
                if (postmortemKeys.contains(field.key))
                    field.access(p) = field.access(source);
            }
            for (const auto &field : std::as_const(m_lists)) {
                if (postmortemKeys.contains(field.key))
                    field.access(p) = field.access(source);
            }
        });
        keepIfFailed(saved, postmortemKeys);
    }
    if (dirty.contains(kSlo))
        keepIfFailed(m_service.setSlo(id, slo()), {kSlo});
    if (dirty.contains(kRate))
        keepIfFailed(m_service.setHourlyRate(hourlyRate()), {kRate});
    if (!failure)
        Q_EMIT errorOccurred(failure.errorMessage());
    return failure;
}

bool PostmortemEditor::goTo(const QString &field, qsizetype offset, qsizetype length)
{
    static const QRegularExpression path(
        QStringLiteral("^postmortem\\.([a-z_.]+?)(?:\\[(\\d+)\\])?$"));
    const auto match = path.match(field);
    if (!match.hasMatch())
        return false;
    const QString key = match.captured(1);
    for (const auto &text : std::as_const(m_texts)) {
        if (text.key != key)
            continue;
        revealWidget(text.widget);
        text.widget->setFocus(Qt::OtherFocusReason);
        if (auto *plain = qobject_cast<QPlainTextEdit *>(text.widget)) {
            QTextCursor cursor(plain->document());
            cursor.setPosition(
                int(qMin<qsizetype>(offset, plain->document()->characterCount() - 1)));
            cursor.setPosition(
                int(qMin<qsizetype>(offset + length, plain->document()->characterCount() - 1)),
                QTextCursor::KeepAnchor);
            plain->setTextCursor(cursor);
            plain->ensureCursorVisible();
        } else if (auto *line = qobject_cast<QLineEdit *>(text.widget)) {
            line->setSelection(int(offset), int(length));
        }
        return true;
    }
    for (const auto &list : std::as_const(m_lists)) {
        if (list.key != key)
            continue;
        revealWidget(list.editor);
        list.editor->editItem(match.captured(2).toInt(), offset, length);
        return true;
    }
    return false;
}

QWidget *PostmortemEditor::fieldWidget(const QString &key) const
{
    for (const auto &text : m_texts) {
        if (text.key == key)
            return text.widget;
    }
    for (const auto &list : m_lists) {
        if (list.key == key)
            return list.editor;
    }
    return findChild<QWidget *>(key);
}

void PostmortemEditor::revealWidget(QWidget *widget)
{
    for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
        if (auto *area = qobject_cast<QScrollArea *>(w)) {
            area->ensureWidgetVisible(widget, 20, 60);
            return;
        }
    }
}

bool PostmortemEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusOut && !m_dirty.isEmpty())
        (void)flush();
    return QWidget::eventFilter(watched, event);
}

void PostmortemEditor::hideEvent(QHideEvent *event)
{
    // Another tab or incident shown: save now. A closing window saves in its closeEvent.
    if (window()->isVisible())
        (void)flush();
    QWidget::hideEvent(event);
}

} // namespace idesk
