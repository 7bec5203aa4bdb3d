#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace idesk {

// Where diagnostics come from and where status updates go. The configuration is
// stored (setting "data_sources", see DataSourceCatalog); the secret that goes with it
// (bearer token, basic password, a webhook URL) never is: it lives in a SecretStore
// under secretKey().
struct DataSource
{
    enum class Kind { Prometheus, Alertmanager, Webhook };
    enum class Auth { None, Bearer, Basic };

    QString name; // unique, case-insensitive; what the CLI's --source names
    Kind kind = Kind::Prometheus;
    // Base URL (http/https). For a webhook the URL itself is the secret, so this holds
    // only its origin, for display ("https://hooks.slack.com").
    QString url;
    Auth auth = Auth::None;
    QString username; // Basic auth
    QString caFile; // PEM bundle replacing the system CAs; empty = system store
    int timeoutSeconds = 10;
    // The CLI's alternative to the keychain: the name of an environment variable that
    // holds the token (bearer), password (basic) or URL (webhook). Never the value.
    QString tokenEnv;

    QString secretKey() const; // "source/<name lowercased>"
    bool operator==(const DataSource &) const = default;
};

QString toString(DataSource::Kind kind); // "prometheus", "alertmanager", "webhook"
std::optional<DataSource::Kind> dataSourceKindFromString(const QString &text);
QString displayName(DataSource::Kind kind); // "Prometheus", "Alertmanager", "Slack webhook"
QString toString(DataSource::Auth auth); // "none", "bearer", "basic"
std::optional<DataSource::Auth> dataSourceAuthFromString(const QString &text);

// Checks one source on its own: a name, an http(s) URL, a sane timeout, a readable CA
// file if one is named. The message names the field.
VoidResult validate(const DataSource &source);

// The stored form: a JSON array of objects. Parsing rejects anything that is not one,
// naming the first bad element; unknown keys are ignored.
QByteArray dataSourcesToJson(const QList<DataSource> &sources);
Result<QList<DataSource>> dataSourcesFromJson(const QByteArray &json);

} // namespace idesk
