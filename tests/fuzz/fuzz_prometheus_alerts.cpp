// PrometheusParser::parseAlerts on arbitrary bytes.
#include "fuzzsupport.h"
#include "prometheusparser.h"

using namespace idesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto result = PrometheusParser::parseAlerts(Fuzz::bytes(data, size));
    Fuzz::requireOneLineError(result);
    if (result) {
        for (const PrometheusAlert &alert : *result)
            Fuzz::require(
                alert.activeAt.isNull() || alert.activeAt.timeSpec() == Qt::UTC, "times are UTC");
    }
    return 0;
}
