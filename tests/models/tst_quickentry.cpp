#include "quickentry.h"

#include <QTest>

using namespace idesk;
using namespace idesk::QuickEntry;

namespace {
// 10:00 local on a fixed day, so "HH:MM" resolves predictably.
QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::LocalTime).toUTC();
}

QString describe(const Command &command)
{
    return std::visit(
            [](const auto &action) -> QString {
                using T = std::decay_t<decltype(action)>;
                if constexpr (std::is_same_v<T, LogEntry>)
                    return QStringLiteral("log %1 %2").arg(entryKindName(action.kind), action.text);
                else if constexpr (std::is_same_v<T, SetStatus>)
                    return QStringLiteral("status %1%2").arg(statusName(action.status),
                                                              action.reopen ? QStringLiteral(" reopen")
                                                                            : QString());
                else if constexpr (std::is_same_v<T, SetSeverity>)
                    return QStringLiteral("sev %1 %2").arg(action.level).arg(action.reason).trimmed();
                else if constexpr (std::is_same_v<T, Assign>)
                    return QStringLiteral("assign %1 %2").arg(action.role, action.person);
                else
                    return QStringLiteral("milestone %1").arg(milestoneName(action.milestone));
            },
            command.action);
}
} // namespace

class QuickEntryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("expected"); // "error" when refused
        QTest::addColumn<QString>("backdatedTo"); // local HH:mm, or empty

        QTest::newRow("plain note") << "DB CPU at 100%" << "log note DB CPU at 100%" << "";
        QTest::newRow("backdated note") << "09:42 first 5xx alerts" << "log note first 5xx alerts" << "09:42";
        QTest::newRow("decision") << "/decision roll back v2.5" << "log decision roll back v2.5" << "";
        QTest::newRow("action") << "/action restarting pods" << "log action restarting pods" << "";
        QTest::newRow("observation") << "/observation error rate falling" << "log observation error rate falling" << "";
        QTest::newRow("backdated decision") << "09:05 /decision fail over" << "log decision fail over" << "09:05";
        QTest::newRow("status") << "/status monitoring" << "status monitoring" << "";
        QTest::newRow("status case") << "/STATUS Resolved" << "status resolved" << "";
        QTest::newRow("reopen") << "/reopen investigating" << "status investigating reopen" << "";
        QTest::newRow("sev") << "/sev 2" << "sev 2" << "";
        QTest::newRow("sev with reason") << "/sev SEV-1 all regions down" << "sev 1 all regions down" << "";
        QTest::newRow("assign") << "/assign scribe Dana" << "assign scribe Dana" << "";
        QTest::newRow("assign full name") << "/assign tech-lead Bob van der Berg" << "assign tech-lead Bob van der Berg" << "";
        QTest::newRow("ic") << "/ic Alice" << "assign commander Alice" << "";
        QTest::newRow("milestone") << "/milestone mitigated" << "milestone mitigated" << "";
        QTest::newRow("milestone shorthand") << "09:58 /detected" << "milestone detected" << "09:58";
        QTest::newRow("escaped slash") << "//var/log is full" << "log note /var/log is full" << "";
        QTest::newRow("time-like text is not a time") << "1:1 ratio" << "log note 1:1 ratio" << "";

        QTest::newRow("unknown command") << "/bogus thing" << "error" << "";
        QTest::newRow("bad status") << "/status nonsense" << "error" << "";
        QTest::newRow("bad sev") << "/sev high" << "error" << "";
        QTest::newRow("assign without person") << "/assign scribe" << "error" << "";
        QTest::newRow("bad role") << "/assign <b> Dana" << "error" << "";
        QTest::newRow("empty decision") << "/decision" << "error" << "";
        QTest::newRow("empty") << "   " << "error" << "";
        QTest::newRow("time only") << "09:15" << "error" << "";
        QTest::newRow("impossible time") << "25:99 hello" << "log note 25:99 hello" << "";
    }

    void parses()
    {
        QFETCH(QString, line);
        QFETCH(QString, expected);
        QFETCH(QString, backdatedTo);
        const auto command = parse(line, fixedNow());
        if (expected == u"error") {
            QVERIFY2(!command.ok(), qPrintable(line));
            QVERIFY(!command.error().message.isEmpty());
            return;
        }
        QVERIFY2(command.ok(), qPrintable(command.errorMessage()));
        QCOMPARE(describe(*command), expected);
        if (backdatedTo.isEmpty()) {
            QVERIFY(!command->at);
        } else {
            QVERIFY(command->at);
            QCOMPARE(command->at->toLocalTime().toString(QStringLiteral("HH:mm")), backdatedTo);
            QCOMPARE(command->at->toLocalTime().date(), QDate(2026, 11, 23));
        }
    }
};

QTEST_GUILESS_MAIN(QuickEntryTest)
#include "tst_quickentry.moc"
