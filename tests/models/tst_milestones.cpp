#include "milestones.h"

#include <QTest>

using namespace idesk;

namespace {
QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}
} // namespace

class MilestonesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void derivedDurations_data()
    {
        QTest::addColumn<QString>("started");
        QTest::addColumn<QString>("detected");
        QTest::addColumn<QString>("acknowledged");
        QTest::addColumn<QString>("mitigated");
        QTest::addColumn<QString>("resolved");
        QTest::addColumn<qint64>("ttd"); // -1: no figure
        QTest::addColumn<qint64>("tta");
        QTest::addColumn<qint64>("ttm");
        QTest::addColumn<qint64>("ttr");

        QTest::newRow("all set") << "2024-11-25T15:45:00Z" << "2024-11-25T15:50:00Z"
                                 << "2024-11-25T15:52:00Z" << "2024-11-25T16:20:00Z"
                                 << "2024-11-25T16:35:00Z" << qint64(300) << qint64(120)
                                 << qint64(2100) << qint64(3000);
        QTest::newRow("nothing but start") << "2024-11-25T15:45:00Z" << "" << "" << "" << ""
                                           << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
        QTest::newRow("no start: no start-based figures")
                << "" << "2024-11-25T15:50:00Z" << "2024-11-25T15:52:00Z"
                << "2024-11-25T16:20:00Z" << "2024-11-25T16:35:00Z" << qint64(-1) << qint64(120)
                << qint64(-1) << qint64(-1);
        QTest::newRow("detected before started is no figure")
                << "2024-11-25T15:45:00Z" << "2024-11-25T15:40:00Z" << "" << "" << ""
                << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
        QTest::newRow("spans midnight") << "2024-11-25T23:50:00Z" << "2024-11-26T00:05:00Z" << ""
                                        << "" << "2024-11-26T02:00:00Z" << qint64(900)
                                        << qint64(-1) << qint64(-1) << qint64(7800);
        QTest::newRow("zero-length detection") << "2024-11-25T15:45:00Z" << "2024-11-25T15:45:00Z"
                                               << "" << "" << "" << qint64(0) << qint64(-1)
                                               << qint64(-1) << qint64(-1);
    }

    void derivedDurations()
    {
        QFETCH(QString, started);
        QFETCH(QString, detected);
        QFETCH(QString, acknowledged);
        QFETCH(QString, mitigated);
        QFETCH(QString, resolved);
        QFETCH(qint64, ttd);
        QFETCH(qint64, tta);
        QFETCH(qint64, ttm);
        QFETCH(qint64, ttr);

        Milestones m;
        auto set = [&m](Milestone which, const QString &iso) {
            if (!iso.isEmpty())
                m.set(which, utc(iso.toLatin1().constData()));
        };
        set(Milestone::Started, started);
        set(Milestone::Detected, detected);
        set(Milestone::Acknowledged, acknowledged);
        set(Milestone::Mitigated, mitigated);
        set(Milestone::Resolved, resolved);

        auto expect = [](std::optional<qint64> actual, qint64 wanted) {
            return wanted < 0 ? !actual.has_value() : actual == wanted;
        };
        QVERIFY(expect(m.timeToDetect(), ttd));
        QVERIFY(expect(m.timeToAcknowledge(), tta));
        QVERIFY(expect(m.timeToMitigate(), ttm));
        QVERIFY(expect(m.timeToResolve(), ttr));
    }

    void namesRoundTrip()
    {
        for (Milestone m : allMilestones())
            QCOMPARE(parseMilestone(milestoneName(m)), m);
        QVERIFY(!parseMilestone(QStringLiteral("fixed")));
    }
};

QTEST_GUILESS_MAIN(MilestonesTest)
#include "tst_milestones.moc"
