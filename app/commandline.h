#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include "result.h"

namespace idesk::cli {

// What one command accepts. Options are "--name VALUE"; flags are "--name".
struct CommandSpec
{
    QString name;
    QString usage; // shown on a usage error: "log ID TEXT [--kind KIND] ..."
    int minPositionals = 0;
    int maxPositionals = 0;
    QStringList options;
    QStringList flags;
    QStringList requiredOptions;
};

struct ParsedCommand
{
    QStringList positionals;
    QHash<QString, QString> options;
    QSet<QString> flags;

    bool has(const QString &name) const { return options.contains(name) || flags.contains(name); }
    QString option(const QString &name) const { return options.value(name); }
};

// Parses the words after the command name against its spec. "--" ends options;
// "--name=value" and "--name value" both work; a repeated option is an error.
Result<ParsedCommand> parseCommand(const QStringList &words, const CommandSpec &spec);

// Options every invocation understands, wherever they stand before "--".
struct GlobalOptions
{
    QString databasePath;
    bool verbose = false;
    bool help = false;
    bool version = false;
    QStringList rest; // everything else, in order
};
Result<GlobalOptions> extractGlobalOptions(const QStringList &arguments);

} // namespace idesk::cli
