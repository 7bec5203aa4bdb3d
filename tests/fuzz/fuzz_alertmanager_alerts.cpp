// AlertmanagerParser::parseAlerts and parseStatus on arbitrary bytes.
#include "alertmanagerparser.h"
#include "fuzzsupport.h"

using namespace idesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = Fuzz::bytes(data, size);
    const auto alerts = AlertmanagerParser::parseAlerts(body);
    Fuzz::requireOneLineError(alerts);
    if (alerts) {
        for (const Alert &alert : *alerts) {
            for (const QDateTime &time : {alert.startsAt, alert.endsAt, alert.updatedAt})
                Fuzz::require(time.isNull() || time.timeSpec() == Qt::UTC, "times are UTC");
        }
    }
    const auto status = AlertmanagerParser::parseStatus(body);
    Fuzz::requireOneLineError(status);
    return 0;
}
