#include "sourcecommands.h"

#include "datasourcecatalog.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace idesk::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

VoidResult listSources(const ParsedCommand &args, Context &ctx, DataSourceCatalog &catalog)
{
    const auto all = catalog.sources();
    if (!all)
        return all.error();
    if (args.has(QStringLiteral("json"))) {
        QJsonArray array;
        for (const auto &s : *all) {
            array.append(QJsonObject {
                {QStringLiteral("name"), s.name},
                {QStringLiteral("kind"), toString(s.kind)},
                {QStringLiteral("url"), s.url},
                {QStringLiteral("auth"), toString(s.auth)},
                {QStringLiteral("token_env"),
                    s.tokenEnv.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.tokenEnv)},
                {QStringLiteral("ca_file"),
                    s.caFile.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.caFile)},
                {QStringLiteral("timeout_seconds"), s.timeoutSeconds},
            });
        }
        ctx.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return {};
    }
    if (all->isEmpty()) {
        ctx.out << tr("No data sources. Add one with: incidentdesk sources add NAME --kind "
                      "prometheus --url URL")
                << Qt::endl;
        return {};
    }
    for (const auto &s : *all) {
        QString secret = tr("auth %1").arg(toString(s.auth));
        if (!s.tokenEnv.isEmpty())
            secret += tr(", secret from $%1").arg(s.tokenEnv);
        ctx.out << QStringLiteral("%1  %2  %3  (%4, timeout %5 s)\n")
                       .arg(s.name, -16)
                       .arg(toString(s.kind), -12)
                       .arg(s.url, secret)
                       .arg(s.timeoutSeconds);
    }
    return {};
}

VoidResult addSource(const ParsedCommand &args, Context &ctx, DataSourceCatalog &catalog)
{
    for (const char *required : {"kind", "url"}) {
        if (!args.has(QString::fromLatin1(required)))
            return Error::validation(
                tr("sources add: --%1 is required.").arg(QString::fromLatin1(required)));
    }
    DataSource source;
    source.name = args.positionals.value(1);
    const auto kind = dataSourceKindFromString(args.option(QStringLiteral("kind")));
    if (!kind)
        return Error::validation(tr("sources add: --kind must be prometheus, alertmanager or "
                                    "webhook, not \"%1\".")
                                     .arg(args.option(QStringLiteral("kind"))));
    source.kind = *kind;
    const QString url = args.option(QStringLiteral("url")).trimmed();
    source.url = url;
    if (args.has(QStringLiteral("timeout"))) {
        bool ok = false;
        source.timeoutSeconds = args.option(QStringLiteral("timeout")).toInt(&ok);
        if (!ok)
            return Error::validation(tr("sources add: --timeout takes whole seconds, not \"%1\".")
                                         .arg(args.option(QStringLiteral("timeout"))));
    }
    if (args.has(QStringLiteral("ca-file")))
        source.caFile = QFileInfo(args.option(QStringLiteral("ca-file"))).absoluteFilePath();
    source.tokenEnv = args.option(QStringLiteral("token-env")).trimmed();
    if (args.has(QStringLiteral("token-env")) && source.tokenEnv.isEmpty())
        return Error::validation(tr("sources add: --token-env names an environment variable."));
    QString secret;
    if (source.kind == DataSource::Kind::Webhook) {
        // A webhook's URL is its secret: keep only its origin in the database.
        const QUrl full(url, QUrl::StrictMode);
        source.url
            = full.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
        if (!full.path().isEmpty() && full.path() != u"/")
            secret = url;
    } else if (!source.tokenEnv.isEmpty()) {
        source.auth = DataSource::Auth::Bearer;
    }
    if (auto added = catalog.add(source, secret); !added)
        return added;
    if (catalog.secretStore().isFallback() && !secret.isEmpty())
        QTextStream(stderr) << tr("incidentdesk: warning: no keychain is reachable; the secret "
                                  "is kept in %1")
                                   .arg(catalog.secretStore().description())
                            << Qt::endl;
    ctx.out << source.name << Qt::endl;
    return {};
}

} // namespace

VoidResult sources(const ParsedCommand &args, Context &ctx)
{
    const QString action = args.positionals.value(0);
    const bool adding = action == u"add";
    const bool removing = action == u"remove";
    if (!action.isEmpty() && !adding && !removing)
        return Error::validation(tr("sources: \"%1\" is not add or remove.").arg(action));
    if ((adding || removing) && args.positionals.size() != 2)
        return Error::validation(tr("sources %1: give the source's NAME.").arg(action));
    if (action.isEmpty() && args.positionals.size() > 0)
        return Error::validation(tr("sources: unexpected \"%1\".").arg(args.positionals.value(1)));
    const bool hasAddOptions = args.has(QStringLiteral("kind")) || args.has(QStringLiteral("url"))
        || args.has(QStringLiteral("token-env")) || args.has(QStringLiteral("ca-file"))
        || args.has(QStringLiteral("timeout"));
    if (!adding && hasAddOptions)
        return Error::validation(tr("sources: --kind, --url, --token-env, --ca-file and "
                                    "--timeout go with \"sources add\"."));
    if (!action.isEmpty() && args.has(QStringLiteral("json")))
        return Error::validation(tr("sources: --json goes with the list (\"sources --json\")."));
    const auto catalog = ctx.catalog();
    if (!catalog)
        return catalog.error();
    if (adding)
        return addSource(args, ctx, **catalog);
    if (removing)
        return (*catalog)->remove(args.positionals.value(1));
    return listSources(args, ctx, **catalog);
}

} // namespace idesk::cli
