#include "clicommands.h"

#include "clicontext.h"
#include "diagnosecommand.h"
#include "sourcecommands.h"

#include "blamelesscheck.h"
#include "incidentjson.h"
#include "incidentservice.h"
#include "logging.h"
#include "postmortemexport.h"
#include "severity.h"
#include "sqliteincidentrepository.h"
#include "textreport.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>
#include <functional>
#include <future>
#include <memory>

namespace idesk::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

using Handler = std::function<VoidResult(const ParsedCommand &, Context &)>;

struct Command
{
    CommandSpec spec;
    Handler run;
};

QString authorOf(const ParsedCommand &args)
{
    return args.has(QStringLiteral("author")) ? args.option(QStringLiteral("author")).trimmed()
                                               : defaultAuthor();
}

Result<qint64> incidentIdArg(const QString &text)
{
    const auto id = parseIncidentId(text);
    if (!id)
        return Error::validation(tr("\"%1\" is not an incident id (use INC-<n> or <n>).").arg(text));
    return *id;
}

Result<std::optional<QDateTime>> timeOption(const ParsedCommand &args, const QString &name,
                                            const Clock &clock)
{
    if (!args.has(name))
        return std::optional<QDateTime>();
    const auto at = parseUserTime(args.option(name), clock.now());
    if (!at)
        return Error::validation(tr("--%1: \"%2\" is not a time (use ISO 8601 such as "
                                    "2026-11-23T14:05:00Z, or HH:MM for today).")
                                         .arg(name, args.option(name)));
    return std::optional<QDateTime>(*at);
}

Result<int> severityArg(const QString &text)
{
    const auto level = parseSeverity(text);
    if (!level)
        return Error::validation(tr("\"%1\" is not a severity (use SEV-1, SEV-2, ...).").arg(text));
    return *level;
}

// ---- commands -------------------------------------------------------------

VoidResult declare(const ParsedCommand &args, Context &ctx)
{
    const auto severity = severityArg(args.option(QStringLiteral("severity")));
    if (!severity)
        return severity.error();
    const auto at = timeOption(args, QStringLiteral("at"), ctx.clock());
    if (!at)
        return at.error();
    DeclareRequest request;
    request.title = args.option(QStringLiteral("title"));
    request.severity = *severity;
    request.summary = args.option(QStringLiteral("summary"));
    request.commander = args.option(QStringLiteral("commander"));
    request.startedAt = *at;
    request.author = args.has(QStringLiteral("commander")) ? request.commander : defaultAuthor();
    const auto service = ctx.service();
    if (!service)
        return service.error();
    const auto id = (*service)->declare(request);
    if (!id)
        return id.error();
    ctx.out << formatIncidentId(*id) << Qt::endl;
    return {};
}

VoidResult list(const ParsedCommand &args, Context &ctx)
{
    const auto service = ctx.service();
    if (!service)
        return service.error();
    const auto incidents = (*service)->repository().listIncidents(args.has(QStringLiteral("all")));
    if (!incidents)
        return incidents.error();
    if (args.has(QStringLiteral("json")))
        ctx.out << QString::fromUtf8(incidentListJson(*incidents));
    else
        ctx.out << incidentListText(*incidents, ctx.clock().now());
    return {};
}

VoidResult show(const ParsedCommand &args, Context &ctx)
{
    const auto id = incidentIdArg(args.positionals.at(0));
    if (!id)
        return id.error();
    const auto service = ctx.service();
    if (!service)
        return service.error();
    const auto incident = (*service)->repository().loadIncident(*id);
    if (!incident)
        return incident.error();
    if (args.has(QStringLiteral("json")))
        ctx.out << QString::fromUtf8(IncidentJson::toJson(*incident));
    else
        ctx.out << incidentText(*incident, ctx.clock().now());
    return {};
}

VoidResult log(const ParsedCommand &args, Context &ctx)
{
    const auto id = incidentIdArg(args.positionals.at(0));
    if (!id)
        return id.error();
    EntryKind kind = EntryKind::Note;
    if (args.has(QStringLiteral("kind"))) {
        const auto parsed = parseEntryKind(args.option(QStringLiteral("kind")));
        if (!parsed) {
            QStringList names;
            for (EntryKind k : allEntryKinds())
                names.append(entryKindName(k));
            return Error::validation(tr("--kind: \"%1\" is not one of %2.")
                                             .arg(args.option(QStringLiteral("kind")),
                                                  names.join(QStringLiteral(", "))));
        }
        kind = *parsed;
    }
    const auto at = timeOption(args, QStringLiteral("at"), ctx.clock());
    if (!at)
        return at.error();
    const auto service = ctx.service();
    if (!service)
        return service.error();
    const auto entryId = (*service)->log(*id, kind, args.positionals.at(1), *at, authorOf(args));
    if (!entryId)
        return entryId.error();
    ctx.out << *entryId << Qt::endl;
    return {};
}

