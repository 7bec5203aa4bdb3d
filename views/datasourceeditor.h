#pragma once

#include "datasource.h"

#include <QDialog>
#include <QMap>

#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace idesk {

class DataSourceCatalog;

// Adds one data source or edits one: name, kind, base URL, auth (a bearer token, or a
// user and password), CA file, timeout. For a Slack-compatible webhook the full
// incoming-webhook URL is the secret: it is typed into a password-style field and goes
// to the secret store; the stored configuration keeps only its origin.
//
// Editing never shows a stored secret. An empty secret field keeps it (and the catalog
// moves it on a rename); "Clear the stored secret" removes it; a secret whose meaning
// changed (another auth kind, to or from a webhook) is replaced or removed, never
// reused. Every check names its field under the field; nothing is saved while one fails.
class DataSourceEditor final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DataSourceEditor)

public:
    enum class Field { Name, Kind, Url, WebhookUrl, Auth, Token, User, Password, CaFile, Timeout };

    // With `existing`, edits that source; without, adds a new one.
    DataSourceEditor(DataSourceCatalog &catalog, const std::optional<DataSource> &existing,
        QWidget *parent = nullptr);

    bool isEditing() const { return m_existing.has_value(); }
    // The name of the source as saved (after accept()).
    QString savedName() const { return m_savedName; }

    // Checks, then adds or updates through the catalog; stays open with the reasons
    // shown when something is refused.
    void accept() override;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *kindCombo() const { return m_kind; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *webhookUrlEdit() const { return m_webhookUrl; }
    QComboBox *authCombo() const { return m_auth; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *clearSecretCheck() const { return m_clearSecret; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QPushButton *browseButton() const { return m_browse; }
    QSpinBox *timeoutSpin() const { return m_timeout; }
    QPushButton *saveButton() const { return m_save; }
    // The message shown under `field`, empty when none is.
    QString fieldError(Field field) const;
    // A failure that belongs to no single field (the secret store refused, ...).
    QString errorText() const;
    // Every message shown, for a test's failure output.
    QStringList errors() const;

private:
    struct Draft
    {
        DataSource source;
        std::optional<QString> secret; // nothing: keep the stored one
    };
    QWidget *addField(QFormLayout *form, const QString &label, QWidget *field, Field which);
    void kindChanged();
    void browseCaFile();
    std::optional<Draft> draft();
    Field fieldOf(const DataSource &source) const;
    void showFieldError(Field field, const QString &message);
    void clearErrors();
    void growToFit();

    DataSourceCatalog &m_catalog;
    std::optional<DataSource> m_existing;
    QString m_savedName;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_webhookUrl = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_clearSecret = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_browse = nullptr;
    QSpinBox *m_timeout = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_error = nullptr;
    QMap<Field, QWidget *> m_fields; // the row's field widget, for showing and hiding it
    QMap<Field, QLabel *> m_fieldErrors;
};

} // namespace idesk
