#include "httpclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <curl/curl.h>

#include <cerrno>
#include <map>
#include <mutex>

namespace idesk {

// Off unless QT_LOGGING_RULES="idesk.http.debug=true". Lines carry the method, the
// origin, the outcome and the time taken: never a path, a header or a body.
Q_LOGGING_CATEGORY(lcHttp, "idesk.http", QtWarningMsg)

namespace {

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool isHeaderToken(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    static constexpr QByteArrayView extra = "!#$%&'*+-.^_`|~";
    for (const char c : name) {
        const bool alnum
            = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

// Why `request` cannot be sent, or an empty string.
QString invalidReason(const HttpRequest &request)
{
    const QUrl &url = request.url;
    if (!url.isValid() || url.host().isEmpty())
        return HttpClient::tr("the URL is not valid");
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return HttpClient::tr("only http and https URLs are allowed, not \"%1\"").arg(scheme);
    for (const auto &[name, value] : request.headers) {
        if (!isHeaderToken(name))
            return HttpClient::tr("invalid header name \"%1\"").arg(QString::fromLatin1(name));
        if (value.contains('\r') || value.contains('\n') || value.contains('\0'))
            return HttpClient::tr("the value of header \"%1\" contains a line break")
                .arg(QString::fromLatin1(name));
    }
    if (request.connectTimeout.count() <= 0 || request.totalTimeout.count() <= 0)
        return HttpClient::tr("timeouts must be positive");
    if (request.maxResponseBytes <= 0)
        return HttpClient::tr("the response size limit must be positive");
    return {};
}

// What a server said about its error, on one line: Prometheus's
// {"status":"error","errorType":...,"error":...}, a {"message":...} or
// {"error":{"message":...}} object, or else the start of the body as text.
QString serverMessage(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QJsonValue error = object.value(u"error");
        if (error.isString()) {
            const QString type = object.value(u"errorType").toString();
            return type.isEmpty() ? error.toString()
                                  : QStringLiteral("%1: %2").arg(type, error.toString());
        }
        if (error.isObject() && error.toObject().value(u"message").isString())
            return error.toObject().value(u"message").toString();
        if (object.value(u"message").isString())
            return object.value(u"message").toString();
    }
    constexpr qsizetype kMaxChars = 300;
    QString text = QString::fromUtf8(body.left(4 * kMaxChars));
    for (QChar &c : text) {
        if (!c.isPrint())
            c = u' ';
    }
    text = text.simplified();
    if (text.size() > kMaxChars)
        text = text.left(kMaxChars) + u'…';
    return text;
}

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString methodName(HttpRequest::Method method)
{
    return method == HttpRequest::Method::Post ? QStringLiteral("POST") : QStringLiteral("GET");
}

} // namespace

// ---------------------------------------------------------------------------------------
// Values

HttpRequest HttpRequest::get(QUrl url)
{
    HttpRequest request;
    request.url = std::move(url);
    return request;
}

HttpRequest HttpRequest::postJson(QUrl url, QByteArray json)
{
    HttpRequest request;
    request.method = Method::Post;
    request.url = std::move(url);
    request.body = std::move(json);
    request.headers.append(
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return request;
}

QString HttpRequest::origin() const
{
    return url
        .adjusted(
            QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        .toString();
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (auto it = headers.crbegin(); it != headers.crend(); ++it) {
        if (it->first.compare(name, Qt::CaseInsensitive) == 0)
            return it->second;
    }
    return {};
}

Result<HttpResponse> HttpResult::toResult() const
{
    if (ok())
        return value();
    return error().toError();
}

// ---------------------------------------------------------------------------------------
// One transfer: the easy handle and everything curl reads from or writes to while it runs.

struct HttpReply::Transfer
{
    Q_DISABLE_COPY_MOVE(Transfer)

    Transfer() = default;
    ~Transfer()
    {
        if (easy)
            curl_easy_cleanup(easy);
        curl_slist_free_all(headerList);
    }

    CURL *easy = nullptr;
    curl_slist *headerList = nullptr;
    QByteArray postBody; // curl reads it in place (CURLOPT_POSTFIELDS)
    HttpRequest::Method method = HttpRequest::Method::Get;
    QString origin;
    QString path; // kept only to scrub it from the server's error text
    bool https = false;
    std::chrono::milliseconds connectTimeout {};
    std::chrono::milliseconds totalTimeout {};
    qint64 maxBytes = 0;
    HttpResponse response;
    bool tooLarge = false;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    QElapsedTimer elapsed;

    static size_t onBody(char *data, size_t size, size_t count, void *userdata)
    {
        auto *transfer = static_cast<Transfer *>(userdata);
        const size_t bytes = size * count;
        if (transfer->response.body.size() + qint64(bytes) > transfer->maxBytes) {
            // Returning less than we were given aborts the transfer (CURLE_WRITE_ERROR)
            // before another byte is read.
            transfer->tooLarge = true;
            return 0;
        }
        transfer->response.body.append(data, qsizetype(bytes));
        return bytes;
    }

    // Called once per header line, for every response including redirects and
    // "100 Continue"; a status line starts a new response.
    static size_t onHeader(char *data, size_t size, size_t count, void *userdata)
    {
        auto *transfer = static_cast<Transfer *>(userdata);
        const size_t bytes = size * count;
        const QByteArray line = QByteArray(data, qsizetype(bytes)).trimmed();
        HttpResponse &response = transfer->response;
        if (line.startsWith("HTTP/")) {
            response.headers.clear();
            const QList<QByteArray> parts = line.split(' ');
            response.status = parts.size() > 1 ? parts.at(1).toInt() : 0;
            const qsizetype reasonStart = line.indexOf(' ', line.indexOf(' ') + 1);
            response.reasonPhrase = reasonStart > 0 ? line.mid(reasonStart + 1) : QByteArray();
        } else if (const qsizetype colon = line.indexOf(':'); colon > 0) {
            response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        return bytes;
    }

    HttpError error(HttpError::Kind kind, QString message) const
    {
        return HttpError {kind, std::move(message), 0, {}};
    }

    QString curlDetail(CURLcode code) const
    {
        const QString detail = QString::fromUtf8(errorBuffer).trimmed();
        return detail.isEmpty() ? QString::fromUtf8(curl_easy_strerror(code)) : detail;
    }

    // Turns curl's outcome into a result. Messages name the origin, never the path.
    HttpResult result(CURLcode code)
    {
        using Kind = HttpError::Kind;
        switch (code) {
        case CURLE_OK:
            break;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return error(
                Kind::HostNotFound, HttpClient::tr("Could not resolve the host of %1").arg(origin));
        case CURLE_COULDNT_CONNECT: {
            long osErrno = 0;
            curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &osErrno);
            if (osErrno == ECONNREFUSED)
                return error(Kind::ConnectionRefused,
                    HttpClient::tr("Connection refused by %1").arg(origin));
            return error(Kind::ConnectionFailed,
                HttpClient::tr("Could not connect to %1: %2").arg(origin, curlDetail(code)));
        }
        case CURLE_OPERATION_TIMEDOUT: {
            curl_off_t connected = 0;
            curl_easy_getinfo(
                easy, https ? CURLINFO_APPCONNECT_TIME_T : CURLINFO_CONNECT_TIME_T, &connected);
            if (connected == 0)
                return error(Kind::ConnectTimeout,
                    HttpClient::tr("Could not connect to %1 within %2 ms")
                        .arg(origin)
                        .arg(qMin(connectTimeout.count(), totalTimeout.count())));
            return error(Kind::Timeout,
                HttpClient::tr("%1 did not answer within %2 ms (%3 received)")
                    .arg(origin)
                    .arg(totalTimeout.count())
                    .arg(formatBytes(response.body.size())));
        }
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_CLIENTCERT:
        case CURLE_SSL_SHUTDOWN_FAILED:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_USE_SSL_FAILED:
            return error(
                Kind::Tls, HttpClient::tr("TLS error with %1: %2").arg(origin, curlDetail(code)));
        case CURLE_TOO_MANY_REDIRECTS:
            return error(Kind::TooManyRedirects,
                HttpClient::tr("%1 redirected too often (%2)").arg(origin, curlDetail(code)));
        case CURLE_PARTIAL_FILE:
            return error(Kind::Truncated,
                HttpClient::tr("The answer from %1 was cut off after %2: %3")
                    .arg(origin, formatBytes(response.body.size()), curlDetail(code)));
        case CURLE_FILESIZE_EXCEEDED:
        case CURLE_WRITE_ERROR:
            if (code == CURLE_FILESIZE_EXCEEDED || tooLarge)
                return error(Kind::TooLarge,
                    HttpClient::tr("The answer from %1 is larger than the %2 limit")
                        .arg(origin, formatBytes(maxBytes)));
            return error(Kind::ConnectionFailed,
                HttpClient::tr("Request to %1 failed: %2").arg(origin, curlDetail(code)));
        case CURLE_GOT_NOTHING:
            return error(Kind::ConnectionFailed,
                HttpClient::tr("%1 closed the connection without answering").arg(origin));
        case CURLE_UNSUPPORTED_PROTOCOL:
            // send() checked the first URL, so this is where a redirect pointed.
            return error(Kind::InvalidRequest,
                HttpClient::tr("%1 redirected to a location this client may not "
                               "follow (only http and https, and no https to http)")
                    .arg(origin));
        case CURLE_URL_MALFORMAT:
            return error(Kind::InvalidRequest,
                HttpClient::tr("Request to %1 not allowed: %2").arg(origin, curlDetail(code)));
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_BAD_CONTENT_ENCODING:
        case CURLE_HTTP3:
            return error(Kind::Protocol,
                HttpClient::tr("%1 sent an invalid HTTP answer: %2").arg(origin, curlDetail(code)));
        default:
            return error(Kind::ConnectionFailed,
                HttpClient::tr("Request to %1 failed: %2").arg(origin, curlDetail(code)));
        }

        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        response.status = int(status);
        if (status >= 400) {
            QString said = serverMessage(response.body);
            if (path.size() > 1)
                said.replace(path, QStringLiteral("…")); // an echoed webhook path is a secret
            const QString statusText = QString::number(status)
                + (response.reasonPhrase.isEmpty()
                        ? QString()
                        : u' ' + QString::fromLatin1(response.reasonPhrase));
            HttpError httpError {Kind::HttpStatus,
                said.isEmpty()
                    ? HttpClient::tr("%1 answered HTTP %2").arg(origin, statusText)
                    : HttpClient::tr("%1 answered HTTP %2: %3").arg(origin, statusText, said),
                int(status), std::move(response.body)};
            return httpError;
        }
        return std::move(response);
    }
};

// ---------------------------------------------------------------------------------------
// The multi handle and its event-loop integration.

struct HttpClient::Private
{
    Q_DISABLE_COPY_MOVE(Private)

    struct SocketWatch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    explicit Private(HttpClient *client) : q(client), timer(client)
    {
        initCurlOnce();
        noProxy = loopbackNoProxy();
        multi = curl_multi_init();
        curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Private::onSocket);
        curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
        curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Private::onTimer);
        curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
        timer.setSingleShot(true);
        timer.setTimerType(Qt::PreciseTimer); // curl asks for deadlines; a coarse timer fires early
        QObject::connect(&timer, &QTimer::timeout, q, [this] { onTimeout(); });
    }

    ~Private()
    {
        while (!active.empty())
            detach(active.begin()->second);
        // Curl must not call back into a half-destroyed client while it cleans up.
        curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, nullptr);
        curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, nullptr);
        curl_multi_cleanup(multi);
        for (auto &[socket, watch] : sockets) {
            delete watch.read;
            delete watch.write;
        }
    }

