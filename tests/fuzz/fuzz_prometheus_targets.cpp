// PrometheusParser::parseTargets and parseBuildInfo on arbitrary bytes.
#include "fuzzsupport.h"
#include "prometheusparser.h"

using namespace idesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = Fuzz::bytes(data, size);
    const auto targets = PrometheusParser::parseTargets(body);
    Fuzz::requireOneLineError(targets);
    if (targets) {
        for (const ScrapeTarget &target : *targets)
            Fuzz::require(target.lastScrape.isNull() || target.lastScrape.timeSpec() == Qt::UTC,
                "times are UTC");
    }
    const auto info = PrometheusParser::parseBuildInfo(body);
    Fuzz::requireOneLineError(info);
    if (info)
        Fuzz::require(info->product == u"Prometheus", "build info is Prometheus's");
    return 0;
}
