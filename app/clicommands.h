#pragma once

#include "commandline.h"

#include <QString>
#include <QStringList>

namespace idesk::cli {

// Exit codes of DESIGN §4.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

bool isCommandName(const QString &word);

// Runs one headless command (`words` starts with the command name) against the
// database at `databasePath`. Prints results on stdout and one error line on stderr.
int runCommand(const QStringList &words, const QString &databasePath);

QString usageText();

} // namespace idesk::cli
