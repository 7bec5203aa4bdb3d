#include "webhooknotifier.h"

#include "webhookposter.h"

namespace idesk {

WebhookNotifier::WebhookNotifier(HttpClient &client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

void WebhookNotifier::post(const DataSource &target, const QString &webhookUrl, const QString &text,
    std::function<void(VoidResult)> done)
{
    // One poster per post: the limits belong to the target, not to the notifier.
    auto *poster = new WebhookPoster(m_client, this);
    poster->setTimeout(std::chrono::seconds(qMax(1, target.timeoutSeconds)));
    poster->setCaFile(target.caFile);
    WebhookPost *post = poster->post(QUrl(webhookUrl, QUrl::StrictMode), text);
    connect(post, &WebhookPost::finished, this,
        [poster, done = std::move(done)](const WebhookDelivery &delivery) {
            poster->deleteLater();
            if (delivery.delivered)
                done(VoidResult());
            else
                done(VoidResult(Error::io(delivery.reason)));
        });
}

} // namespace idesk