VoidResult status(const ParsedCommand &args, Context &ctx)
{
    const auto id = incidentIdArg(args.positionals.at(0));
    if (!id)
        return id.error();
    const auto to = parseStatus(args.positionals.at(1));
    if (!to)
        return Error::validation(tr("\"%1\" is not a status (investigating, identified, "
                                    "monitoring, resolved, closed).")
                                         .arg(args.positionals.at(1)));
    const auto at = timeOption(args, QStringLiteral("at"), ctx.clock());
    if (!at)
        return at.error();
    const auto service = ctx.service();
    if (!service)
        return service.error();
    return (*service)->changeStatus(*id, *to, *at, authorOf(args),
                                    args.has(QStringLiteral("reopen")));
}

VoidResult severity(const ParsedCommand &args, Context &ctx)
{
    const auto id = incidentIdArg(args.positionals.at(0));
    if (!id)
        return id.error();
    const auto level = severityArg(args.positionals.at(1));
    if (!level)
        return level.error();
    const auto at = timeOption(args, QStringLiteral("at"), ctx.clock());
    if (!at)
        return at.error();
    const auto service = ctx.service();
    if (!service)
        return service.error();
    return (*service)->changeSeverity(*id, *level, *at, authorOf(args),
                                      args.option(QStringLiteral("reason")));
}

VoidResult milestone(const ParsedCommand &args, Context &ctx)
{
    const auto id = incidentIdArg(args.positionals.at(0));
    if (!id)
        return id.error();
    const auto which = parseMilestone(args.positionals.at(1));
    if (!which)
        return Error::validation(tr("\"%1\" is not a milestone (started, detected, declared, "
                                    "acknowledged, mitigated, resolved, closed).")
                                         .arg(args.positionals.at(1)));
    const QString timeText = args.positionals.at(2);
    std::optional<QDateTime> at;
    if (timeText != u"none" && timeText != u"clear") {
        at = parseUserTime(timeText, ctx.clock().now());
        if (!at)
            return Error::validation(tr("\"%1\" is not a time (use ISO 8601, HH:MM for today, or "
                                        "\"none\" to clear).")
                                             .arg(timeText));
    }
    const auto service = ctx.service();
    if (!service)
        return service.error();
    return (*service)->setMilestone(*id, *which, at, authorOf(args));
}

VoidResult assign(const ParsedCommand &args, Context &ctx)
{
    const auto id = incidentIdArg(args.positionals.at(0));
    if (!id)
        return id.error();
    const auto at = timeOption(args, QStringLiteral("at"), ctx.clock());
    if (!at)
        return at.error();
    const auto service = ctx.service();
    if (!service)
        return service.error();
    return (*service)->assignRole(*id, args.positionals.at(1), args.positionals.at(2), *at,
                                  authorOf(args), args.option(QStringLiteral("note")));
}

VoidResult update(const ParsedCommand &args, Context &ctx)
{
    const auto id = incidentIdArg(args.positionals.at(0));
    if (!id)
        return id.error();
    StatusUpdate update;
    update.status = args.option(QStringLiteral("status"));
    update.impact = args.option(QStringLiteral("impact"));
    update.actions = args.option(QStringLiteral("actions"));
    update.needs = args.option(QStringLiteral("needs"));
    update.at = ctx.clock().now();
    if (args.has(QStringLiteral("audience"))) {
        const auto audience = parseAudience(args.option(QStringLiteral("audience")));
        if (!audience)
            return Error::validation(tr("--audience must be internal or external."));
        update.audience = *audience;
    }
    if (args.has(QStringLiteral("next"))) {
        bool ok = false;
        const int minutes = args.option(QStringLiteral("next")).toInt(&ok);
        if (!ok || minutes < 1 || minutes > 7 * 24 * 60)
            return Error::validation(tr("--next must be a number of minutes from 1 to 10080."));
        update.nextUpdateAt = update.at.addSecs(qint64(minutes) * 60);
    }
    const auto service = ctx.service();
    if (!service)
        return service.error();
    return (*service)->postStatusUpdate(*id, update, authorOf(args));
}

