// PrometheusParser::parseQuery (and parseError) on arbitrary bytes.
#include "fuzzsupport.h"
#include "prometheusparser.h"

using namespace idesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = Fuzz::bytes(data, size);
    const auto result = PrometheusParser::parseQuery(body);
    Fuzz::requireOneLineError(result);
    if (result) {
        Fuzz::require(result->raw == body, "raw keeps the input");
        if (result->type == QueryResult::Type::Scalar)
            Fuzz::require(result->series.size() == 1 && result->series.at(0).samples.size() == 1,
                "a scalar is one sample");
        if (result->type == QueryResult::Type::String)
            Fuzz::require(result->series.isEmpty(), "a string has no series");
    }
    if (const auto error = PrometheusParser::parseError(body))
        Fuzz::require(!error->toString().contains(u'\n'), "a server error is one line");
    return 0;
}
