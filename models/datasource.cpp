#include "datasource.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace idesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DataSource", text);
}

constexpr int kMaxTimeoutSeconds = 600;

} // namespace

QString DataSource::secretKey() const
{
    return QStringLiteral("source/") + name.trimmed().toLower();
}

QString toString(DataSource::Kind kind)
{
    switch (kind) {
    case DataSource::Kind::Prometheus:
        return QStringLiteral("prometheus");
    case DataSource::Kind::Alertmanager:
        return QStringLiteral("alertmanager");
    case DataSource::Kind::Webhook:
        return QStringLiteral("webhook");
    }
    return {};
}

std::optional<DataSource::Kind> dataSourceKindFromString(const QString &text)
{
    for (const auto kind : {DataSource::Kind::Prometheus, DataSource::Kind::Alertmanager,
                            DataSource::Kind::Webhook}) {
        if (text.trimmed().compare(toString(kind), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

QString displayName(DataSource::Kind kind)
{
    switch (kind) {
    case DataSource::Kind::Prometheus:
        return tr("Prometheus");
    case DataSource::Kind::Alertmanager:
        return tr("Alertmanager");
    case DataSource::Kind::Webhook:
        return tr("Slack webhook");
    }
    return {};
}

QString toString(DataSource::Auth auth)
{
    switch (auth) {
    case DataSource::Auth::None:
        return QStringLiteral("none");
    case DataSource::Auth::Bearer:
        return QStringLiteral("bearer");
    case DataSource::Auth::Basic:
        return QStringLiteral("basic");
    }
    return {};
}

std::optional<DataSource::Auth> dataSourceAuthFromString(const QString &text)
{
    for (const auto auth : {DataSource::Auth::None, DataSource::Auth::Bearer,
                            DataSource::Auth::Basic}) {
        if (text.trimmed().compare(toString(auth), Qt::CaseInsensitive) == 0)
            return auth;
    }
    return std::nullopt;
}

VoidResult validate(const DataSource &source)
{
    const QString name = source.name.trimmed();
    if (name.isEmpty())
        return Error::validation(tr("A data source needs a name."));
    if (name.size() > 64)
        return Error::validation(tr("A data source's name is at most 64 characters."));
    for (const QChar c : name) {
        if (c.isSpace() && c != QLatin1Char(' '))
            return Error::validation(tr("A data source's name must be on one line."));
        if (!c.isPrint())
            return Error::validation(tr("A data source's name must be printable text."));
    }
    const QUrl url(source.url.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (source.url.trimmed().isEmpty())
        return Error::validation(tr("The data source \"%1\" needs a URL.").arg(name));
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return Error::validation(
                tr("The URL of \"%1\" must be an http:// or https:// address.").arg(name));
    if (!url.userInfo().isEmpty())
        return Error::validation(
                tr("The URL of \"%1\" must not hold a user or password; use the auth fields.")
                        .arg(name));
    if (source.timeoutSeconds < 1 || source.timeoutSeconds > kMaxTimeoutSeconds)
        return Error::validation(tr("The timeout of \"%1\" must be 1 to %2 seconds.")
                                         .arg(name)
                                         .arg(kMaxTimeoutSeconds));
    if (source.auth == DataSource::Auth::Basic && source.username.trimmed().isEmpty())
        return Error::validation(tr("Basic auth for \"%1\" needs a user name.").arg(name));
    if (!source.caFile.isEmpty()) {
        const QFileInfo ca(source.caFile);
        if (!ca.isFile() || !ca.isReadable())
            return Error::validation(
                    tr("The CA file of \"%1\" is not a readable file: %2").arg(name, source.caFile));
    }
    if (!source.tokenEnv.isEmpty()) {
        for (const QChar c : source.tokenEnv) {
            if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('_'))
                return Error::validation(
                        tr("\"%1\" is not an environment variable name.").arg(source.tokenEnv));
        }
    }
    return {};
}

QByteArray dataSourcesToJson(const QList<DataSource> &sources)
{
    QJsonArray array;
    for (const auto &s : sources) {
        array.append(QJsonObject {
                {QStringLiteral("name"), s.name},
                {QStringLiteral("kind"), toString(s.kind)},
                {QStringLiteral("url"), s.url},
                {QStringLiteral("auth"), toString(s.auth)},
                {QStringLiteral("username"), s.username},
                {QStringLiteral("ca_file"), s.caFile},
                {QStringLiteral("timeout_seconds"), s.timeoutSeconds},
                {QStringLiteral("token_env"), s.tokenEnv},
        });
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

Result<QList<DataSource>> dataSourcesFromJson(const QByteArray &json)
{
    if (json.trimmed().isEmpty())
        return QList<DataSource> {};
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray())
        return Error::validation(tr("The stored data sources are not a JSON array."));
    QList<DataSource> sources;
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        DataSource s;
        s.name = o.value(QStringLiteral("name")).toString();
        const auto kind = dataSourceKindFromString(o.value(QStringLiteral("kind")).toString());
        const auto auth = dataSourceAuthFromString(
                o.value(QStringLiteral("auth")).toString(QStringLiteral("none")));
        if (s.name.isEmpty() || !kind || !auth)
            return Error::validation(tr("Stored data source %1 is malformed.").arg(i + 1));
        s.kind = *kind;
        s.auth = *auth;
        s.url = o.value(QStringLiteral("url")).toString();
        s.username = o.value(QStringLiteral("username")).toString();
        s.caFile = o.value(QStringLiteral("ca_file")).toString();
        s.timeoutSeconds = o.value(QStringLiteral("timeout_seconds")).toInt(10);
        s.tokenEnv = o.value(QStringLiteral("token_env")).toString();
        sources.append(s);
    }
    return sources;
}

} // namespace idesk
