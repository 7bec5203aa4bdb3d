#include "datasourceeditor.h"

#include "datasourcecatalog.h"
#include "presentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace idesk {

namespace {

// What the stored secret of a source is: the webhook URL, a bearer token, a basic
// password, or nothing. A secret is kept across an edit only when this stays the same.
enum class SecretMeaning { None, WebhookUrl, Token, Password };

SecretMeaning meaningOf(const DataSource &source)
{
    if (source.kind == DataSource::Kind::Webhook)
        return SecretMeaning::WebhookUrl;
    switch (source.auth) {
    case DataSource::Auth::None:
        return SecretMeaning::None;
    case DataSource::Auth::Bearer:
        return SecretMeaning::Token;
    case DataSource::Auth::Basic:
        return SecretMeaning::Password;
    }
    return SecretMeaning::None;
}

} // namespace

DataSourceEditor::DataSourceEditor(
    DataSourceCatalog &catalog, const std::optional<DataSource> &existing, QWidget *parent)
    : QDialog(parent), m_catalog(catalog), m_existing(existing)
{
    setWindowTitle(
        existing ? tr("Edit Data Source — %1").arg(existing->name) : tr("Add Data Source"));
    setMinimumWidth(520);

    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. prod-prometheus: what --source names"));
    m_kind = new QComboBox(this);
    for (const auto kind :
        {DataSource::Kind::Prometheus, DataSource::Kind::Alertmanager, DataSource::Kind::Webhook})
        m_kind->addItem(displayName(kind), int(kind));
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(tr("https://prometheus.example.com:9090"));
    m_webhookUrl = new QLineEdit(this);
    m_webhookUrl->setEchoMode(QLineEdit::Password);
    m_webhookUrl->setPlaceholderText(existing ? tr("Unchanged — type a new URL to replace it")
                                              : tr("https://hooks.slack.com/services/…"));
    m_webhookUrl->setToolTip(tr("The full incoming-webhook URL. It works as a password, so it "
                                "goes to the secret store; only its origin is shown."));
    m_auth = new QComboBox(this);
    m_auth->addItem(tr("None"), int(DataSource::Auth::None));
    m_auth->addItem(tr("Bearer token"), int(DataSource::Auth::Bearer));
    m_auth->addItem(tr("Basic (user and password)"), int(DataSource::Auth::Basic));
    const QString keep = tr("Unchanged — type to replace");
    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(existing ? keep : QString());
    m_user = new QLineEdit(this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(existing ? keep : QString());
    m_clearSecret = new QCheckBox(tr("Clear the stored secret"), this);
    m_clearSecret->setToolTip(tr("Removes the token, password or webhook URL kept for this "
                                 "source from the secret store."));

    auto *caRow = new QWidget(this);
    m_caFile = new QLineEdit(caRow);
    m_caFile->setPlaceholderText(tr("System certificates"));
    m_browse = new QPushButton(tr("&Browse…"), caRow);
    m_browse->setAutoDefault(false);
    auto *caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_caFile, 1);
    caLayout->addWidget(m_browse);
    m_timeout = new QSpinBox(this);
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(10);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    addField(m_form, tr("&Name:"), m_name, Field::Name);
    addField(m_form, tr("&Kind:"), m_kind, Field::Kind);
    addField(m_form, tr("Base &URL:"), m_url, Field::Url);
    addField(m_form, tr("Webhook &URL:"), m_webhookUrl, Field::WebhookUrl);
    addField(m_form, tr("&Authentication:"), m_auth, Field::Auth);
    addField(m_form, tr("&Token:"), m_token, Field::Token);
    addField(m_form, tr("U&ser:"), m_user, Field::User);
    addField(m_form, tr("&Password:"), m_password, Field::Password);
    m_form->addRow(QString(), m_clearSecret);
    addField(m_form, tr("&CA file:"), caRow, Field::CaFile);
    addField(m_form, tr("T&imeout:"), m_timeout, Field::Timeout);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    Presentation::makeError(m_error);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    if (existing && !existing->tokenEnv.isEmpty()) {
        auto *env = new QLabel(tr("Commands also read this source's secret from the environment "
                                  "variable $%1 when it is set.")
                                   .arg(existing->tokenEnv),
            this);
        env->setWordWrap(true);
        Presentation::makeMuted(env);
        layout->addWidget(env);
    }
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);

    if (existing) {
        m_name->setText(existing->name);
        m_kind->setCurrentIndex(m_kind->findData(int(existing->kind)));
        if (existing->kind != DataSource::Kind::Webhook)
            m_url->setText(existing->url);
        m_auth->setCurrentIndex(m_auth->findData(int(existing->auth)));
        m_user->setText(existing->username);
        m_caFile->setText(existing->caFile);
        m_timeout->setValue(existing->timeoutSeconds);
    }

    connect(buttons, &QDialogButtonBox::accepted, this, &DataSourceEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DataSourceEditor::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &DataSourceEditor::kindChanged);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &DataSourceEditor::kindChanged);
    connect(m_browse, &QPushButton::clicked, this, &DataSourceEditor::browseCaFile);
    connect(m_clearSecret, &QCheckBox::toggled, this, [this](bool clear) {
        for (QLineEdit *secret : {m_token, m_password, m_webhookUrl}) {
            if (clear)
                secret->clear();
            secret->setEnabled(!clear);
        }
    });
    kindChanged();
}

