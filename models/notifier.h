#pragma once

#include "datasource.h"
#include "result.h"

#include <functional>

namespace idesk {

// Port: posts a message to a chat channel through a Slack-compatible incoming webhook.
// `webhookUrl` is the secret URL; `target` supplies the CA file and timeout. `done`
// runs later from the event loop, exactly once, unless the notifier is destroyed first.
// A failure's message says why in one line and never contains the URL's path.
class Notifier
{
public:
    virtual ~Notifier() = default;
    virtual void post(const DataSource &target, const QString &webhookUrl, const QString &text,
        std::function<void(VoidResult)> done)
        = 0;
};

} // namespace idesk
