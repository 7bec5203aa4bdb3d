// diagnosticPacksFromJson (the stored "diagnostic_packs" setting and the shipped file)
// on arbitrary bytes; what parses must write back and parse to the same packs.
#include "diagnosticpack.h"
#include "fuzzsupport.h"

using namespace idesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto packs = diagnosticPacksFromJson(Fuzz::bytes(data, size));
    Fuzz::requireOneLineError(packs);
    if (packs) {
        const auto again = diagnosticPacksFromJson(diagnosticPacksToJson(*packs));
        Fuzz::require(again.ok() && *again == *packs, "packs round-trip");
    }
    return 0;
}