VoidResult action(const ParsedCommand &args, Context &ctx)
{
    const auto id = incidentIdArg(args.positionals.at(0));
    if (!id)
        return id.error();
    const QString verb = args.positionals.at(1);
    if (verb == u"add") {
        if (args.positionals.size() != 3)
            return Error::validation(tr("action: add takes the item's text: action ID add TEXT."));
        ActionItem item;
        item.text = args.positionals.at(2);
        item.owner = args.option(QStringLiteral("owner")).trimmed();
        if (args.has(QStringLiteral("due"))) {
            const QDate due = QDate::fromString(args.option(QStringLiteral("due")), Qt::ISODate);
            if (!due.isValid())
                return Error::validation(tr("--due: \"%1\" is not a date (YYYY-MM-DD).")
                                                 .arg(args.option(QStringLiteral("due"))));
            item.due = due;
        }
        if (args.has(QStringLiteral("type"))) {
            const auto type = parseActionType(args.option(QStringLiteral("type")));
            if (!type)
                return Error::validation(
                        tr("--type must be prevent, mitigate, detect, process or other."));
            item.type = *type;
        }
        const auto service = ctx.service();
        if (!service)
            return service.error();
        const auto number = (*service)->addActionItem(*id, item);
        if (!number)
            return number.error();
        ctx.out << *number << Qt::endl;
        return {};
    }
    if (verb == u"done") {
        bool ok = false;
        const int number = args.positionals.size() == 3 ? args.positionals.at(2).toInt(&ok) : 0;
        if (!ok || number < 1)
            return Error::validation(tr("action: done takes the item's number: action ID done N."));
        const auto service = ctx.service();
        if (!service)
            return service.error();
        return (*service)->setActionItemStatus(*id, number, ActionStatus::Done);
    }
    return Error::validation(
            tr("action: \"%1\" is not add or done. Usage: incidentdesk action ID add TEXT "
               "[--owner P] [--due DATE] | action ID done N")
                    .arg(verb));
}

// The postmortem document (DESIGN §6) as Markdown or standalone HTML. The blameless
// check's findings go to stderr as warnings; they never block the export (exit 0).
VoidResult exportPostmortem(const Incident &incident, PostmortemExport::Format format,
                            const ParsedCommand &args, Context &ctx, const IncidentService &service)
{
    const auto rate = service.hourlyRate();
    if (!rate)
        return rate.error();
    PostmortemOptions options;
    options.hourlyRate = *rate;
    options.now = ctx.clock().now();
    // The check only reads the incident, as the render does: on a long timeline each
    // takes tens of milliseconds, so they run side by side.
    auto findings = std::async(
            std::launch::async, [&incident] { return BlamelessCheck::run(incident); });
    VoidResult written;
    if (!args.has(QStringLiteral("o")))
        ctx.out << QString::fromUtf8(PostmortemExport::text(incident, options, format));
    else
        written = PostmortemExport::write(
                incident, options, format, args.option(QStringLiteral("o")));
    QTextStream err(stderr);
    for (const auto &finding : findings.get())
        err << tr("incidentdesk: warning: %1: \"%2\": %3")
                        .arg(finding.location, finding.matched, finding.reason)
            << Qt::endl;
    return written;
}

VoidResult exportIncident(const ParsedCommand &args, Context &ctx)
{
    const auto id = incidentIdArg(args.positionals.at(0));
    if (!id)
        return id.error();
    const QString format = args.has(QStringLiteral("format"))
            ? args.option(QStringLiteral("format"))
            : QStringLiteral("json");
    std::optional<PostmortemExport::Format> postmortem;
    if (format == u"markdown" || format == u"md")
        postmortem = PostmortemExport::Format::Markdown;
    else if (format == u"html")
        postmortem = PostmortemExport::Format::Html;
    else if (format != u"json")
        return Error::validation(
                tr("--format: \"%1\" is not json, markdown or html.").arg(format));
    const auto service = ctx.service();
    if (!service)
        return service.error();
    const auto incident = (*service)->repository().loadIncident(*id);
    if (!incident)
        return incident.error();
    if (postmortem)
        return exportPostmortem(*incident, *postmortem, args, ctx, **service);
    const QByteArray document = IncidentJson::toJson(*incident);
    if (!args.has(QStringLiteral("o"))) {
        ctx.out << QString::fromUtf8(document);
        return {};
    }
    // QSaveFile writes beside the target and renames, so a failure leaves no half file.
    QSaveFile file(args.option(QStringLiteral("o")));
    if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size()
        || !file.commit())
        return Error::io(tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    return {};
}

