#include "incidentmetrics.h"

#include <QTest>

#include <cmath>

using namespace idesk;

namespace {

QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toUTC();
}

QDateTime at(const char *hhmm)
{
    return utc(QStringLiteral("2024-11-25T%1:00Z").arg(QLatin1String(hhmm)));
}

// "started=15:45 mitigated=16:20": milestones on 2024-11-25 by name.
Milestones milestones(const QString &spec)
{
    Milestones m;
    for (const QString &part : spec.split(u' ', Qt::SkipEmptyParts)) {
        const QString name = part.section(u'=', 0, 0);
        const QString time = part.section(u'=', 1);
        const auto which = parseMilestone(name);
        Q_ASSERT(which);
        m.set(*which, time.contains(u'T') ? utc(time) : at(time.toLatin1().constData()));
    }
    return m;
}

// "commander:Alice@15:52-16:10 scribe:Bob@15:55": role intervals, "-" alone open.
QList<RoleAssignment> roles(const QString &spec)
{
    QList<RoleAssignment> list;
    qint64 id = 1;
    for (const QString &part : spec.split(u' ', Qt::SkipEmptyParts)) {
        RoleAssignment r;
        r.id = id++;
        r.role = part.section(u':', 0, 0);
        const QString rest = part.section(u':', 1);
        r.person = rest.section(u'@', 0, 0);
        const QString span = rest.section(u'@', 1);
        r.from = at(span.section(u'-', 0, 0).toLatin1().constData());
        const QString to = span.section(u'-', 1);
        if (!to.isEmpty())
            r.to = at(to.toLatin1().constData());
        list.append(r);
    }
    return list;
}

TimelineEntry entry(const char *time, const QString &author)
{
    TimelineEntry e;
    e.at = at(time);
    e.writtenAt = e.at;
    e.author = author;
    e.text = QStringLiteral("something");
    return e;
}

// To hundredths, as the cost lines are.
double r2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-9;
}

} // namespace

class IncidentMetricsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyMetrics_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<qint64>("ttd"); // -1: no figure
        QTest::addColumn<qint64>("tta");
        QTest::addColumn<qint64>("ttm");
        QTest::addColumn<qint64>("ttr");

        QTest::newRow("all recorded")
            << "started=15:45 detected=15:50 acknowledged=15:52 mitigated=16:20 resolved=16:35"
            << qint64(300) << qint64(120) << qint64(2100) << qint64(3000);
        QTest::newRow("nothing recorded")
            << "" << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
        QTest::newRow("missing started: only TTA")
            << "detected=15:50 acknowledged=15:52 mitigated=16:20 resolved=16:35" << qint64(-1)
            << qint64(120) << qint64(-1) << qint64(-1);
        QTest::newRow("missing mitigated")
            << "started=15:45 detected=15:45 acknowledged=15:52 resolved=16:35" << qint64(0)
            << qint64(420) << qint64(-1) << qint64(3000);
        QTest::newRow("backdated start hours before detection")
            << "started=12:05 detected=15:45 acknowledged=15:52 mitigated=16:20" << qint64(13200)
            << qint64(420) << qint64(15300) << qint64(-1);
        QTest::newRow("detected before started is no figure")
            << "started=15:45 detected=15:40 acknowledged=15:52" << qint64(-1) << qint64(720)
            << qint64(-1) << qint64(-1);
        QTest::newRow("across midnight")
            << "started=2024-11-25T23:50:00Z detected=2024-11-26T00:05:00Z "
               "resolved=2024-11-26T02:00:00Z"
            << qint64(900) << qint64(-1) << qint64(-1) << qint64(7800);
    }

    void keyMetrics()
    {
        QFETCH(QString, spec);
        QFETCH(qint64, ttd);
        QFETCH(qint64, tta);
        QFETCH(qint64, ttm);
        QFETCH(qint64, ttr);
        const auto metrics = IncidentMetrics::keyMetrics(milestones(spec));
        auto wanted = [](qint64 v) { return v < 0 ? std::nullopt : std::optional<qint64>(v); };
        QCOMPARE(metrics.timeToDetect, wanted(ttd));
        QCOMPARE(metrics.timeToAcknowledge, wanted(tta));
        QCOMPARE(metrics.timeToMitigate, wanted(ttm));
        QCOMPARE(metrics.timeToResolve, wanted(ttr));
    }

    void errorBudget_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("hasSlo");
        QTest::addColumn<double>("target");
        QTest::addColumn<int>("windowDays");
        QTest::addColumn<double>("affected");
        QTest::addColumn<double>("budgetMinutes");
        QTest::addColumn<double>("consumed"); // -1: no figure

        // 35 min × 1.0 of a 43.2-minute budget.
        QTest::newRow("api outage") << "started=15:45 mitigated=16:20" << true << 0.999 << 30 << 1.0
                                    << 43.2 << 35.0 / 43.2 * 100.0;
        QTest::newRow("partial impact") << "started=15:45 mitigated=16:20" << true << 0.999 << 30
                                        << 0.25 << 43.2 << 8.75 / 43.2 * 100.0;
        QTest::newRow("over 100% shown as it is")
            << "started=14:00 mitigated=16:00" << true << 0.999 << 30 << 1.0 << 43.2
            << 120.0 / 43.2 * 100.0;
        QTest::newRow("four nines over a week") << "started=15:45 mitigated=15:46" << true << 0.9999
                                                << 7 << 1.0 << 1.008 << 1.0 / 1.008 * 100.0;
        QTest::newRow("no SLO") << "started=15:45 mitigated=16:20" << false << 0.0 << 0 << 0.0
                                << 0.0 << -1.0;
        QTest::newRow("missing mitigated: budget but no figure")
            << "started=15:45 resolved=16:35" << true << 0.999 << 30 << 1.0 << 43.2 << -1.0;
        QTest::newRow("missing started")
            << "mitigated=16:20" << true << 0.999 << 30 << 1.0 << 43.2 << -1.0;
        QTest::newRow("mitigated before started")
            << "started=16:20 mitigated=15:45" << true << 0.999 << 30 << 1.0 << 43.2 << -1.0;
        QTest::newRow("100% target leaves no budget")
            << "started=15:45 mitigated=16:20" << true << 1.0 << 30 << 1.0 << 0.0 << -1.0;
        QTest::newRow("nobody affected")
            << "started=15:45 mitigated=16:20" << true << 0.999 << 30 << 0.0 << 43.2 << 0.0;
    }

    void errorBudget()
    {
        QFETCH(QString, spec);
        QFETCH(bool, hasSlo);
        QFETCH(double, target);
        QFETCH(int, windowDays);
        QFETCH(double, affected);
        QFETCH(double, budgetMinutes);
        QFETCH(double, consumed);

        IncidentHeader header;
        header.milestones = milestones(spec);
        if (hasSlo)
            header.slo = SloContext {target, windowDays, affected};
        const auto budget = IncidentMetrics::errorBudget(header);
        QCOMPARE(budget.has_value(), hasSlo);
        if (!budget)
            return;
        QVERIFY2(near(budget->budgetMinutes, budgetMinutes),
            qPrintable(QString::number(budget->budgetMinutes, 'g', 17)));
        if (consumed < 0) {
            QVERIFY(!budget->consumedPercent);
            return;
        }
        QVERIFY(budget->consumedPercent);
        QVERIFY2(near(*budget->consumedPercent, consumed),
            qPrintable(QString::number(*budget->consumedPercent, 'g', 17)));
        QVERIFY(budget->impactMinutes);
        QVERIFY(near(*budget->affectedMinutes, *budget->impactMinutes * affected));
    }

    void engagementFactors()
    {
        QCOMPARE(IncidentMetrics::engagementFactor(Roles::Commander), 1.0);
        QCOMPARE(IncidentMetrics::engagementFactor(Roles::Scribe), 0.75);
        QCOMPARE(IncidentMetrics::engagementFactor(Roles::CommsLead), 0.75);
        QCOMPARE(IncidentMetrics::engagementFactor(Roles::TechLead), 0.5);
        QCOMPARE(IncidentMetrics::engagementFactor(QStringLiteral("db-expert")), 0.5);
    }

    void cost_data()
    {
        QTest::addColumn<QString>("milestoneSpec");
        QTest::addColumn<QString>("roleSpec");
        QTest::addColumn<QStringList>("authors"); // each writes one entry at 16:00
        QTest::addColumn<QString>("now");
        QTest::addColumn<double>("rate");
        QTest::addColumn<QList<double>>("roleHours"); // per interval, in order of start
        QTest::addColumn<QList<int>>("roleEnds"); // IntervalEnd per interval
        QTest::addColumn<int>("reviewers");
        QTest::addColumn<double>("weightedHours");
        QTest::addColumn<double>("total");

        using End = IncidentMetrics::IntervalEnd;
        // Alice 15:52–16:35 (resolved) × 1.0 + Bob the same × 0.5 + review 2 × 1.0 h. 43
        // minutes are 0.72 h to the hundredth; Bob's 0.36 is 0.72 × 0.5.
        QTest::newRow("api outage")
            << "started=15:45 resolved=16:35"
            << "commander:Alice@15:52 tech-lead:Bob@15:52"
            << QStringList {QStringLiteral("Alice"), QStringLiteral("Bob")} << "17:00" << 100.0
            << QList<double> {0.72, 0.72} << QList<int> {int(End::Resolved), int(End::Resolved)}
            << 2 << 0.72 + 0.36 + 2.0 << 308.0;
        // Alice hands command to Carol at 16:10: two intervals, each with its own hours.
        QTest::newRow("handoff") << "started=15:45 resolved=16:40"
                                 << "commander:Alice@15:50-16:10 commander:Carol@16:10"
                                 << QStringList {} << "17:00" << 150.0 << QList<double> {0.33, 0.5}
                                 << QList<int> {int(End::Recorded), int(End::Resolved)} << 2
                                 << 0.33 + 0.5 + 2.0 << (0.33 + 0.5 + 2.0) * 150.0;
        // A scribe for 50 minutes: 0.83 h × 0.75 = 0.6225, rounded to 0.62.
        QTest::newRow("rounded line by line")
            << "started=15:45 resolved=16:40"
            << "scribe:Ida@15:50" << QStringList {} << "17:00" << 100.0 << QList<double> {0.83}
            << QList<int> {int(End::Resolved)} << 1 << r2(0.83 * 0.75) + 1.0
            << (r2(0.83 * 0.75) + 1.0) * 100.0;
        // Still open: the interval runs to `now`.
        QTest::newRow("open incident runs to now")
            << "started=15:45"
            << "commander:Alice@16:00 scribe:Dan@16:00" << QStringList {} << "18:00" << 100.0
            << QList<double> {2.0, 2.0} << QList<int> {int(End::Now), int(End::Now)} << 2
            << 2.0 + 1.5 + 2.0 << (2.0 + 1.5 + 2.0) * 100.0;
        // A scribe's interval closed before the incident ended keeps its own end.
        QTest::newRow("comms lead released early")
            << "started=15:45 resolved=17:00"
            << "comms-lead:Eve@16:00-16:30" << QStringList {} << "18:00" << 100.0
            << QList<double> {0.5} << QList<int> {int(End::Recorded)} << 1 << r2(0.5 * 0.75) + 1.0
            << (r2(0.5 * 0.75) + 1.0) * 100.0;
        // Backdated: the commander's interval starts before it was written; only times count.
        QTest::newRow("backdated role and a custom role")
            << "started=14:00 resolved=16:00"
            << "commander:Alice@14:30 db-expert:Fay@15:00" << QStringList {} << "17:00" << 100.0
            << QList<double> {1.5, 1.0} << QList<int> {int(End::Resolved), int(End::Resolved)} << 2
            << 1.5 + 0.5 + 2.0 << (1.5 + 0.5 + 2.0) * 100.0;
        // Closed but no resolved milestone: the closed one ends open intervals.
        QTest::newRow("closed without resolved")
            << "started=15:45 closed=17:00"
            << "commander:Alice@16:00" << QStringList {} << "18:00" << 100.0 << QList<double> {1.0}
            << QList<int> {int(End::Closed)} << 1 << 2.0 << 200.0;
        // A role taken after resolution held nothing during the incident.
        QTest::newRow("role after resolution counts zero")
            << "started=15:45 resolved=16:00"
            << "scribe:Gus@16:30" << QStringList {} << "18:00" << 100.0 << QList<double> {0.0}
            << QList<int> {int(End::Resolved)} << 1 << 1.0 << 100.0;
        // Timeline authors without a role are reviewers too; names match case-insensitively.
        QTest::newRow("authors are responders")
            << "started=15:45 resolved=16:45"
            << "commander:Alice@15:45"
            << QStringList {QStringLiteral("alice"), QStringLiteral("Hal"), QStringLiteral(" Hal "),
                   QString()}
            << "17:00" << 100.0 << QList<double> {1.0} << QList<int> {int(End::Resolved)} << 2
            << 1.0 + 2.0 << 300.0;
        QTest::newRow("nobody") << "started=15:45"
                                << "" << QStringList {} << "17:00" << 100.0 << QList<double> {}
                                << QList<int> {} << 0 << 0.0 << 0.0;
        QTest::newRow("negative rate counts as zero")
            << "started=15:45 resolved=16:45"
            << "commander:Alice@15:45" << QStringList {} << "17:00" << -5.0 << QList<double> {1.0}
            << QList<int> {int(End::Resolved)} << 1 << 2.0 << 0.0;
    }

    void cost()
    {
        QFETCH(QString, milestoneSpec);
        QFETCH(QString, roleSpec);
        QFETCH(QStringList, authors);
        QFETCH(QString, now);
        QFETCH(double, rate);
        QFETCH(QList<double>, roleHours);
        QFETCH(QList<int>, roleEnds);
        QFETCH(int, reviewers);
        QFETCH(double, weightedHours);
        QFETCH(double, total);

        Incident incident;
        incident.header.milestones = milestones(milestoneSpec);
        incident.roles = roles(roleSpec);
        for (const QString &author : authors)
            incident.timeline.append(entry("16:00", author));

        const auto cost
            = IncidentMetrics::incidentCost(incident, rate, at(now.toLatin1().constData()));
        QCOMPARE(cost.roles.size(), roleHours.size());
        for (qsizetype i = 0; i < roleHours.size(); ++i) {
            const auto &line = cost.roles[i];
            QVERIFY2(near(line.hours, roleHours[i]),
                qPrintable(QStringLiteral("line %1: %2 h").arg(i).arg(line.hours)));
            QCOMPARE(int(line.end), roleEnds[i]);
            QCOMPARE(line.factor, IncidentMetrics::engagementFactor(line.role));
            QVERIFY(near(line.weightedHours, r2(line.hours * line.factor)));
            QVERIFY(near(line.cost, line.weightedHours * cost.hourlyRate));
        }
        QCOMPARE(cost.reviews.size(), reviewers);
        for (const auto &review : cost.reviews) {
            QCOMPARE(review.hours, 2.0);
            QCOMPARE(review.factor, 0.5);
            QCOMPARE(review.weightedHours, 1.0);
        }
        QVERIFY2(near(cost.weightedHours, weightedHours),
            qPrintable(QString::number(cost.weightedHours)));
        QVERIFY2(near(cost.total, total), qPrintable(QString::number(cost.total)));
        QVERIFY(near(cost.total, cost.weightedHours * cost.hourlyRate));
    }

    void respondersInOrderOfAppearance()
    {
        Incident incident;
        incident.roles = roles(QStringLiteral("commander:Alice@15:52 tech-lead:Bob@15:52 "
                                              "scribe:Alice@16:00-16:30"));
        incident.timeline
            = {entry("14:00", QStringLiteral("Carol")), entry("16:10", QStringLiteral("bob")),
                entry("16:20", QStringLiteral("  ")), entry("16:30", QStringLiteral("Dave"))};
        const auto list = IncidentMetrics::responders(incident);
        QStringList names;
        for (const auto &r : list)
            names.append(r.name);
        QCOMPARE(names,
            (QStringList {QStringLiteral("Carol"), QStringLiteral("Alice"), QStringLiteral("Bob"),
                QStringLiteral("Dave")}));
        QCOMPARE(list[1].roles.size(), 2); // commander, then scribe
        QCOMPARE(list[1].roles[1].role, Roles::Scribe);
        QCOMPARE(list[1].entries, 0);
        QCOMPARE(list[2].entries, 1); // "bob" is Bob
        QCOMPARE(list[0].roles.size(), 0);
    }
};

QTEST_GUILESS_MAIN(IncidentMetricsTest)
#include "tst_incidentmetrics.moc"
