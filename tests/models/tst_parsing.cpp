#include "incident.h"
#include "severity.h"
#include "timeformat.h"

#include <QTest>

using namespace idesk;

class ParsingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void userTime_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected"); // invalid: refused

        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDate today = now.toLocalTime().date();
        QTest::newRow("zulu") << "2026-11-23T14:05:00Z"
                              << QDateTime(QDate(2026, 11, 23), QTime(14, 5), Qt::UTC);
        QTest::newRow("offset") << "2026-11-23T14:05:00+02:00"
                                << QDateTime(QDate(2026, 11, 23), QTime(12, 5), Qt::UTC);
        QTest::newRow("milliseconds") << "2026-11-23T14:05:00.250Z"
                                      << QDateTime(QDate(2026, 11, 23), QTime(14, 5, 0, 250), Qt::UTC);
        QTest::newRow("no offset is local")
                << "2026-11-23T14:05:00"
                << QDateTime(QDate(2026, 11, 23), QTime(14, 5), Qt::LocalTime).toUTC();
        QTest::newRow("space separator")
                << "2026-11-23 14:05"
                << QDateTime(QDate(2026, 11, 23), QTime(14, 5), Qt::LocalTime).toUTC();
        QTest::newRow("HH:MM is today, local")
                << "09:30" << QDateTime(today, QTime(9, 30), Qt::LocalTime).toUTC();
        QTest::newRow("HH:MM:SS") << "23:59:58"
                                  << QDateTime(today, QTime(23, 59, 58), Qt::LocalTime).toUTC();
        QTest::newRow("hour 24 refused") << "24:00" << QDateTime();
        QTest::newRow("minute 60 refused") << "12:60" << QDateTime();
        QTest::newRow("words refused") << "yesterday" << QDateTime();
        QTest::newRow("trailing garbage refused") << "2026-11-23T14:05:00Zjunk" << QDateTime();
        QTest::newRow("impossible date refused") << "2026-02-30T10:00:00Z" << QDateTime();
        QTest::newRow("empty refused") << "" << QDateTime();
    }

    void userTime()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const auto parsed = parseUserTime(text, QDateTime::currentDateTimeUtc());
        if (!expected.isValid()) {
            QVERIFY2(!parsed, qPrintable(text));
            return;
        }
        QVERIFY2(parsed.has_value(), qPrintable(text));
        QCOMPARE(parsed->toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
        QCOMPARE(parsed->timeSpec(), Qt::UTC);
    }

    void isoFormatting()
    {
        const QDateTime at(QDate(2024, 11, 25), QTime(15, 45), Qt::UTC);
        QCOMPARE(formatIsoUtc(at), QStringLiteral("2024-11-25T15:45:00Z"));
        QCOMPARE(formatIsoUtc(at.addMSecs(5)), QStringLiteral("2024-11-25T15:45:00.005Z"));
        QCOMPARE(parseIsoStrict(QStringLiteral("2024-11-25T15:45:00Z")), at);
        QVERIFY(!parseIsoStrict(QStringLiteral("2024-11-25T15:45:00")));
        QVERIFY(!parseIsoStrict(QStringLiteral("15:45")));
    }

    void severity_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("level"); // 0: refused
        QTest::newRow("SEV-1") << "SEV-1" << 1;
        QTest::newRow("sev2") << "sev2" << 2;
        QTest::newRow("bare") << "3" << 3;
        QTest::newRow("space") << "SEV 4" << 4;
        QTest::newRow("zero") << "SEV-0" << 0;
        QTest::newRow("letters") << "SEV-X" << 0;
        QTest::newRow("two digits") << "SEV-12" << 0;
        QTest::newRow("empty") << "" << 0;
    }

    void severity()
    {
        QFETCH(QString, text);
        QFETCH(int, level);
        const auto parsed = parseSeverity(text);
        if (level == 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed, level);
    }

    void defaultSeverities()
    {
        const auto defaults = idesk::defaultSeverities();
        QCOMPARE(defaults.size(), 3);
        QCOMPARE(defaults[0].name(), QStringLiteral("SEV-1"));
        QCOMPARE(defaults[0].cadenceMinutes, 15);
        QCOMPARE(defaults[1].cadenceMinutes, 30);
        QCOMPARE(defaults[2].cadenceMinutes, 60);
    }

    void incidentId_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("id"); // 0: refused
        QTest::newRow("INC-7") << "INC-7" << qint64(7);
        QTest::newRow("lower case") << "inc-12" << qint64(12);
        QTest::newRow("bare") << "42" << qint64(42);
        QTest::newRow("zero") << "0" << qint64(0);
        QTest::newRow("negative") << "-3" << qint64(0);
        QTest::newRow("leading zero") << "INC-07" << qint64(0);
        QTest::newRow("junk") << "INC-7x" << qint64(0);
        QTest::newRow("huge") << "99999999999999999999" << qint64(0);
    }

    void incidentId()
    {
        QFETCH(QString, text);
        QFETCH(qint64, id);
        const auto parsed = parseIncidentId(text);
        if (id == 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed, id);
        if (id)
            QCOMPARE(parseIncidentId(formatIncidentId(id)), id);
    }

    void roleNames_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("role"); // empty: refused
        QTest::newRow("commander") << "commander" << "commander";
        QTest::newRow("ic alias") << "IC" << "commander";
        QTest::newRow("tl alias") << "tl" << "tech-lead";
        QTest::newRow("comms alias") << "comms" << "comms-lead";
        QTest::newRow("custom") << "db-expert" << "db-expert";
        QTest::newRow("spaces refused") << "db expert" << "";
        QTest::newRow("markup refused") << "<b>x</b>" << "";
        QTest::newRow("empty refused") << "" << "";
    }

    void roleNames()
    {
        QFETCH(QString, text);
        QFETCH(QString, role);
        const auto normalised = Roles::normalise(text);
        if (role.isEmpty())
            QVERIFY(!normalised);
        else
            QCOMPARE(normalised, role);
    }

    void durations_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << qint64(45) << "45s";
        QTest::newRow("minutes") << qint64(125) << "2m";
        QTest::newRow("hours") << qint64(3900) << "1h 05m";
        QTest::newRow("days") << qint64(3 * 86400 + 4 * 3600) << "3d 4h";
        QTest::newRow("negative") << qint64(-60) << "-1m";
    }

    void durations()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(formatDuration(seconds), text);
    }
};

QTEST_GUILESS_MAIN(ParsingTest)
#include "tst_parsing.moc"
