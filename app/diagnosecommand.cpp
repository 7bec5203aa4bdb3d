#include "diagnosecommand.h"

#include "datasourcecatalog.h"
#include "diagnosticpack.h"
#include "diagnosticsformat.h"
#include "diagnosticsrunner.h"
#include "httpdiagnosticsourcefactory.h"
#include "seriescharts.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTimer>

namespace idesk::cli {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Cli", text, disambiguation, n);
}

constexpr qint64 kMaxSinceSeconds = 366LL * 24 * 3600;

// "90s", "30m", "2h", "7d" (one number and one unit, as Prometheus writes durations).
Result<qint64> durationSeconds(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,7})([smhd])$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return Error::validation(
            tr("--since: \"%1\" is not a duration like 90s, 30m, 2h or 7d.").arg(text));
    const qint64 n = match.captured(1).toLongLong();
    const QChar unit = match.captured(2).at(0);
    const qint64 seconds = unit == u's' ? n
        : unit == u'm'                  ? n * 60
        : unit == u'h'                  ? n * 3600
                                        : n * 86400;
    if (seconds < 1 || seconds > kMaxSinceSeconds)
        return Error::validation(tr("--since: give between 1 second and 366 days."));
    return seconds;
}

// The incident's window: from 30 minutes before it started (else was declared) to
// its resolution, or now.
QueryWindow incidentWindow(const IncidentHeader &header, const QDateTime &now)
{
    const auto started = header.milestones.get(Milestone::Started);
    const auto declared = header.milestones.get(Milestone::Declared);
    const auto resolved = header.milestones.get(Milestone::Resolved);
    QDateTime start = started.value_or(declared.value_or(now)).addSecs(-30 * 60);
    QDateTime end = resolved.value_or(now);
    if (end <= start)
        end = start.addSecs(60);
    return QueryWindow {start, end, 0};
}

Result<QList<DiagnosticPack>> allPacks(IncidentRepository &repository)
{
    QList<DiagnosticPack> packs = builtInDiagnosticPacks();
    const auto stored = repository.setting(QStringLiteral("diagnostic_packs"));
    if (!stored)
        return stored.error();
    if (!stored->isEmpty()) {
        const auto parsed = diagnosticPacksFromJson(stored->toUtf8());
        if (!parsed)
            return parsed.error();
        packs += *parsed;
    }
    return packs;
}

QString summaryOf(const QueryResult &result, const QString &unit)
{
    int points = 0;
    for (const auto &series : result.series)
        points += int(series.samples.size());
    QString last;
    if (result.series.size() == 1 && !result.series.constFirst().samples.isEmpty())
        last = tr(", last %1")
                   .arg(DiagnosticsFormat::formatValue(
                       result.series.constFirst().samples.constLast().value, unit));
    return tr("%n series", nullptr, int(result.series.size())) + tr(", %n points", nullptr, points)
        + last;
}

} // namespace

