#pragma once

#include <QString>

namespace idesk {

enum class LogMode {
    Gui, // warnings also go to stderr
    Cli  // stderr belongs to the command's own one-line errors; only --verbose adds more
};

// Sets up spdlog: a rotating file in `logDirectory` plus stderr. Returns the log
// file path, or an empty string when the file could not be opened (logging then
// continues on stderr alone).
QString setUpLogging(const QString &logDirectory, LogMode mode, bool verbose);

// Logging helpers taking Qt strings, so call sites stay free of conversions.
void logDebug(const QString &message);
void logInfo(const QString &message);
void logWarning(const QString &message);
void logError(const QString &message);

// Removes what looks like a secret (tokens, passwords, bearer headers, URL
// credentials) before a line reaches a log.
QString redactSecrets(const QString &text);

} // namespace idesk