VoidResult importIncident(const ParsedCommand &args, Context &ctx)
{
    QFile file(args.positionals.at(0));
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
    const auto incident = IncidentJson::fromJson(file.readAll());
    if (!incident)
        return Error::validation(tr("%1: %2").arg(file.fileName(), incident.error().message));
    const auto service = ctx.service();
    if (!service)
        return service.error();
    const auto id = (*service)->importIncident(*incident);
    if (!id)
        return id.error();
    ctx.out << formatIncidentId(*id) << Qt::endl;
    return {};
}

// ---- search and backup ------------------------------------------------------

// At most this many hits; the GUI's search box pages, a script can narrow the words.
constexpr int kSearchLimit = 100;

VoidResult search(const ParsedCommand &args, Context &ctx)
{
    // Several words without quotes mean the same as one quoted TEXT.
    const QString text = args.positionals.join(u' ');
    if (text.trimmed().isEmpty())
        return Error::validation(tr("search: give the words to look for: search TEXT [--json]."));
    const auto service = ctx.service();
    if (!service)
        return service.error();
    const auto hits = (*service)->repository().search(text, kSearchLimit);
    if (!hits)
        return hits.error();
    if (args.has(QStringLiteral("json"))) {
        QJsonArray array;
        for (const auto &hit : *hits) {
            array.append(QJsonObject {
                {QStringLiteral("incident"), formatIncidentId(hit.incidentId)},
                {QStringLiteral("entry"),
                    hit.entryId != 0 ? QJsonValue(hit.entryId) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("kind"), hit.kind},
                {QStringLiteral("at"),
                    hit.at.isValid() ? QJsonValue(formatIsoUtc(hit.at))
                                     : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("snippet"), hit.snippet},
            });
        }
        ctx.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return {};
    }
    for (const auto &hit : *hits) {
        const QString snippet = hit.snippet.simplified(); // one line per hit
        ctx.out << QStringLiteral("%1  %2  %3  %4\n")
                       .arg(formatIncidentId(hit.incidentId), -8)
                       .arg(hit.kind, -11)
                       .arg(hit.at.isValid() ? formatIsoUtc(hit.at) : QStringLiteral("-"), -20)
                       .arg(snippet);
    }
    return {};
}

VoidResult backup(const ParsedCommand &args, Context &ctx)
{
    const QString target = args.positionals.at(0);
    if (target.isEmpty())
        return Error::validation(tr("backup: give the file to write: backup FILE."));
    // Backing up a database that is not there would only create an empty one.
    auto repository = SqliteIncidentRepository::open(
        ctx.databasePath(), SqliteIncidentRepository::OpenMode::MustExist);
    if (!repository)
        return repository.error();
    return (*repository)->backupTo(target);
}