QWidget *DataSourceEditor::addField(
    QFormLayout *form, const QString &label, QWidget *field, Field which)
{
    form->addRow(label, field);
    auto *error = new QLabel(this);
    // As wide as the field column (the form grows only expanding fields), then wrapped.
    error->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    error->setWordWrap(true);
    Presentation::makeError(error);
    form->addRow(QString(), error);
    form->setRowVisible(error, false);
    m_fields.insert(which, field);
    m_fieldErrors.insert(which, error);
    return field;
}

void DataSourceEditor::kindChanged()
{
    const auto kind = static_cast<DataSource::Kind>(m_kind->currentData().toInt());
    const auto auth = static_cast<DataSource::Auth>(m_auth->currentData().toInt());
    const bool webhook = kind == DataSource::Kind::Webhook;
    const QMap<Field, bool> shown {
        {Field::Url, !webhook},
        {Field::WebhookUrl, webhook},
        {Field::Auth, !webhook},
        {Field::Token, !webhook && auth == DataSource::Auth::Bearer},
        {Field::User, !webhook && auth == DataSource::Auth::Basic},
        {Field::Password, !webhook && auth == DataSource::Auth::Basic},
    };
    for (auto it = shown.cbegin(); it != shown.cend(); ++it) {
        m_form->setRowVisible(m_fields.value(it.key()), *it);
        if (!*it)
            m_form->setRowVisible(m_fieldErrors.value(it.key()), false);
    }
    // A webhook without its URL cannot work: replace the URL, or remove the source;
    // unless commands read it from the environment.
    const bool fromEnvironment = m_existing && !m_existing->tokenEnv.isEmpty();
    m_form->setRowVisible(
        m_clearSecret, isEditing() && (webhook ? fromEnvironment : auth != DataSource::Auth::None));
    if (!m_form->isRowVisible(m_clearSecret))
        m_clearSecret->setChecked(false);
}

void DataSourceEditor::browseCaFile()
{
    const QString start = m_caFile->text().isEmpty() ? QDir::homePath()
                                                     : QFileInfo(m_caFile->text()).absolutePath();
    const QString file = QFileDialog::getOpenFileName(this, tr("CA Certificates"), start,
        tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty())
        m_caFile->setText(file);
}

std::optional<DataSourceEditor::Draft> DataSourceEditor::draft()
{
    Draft d;
    // Start from the stored source so what this form does not show (the CLI's
    // environment variable) survives an edit.
    DataSource &s = d.source;
    if (m_existing)
        s = *m_existing;
    s.name = m_name->text().trimmed();
    s.kind = static_cast<DataSource::Kind>(m_kind->currentData().toInt());
    s.caFile = m_caFile->text().trimmed();
    s.timeoutSeconds = m_timeout->value();
    s.auth = s.kind == DataSource::Kind::Webhook
        ? DataSource::Auth::None
        : static_cast<DataSource::Auth>(m_auth->currentData().toInt());
    const bool clear = isEditing() && m_clearSecret->isChecked();
    const bool sameMeaning = m_existing && meaningOf(*m_existing) == meaningOf(s);
    const bool fromEnvironment = !s.tokenEnv.isEmpty();

    if (s.kind == DataSource::Kind::Webhook) {
        s.username.clear();
        const QString typed = m_webhookUrl->text().trimmed();
        if (!typed.isEmpty()) {
            const QUrl url(typed, QUrl::StrictMode);
            const QString scheme = url.scheme().toLower();
            if (!url.isValid() || url.host().isEmpty()
                || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
                // Never echo the URL: it is the secret.
                showFieldError(Field::WebhookUrl,
                    tr("The webhook URL must be a full https:// address, as the chat "
                       "tool gave it."));
                return std::nullopt;
            }
            if (!url.userInfo().isEmpty()) {
                showFieldError(
                    Field::WebhookUrl, tr("The webhook URL must not hold a user or password."));
                return std::nullopt;
            }
            QUrl origin;
            origin.setScheme(scheme);
            origin.setHost(url.host());
            origin.setPort(url.port());
            s.url = origin.toString();
            d.secret = typed;
        } else if (sameMeaning && !clear) {
            d.secret = std::nullopt; // keep the stored URL, and its origin
        } else if (fromEnvironment && sameMeaning) {
            d.secret = QString(); // commands read it from the environment
        } else {
            showFieldError(Field::WebhookUrl, tr("Enter the webhook URL."));
            return std::nullopt;
        }
        return d;
    }

    s.url = m_url->text().trimmed();
    s.username = s.auth == DataSource::Auth::Basic ? m_user->text().trimmed() : QString();
    const QString typed = s.auth == DataSource::Auth::Bearer ? m_token->text()
        : s.auth == DataSource::Auth::Basic                  ? m_password->text()
                                                             : QString();
    if (s.auth == DataSource::Auth::None) {
        // Nothing to send; a secret left from an earlier auth kind goes.
        d.secret = isEditing() ? std::optional<QString>(QString()) : std::nullopt;
    } else if (!typed.isEmpty()) {
        d.secret = typed;
    } else if (clear || (!sameMeaning && fromEnvironment)) {
        d.secret = QString();
    } else if (sameMeaning) {
        d.secret = std::nullopt;
    } else {
        showFieldError(s.auth == DataSource::Auth::Bearer ? Field::Token : Field::Password,
            s.auth == DataSource::Auth::Bearer ? tr("Enter the bearer token.")
                                               : tr("Enter the password."));
        return std::nullopt;
    }
    return d;
}