    // CURLMOPT_SOCKETFUNCTION: curl says which events it wants on a socket. Runs inside
    // curl_multi_* calls, so it only adjusts notifiers.
    static int onSocket(CURL *, curl_socket_t socket, int what, void *clientp, void *)
    {
        static_cast<Private *>(clientp)->watch(socket, what);
        return 0;
    }

    // CURLMOPT_TIMERFUNCTION: when curl next needs a call for its own timeouts;
    // -1 removes the timer, 0 means as soon as the event loop is free.
    static int onTimer(CURLM *, long timeoutMs, void *clientp)
    {
        auto *d = static_cast<Private *>(clientp);
        if (timeoutMs < 0)
            d->timer.stop();
        else
            d->timer.start(std::chrono::milliseconds(timeoutMs));
        return 0;
    }

    QSocketNotifier *makeNotifier(curl_socket_t socket, QSocketNotifier::Type type)
    {
        auto *notifier = new QSocketNotifier(qintptr(socket), type, q);
        const int event = type == QSocketNotifier::Read ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
        QObject::connect(notifier, &QSocketNotifier::activated, q,
            [this, socket, event] { onSocketReady(socket, event); });
        return notifier;
    }

    // A notifier may be the one whose signal is being handled right now, so it is
    // disabled at once (its descriptor may be reused by the next socket) and deleted later.
    static void retire(QSocketNotifier *notifier)
    {
        if (!notifier)
            return;
        notifier->setEnabled(false);
        notifier->deleteLater();
    }

