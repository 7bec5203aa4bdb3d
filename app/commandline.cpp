#include "commandline.h"

#include <QCoreApplication>

namespace idesk::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("CommandLine", text);
}
} // namespace

Result<ParsedCommand> parseCommand(const QStringList &words, const CommandSpec &spec)
{
    ParsedCommand parsed;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words.at(i);
        const bool looksLikeOption = !optionsEnded && word.size() > 1 && word.startsWith(u'-')
                && !(word.size() > 1 && word.at(1).isDigit());
        if (!optionsEnded && word == u"--") {
            optionsEnded = true;
            continue;
        }
        if (!looksLikeOption) {
            parsed.positionals.append(word);
            continue;
        }
        QString name = word.startsWith(QStringLiteral("--")) ? word.mid(2) : word.mid(1);
        std::optional<QString> inlineValue;
        if (const qsizetype eq = name.indexOf(u'='); eq > 0) {
            inlineValue = name.mid(eq + 1);
            name = name.left(eq);
        }
        if (spec.flags.contains(name)) {
            if (inlineValue)
                return Error::validation(tr("%1: --%2 takes no value.").arg(spec.name, name));
            parsed.flags.insert(name);
            continue;
        }
        if (!spec.options.contains(name))
            return Error::validation(
                    tr("%1: unknown option %2. Usage: incidentdesk %3").arg(spec.name, word, spec.usage));
        if (parsed.options.contains(name))
            return Error::validation(tr("%1: --%2 given twice.").arg(spec.name, name));
        if (inlineValue) {
            parsed.options.insert(name, *inlineValue);
        } else {
            if (i + 1 >= words.size())
                return Error::validation(tr("%1: --%2 needs a value.").arg(spec.name, name));
            parsed.options.insert(name, words.at(++i));
        }
    }
    for (const QString &required : spec.requiredOptions) {
        if (!parsed.options.contains(required))
            return Error::validation(tr("%1: --%2 is required. Usage: incidentdesk %3")
                                             .arg(spec.name, required, spec.usage));
    }
    if (parsed.positionals.size() < spec.minPositionals
        || parsed.positionals.size() > spec.maxPositionals)
        return Error::validation(tr("%1: expected %2 argument(s), got %3. Usage: incidentdesk %4")
                                         .arg(spec.name,
                                              spec.minPositionals == spec.maxPositionals
                                                      ? QString::number(spec.minPositionals)
                                                      : QStringLiteral("%1 to %2")
                                                                .arg(spec.minPositionals)
                                                                .arg(spec.maxPositionals))
                                         .arg(parsed.positionals.size())
                                         .arg(spec.usage));
    return parsed;
}

Result<GlobalOptions> extractGlobalOptions(const QStringList &arguments)
{
    GlobalOptions global;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &word = arguments.at(i);
        if (optionsEnded) {
            global.rest.append(word);
            continue;
        }
        if (word == u"--") {
            optionsEnded = true;
            global.rest.append(word);
        } else if (word == u"--db" || word.startsWith(QStringLiteral("--db="))) {
            if (!global.databasePath.isEmpty())
                return Error::validation(tr("--db given twice."));
            if (word.startsWith(QStringLiteral("--db=")))
                global.databasePath = word.mid(5);
            else if (i + 1 < arguments.size())
                global.databasePath = arguments.at(++i);
            if (global.databasePath.isEmpty())
                return Error::validation(tr("--db needs a file name."));
        } else if (word == u"--verbose" || word == u"-v") {
            global.verbose = true;
        } else if (word == u"--help" || word == u"-h") {
            global.help = true;
        } else if (word == u"--version") {
            global.version = true;
        } else {
            global.rest.append(word);
        }
    }
    return global;
}

} // namespace idesk::cli
