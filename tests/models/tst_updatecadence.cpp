#include "updatecadence.h"

#include <QTest>

using namespace idesk;
using State = UpdateCadence::State;

Q_DECLARE_METATYPE(idesk::Status)
Q_DECLARE_METATYPE(idesk::UpdateCadence::State)

namespace {
const QDateTime kDeclared(QDate(2026, 11, 23), QTime(14, 0), Qt::UTC);
}

// Every case runs on a fixed "now": the rules take time as an argument, so no test sleeps.
class UpdateCadenceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_data()
    {
        QTest::addColumn<int>("severity");
        QTest::addColumn<Status>("status");
        QTest::addColumn<int>("lastUpdateMinute"); // minutes after declared; -1: none yet
        QTest::addColumn<int>("lastUpdateNextMinutes"); // its own next-update interval; -1: unset
        QTest::addColumn<int>("nowMinute");
        QTest::addColumn<State>("state");
        QTest::addColumn<int>("dueMinute"); // minutes after declared; -1: no due time

        QTest::newRow("SEV-1 first update on track") << 1 << Status::Investigating << -1 << -1 << 5 << State::OnTrack << 15;
        QTest::newRow("SEV-1 first update due soon") << 1 << Status::Investigating << -1 << -1 << 13 << State::DueSoon << 15;
        QTest::newRow("exactly two minutes is due soon") << 1 << Status::Investigating << -1 << -1 << 13 << State::DueSoon << 15;
        QTest::newRow("SEV-1 first update overdue") << 1 << Status::Identified << -1 << -1 << 16 << State::Overdue << 15;
        QTest::newRow("update restarts the cadence") << 1 << Status::Identified << 14 << 15 << 20 << State::OnTrack << 29;
        QTest::newRow("SEV-2 cadence is 30 min") << 2 << Status::Investigating << 0 << 30 << 27 << State::OnTrack << 30;
        QTest::newRow("SEV-3 cadence is 60 min") << 3 << Status::Monitoring << 0 << -1 << 61 << State::Overdue << 60;
        QTest::newRow("a sooner promise wins") << 3 << Status::Investigating << 0 << 10 << 11 << State::Overdue << 10;
        QTest::newRow("raising SEV-3 to SEV-1 shortens at once") << 1 << Status::Investigating << 0 << 60 << 16 << State::Overdue << 15;
        QTest::newRow("resolved stops asking") << 1 << Status::Resolved << -1 << -1 << 500 << State::NotRequired << -1;
        QTest::newRow("closed stops asking") << 1 << Status::Closed << 0 << 15 << 500 << State::NotRequired << -1;
        QTest::newRow("undefined severity has no cadence") << 7 << Status::Investigating << -1 << -1 << 5 << State::NotRequired << -1;
    }

    void evaluate()
    {
        QFETCH(int, severity);
        QFETCH(Status, status);
        QFETCH(int, lastUpdateMinute);
        QFETCH(int, lastUpdateNextMinutes);
        QFETCH(int, nowMinute);
        QFETCH(State, state);
        QFETCH(int, dueMinute);

        IncidentHeader header;
        header.severity = severity;
        header.status = status;
        header.milestones.set(Milestone::Declared, kDeclared);
        QList<StatusUpdate> updates;
        if (lastUpdateMinute >= 0) {
            StatusUpdate update;
            update.at = kDeclared.addSecs(lastUpdateMinute * 60);
            if (lastUpdateNextMinutes >= 0)
                update.nextUpdateAt = update.at.addSecs(lastUpdateNextMinutes * 60);
            updates.append(update);
        }
        const auto result = UpdateCadence::evaluate(header, updates, defaultSeverities(),
                                                    kDeclared.addSecs(nowMinute * 60));
        QCOMPARE(result.state, state);
        if (dueMinute < 0) {
            QVERIFY(!result.dueAt);
        } else {
            QCOMPARE(result.dueAt, kDeclared.addSecs(dueMinute * 60));
            QCOMPARE(result.secondsLeft, qint64(dueMinute - nowMinute) * 60);
        }
    }

    void latestUpdateCountsEvenWhenListedFirst()
    {
        IncidentHeader header;
        header.severity = 1;
        header.milestones.set(Milestone::Declared, kDeclared);
        StatusUpdate later;
        later.at = kDeclared.addSecs(20 * 60);
        StatusUpdate earlier;
        earlier.at = kDeclared.addSecs(5 * 60);
        const auto result = UpdateCadence::evaluate(header, {later, earlier}, defaultSeverities(),
                                                    kDeclared.addSecs(25 * 60));
        QCOMPARE(result.dueAt, kDeclared.addSecs(35 * 60));
    }
};

QTEST_GUILESS_MAIN(UpdateCadenceTest)
#include "tst_updatecadence.moc"