    void watch(curl_socket_t socket, int what)
    {
        if (what == CURL_POLL_REMOVE) {
            if (const auto it = sockets.find(socket); it != sockets.end()) {
                retire(it->second.read);
                retire(it->second.write);
                sockets.erase(it);
            }
            return;
        }
        SocketWatch &w = sockets[socket];
        const bool wantRead = what == CURL_POLL_IN || what == CURL_POLL_INOUT;
        const bool wantWrite = what == CURL_POLL_OUT || what == CURL_POLL_INOUT;
        if (wantRead && !w.read)
            w.read = makeNotifier(socket, QSocketNotifier::Read);
        if (wantWrite && !w.write)
            w.write = makeNotifier(socket, QSocketNotifier::Write);
        if (w.read)
            w.read->setEnabled(wantRead);
        if (w.write)
            w.write->setEnabled(wantWrite);
    }

    void onSocketReady(curl_socket_t socket, int event)
    {
        int running = 0;
        curl_multi_socket_action(multi, socket, event, &running);
        collectFinished();
    }

    void onTimeout()
    {
        int running = 0;
        curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
        collectFinished();
    }

    void collectFinished()
    {
        int queued = 0;
        while (CURLMsg *message = curl_multi_info_read(multi, &queued)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            // The message dies with curl_multi_remove_handle: copy what we need first.
            CURL *easy = message->easy_handle;
            const CURLcode code = message->data.result;
            const auto it = active.find(easy);
            if (it == active.end())
                continue;
            HttpReply *reply = it->second;
            HttpResult result = reply->m_transfer->result(code);
            log(*reply->m_transfer, result);
            detach(reply);
            reply->complete(std::move(result));
        }
    }

