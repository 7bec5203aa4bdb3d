#include "webhookposter.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace idesk {

namespace {

WebhookDelivery fromResult(const HttpResult &result)
{
    WebhookDelivery delivery;
    if (result.ok()) {
        delivery.httpStatus = result->status;
        delivery.delivered = result->status >= 200 && result->status < 300;
        if (!delivery.delivered) {
            delivery.reason = WebhookPoster::tr("The webhook answered HTTP %1 instead of 2xx")
                                  .arg(result->status);
            delivery.failure = HttpError::Kind::Protocol;
        }
        return delivery;
    }
    delivery.httpStatus = result.error().status;
    delivery.reason = result.error().message;
    delivery.failure = result.error().kind;
    return delivery;
}

} // namespace

void WebhookPost::start(HttpReply *reply)
{
    m_reply = reply;
    connect(reply, &HttpReply::finished, this, [this](const HttpResult &result) {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT finished(fromResult(result));
        deleteLater();
    });
    // A client destroyed mid-request takes its replies without a signal; the post
    // still ends, as not delivered.
    connect(reply, &QObject::destroyed, this, [this] {
        if (!m_done)
            fail(WebhookPoster::tr("The request was abandoned"), HttpError::Kind::Cancelled);
    });
}

void WebhookPost::fail(const QString &reason, HttpError::Kind kind)
{
    m_done = true;
    WebhookDelivery delivery;
    delivery.reason = reason;
    delivery.failure = kind;
    QMetaObject::invokeMethod(
        this,
        [this, delivery] {
            Q_EMIT finished(delivery);
            deleteLater();
        },
        Qt::QueuedConnection);
}

void WebhookPost::cancel()
{
    // The reply reports Kind::Cancelled through finished(), which ends up here as
    // "not delivered".
    if (m_reply)
        m_reply->cancel();
}

WebhookPoster::WebhookPoster(HttpClient &client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

QByteArray WebhookPoster::payload(const QString &text)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("text"), text}})
        .toJson(QJsonDocument::Compact);
}

WebhookPost *WebhookPoster::post(const QUrl &webhookUrl, const QString &text)
{
    auto *post = new WebhookPost(this);
    if (webhookUrl.isEmpty()) {
        post->fail(tr("No webhook URL is configured"), HttpError::Kind::InvalidRequest);
        return post;
    }
    if (text.trimmed().isEmpty()) {
        post->fail(tr("The message is empty"), HttpError::Kind::InvalidRequest);
        return post;
    }
    HttpRequest request = HttpRequest::postJson(webhookUrl, payload(text));
    request.totalTimeout = m_timeout;
    request.connectTimeout = qMin(request.connectTimeout, m_timeout);
    request.caFile = m_caFile;
    request.maxResponseBytes = 64 * 1024; // the answer is "ok" or a short error
    post->start(m_client.send(std::move(request)));
    return post;
}

} // namespace idesk
