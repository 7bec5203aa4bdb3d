#include "httpdiagnosticsource.h"

#include "alertmanagerparser.h"
#include "prometheusparser.h"

#include <QMetaObject>
#include <QMutexLocker>
#include <QThreadPool>

#include <algorithm>
#include <limits>

namespace idesk {

namespace {

QByteArray formEncode(const QList<std::pair<QString, QString>> &parameters)
{
    // Encodes everything but the unreserved characters. QUrlQuery would leave "+" as it
    // is, which form decoding (Prometheus's Go server) reads as a space: "a + b" and
    // le="+Inf" would arrive broken.
    QByteArray encoded;
    for (const auto &[key, value] : parameters) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return encoded;
}

// Prometheus's time parameters: Unix seconds with milliseconds.
QString unixSeconds(const QDateTime &at)
{
    return QString::number(double(at.toMSecsSinceEpoch()) / 1000.0, 'f', 3);
}

QString quotedName(const DataSource &config)
{
    return u'"' + config.name + u'"';
}

} // namespace

HttpDiagnosticSource::HttpDiagnosticSource(DataSource config, QString secret, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_secret(std::move(secret)),
      m_client(std::make_unique<HttpClient>()), m_mailbox(std::make_shared<Mailbox>())
{
    m_mailbox->source = this;
}

HttpDiagnosticSource::~HttpDiagnosticSource()
{
    {
        // A parse job still running finds no one to post to.
        const QMutexLocker lock(&m_mailbox->mutex);
        m_mailbox->source = nullptr;
    }
    m_parsing.clear();
    // The client takes its replies with it without a signal; nothing is delivered.
    for (HttpReply *reply : std::as_const(m_replies))
        disconnect(reply, nullptr, this, nullptr);
    m_replies.clear();
    m_client.reset();
}

int HttpDiagnosticSource::stepSeconds(const QueryWindow &window)
{
    if (window.stepSeconds > 0)
        return window.stepSeconds;
    const qint64 span = qMax<qint64>(0, window.start.secsTo(window.end));
    const qint64 step = (span + kTargetPoints - 1) / kTargetPoints;
    return int(std::clamp<qint64>(step, 1, std::numeric_limits<int>::max()));
}

QUrl HttpDiagnosticSource::endpoint(const QString &baseUrl, const QString &apiPath)
{
    QUrl url(baseUrl.trimmed());
    url.setQuery(QString());
    url.setFragment(QString());
    QString path = url.path();
    if (!path.endsWith(u'/'))
        path += u'/';
    url.setPath(path + apiPath);
    return url;
}

std::optional<Error> HttpDiagnosticSource::unusable() const
{
    const QUrl base(m_config.url.trimmed());
    const QString scheme = base.scheme().toLower();
    if (!base.isValid() || base.host().isEmpty() || (scheme != u"http" && scheme != u"https"))
        return Error::validation(
            tr("The data source %1 has no http:// or https:// URL.").arg(quotedName(m_config)));
    if (m_config.auth == DataSource::Auth::Bearer && m_secret.isEmpty())
        return Error::validation(
            tr("No token is stored for the data source %1.").arg(quotedName(m_config)));
    if (m_config.auth == DataSource::Auth::Basic && m_config.username.isEmpty())
        return Error::validation(
            tr("Basic auth for the data source %1 needs a user name.").arg(quotedName(m_config)));
    return std::nullopt;
}

std::optional<Error> HttpDiagnosticSource::requireKind(
    DataSource::Kind kind, const QString &what) const
{
    if (m_config.kind == kind)
        return std::nullopt;
    return Error::validation(
        tr("The data source %1 (%2) cannot answer %3; that needs a %4 source.")
            .arg(quotedName(m_config), displayName(m_config.kind), what, displayName(kind)));
}

HttpRequest HttpDiagnosticSource::request(
    const QString &apiPath, const Parameters &parameters) const
{
    HttpRequest request = HttpRequest::get(endpoint(m_config.url, apiPath));
    if (!parameters.isEmpty()) {
        const QByteArray form = formEncode(parameters);
        if (form.size() > kMaxQueryInUrl) {
            request.method = HttpRequest::Method::Post;
            request.body = form;
            request.headers.append({QByteArrayLiteral("Content-Type"),
                QByteArrayLiteral("application/x-www-form-urlencoded")});
        } else {
            request.url.setQuery(QString::fromLatin1(form), QUrl::TolerantMode);
        }
    }
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    const std::chrono::milliseconds total = std::chrono::seconds(qMax(1, m_config.timeoutSeconds));
    request.totalTimeout = total;
    request.connectTimeout = std::min<std::chrono::milliseconds>(kMaxConnectTimeout, total);
    request.maxResponseBytes = kMaxResponseBytes;
    request.caFile = m_config.caFile;
    switch (m_config.auth) {
    case DataSource::Auth::None:
        break;
    case DataSource::Auth::Bearer:
        request.bearerToken = m_secret;
        break;
    case DataSource::Auth::Basic:
        request.basicUser = m_config.username;
        request.basicPassword = m_secret;
        break;
    }
    return request;
}

// A server may echo what it was sent; whatever it says goes out without our secret
// and without the base URL's path (part of which can be a secret too).
QString HttpDiagnosticSource::scrub(QString message) const
{
    // Too short a needle would mangle ordinary words; a secret is never that short.
    constexpr qsizetype kShortest = 4;
    if (m_secret.size() >= kShortest)
        message.replace(m_secret, QStringLiteral("…"));
    const QUrl base(m_config.url.trimmed());
    for (const auto form : {QUrl::FullyDecoded, QUrl::FullyEncoded}) {
        QString basePath = base.path(form);
        while (basePath.endsWith(u'/'))
            basePath.chop(1);
        if (basePath.size() >= kShortest)
            message.replace(basePath, QStringLiteral("…"));
    }
    return message;
}

Error HttpDiagnosticSource::failure(const QString &origin, const HttpError &error) const
{
    if (error.kind == HttpError::Kind::HttpStatus) {
        if (const auto apiError = PrometheusParser::parseError(error.body)) {
            const QString message = scrub(tr("%1 answered HTTP %2: %3")
                                              .arg(origin)
                                              .arg(error.status)
                                              .arg(apiError->toString()));
            return apiError->type == u"bad_data" ? Error::validation(message) : Error::io(message);
        }
    }
    return Error::io(scrub(error.message));
}

template<typename T>
Result<T> HttpDiagnosticSource::explained(Result<T> parsed, const QString &origin) const
{
    if (parsed)
        return parsed;
    return Error {parsed.error().kind,
        scrub(tr("The answer from %1 is unusable: %2").arg(origin, parsed.error().message))};
}

template<typename T>
void HttpDiagnosticSource::send(
    HttpRequest outgoing, Result<T> (*parse)(const QByteArray &), Callback<T> done)
{
    const QString origin = outgoing.origin();
    HttpReply *reply = m_client->send(std::move(outgoing));
    m_replies.insert(reply);
    connect(reply, &HttpReply::finished, this,
        [this, reply, parse, origin, done = std::move(done)](const HttpResult &result) {
            m_replies.remove(reply);
            if (result.ok() && result->body.size() > kParseInlineBytes)
                return parseInBackground(result->body, parse, origin, std::move(done));
            Result<T> outcome = result.ok() ? explained(parse(result->body), origin)
                                            : Result<T>(failure(origin, result.error()));
            // The last thing done here: the callback may destroy this source.
            done(std::move(outcome));
        });
}

template<typename T>
void HttpDiagnosticSource::parseInBackground(
    QByteArray body, Result<T> (*parse)(const QByteArray &), QString origin, Callback<T> done)
{
    // The callback stays on this thread (it may capture anything); the job gets only
    // the bytes, the parser and a way back.
    const quint64 job = ++m_nextJob;
    m_parsing.emplace(job, std::move(done));
    QThreadPool::globalInstance()->start(
        [mailbox = m_mailbox, job, body = std::move(body), parse, origin = std::move(origin)] {
            Result<T> parsed = parse(body);
            const QMutexLocker lock(&mailbox->mutex);
            if (HttpDiagnosticSource *source = mailbox->source) {
                // Posting is thread-safe; the event dies with the source if it goes first.
                QMetaObject::invokeMethod(
                    source,
                    [source, job, parsed = std::move(parsed), origin]() mutable {
                        source->deliverParsed<T>(job, std::move(parsed), origin);
                    },
                    Qt::QueuedConnection);
            }
        });
}

template<typename T>
void HttpDiagnosticSource::deliverParsed(quint64 job, Result<T> parsed, const QString &origin)
{
    const auto it = m_parsing.find(job);
    if (it == m_parsing.end())
        return; // cancelled meanwhile
    Callback<T> done = std::any_cast<Callback<T>>(std::move(it->second));
    m_parsing.erase(it);
    // The last thing done here: the callback may destroy this source.
    done(explained(std::move(parsed), origin));
}

template<typename T> void HttpDiagnosticSource::failLater(Callback<T> done, Error error)
{
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation, done = std::move(done), error = std::move(error)] {
            if (generation == m_generation)
                done(error);
        },
        Qt::QueuedConnection);
}