    static void log(const HttpReply::Transfer &transfer, const HttpResult &result)
    {
        if (!lcHttp().isDebugEnabled())
            return;
        const QString outcome = result.ok()
            ? QString::number(result->status) + u' ' + formatBytes(result->body.size())
            : result.errorMessage();
        qCDebug(lcHttp).noquote() << methodName(transfer.method) << transfer.origin << "->"
                                  << outcome << "in" << transfer.elapsed.elapsed() << "ms";
    }

    // Takes the transfer out of curl and frees it; the reply stays.
    void detach(HttpReply *reply)
    {
        if (!reply->m_transfer)
            return;
        CURL *easy = reply->m_transfer->easy;
        curl_multi_remove_handle(multi, easy);
        active.erase(easy);
        reply->m_transfer.reset();
    }

    // Curl honours http_proxy/https_proxy; loopback is added to the user's no_proxy so
    // that a local Prometheus (or a test server) is never sent through a proxy.
    static QByteArray loopbackNoProxy()
    {
        QByteArray list = qgetenv("no_proxy");
        if (list.isEmpty())
            list = qgetenv("NO_PROXY");
        if (list.trimmed() == "*")
            return list;
        if (!list.isEmpty())
            list += ',';
        return list + "localhost,127.0.0.1,::1";
    }

    HttpClient *q;
    CURLM *multi = nullptr;
    QByteArray noProxy;
    QTimer timer;
    std::map<curl_socket_t, SocketWatch> sockets;
    std::map<CURL *, HttpReply *> active;
};

// ---------------------------------------------------------------------------------------

HttpReply::HttpReply(HttpClient *client) : QObject(client), m_client(client) { }

HttpReply::~HttpReply()
{
    // Deleted while still running: take the transfer out of curl first.
    if (m_transfer)
        m_client->d->detach(this);
}

void HttpReply::cancel()
{
    if (m_result)
        return;
    if (m_transfer) {
        qCDebug(lcHttp).noquote() << methodName(m_transfer->method) << m_transfer->origin
                                  << "cancelled";
        const QString origin = m_transfer->origin;
        m_client->d->detach(this);
        complete(HttpError {HttpError::Kind::Cancelled,
            HttpClient::tr("Request to %1 cancelled").arg(origin), 0, {}});
        return;
    }
    complete(HttpError {HttpError::Kind::Cancelled, HttpClient::tr("Request cancelled"), 0, {}});
}

