#include "declaredialog.h"

#include "presentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace idesk {

DeclareDialog::DeclareDialog(IncidentService &service, const QString &userName, QWidget *parent)
    : QDialog(parent), m_service(service), m_userName(userName)
{
    setWindowTitle(tr("Declare Incident"));
    setMinimumWidth(520);

    m_title = new QLineEdit(this);
    m_title->setPlaceholderText(tr("What is broken, in a few words"));
    m_title->setMaxLength(IncidentRules::kMaxTitleLength);

    m_severity = new QComboBox(this);
    m_criteria = new QLabel(this);
    m_criteria->setWordWrap(true);
    Presentation::makeMuted(m_criteria);

    m_summary = new QPlainTextEdit(this);
    m_summary->setPlaceholderText(tr("What users see, what is known so far (optional)"));
    m_summary->setTabChangesFocus(true);
    m_summary->setFixedHeight(90);

    m_commander = new QLineEdit(userName, this);
    m_commander->setPlaceholderText(tr("Nobody takes command yet"));

    m_backdate = new QCheckBox(tr("Impact began earlier, at"), this);
    m_started = new QDateTimeEdit(this);
    m_started->setTimeSpec(Qt::LocalTime);
    m_started->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_started->setCalendarPopup(true);
    const QDateTime now = m_service.clock().now().toLocalTime();
    m_started->setDateTime(now);
    m_started->setMaximumDateTime(now);
    m_started->setEnabled(false);
    connect(m_backdate, &QCheckBox::toggled, m_started, &QWidget::setEnabled);
    auto *startRow = new QHBoxLayout;
    startRow->addWidget(m_backdate);
    startRow->addWidget(m_started, 1);

    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    Presentation::makeMuted(m_note);
    m_note->hide();

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    Presentation::makeError(m_error);
    m_error->hide();

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Severity:"), m_severity);
    form->addRow(QString(), m_criteria);
    form->addRow(tr("S&ummary:"), m_summary);
    form->addRow(tr("&Commander:"), m_commander);
    form->addRow(tr("Start:"), startRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Declare"));
    buttons->button(QDialogButtonBox::Ok)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &DeclareDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DeclareDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 18, 18, 14);
    layout->setSpacing(10);
    layout->addWidget(m_note);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);

    loadSeverities();
    connect(m_severity, &QComboBox::currentIndexChanged, this, &DeclareDialog::showCriteria);
    showCriteria();
    m_title->setFocus();
}

void DeclareDialog::loadSeverities()
{
    auto severities = m_service.repository().severities();
    if (!severities) {
        showError(tr("Cannot read the severities: %1").arg(severities.errorMessage()));
        return;
    }
    m_severities = std::move(severities).value();
    int preferred = 0;
    for (int i = 0; i < m_severities.size(); ++i) {
        const auto &s = m_severities.at(i);
        m_severity->addItem(Presentation::severityIcon(s.level), s.name(), s.level);
        m_severity->setItemData(i, s.criteria, Qt::ToolTipRole);
        // SEV-2 unless the commander says otherwise: neither wakes everyone nor hides it.
        if (s.level == 2)
            preferred = i;
    }
    m_severity->setCurrentIndex(preferred);
}

void DeclareDialog::showCriteria()
{
    const int i = m_severity->currentIndex();
    if (i < 0 || i >= m_severities.size()) {
        m_criteria->clear();
        return;
    }
    const auto &s = m_severities.at(i);
    m_criteria->setText(
        tr("%1 — status update every %2 min").arg(s.criteria).arg(s.cadenceMinutes));
}

bool DeclareDialog::prefill(const DeclareRequest &request, const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    m_title->setText(request.title);
    m_title->setCursorPosition(0);
    const int index = m_severity->findData(request.severity);
    if (index >= 0)
        m_severity->setCurrentIndex(index);
    m_summary->setPlainText(request.summary);
    if (!request.commander.trimmed().isEmpty())
        m_commander->setText(request.commander);
    if (request.startedAt) {
        const QDateTime started
            = std::min(request.startedAt->toLocalTime(), m_started->maximumDateTime());
        // Keep the seconds an alert's start has, so the incident starts when it did.
        if (started.time().second() != 0)
            m_started->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        m_started->setDateTime(started);
        m_backdate->setChecked(true);
    }
    return index >= 0;
}

void DeclareDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void DeclareDialog::accept()
{
    DeclareRequest request;
    request.title = m_title->text();
    request.severity = m_severity->currentData().toInt();
    request.summary = m_summary->toPlainText();
    request.commander = m_commander->text();
    if (m_backdate->isChecked())
        request.startedAt = m_started->dateTime().toUTC();
    request.author = m_userName;

    const auto id = m_service.declare(request);
    if (!id) {
        showError(id.errorMessage());
        m_title->setFocus();
        return;
    }
    m_declaredId = *id;
    showError({});
    Q_EMIT declared(*id);
    QDialog::accept();
}

} // namespace idesk
