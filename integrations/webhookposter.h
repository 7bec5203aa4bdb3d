#pragma once

#include "httpclient.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>

namespace idesk {

// The outcome of one post to an incoming webhook.
struct WebhookDelivery
{
    bool delivered = false;
    QString reason; // why not, for the person retrying; empty when delivered
    int httpStatus = 0; // the server's status, when it answered at all
    // Which failure it was, when not delivered; a caller may decide to retry on it.
    std::optional<HttpError::Kind> failure;
};

// One post in flight; like HttpReply, finished() comes exactly once, from the event
// loop, also after cancel(), and the object deletes itself afterwards.
class WebhookPost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookPost)

public:
    explicit WebhookPost(QObject *parent = nullptr) : QObject(parent) { }

    void cancel();

Q_SIGNALS:
    void finished(const idesk::WebhookDelivery &delivery);

private:
    friend class WebhookPoster;
    void start(HttpReply *reply);
    void fail(const QString &reason, HttpError::Kind kind);

    QPointer<HttpReply> m_reply;
    bool m_done = false;
};

// Posts a message to a Slack-compatible incoming webhook: a POST of
// {"text": "..."} as application/json, which Slack, Mattermost and Rocket.Chat accept.
// Any 2xx answer counts as delivered. The webhook URL is a secret (whoever has it can
// post), so no reason or log line ever contains more of it than the origin.
class WebhookPoster final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookPoster)

public:
    // `client` must outlive the poster.
    explicit WebhookPoster(HttpClient &client, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds total) { m_timeout = total; }
    void setCaFile(const QString &caFile) { m_caFile = caFile; }

    // The exact bytes posted for `text`.
    static QByteArray payload(const QString &text);

    // Posts `text` to `webhookUrl`. The returned post is a child of this poster.
    WebhookPost *post(const QUrl &webhookUrl, const QString &text);

private:
    HttpClient &m_client;
    std::chrono::milliseconds m_timeout {15000};
    QString m_caFile;
};

} // namespace idesk

Q_DECLARE_METATYPE(idesk::WebhookDelivery)