void HttpReply::complete(HttpResult result)
{
    Q_ASSERT(!m_result);
    m_result = std::move(result);
    // Always through the event loop, so that a caller connecting after send() or calling
    // cancel() inside a slot sees the signal exactly once, and never reentrantly.
    QMetaObject::invokeMethod(this, &HttpReply::deliver, Qt::QueuedConnection);
}

void HttpReply::deliver()
{
    QPointer<HttpReply> self(this);
    Q_EMIT finished(*m_result);
    if (self)
        deleteLater();
}

HttpClient::HttpClient(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this)) { }

HttpClient::~HttpClient() = default;

int HttpClient::activeCount() const
{
    return int(d->active.size());
}

HttpReply *HttpClient::send(HttpRequest request)
{
    Q_ASSERT(QThread::currentThread() == thread());
    auto *reply = new HttpReply(this);
    const QString origin = request.origin();
    if (const QString reason = invalidReason(request); !reason.isEmpty()) {
        reply->complete(HttpError {HttpError::Kind::InvalidRequest,
            tr("Cannot send a request to %1: %2")
                .arg(origin.isEmpty() ? tr("an empty URL") : origin, reason),
            0, {}});
        return reply;
    }

    auto transfer = std::make_unique<HttpReply::Transfer>();
    HttpReply::Transfer &t = *transfer;
    t.easy = curl_easy_init();
    if (!t.easy) {
        reply->complete(HttpError {HttpError::Kind::ConnectionFailed,
            tr("Cannot send a request to %1: out of memory").arg(origin), 0, {}});
        return reply;
    }
    t.method = request.method;
    t.origin = origin;
    t.path = request.url.path(QUrl::FullyEncoded);
    t.https = request.url.scheme().compare(u"https", Qt::CaseInsensitive) == 0;
    t.connectTimeout = request.connectTimeout;
    t.totalTimeout = request.totalTimeout;
    t.maxBytes = request.maxResponseBytes;
    t.postBody = std::move(request.body);

    CURL *easy = t.easy;
    curl_easy_setopt(easy, CURLOPT_URL, request.url.toEncoded().constData());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t.errorBuffer);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    // A redirect may not downgrade https to http.
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, t.https ? "https" : "http,https");
    curl_easy_setopt(easy, CURLOPT_NOPROXY, d->noProxy.constData());
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!request.caFile.isEmpty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, request.caFile.toLocal8Bit().constData());
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(request.totalTimeout.count()));
    // Refuses a declared Content-Length over the cap before the body starts;
    // onBody() enforces it for bodies of unknown length.
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxResponseBytes));
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, ""); // what curl can decode; capped decoded
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "IncidentDesk/" INCIDENTDESK_VERSION);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &HttpReply::Transfer::onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &HttpReply::Transfer::onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);

    for (const auto &[name, value] : request.headers)
        t.headerList = curl_slist_append(t.headerList, (name + ": " + value).constData());
    if (request.method == HttpRequest::Method::Post) {
        // Without this curl waits up to a second for "100 Continue" before a large body.
        t.headerList = curl_slist_append(t.headerList, "Expect:");
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(t.postBody.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t.postBody.constData());
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t.headerList);

    // Curl sends credentials only to the original host, also across redirects.
    if (!request.bearerToken.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_HTTPAUTH, long(CURLAUTH_BEARER));
        curl_easy_setopt(easy, CURLOPT_XOAUTH2_BEARER, request.bearerToken.toUtf8().constData());
    } else if (!request.basicUser.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_HTTPAUTH, long(CURLAUTH_BASIC));
        curl_easy_setopt(easy, CURLOPT_USERNAME, request.basicUser.toUtf8().constData());
        curl_easy_setopt(easy, CURLOPT_PASSWORD, request.basicPassword.toUtf8().constData());
    }

    t.elapsed.start();
    if (const CURLMcode added = curl_multi_add_handle(d->multi, easy); added != CURLM_OK) {
        reply->complete(HttpError {HttpError::Kind::ConnectionFailed,
            tr("Cannot send a request to %1: %2")
                .arg(origin, QString::fromUtf8(curl_multi_strerror(added))),
            0, {}});
        return reply;
    }
    qCDebug(lcHttp).noquote() << methodName(request.method) << origin << "started";
    d->active.emplace(easy, reply);
    reply->m_transfer = std::move(transfer);
    return reply;
}

} // namespace idesk