void HttpDiagnosticSource::query(
    const QString &promql, const QueryWindow &window, Callback<QueryResult> done)
{
    if (auto wrongKind = requireKind(DataSource::Kind::Prometheus, tr("PromQL queries")))
        return failLater(std::move(done), *wrongKind);
    if (auto problem = unusable())
        return failLater(std::move(done), *problem);
    if (promql.trimmed().isEmpty())
        return failLater(std::move(done), Error::validation(tr("The query is empty.")));

    const std::chrono::seconds timeout(qMax(1, m_config.timeoutSeconds));
    Parameters parameters {{QStringLiteral("query"), promql}};
    if (window.isInstant()) {
        if (window.end.isValid())
            parameters.append({QStringLiteral("time"), unixSeconds(window.end)});
        parameters.append({QStringLiteral("timeout"), QString::number(timeout.count()) + u's'});
        return send(request(QStringLiteral("api/v1/query"), parameters),
            &PrometheusParser::parseQuery, std::move(done));
    }
    if (!window.start.isValid() || !window.end.isValid())
        return failLater(std::move(done),
            Error::validation(tr("A range query needs both a start and an end time.")));
    if (window.end < window.start)
        return failLater(
            std::move(done), Error::validation(tr("The query window ends before it starts.")));
    if (window.stepSeconds < 0)
        return failLater(
            std::move(done), Error::validation(tr("The query step must be positive.")));
    parameters.append({QStringLiteral("start"), unixSeconds(window.start)});
    parameters.append({QStringLiteral("end"), unixSeconds(window.end)});
    parameters.append({QStringLiteral("step"), QString::number(stepSeconds(window)) + u's'});
    parameters.append({QStringLiteral("timeout"), QString::number(timeout.count()) + u's'});
    send(request(QStringLiteral("api/v1/query_range"), parameters), &PrometheusParser::parseQuery,
        std::move(done));
}

