#pragma once

#include "httpclient.h"
#include "notifier.h"

#include <QObject>

namespace idesk {

// The Notifier port over WebhookPoster: each post runs with its target's timeout and
// CA file. Destroying the notifier abandons posts in flight without calling back.
class WebhookNotifier final : public QObject, public Notifier
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookNotifier)

public:
    // `client` must outlive the notifier.
    explicit WebhookNotifier(HttpClient &client, QObject *parent = nullptr);

    void post(const DataSource &target, const QString &webhookUrl, const QString &text,
        std::function<void(VoidResult)> done) override;

private:
    HttpClient &m_client;
};

} // namespace idesk