DataSourceEditor::Field DataSourceEditor::fieldOf(const DataSource &source) const
{
    // validate() checks the fields in turn and says which in words; to put the message
    // under the right field, check each field alone on an otherwise valid source.
    DataSource base;
    base.name = QStringLiteral("probe");
    base.url = QStringLiteral("http://localhost");
    const auto refused = [](const DataSource &probe) { return !validate(probe).ok(); };
    DataSource probe = base;
    probe.name = source.name;
    if (refused(probe))
        return Field::Name;
    probe = base;
    probe.url = source.url;
    if (refused(probe))
        return source.kind == DataSource::Kind::Webhook ? Field::WebhookUrl : Field::Url;
    probe = base;
    probe.timeoutSeconds = source.timeoutSeconds;
    if (refused(probe))
        return Field::Timeout;
    probe = base;
    probe.auth = source.auth;
    probe.username = source.username;
    if (refused(probe))
        return Field::User;
    probe = base;
    probe.caFile = source.caFile;
    if (refused(probe))
        return Field::CaFile;
    return Field::Name;
}

void DataSourceEditor::accept()
{
    clearErrors();
    const auto d = draft();
    if (!d)
        return;
    if (auto ok = validate(d->source); !ok) {
        showFieldError(fieldOf(d->source), ok.errorMessage());
        return;
    }
    const VoidResult saved = m_existing ? m_catalog.update(m_existing->name, d->source, d->secret)
                                        : m_catalog.add(d->source, d->secret.value_or(QString()));
    if (!saved) {
        // A clash of names is the one refusal left that belongs to a field.
        if (saved.error().kind == Error::Kind::Validation)
            showFieldError(Field::Name, saved.errorMessage());
        else {
            m_error->setText(saved.errorMessage());
            m_error->show();
            growToFit();
        }
        return;
    }
    m_savedName = d->source.name;
    QDialog::accept();
}

void DataSourceEditor::showFieldError(Field field, const QString &message)
{
    QLabel *label = m_fieldErrors.value(field);
    label->setText(message);
    m_form->setRowVisible(label, true);
    growToFit();
    if (QWidget *widget = m_fields.value(field)) {
        QWidget *focus = widget->focusProxy() ? widget->focusProxy() : widget;
        if (field == Field::CaFile)
            focus = m_caFile;
        focus->setFocus(Qt::OtherFocusReason);
    }
}

void DataSourceEditor::clearErrors()
{
    for (QLabel *label : std::as_const(m_fieldErrors)) {
        label->clear();
        m_form->setRowVisible(label, false);
    }
    m_error->clear();
    m_error->hide();
}

void DataSourceEditor::growToFit()
{
    // A wrapped message needs more height than the dialog had; the layout alone does
    // not grow a window for a label's height-for-width.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalMinimumSize().height();
    if (height() < needed)
        resize(width(), needed);
}

QString DataSourceEditor::fieldError(Field field) const
{
    const QLabel *label = m_fieldErrors.value(field);
    return label ? label->text() : QString();
}

QString DataSourceEditor::errorText() const
{
    return m_error->text();
}

QStringList DataSourceEditor::errors() const
{
    QStringList all;
    for (const QLabel *label : m_fieldErrors) {
        if (!label->text().isEmpty())
            all.append(label->text());
    }
    if (!m_error->text().isEmpty())
        all.append(m_error->text());
    return all;
}

} // namespace idesk
