#include "lifecycle.h"

#include <QTest>

using namespace idesk;

Q_DECLARE_METATYPE(idesk::Status)

class LifecycleTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transitions_data()
    {
        QTest::addColumn<Status>("from");
        QTest::addColumn<Status>("to");
        QTest::addColumn<bool>("reopen");
        QTest::addColumn<int>("expected"); // -1 refused, else TransitionKind

        const int refused = -1;
        const int forward = int(TransitionKind::Forward);
        const int regression = int(TransitionKind::Regression);
        const int reopened = int(TransitionKind::Reopen);
        QTest::newRow("investigating→identified") << Status::Investigating << Status::Identified << false << forward;
        QTest::newRow("skip to resolved") << Status::Investigating << Status::Resolved << false << forward;
        QTest::newRow("skip to closed") << Status::Identified << Status::Closed << false << forward;
        QTest::newRow("monitoring→identified regresses") << Status::Monitoring << Status::Identified << false << regression;
        QTest::newRow("resolved→monitoring reopens") << Status::Resolved << Status::Monitoring << false << reopened;
        QTest::newRow("same status refused") << Status::Monitoring << Status::Monitoring << false << refused;
        QTest::newRow("closed refuses without reopen") << Status::Closed << Status::Investigating << false << refused;
        QTest::newRow("closed→resolved refused without reopen") << Status::Closed << Status::Resolved << false << refused;
        QTest::newRow("closed reopens explicitly") << Status::Closed << Status::Investigating << true << reopened;
        QTest::newRow("closed→closed even with reopen") << Status::Closed << Status::Closed << true << refused;
    }

    void transitions()
    {
        QFETCH(Status, from);
        QFETCH(Status, to);
        QFETCH(bool, reopen);
        QFETCH(int, expected);
        const auto result = Lifecycle::check(from, to, reopen);
        if (expected < 0) {
            QVERIFY(!result.ok());
            QCOMPARE(result.error().kind, Error::Kind::Validation);
            QVERIFY(!result.error().message.isEmpty());
        } else {
            QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
            QCOMPARE(int(*result), expected);
        }
    }

    void allowedTargetsOfferOnlyLegalMoves()
    {
        QCOMPARE(Lifecycle::allowedTargets(Status::Investigating),
                 (QList<Status>{Status::Identified, Status::Monitoring, Status::Resolved, Status::Closed}));
        QVERIFY(Lifecycle::allowedTargets(Status::Closed).isEmpty());
        QCOMPARE(Lifecycle::allowedTargets(Status::Closed, true).size(), 4);
    }

    void namesRoundTrip()
    {
        for (Status s : allStatuses())
            QCOMPARE(parseStatus(statusName(s)), s);
        QCOMPARE(parseStatus(QStringLiteral(" Monitoring ")), Status::Monitoring);
        QVERIFY(!parseStatus(QStringLiteral("fixed")));
        QVERIFY(!parseStatus(QString()));
    }
};

QTEST_GUILESS_MAIN(LifecycleTest)
#include "tst_lifecycle.moc"
