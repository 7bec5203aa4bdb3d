#include "updatereminder.h"
#include "updatetemplates.h"

#include <QTest>

using namespace idesk;

namespace {
const QDateTime kDue(QDate(2026, 11, 23), QTime(14, 15), Qt::UTC);

UpdateCadence::Status overdueAt(const QDateTime &due, const QDateTime &now)
{
    UpdateCadence::Status status;
    status.state = now > due ? UpdateCadence::State::Overdue : UpdateCadence::State::OnTrack;
    status.dueAt = due;
    status.secondsLeft = now.secsTo(due);
    return status;
}
} // namespace

class UpdateTemplatesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillsTheIncidentsFields()
    {
        IncidentHeader header;
        header.id = 7;
        header.title = QStringLiteral("Checkout failing");
        header.summary = QStringLiteral("Payments time out");
        header.severity = 1;
        header.status = Status::Identified;
        const auto first = UpdateTemplates::fill(
                UpdateTemplates::builtIn(UpdateTemplates::Moment::First, Audience::Internal), header);
        QCOMPARE(first.status, QStringLiteral("Investigating: Checkout failing (SEV-1)"));
        QCOMPARE(first.impact, QStringLiteral("Payments time out"));
        QVERIFY(first.actions.contains(QStringLiteral("INC-7")));
        const auto routine = UpdateTemplates::fill(
                UpdateTemplates::builtIn(UpdateTemplates::Moment::Routine, Audience::External), header);
        QCOMPARE(routine.status, QStringLiteral("Identified"));
        // External text never leaks the internal summary.
        for (auto moment : UpdateTemplates::allMoments()) {
            const auto external = UpdateTemplates::builtIn(moment, Audience::External);
            QVERIFY(!external.impact.contains(QStringLiteral("{summary}")));
        }
    }

    void storedTemplatesRoundTrip()
    {
        const UpdateTemplates::Template text{QStringLiteral("a \"quoted\" {title}"), QStringLiteral("b\nc"),
                                             QString(), QStringLiteral("ü")};
        const auto parsed = UpdateTemplates::parse(UpdateTemplates::serialize(text));
        QVERIFY(parsed.ok());
        QCOMPARE(*parsed, text);
        QVERIFY(!UpdateTemplates::parse(QStringLiteral("[1]")).ok());
        QVERIFY(!UpdateTemplates::parse(QStringLiteral("{\"status\": 3}")).ok());
        QVERIFY(UpdateTemplates::settingKey(UpdateTemplates::Moment::Resolution, Audience::External)
                        .endsWith(QStringLiteral("resolution.external")));
    }

    void remindsOnceThenAgainWhileOverdue()
    {
        UpdateReminder reminder(300);
        QVERIFY(!reminder.shouldRemind(overdueAt(kDue, kDue.addSecs(-60)), kDue.addSecs(-60)));
        QVERIFY(reminder.shouldRemind(overdueAt(kDue, kDue.addSecs(1)), kDue.addSecs(1)));
        QVERIFY(!reminder.shouldRemind(overdueAt(kDue, kDue.addSecs(2)), kDue.addSecs(2)));
        QVERIFY(!reminder.shouldRemind(overdueAt(kDue, kDue.addSecs(300)), kDue.addSecs(300)));
        QVERIFY(reminder.shouldRemind(overdueAt(kDue, kDue.addSecs(301)), kDue.addSecs(301)));
        // An update restarts the cadence: the next due time reminds once again.
        const QDateTime nextDue = kDue.addSecs(900);
        QVERIFY(!reminder.shouldRemind(overdueAt(nextDue, kDue.addSecs(400)), kDue.addSecs(400)));
        QVERIFY(reminder.shouldRemind(overdueAt(nextDue, nextDue.addSecs(5)), nextDue.addSecs(5)));
    }
};

QTEST_GUILESS_MAIN(UpdateTemplatesTest)
#include "tst_updatetemplates.moc"