void HttpDiagnosticSource::prometheusAlerts(Callback<QList<PrometheusAlert>> done)
{
    if (auto wrongKind = requireKind(DataSource::Kind::Prometheus, tr("rule alerts")))
        return failLater(std::move(done), *wrongKind);
    if (auto problem = unusable())
        return failLater(std::move(done), *problem);
    send(request(QStringLiteral("api/v1/alerts")), &PrometheusParser::parseAlerts, std::move(done));
}

void HttpDiagnosticSource::targets(Callback<QList<ScrapeTarget>> done)
{
    if (auto wrongKind = requireKind(DataSource::Kind::Prometheus, tr("scrape targets")))
        return failLater(std::move(done), *wrongKind);
    if (auto problem = unusable())
        return failLater(std::move(done), *problem);
    send(request(QStringLiteral("api/v1/targets"),
             {{QStringLiteral("state"), QStringLiteral("active")}}),
        &PrometheusParser::parseTargets, std::move(done));
}

void HttpDiagnosticSource::activeAlerts(Callback<QList<Alert>> done)
{
    if (auto wrongKind = requireKind(DataSource::Kind::Alertmanager, tr("active alerts")))
        return failLater(std::move(done), *wrongKind);
    if (auto problem = unusable())
        return failLater(std::move(done), *problem);
    send(request(
             QStringLiteral("api/v2/alerts"), {{QStringLiteral("active"), QStringLiteral("true")}}),
        &AlertmanagerParser::parseAlerts, std::move(done));
}

void HttpDiagnosticSource::testConnection(Callback<ServerInfo> done)
{
    if (m_config.kind == DataSource::Kind::Webhook) {
        // Posting would put a message in the channel: only the URL is checked. It is
        // a secret, so no message quotes it.
        const QUrl url(m_secret.trimmed(), QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (m_secret.trimmed().isEmpty())
            return failLater(std::move(done),
                Error::validation(
                    tr("No webhook URL is stored for %1.").arg(quotedName(m_config))));
        if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https"))
            return failLater(std::move(done),
                Error::validation(tr("The webhook URL of %1 is not an http:// or https:// "
                                     "address.")
                                      .arg(quotedName(m_config))));
        QMetaObject::invokeMethod(
            this,
            [this, generation = m_generation, done = std::move(done)] {
                if (generation == m_generation)
                    done(ServerInfo {QStringLiteral("Webhook"), QString()});
            },
            Qt::QueuedConnection);
        return;
    }
    if (auto problem = unusable())
        return failLater(std::move(done), *problem);
    if (m_config.kind == DataSource::Kind::Prometheus)
        return send(request(QStringLiteral("api/v1/status/buildinfo")),
            &PrometheusParser::parseBuildInfo, std::move(done));
    send(request(QStringLiteral("api/v2/status")), &AlertmanagerParser::parseStatus,
        std::move(done));
}

void HttpDiagnosticSource::cancelAll()
{
    ++m_generation;
    m_parsing.clear(); // results of running parse jobs find no callback
    const QSet<HttpReply *> replies = std::exchange(m_replies, {});
    for (HttpReply *reply : replies) {
        disconnect(reply, nullptr, this, nullptr);
        reply->cancel(); // reports Cancelled to no one, then deletes itself
    }
}

} // namespace idesk
