#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>
#include <variant>

namespace idesk {

using HttpHeader = std::pair<QByteArray, QByteArray>; // name, value
using HttpHeaders = QList<HttpHeader>;

// One HTTP request: what to send and the limits it runs under. Every request has
// both timeouts and a size cap; TLS verification cannot be switched off.
struct HttpRequest
{
    enum class Method { Get, Post };

    Method method = Method::Get;
    QUrl url; // http or https only
    HttpHeaders headers;
    QByteArray body; // sent with Post
    std::chrono::milliseconds connectTimeout {5000}; // DNS + TCP + TLS handshake
    std::chrono::milliseconds totalTimeout {30000}; // the whole exchange, body included
    qint64 maxResponseBytes = 16 * 1024 * 1024; // decoded body; exceeding it aborts at once
    QString caFile; // PEM bundle that replaces the system CAs; empty = system store
    // Secrets: sent to the server, never logged, never put in an error message.
    QString bearerToken;
    QString basicUser;
    QString basicPassword;

    static HttpRequest get(QUrl url);
    static HttpRequest postJson(QUrl url, QByteArray json);

    // "https://host:port" — all of the URL that may appear in a log line or a
    // message. Paths can hold secrets (an incoming-webhook URL is one).
    QString origin() const;
};

struct HttpResponse
{
    int status = 0;
    QByteArray reasonPhrase; // "OK"; empty over HTTP/2
    HttpHeaders headers; // of the final response, after redirects
    QByteArray body;

    // The value of the last header called `name` (case-insensitive), or a null array.
    QByteArray header(QByteArrayView name) const;
};

struct HttpError
{
    enum class Kind {
        InvalidRequest, // bad URL, scheme other than http/https, bad header
        HostNotFound, // DNS failure
        ConnectionRefused,
        ConnectionFailed, // unreachable, reset, closed without an answer
        Tls, // handshake or certificate verification failed
        ConnectTimeout,
        Timeout, // the total timeout
        TooManyRedirects,
        Truncated, // the server closed the connection before the whole body arrived
        TooLarge, // the body exceeded maxResponseBytes
        HttpStatus, // the server answered 4xx or 5xx
        Protocol, // not a valid HTTP response
        Cancelled,
    };

    Kind kind = Kind::ConnectionFailed;
    QString message; // one line, for a person; never contains a secret or a URL path
    int status = 0; // HttpStatus: the status code
    QByteArray body; // HttpStatus: the server's body, for parsers that want the details

    Error toError() const { return Error::io(message); }
};

// What a request produced: a response with a 2xx or 3xx status, or the reason there
// is none. Shaped like Result<T>.
class HttpResult
{
public:
    // For QMetaType (queued connections, QSignalSpy); reads as an empty Cancelled error.
    HttpResult() : HttpResult(HttpError {HttpError::Kind::Cancelled, {}, 0, {}}) { }
    HttpResult(HttpResponse response) : m_state(std::move(response)) { }
    HttpResult(HttpError error) : m_state(std::move(error)) { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const HttpResponse &value() const & { return std::get<0>(m_state); }
    HttpResponse &&value() && { return std::get<0>(std::move(m_state)); }
    const HttpResponse *operator->() const { return &value(); }
    const HttpResponse &operator*() const & { return value(); }

    const HttpError &error() const { return std::get<1>(m_state); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

    // For callers across the models boundary, which speak Result<T>.
    Result<HttpResponse> toResult() const;

private:
    std::variant<HttpResponse, HttpError> m_state;
};

class HttpClient;

// One request in flight. finished() is emitted exactly once, always from the event
// loop (never inside send() or cancel()), also when the request fails or is cancelled;
// the reply deletes itself afterwards. Connect with a context object so that a closed
// window never receives a late answer. If the client is destroyed first, its
// replies go with it without emitting.
class HttpReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpReply)

public:
    ~HttpReply() override;

    // Stops the transfer at once; finished() then reports Kind::Cancelled. Does
    // nothing once the outcome is known.
    void cancel();
    // Whether the outcome is known (finished() may still be on its way).
    bool isFinished() const { return m_result.has_value(); }

Q_SIGNALS:
    void finished(const idesk::HttpResult &result);

private:
    friend class HttpClient;
    struct Transfer;

    explicit HttpReply(HttpClient *client);
    void complete(HttpResult result);
    void deliver();

    HttpClient *m_client;
    std::unique_ptr<Transfer> m_transfer; // null once the transfer is over
    std::optional<HttpResult> m_result;
};

// An asynchronous HTTP client on libcurl's multi interface, driven by the event loop
// of the thread it lives in: one QSocketNotifier per socket that curl watches and
// one single-shot timer for curl's timeouts. Nothing here ever blocks, so any number
// of requests run concurrently on the GUI thread. Use it from its own thread only.
class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override; // aborts whatever is in flight; those replies emit nothing

    // Starts `request`. The reply is a child of this client and deletes itself after
    // finished(); do not keep the pointer beyond that (QPointer if you must).
    HttpReply *send(HttpRequest request);

    int activeCount() const;

private:
    friend class HttpReply;
    struct Private; // everything that touches curl
    std::unique_ptr<Private> d;
};

} // namespace idesk

Q_DECLARE_METATYPE(idesk::HttpResult)
