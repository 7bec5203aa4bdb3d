#pragma once

// What every fuzz target shares: the input as a QByteArray without a copy (so that
// AddressSanitizer sees a read past the fuzzer's buffer), and a check that turns a
// broken promise into a crash libFuzzer reports.
#include "result.h"

#include <QByteArray>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace idesk::Fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline void require(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

// Refusals are one line that says something.
template<typename T> void requireOneLineError(const Result<T> &result)
{
    if (result.ok())
        return;
    require(!result.errorMessage().isEmpty(), "an error has a message");
    require(!result.errorMessage().contains(u'\n'), "an error message is one line");
}

} // namespace idesk::Fuzz