const QList<Command> &commands()
{
    const QString at = QStringLiteral("at");
    const QString author = QStringLiteral("author");
    static const QList<Command> table = {
        {{QStringLiteral("declare"),
          QStringLiteral("declare --title T --severity SEV-N [--summary S] [--commander NAME] "
                         "[--at TIME]"),
          0, 0,
          {QStringLiteral("title"), QStringLiteral("severity"), QStringLiteral("summary"),
           QStringLiteral("commander"), at},
          {},
          {QStringLiteral("title"), QStringLiteral("severity")}},
         declare},
        {{QStringLiteral("list"), QStringLiteral("list [--all] [--json]"), 0, 0, {},
          {QStringLiteral("all"), QStringLiteral("json")}, {}},
         list},
        {{QStringLiteral("show"), QStringLiteral("show ID [--json]"), 1, 1, {},
          {QStringLiteral("json")}, {}},
         show},
        {{QStringLiteral("log"),
          QStringLiteral("log ID TEXT [--kind KIND] [--at TIME] [--author NAME]"), 2, 2,
          {QStringLiteral("kind"), at, author}, {}, {}},
         log},
        {{QStringLiteral("status"), QStringLiteral("status ID STATUS [--at TIME] [--reopen]"), 2,
          2, {at, author}, {QStringLiteral("reopen")}, {}},
         status},
        {{QStringLiteral("severity"),
          QStringLiteral("severity ID SEV-N [--at TIME] [--reason TEXT]"), 2, 2,
          {at, QStringLiteral("reason"), author}, {}, {}},
         severity},
        {{QStringLiteral("milestone"), QStringLiteral("milestone ID NAME TIME"), 3, 3, {author},
          {}, {}},
         milestone},
        {{QStringLiteral("assign"),
          QStringLiteral("assign ID ROLE PERSON [--at TIME] [--note TEXT]"), 3, 3,
          {at, QStringLiteral("note"), author}, {}, {}},
         assign},
        {{QStringLiteral("update"),
          QStringLiteral("update ID --status TEXT [--impact T] [--actions T] [--needs T] "
                         "[--next MIN] [--audience internal|external]"),
          1, 1,
          {QStringLiteral("status"), QStringLiteral("impact"), QStringLiteral("actions"),
           QStringLiteral("needs"), QStringLiteral("next"), QStringLiteral("audience"), author},
          {},
          {QStringLiteral("status")}},
         update},
        {{QStringLiteral("action"),
          QStringLiteral("action ID add TEXT [--owner P] [--due DATE] [--type TYPE] | action ID "
                         "done N"),
          2, 3, {QStringLiteral("owner"), QStringLiteral("due"), QStringLiteral("type")}, {}, {}},
         action},
        {{QStringLiteral("export"), QStringLiteral("export ID [--format json|markdown|html] [-o FILE]"), 1, 1,
          {QStringLiteral("format"), QStringLiteral("o")}, {}, {}},
         exportIncident},
        {{QStringLiteral("import"), QStringLiteral("import FILE.json"), 1, 1, {}, {}, {}},
         importIncident},
        {{QStringLiteral("search"), QStringLiteral("search TEXT [--json]"), 1, 64, {},
          {QStringLiteral("json")}, {}},
         search},
        {{QStringLiteral("backup"), QStringLiteral("backup FILE"), 1, 1, {}, {}, {}}, backup},
        {{QStringLiteral("sources"),
          QStringLiteral("sources [--json] | sources add NAME --kind prometheus|alertmanager|"
                         "webhook --url URL [--token-env VAR] [--ca-file FILE] [--timeout SEC] | "
                         "sources remove NAME"),
          0, 2,
          {QStringLiteral("kind"), QStringLiteral("url"), QStringLiteral("token-env"),
           QStringLiteral("ca-file"), QStringLiteral("timeout")},
          {QStringLiteral("json")}, {}},
         sources},
        {{QStringLiteral("diagnose"),
          QStringLiteral("diagnose ID --source NAME (--query PROMQL | --pack NAME) [--since DUR]"),
          1, 1,
          {QStringLiteral("source"), QStringLiteral("query"), QStringLiteral("pack"),
           QStringLiteral("since")},
          {}, {QStringLiteral("source")}},
         diagnose},
    };
    return table;
}

int exitCodeFor(const Error &error)
{
    return error.kind == Error::Kind::Validation ? kExitUsage : kExitFailure;
}

int fail(const Error &error, const QString &command)
{
    const QString line = QStringLiteral("incidentdesk: ") + error.message;
    logError(QStringLiteral("%1 failed: %2").arg(command, error.message));
    QTextStream(stderr) << line << Qt::endl;
    return exitCodeFor(error);
}

} // namespace

bool isCommandName(const QString &word)
{
    for (const auto &command : commands()) {
        if (command.spec.name == word)
            return true;
    }
    return false;
}

QString usageText()
{
    QString text = tr("Usage:\n"
                      "  incidentdesk [--db FILE]                      open the window\n"
                      "  incidentdesk [--db FILE] --screenshot FILE.png [--incident ID] "
                      "[--size WxH] [--page incident|comms|diagnostics|postmortem|action-items]\n");
    for (const auto &command : commands())
        text += QStringLiteral("  incidentdesk [--db FILE] %1\n").arg(command.spec.usage);
    text += tr("\nTIME is ISO 8601 (2026-11-23T14:05:00Z, with an offset, or local without one) "
               "or HH:MM for today.\nExit status: 0 success, 2 usage or validation error, 1 "
               "anything else.\n");
    return text;
}

int runCommand(const QStringList &words, const QString &databasePath)
{
    const QString name = words.value(0);
    for (const auto &command : commands()) {
        if (command.spec.name != name)
            continue;
        const auto parsed = parseCommand(words.mid(1), command.spec);
        if (!parsed)
            return fail(parsed.error(), name);
        Context ctx(databasePath);
        logDebug(QStringLiteral("running %1 on %2").arg(name, databasePath));
        const auto result = command.run(*parsed, ctx);
        ctx.out.flush();
        if (!result)
            return fail(result.error(), name);
        return kExitOk;
    }
    return fail(Error::validation(
                        tr("unknown command \"%1\"; run incidentdesk --help for the list.").arg(name)),
                name);
}

} // namespace idesk::cli