VoidResult diagnose(const ParsedCommand &args, Context &ctx)
{
    const auto id = parseIncidentId(args.positionals.value(0));
    if (!id)
        return Error::validation(
            tr("diagnose: \"%1\" is not an incident id.").arg(args.positionals.value(0)));
    const bool hasQuery = args.has(QStringLiteral("query"));
    const bool hasPack = args.has(QStringLiteral("pack"));
    if (hasQuery == hasPack)
        return Error::validation(tr("diagnose: give either --query PROMQL or --pack NAME."));
    if (hasQuery && args.option(QStringLiteral("query")).trimmed().isEmpty())
        return Error::validation(tr("diagnose: --query is empty."));
    std::optional<qint64> since;
    if (args.has(QStringLiteral("since"))) {
        const auto seconds = durationSeconds(args.option(QStringLiteral("since")));
        if (!seconds)
            return seconds.error();
        since = *seconds;
    }

    const auto service = ctx.service();
    if (!service)
        return service.error();
    const auto header = (*service)->repository().loadHeader(*id);
    if (!header)
        return header.error();
    const auto catalog = ctx.catalog();
    if (!catalog)
        return catalog.error();
    const auto source = (*catalog)->find(args.option(QStringLiteral("source")));
    if (!source)
        return source.error();
    if (source->kind != DataSource::Kind::Prometheus)
        return Error::validation(tr("diagnose: \"%1\" is a %2 source; queries go to Prometheus.")
                                     .arg(source->name, displayName(source->kind)));
    const auto secret = (*catalog)->secretFor(*source);
    if (!secret)
        return secret.error();

    const QDateTime now = ctx.clock().now();
    const QueryWindow window
        = since ? QueryWindow {now.addSecs(-*since), now, 0} : incidentWindow(*header, now);
    QList<DiagnosticsJob> jobs;
    if (hasQuery) {
        const QString query = args.option(QStringLiteral("query"));
        jobs.append({QString(), DiagnosticsFormat::expandWindow(query, window), QString(), window});
    } else {
        const auto packs = allPacks((*service)->repository());
        if (!packs)
            return packs.error();
        const QString name = args.option(QStringLiteral("pack")).trimmed();
        QStringList names;
        for (const auto &pack : *packs) {
            names.append(pack.name);
            if (pack.name.compare(name, Qt::CaseInsensitive) != 0 || !jobs.isEmpty())
                continue;
            for (const auto &q : pack.queries)
                jobs.append(
                    {q.title, DiagnosticsFormat::expandWindow(q.query, window), q.unit, window});
        }
        if (jobs.isEmpty())
            return Error::validation(tr("diagnose: no pack is called \"%1\" (packs: %2).")
                                         .arg(name, names.join(QStringLiteral(", "))));
    }

    HttpDiagnosticSourceFactory factory;
    DiagnosticsRunner runner;
    QEventLoop loop;
    int failures = 0;
    QString firstFailure;
    QObject::connect(&runner, &DiagnosticsRunner::jobFinished, &loop,
        [&](int, const DiagnosticsJob &job, const QueryResult &result) {
            DiagnosticSnapshot snapshot;
            snapshot.source = source->name;
            snapshot.query = job.query;
            snapshot.windowStart = job.window.start;
            snapshot.windowEnd = job.window.end;
            snapshot.capturedAt = ctx.clock().now();
            snapshot.result = result.raw;
            SeriesCharts::ChartOptions options;
            options.title = job.title.isEmpty() ? job.query : job.title;
            options.unit = job.unit;
            options.windowStart = job.window.start;
            options.windowEnd = job.window.end;
            options.forExport = true;
            snapshot.chartPng = SeriesCharts::renderPng(result, options);
            const QString label = job.title.isEmpty() ? job.query : job.title;
            const auto pinned
                = (*service)->pinDiagnostic(*id, snapshot, job.title, defaultAuthor());
            if (!pinned) {
                ++failures;
                firstFailure = pinned.errorMessage();
                ctx.out << tr("failed  %1: %2\n").arg(label, pinned.errorMessage());
                return;
            }
            ctx.out << tr("pinned  %1: %2\n").arg(label, summaryOf(result, job.unit));
        });
    QObject::connect(&runner, &DiagnosticsRunner::jobFailed, &loop,
        [&](int, const DiagnosticsJob &job, const QString &message) {
            ++failures;
            if (firstFailure.isEmpty())
                firstFailure = message;
            ctx.out
                << tr("failed  %1: %2\n").arg(job.title.isEmpty() ? job.query : job.title, message);
        });
    QObject::connect(&runner, &DiagnosticsRunner::allFinished, &loop, &QEventLoop::quit);
    // The source's own timeout ends every request; this only guards against a bug.
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(std::chrono::seconds(source->timeoutSeconds * 2 + 10));
    runner.start(factory.create(*source, *secret), jobs);
    if (runner.isRunning())
        loop.exec();
    if (runner.isRunning()) {
        runner.cancel();
        return Error::io(tr("diagnose: %1 did not answer in time.").arg(source->name));
    }
    ctx.out.flush();
    if (failures > 0)
        return Error::io(tr("diagnose: %n of %1 queries failed; the first: %2", nullptr, failures)
                             .arg(jobs.size())
                             .arg(firstFailure));
    return {};
}

} // namespace idesk::cli
