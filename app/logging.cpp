#include "logging.h"

#include <QDir>
#include <QRegularExpression>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace idesk {

namespace {
constexpr std::size_t kMaxLogBytes = 5 * 1024 * 1024;
constexpr std::size_t kKeptLogFiles = 3;

void write(spdlog::level::level_enum level, const QString &message)
{
    spdlog::log(level, "{}", redactSecrets(message).toStdString());
}
} // namespace

QString setUpLogging(const QString &logDirectory, LogMode mode, bool verbose)
{
    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    if (verbose)
        console->set_level(spdlog::level::debug);
    else
        console->set_level(mode == LogMode::Gui ? spdlog::level::warn : spdlog::level::off);
    sinks.push_back(console);

    QString logFile;
    if (QDir().mkpath(logDirectory)) {
        const QString path = QDir(logDirectory).filePath(QStringLiteral("incidentdesk.log"));
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                    QDir::toNativeSeparators(path).toStdString(), kMaxLogBytes, kKeptLogFiles);
            file->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
            sinks.push_back(file);
            logFile = path;
        } catch (const spdlog::spdlog_ex &) {
            // An unwritable data folder must not stop the app; stderr still works.
        }
    }
    auto logger = std::make_shared<spdlog::logger>("incidentdesk", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::debug);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z [%l] [pid %P] %v");
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
    return logFile;
}

void logDebug(const QString &message)
{
    write(spdlog::level::debug, message);
}

void logInfo(const QString &message)
{
    write(spdlog::level::info, message);
}

void logWarning(const QString &message)
{
    write(spdlog::level::warn, message);
}

void logError(const QString &message)
{
    write(spdlog::level::err, message);
}

QString redactSecrets(const QString &text)
{
    static const QRegularExpression patterns[] = {
        QRegularExpression(QStringLiteral("(?i)(authorization:\\s*(?:bearer|basic)\\s+)\\S+")),
        QRegularExpression(QStringLiteral(
                "(?i)((?:token|password|passwd|secret|api[_-]?key)[\"']?\\s*[=:]\\s*[\"']?)[^\\s\"'&]+")),
        QRegularExpression(QStringLiteral("(://[^/\\s:@]+:)[^@\\s/]+(@)")),
    };
    QString result = text;
    result.replace(patterns[0], QStringLiteral("\\1[redacted]"));
    result.replace(patterns[1], QStringLiteral("\\1[redacted]"));
    result.replace(patterns[2], QStringLiteral("\\1[redacted]\\2"));
    return result;
}

} // namespace idesk
