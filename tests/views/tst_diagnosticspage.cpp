#include "alertseveritymapping.h"
#include "alertsmodel.h"
#include "commspage.h"
#include "datasourcecatalog.h"
#include "declaredialog.h"
#include "diagnosticsalertspanel.h"
#include "diagnosticsformat.h"
#include "diagnosticspage.h"
#include "diagnosticsqueryeditor.h"
#include "diagnosticsresultview.h"
#include "fakediagnosticsource.h"
#include "fakesecretstore.h"
#include "incidentpage.h"
#include "querytablemodel.h"
#include "seriescharts.h"
#include "snapshotsmodel.h"
#include "targetsmodel.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QDateTimeEdit>
#include <QEventLoop>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <ctime>

using namespace idesk;
using namespace idesk::ViewTest;

namespace {

const QString kQueryErrors = QStringLiteral("sum by (code) (rate(http_requests_total[5m]))");

Labels labels(std::initializer_list<std::pair<QString, QString>> pairs)
{
    Labels result;
    for (const auto &[key, value] : pairs)
        result.insert(key, value);
    return result;
}

// A file with two configured sources, a fake that answers for them, and an incident that
// started 20 minutes ago.
struct Fixture
{
    Store store;
    FakeSecretStore secrets;
    DataSourceCatalog catalog {store.repository(), secrets};
    FakeDiagnosticFactory factory;
    qint64 incident = 0;

    Fixture()
    {
        DataSource prometheus;
        prometheus.name = QStringLiteral("prom");
        prometheus.kind = DataSource::Kind::Prometheus;
        prometheus.url = QStringLiteral("http://prometheus.test:9090");
        DataSource alertmanager;
        alertmanager.name = QStringLiteral("am");
        alertmanager.kind = DataSource::Kind::Alertmanager;
        alertmanager.url = QStringLiteral("http://alertmanager.test:9093");
        const auto a = catalog.add(prometheus, {});
        const auto b = catalog.add(alertmanager, {});
        if (!a || !b)
            qWarning() << "cannot add the sources:" << a.errorMessage() << b.errorMessage();
        incident
            = store.declare(QStringLiteral("Checkout failing"), 1, QStringLiteral("Alice"), 20);
    }

    IntegrationAccess access() { return {&catalog, &factory}; }
    QDateTime now() { return store.clock().now(); }
    QDateTime started()
    {
        return store.header(incident).milestones.get(Milestone::Started).value();
    }

    QueryResult errorsRange()
    {
        return prometheusResult(QueryResult::Type::Matrix,
            {series(labels({{QStringLiteral("code"), QStringLiteral("200")}}), now(), 40, 90),
                series(
                    labels({{QStringLiteral("code"), QStringLiteral("500")}}), now(), 40, 2, 0.5),
                series(
                    labels({{QStringLiteral("code"), QStringLiteral("503")}}), now(), 40, 1, 0.1)});
    }

    Incident load() { return *store.repository().loadIncident(incident); }
};

// The fake answers on the next turn of the event loop: turn it until the page is idle.
// Bounded by turns, not by time.
bool settle(DiagnosticsPage &page)
{
    for (int turn = 0; turn < 50; ++turn) {
        QCoreApplication::processEvents();
        if (!page.isRunning())
            return true;
    }
    return false;
}

bool settle(DiagnosticsAlertsPanel &panel)
{
    for (int turn = 0; turn < 50; ++turn) {
        QCoreApplication::processEvents();
        if (!panel.isBusy())
            return true;
    }
    return false;
}

void runWithKeyboard(DiagnosticsPage &page, const QString &query, bool range)
{
    DiagnosticsQueryEditor *editor = page.queryEditor();
    editor->setRange(range);
    editor->editor()->clear();
    QTest::keyClicks(editor->editor(), query);
    QTest::keyClick(editor->editor(), Qt::Key_Return, Qt::ControlModifier);
}

int rowWithName(QAbstractItemModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, AlertsModel::NameColumn).data().toString() == name)
            return row;
    }
    return -1;
}

Alert alert(
    const QString &name, const QString &severity, const QString &summary, const QDateTime &startsAt)
{
    Alert a;
    a.fingerprint = name.toLower();
    a.labels = labels({{QStringLiteral("alertname"), name}, {QStringLiteral("severity"), severity},
        {QStringLiteral("job"), QStringLiteral("api")}});
    if (!summary.isEmpty())
        a.annotations.insert(QStringLiteral("summary"), summary);
    a.startsAt = startsAt;
    a.state = QStringLiteral("active");
    return a;
}

QString headerText(QAbstractItemModel *model, int column)
{
    return model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
}

} // namespace

// The Diagnostics tab driven through its widgets, on a real file, with a fake monitoring
// server that answers on the next turn of the event loop (or never).
class DiagnosticsPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void instantQueryShowsTable()
    {
        Fixture f;
        f.factory.answers.insert(QStringLiteral("up"),
            prometheusResult(QueryResult::Type::Vector,
                {series(labels({{QStringLiteral("__name__"), QStringLiteral("up")},
                            {QStringLiteral("instance"), QStringLiteral("api-1")}}),
                     f.now(), 1, 1),
                    series(labels({{QStringLiteral("__name__"), QStringLiteral("up")},
                               {QStringLiteral("instance"), QStringLiteral("api-2")}}),
                        f.now(), 1, 0)}));
        DiagnosticsPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.sourceHint()->isHidden());
        QCOMPARE(page.sourceCombo()->currentText(), QStringLiteral("prom"));

        runWithKeyboard(page, QStringLiteral("up"), false);
        QVERIFY(page.isRunning());
        QVERIFY(page.queryEditor()->cancelButton()->isVisible());
        QVERIFY(settle(page));
        QVERIFY2(page.statusLabel()->isHidden(), qPrintable(page.statusLabel()->text()));

        QCOMPARE(f.factory.windows.size(), 1);
        QVERIFY(f.factory.windows.first().isInstant());
        QCOMPARE(f.factory.windows.first().end, f.now()); // an open incident's "now"
        QueryTableModel *table = page.resultView()->tableModel();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(headerText(table, 0), QStringLiteral("Metric"));
        QCOMPARE(headerText(table, 1), QStringLiteral("instance"));
        QCOMPARE(headerText(table, 2), QStringLiteral("Value"));
        QCOMPARE(table->index(0, 1).data().toString(), QStringLiteral("api-1"));
        QCOMPARE(table->index(0, 2).data().toString(), QStringLiteral("1"));
        QCOMPARE(table->index(1, 2).data().toString(), QStringLiteral("0"));
        QCOMPARE(page.resultView()->chartSeriesCount(), 0); // instant: a table, no chart
        QVERIFY(page.pinButton()->isEnabled());
        QCOMPARE(page.history(), QStringList {QStringLiteral("up")});
    }

    void rangeQueryDrawsOneLinePerSeries()
    {
        Fixture f;
        f.factory.answers.insert(kQueryErrors, f.errorsRange());
        DiagnosticsPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);

        runWithKeyboard(page, kQueryErrors, true);
        QVERIFY(settle(page));
        QCOMPARE(page.resultView()->chartSeriesCount(), 3);
        // The incident's window: 30 minutes before it started until now.
        const QueryWindow asked = f.factory.windows.last();
        QCOMPARE(asked.start, f.started().addSecs(-30 * 60));
        QCOMPARE(asked.end, f.now());

        QueryTableModel *table = page.resultView()->tableModel();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(headerText(table, 1), QStringLiteral("Last"));
        QCOMPARE(headerText(table, 2), QStringLiteral("Max"));
        QCOMPARE(headerText(table, 3), QStringLiteral("Samples"));
        QCOMPARE(table->index(1, 0).data().toString(), QStringLiteral("500"));
        QCOMPARE(table->index(1, 1).data().toString(), QStringLiteral("21.5")); // 2 + 39 * 0.5
        QCOMPARE(table->index(1, 3).data().toInt(), 40);

        // The legend says which line is which by the label that differs.
        const auto lines = page.resultView()->chartView()->chart()->series();
        QCOMPARE(lines.at(1)->name(), QStringLiteral("code=500"));

        // An edited window is the user's: it is what runs next.
        page.queryEditor()->startEdit()->setDateTime(f.started().toLocalTime().addSecs(-3600));
        QVERIFY(!page.queryEditor()->followsIncidentWindow());
        page.runQuery();
        QVERIFY(settle(page));
        QCOMPARE(f.factory.windows.last().start.toLocalTime().time().hour(),
            f.started().toLocalTime().addSecs(-3600).time().hour());
    }

    void pinStoresSnapshotChartAndTimelineEntry()
    {
        Fixture f;
        const QueryResult answer = f.errorsRange();
        f.factory.answers.insert(kQueryErrors, answer);
        DiagnosticsPage page(f.store.service());
        page.setUserName(QStringLiteral("Carol"));
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        runWithKeyboard(page, kQueryErrors, true);
        QVERIFY(settle(page));

        f.store.clock().advance(5);
        QTest::keyClicks(page.pinTitleEdit(), QStringLiteral("5xx by code"));
        QTest::mouseClick(page.pinButton(), Qt::LeftButton);

        const Incident incident = f.load();
        QCOMPARE(incident.diagnostics.size(), 1);
        const DiagnosticSnapshot &s = incident.diagnostics.first();
        QCOMPARE(s.source, QStringLiteral("prom"));
        QCOMPARE(s.query, kQueryErrors);
        QCOMPARE(s.windowStart, f.started().addSecs(-30 * 60));
        QCOMPARE(s.windowEnd, f.now().addSecs(-5));
        QCOMPARE(s.capturedAt, f.now());
        QCOMPARE(s.result, answer.raw);
        QVERIFY(!s.chartPng.isEmpty());
        const QImage chart = QImage::fromData(s.chartPng, "PNG");
        QVERIFY(!chart.isNull());
        QCOMPARE(chart.size(), SeriesCharts::kExportSize);
        QCOMPARE(QColor(chart.pixel(2, 2)), QColor(Qt::white)); // readable on a white page

        bool entry = false;
        for (const auto &e : incident.timeline) {
            if (e.kind == EntryKind::Diagnostic) {
                entry = true;
                QCOMPARE(e.link.type, QStringLiteral("diagnostic"));
                QCOMPARE(e.link.id, s.id);
                QCOMPARE(e.author, QStringLiteral("Carol"));
                QVERIFY2(e.text.contains(QStringLiteral("5xx by code")), qPrintable(e.text));
            }
        }
        QVERIFY(entry);
        QCOMPARE(page.snapshotsModel()->rowCount(), 1);
        QCOMPARE(page.snapshotsModel()->at(0).title, QStringLiteral("5xx by code"));
        QCOMPARE(page.sideTabs()->tabText(0), QStringLiteral("Pinned (1)"));
        QVERIFY(!page.pinButton()->isEnabled()); // pinned once, not twice
        QVERIFY(page.pinTitleEdit()->text().isEmpty());
    }

    void storedSnapshotRendersWithoutServer()
    {
        Fixture f;
        const QueryResult answer = f.errorsRange();
        DiagnosticSnapshot stored;
        stored.source = QStringLiteral("prom");
        stored.query = kQueryErrors;
        stored.windowStart = f.now().addSecs(-3600);
        stored.windowEnd = f.now();
        stored.capturedAt = f.now();
        stored.result = answer.raw;
        QVERIFY(f.store.service().pinDiagnostic(
            f.incident, stored, QStringLiteral("Errors"), QStringLiteral("tester")));
        DiagnosticSnapshot broken = stored;
        broken.query = QStringLiteral("up");
        broken.capturedAt = f.now().addSecs(-60);
        broken.result = "{\"status\":\"success\",\"data\":";
        broken.chartPng = SeriesCharts::renderPng(answer, {});
        QVERIFY(f.store.service().pinDiagnostic(f.incident, broken, {}, QStringLiteral("tester")));

        f.factory.mode = FakeDiagnosticFactory::Mode::Fail; // the server is gone
        DiagnosticsPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // Opens on the newest evidence, drawn from the stored bytes alone.
        QCOMPARE(page.snapshotsModel()->rowCount(), 2);
        QCOMPARE(page.snapshotsView()->currentIndex().row(), 0);
        QCOMPARE(page.resultView()->heading()->text(), QStringLiteral("Errors"));
        QVERIFY(page.resultView()->details()->text().startsWith(QStringLiteral("Pinned")));
        QCOMPARE(page.resultView()->chartSeriesCount(), 3);
        QCOMPARE(page.resultView()->tableModel()->rowCount(), 3);
        QVERIFY(page.pinButton()->isHidden());

        // One whose bytes no longer parse still shows its chart, and says why.
        const QModelIndex second = page.snapshotsModel()->index(1, 0);
        page.snapshotsView()->setCurrentIndex(second);
        QVERIFY(page.resultView()->details()->text().contains(QStringLiteral("cannot be read")));
        QCOMPARE(page.resultView()->tableModel()->rowCount(), 0);
        QCOMPARE(page.snapshotsModel()->at(1).title, QString()); // pinned without one

        page.showSnapshot(page.snapshotsModel()->at(0).snapshot.id);
        QCOMPARE(page.resultView()->chartSeriesCount(), 3);
        QCOMPARE(f.factory.calls, 0);

        // "Open in editor" brings back its query and window to run again.
        page.snapshotsView()->setCurrentIndex(page.snapshotsModel()->index(0, 0));
        for (auto *button : page.findChildren<QPushButton *>()) {
            if (button->text().remove(u'&') == QStringLiteral("Open in editor"))
                QTest::mouseClick(button, Qt::LeftButton);
        }
        QCOMPARE(page.queryEditor()->query(), kQueryErrors);
        QVERIFY(page.queryEditor()->isRange());
        const QueryWindow window = page.queryEditor()->rangeWindow(f.now());
        QCOMPARE(window.start.toLocalTime().toString(QStringLiteral("HH:mm")),
            stored.windowStart.toLocalTime().toString(QStringLiteral("HH:mm")));
        QCOMPARE(f.factory.calls, 0);
    }

    void packPinsEachAnswerAndReportsTheFailure()
    {
        Fixture f;
        DiagnosticPack pack;
        pack.name = QStringLiteral("Checkout");
        pack.description = QStringLiteral("The checkout service");
        pack.queries = {{QStringLiteral("Error ratio"), QStringLiteral("errors_ratio"),
                            QStringLiteral("ratio")},
            {QStringLiteral("Latency p99"), QStringLiteral("latency_p99"),
                QStringLiteral("seconds")},
            {QStringLiteral("Orders"), QStringLiteral("increase(orders_total[$window])"),
                QStringLiteral("count")}};
        QVERIFY(f.store.repository().setSetting(
            DiagnosticsPage::kPacksSettingKey, QString::fromUtf8(diagnosticPacksToJson({pack}))));
        const QueryResult one = prometheusResult(QueryResult::Type::Matrix,
            {series(labels({{QStringLiteral("job"), QStringLiteral("checkout")}}), f.now(), 20,
                0.01, 0.001)});
        f.factory.answers.insert(QStringLiteral("errors_ratio"), one);
        f.factory.errors.insert(QStringLiteral("latency_p99"),
            QStringLiteral("bad_data: unknown function histogram_quantil"));
        // The window is 50 minutes (30 before the start 20 minutes ago): $window says so.
        f.factory.answers.insert(QStringLiteral("increase(orders_total[50m])"), one);

        DiagnosticsPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        const int index = page.packCombo()->findData(QStringLiteral("Checkout"));
        QVERIFY(index >= 0);
        page.packCombo()->setCurrentIndex(index);
        QTest::mouseClick(page.runPackButton(), Qt::LeftButton);
        QVERIFY(page.isRunning());
        QVERIFY(!page.runPackButton()->isEnabled());
        QCOMPARE(f.factory.queries.size(), 3); // all asked at once, none answered yet
        QVERIFY(settle(page));
        const Incident incident = f.load();
        QCOMPARE(incident.diagnostics.size(), 2);
        QStringList titles;
        for (int row = 0; row < page.snapshotsModel()->rowCount(); ++row)
            titles.append(page.snapshotsModel()->at(row).title);
        titles.sort();
        QCOMPARE(titles, (QStringList {QStringLiteral("Error ratio"), QStringLiteral("Orders")}));
        int entries = 0;
        for (const auto &e : incident.timeline)
            entries += e.kind == EntryKind::Diagnostic ? 1 : 0;
        QCOMPARE(entries, 2);
        const QString status = page.statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("2 of 3 pinned")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("Latency p99: bad_data")), qPrintable(status));
        QVERIFY(page.runPackButton()->isEnabled());
        // The page shows the pack's first answer, as stored; its unit came with the pack's
        // query, so the ratio reads as a percentage.
        QCOMPARE(page.resultView()->heading()->text(), QStringLiteral("Error ratio"));
        QVERIFY(page.resultView()->context().capturedAt.has_value());
        const QString last = page.resultView()->tableModel()->index(0, 1).data().toString();
        QVERIFY2(last.endsWith(QStringLiteral(" %")), qPrintable(last));
        QCOMPARE(page.sideTabs()->currentIndex(), 0);
    }

    void requestThatNeverAnswersCanBeCancelled()
    {
        Fixture f;
        f.factory.mode = FakeDiagnosticFactory::Mode::Never;
        DiagnosticsPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        runWithKeyboard(page, QStringLiteral("up"), true);
        QVERIFY(page.isRunning());
        QCOMPARE(f.factory.neverAnswered, 1);

        // The event loop keeps turning while the request waits.
        int ticks = 0;
        QEventLoop loop;
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, &loop, [&] {
            if (++ticks == 20)
                loop.quit();
        });
        ticker.start();
        loop.exec();
        QCOMPARE(ticks, 20);
        QVERIFY(page.isRunning());
        QVERIFY(!page.queryEditor()->runButton()->isEnabled());

        QPushButton *cancel = page.queryEditor()->cancelButton();
        QVERIFY(cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!page.isRunning());
        QCOMPARE(f.factory.neverAnswered, 0); // the source dropped it
        QVERIFY(f.factory.cancels >= 1);
        QCOMPARE(page.statusLabel()->text(), QStringLiteral("Cancelled."));
        QVERIFY(page.queryEditor()->runButton()->isEnabled());
        QVERIFY(!cancel->isVisible());

        // Escape in the editor cancels too.
        QTest::keyClick(page.queryEditor()->editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(page.isRunning());
        QTest::keyClick(page.queryEditor()->editor(), Qt::Key_Escape);
        QVERIFY(!page.isRunning());
        QCoreApplication::processEvents();
        QVERIFY(!page.resultView()->hasResult());
    }

    void packCanBeCancelled()
    {
        Fixture f;
        f.factory.mode = FakeDiagnosticFactory::Mode::Never;
        DiagnosticsPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        QVERIFY(page.packCombo()->count() > 0); // the built-in packs
        const int queries = int(page.packs().first().queries.size());
        page.packCombo()->setCurrentIndex(0);
        page.runPack();
        QVERIFY(page.isRunning());
        QCOMPARE(f.factory.neverAnswered, queries);
        QVERIFY(page.cancel());
        QVERIFY(!page.isRunning());
        QCOMPARE(f.factory.neverAnswered, 0);
        QVERIFY(page.statusLabel()->text().contains(QStringLiteral("cancelled")));
        QCOMPARE(f.load().diagnostics.size(), 0);
    }

    void errorsShowAsOneLine()
    {
        Fixture f;
        f.factory.errors.insert(QStringLiteral("rate(x[5m]"),
            QStringLiteral("bad_data: 1:10: parse error: unclosed left "
                           "parenthesis"));
        DiagnosticsPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        runWithKeyboard(page, QStringLiteral("rate(x[5m]"), true);
        QVERIFY(settle(page));
        QCOMPARE(page.statusLabel()->text(),
            QStringLiteral("bad_data: 1:10: parse error: unclosed left parenthesis"));
        QVERIFY(!page.statusLabel()->isHidden());

        page.queryEditor()->editor()->clear();
        page.runQuery();
        QCOMPARE(page.statusLabel()->text(), QStringLiteral("Write a query first."));
    }

    void noSourceSaysWhereToAddOne()
    {
        Store store;
        const qint64 id = store.declare(QStringLiteral("Outage"));
        FakeSecretStore secrets;
        DataSourceCatalog catalog(store.repository(), secrets);
        FakeDiagnosticFactory factory;
        DiagnosticsPage page(store.service());
        page.setIncident(id);
        QVERIFY(!page.sourceHint()->isHidden());
        QVERIFY(page.sourceHint()->text().contains(QStringLiteral("not available")));

        page.setIntegrations({&catalog, &factory});
        QVERIFY(!page.sourceHint()->isHidden());
        QVERIFY2(page.sourceHint()->text().contains(QStringLiteral("Settings → Data sources…")),
            qPrintable(page.sourceHint()->text()));
        QVERIFY(!page.queryEditor()->runButton()->isEnabled());
        QVERIFY(!page.runPackButton()->isEnabled());

        // Adding one (from the settings dialog) is noticed at once.
        DataSource prometheus;
        prometheus.name = QStringLiteral("prom");
        prometheus.url = QStringLiteral("http://prometheus.test:9090");
        QVERIFY(catalog.add(prometheus, {}));
        QVERIFY(page.sourceHint()->isHidden());
        QVERIFY(page.queryEditor()->runButton()->isEnabled());
        QCOMPARE(page.sourceCombo()->count(), 1);
    }

    void windowEndsAtResolution()
    {
        Fixture f;
        f.store.clock().advance(600);
        QVERIFY(f.store.service().changeStatus(
            f.incident, Status::Resolved, {}, QStringLiteral("tester")));
        const QDateTime resolved = f.now();
        f.store.clock().advance(3600);
        f.factory.answers.insert(
            QStringLiteral("up"), prometheusResult(QueryResult::Type::Matrix, {}));
        DiagnosticsPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        runWithKeyboard(page, QStringLiteral("up"), true);
        QVERIFY(settle(page));
        QCOMPARE(f.factory.windows.last().end, resolved);
        QCOMPARE(f.factory.windows.last().start, f.started().addSecs(-30 * 60));
        QVERIFY(page.resultView()->hasResult()); // no series: says so
    }

    void historyIsMostRecentFirst()
    {
        Fixture f;
        DiagnosticSnapshot stored;
        stored.source = QStringLiteral("prom");
        stored.query = QStringLiteral("pinned_query");
        stored.capturedAt = f.now().addSecs(-60);
        stored.result = prometheusBody(QueryResult::Type::Vector, {});
        QVERIFY(f.store.service().pinDiagnostic(f.incident, stored, {}, QStringLiteral("t")));
        f.factory.answers.insert(
            QStringLiteral("first"), prometheusResult(QueryResult::Type::Vector, {}));
        f.factory.answers.insert(
            QStringLiteral("second"), prometheusResult(QueryResult::Type::Vector, {}));
        DiagnosticsPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        runWithKeyboard(page, QStringLiteral("first"), false);
        QVERIFY(settle(page));
        f.store.clock().advance(10);
        runWithKeyboard(page, QStringLiteral("second"), false);
        QVERIFY(settle(page));
        f.store.clock().advance(10);
        runWithKeyboard(page, QStringLiteral("first"), false);
        QVERIFY(settle(page));
        QCOMPARE(page.history(),
            (QStringList {QStringLiteral("first"), QStringLiteral("second"),
                QStringLiteral("pinned_query")}));
        QComboBox *combo = page.queryEditor()->historyCombo();
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->currentIndex(), -1);
        // Choosing one puts it in the editor.
        Q_EMIT combo->activated(2);
        QCOMPARE(page.queryEditor()->query(), QStringLiteral("pinned_query"));
    }

    void attachAlertToTimeline()
    {
        Fixture f;
        const QDateTime began = f.now().addSecs(-25 * 60);
        f.factory.alerts = {alert(QStringLiteral("HighErrorRate"), QStringLiteral("critical"),
                                QStringLiteral("API 5xx above 5%"), began),
            alert(QStringLiteral("DiskFilling"), QStringLiteral("warning"), {},
                f.now().addSecs(-3600))};
        DiagnosticsPage page(f.store.service());
        page.setUserName(QStringLiteral("Bob"));
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        DiagnosticsAlertsPanel *panel = page.alertsPanel();
        QCOMPARE(panel->sourceCombo()->currentData().toString(), QStringLiteral("am"));
        QCOMPARE(f.factory.calls, 0); // nothing asked before the user looks
        QTest::mouseClick(panel->refreshButton(), Qt::LeftButton);
        QVERIFY(settle(*panel));
        QCOMPARE(panel->alertsModel()->rowCount(), 2);
        QVERIFY(!panel->attachButton()->isEnabled());

        const int row = rowWithName(panel->alertsProxy(), QStringLiteral("HighErrorRate"));
        QVERIFY(row >= 0);
        panel->alertsView()->setCurrentIndex(panel->alertsProxy()->index(row, 0));
        QVERIFY(panel->attachButton()->isEnabled());
        // A refresh (by hand or the auto-refresh) keeps the chosen alert chosen.
        f.factory.alerts.append(
            alert(QStringLiteral("NewOne"), QStringLiteral("info"), {}, f.now()));
        QTest::mouseClick(panel->refreshButton(), Qt::LeftButton);
        QVERIFY(settle(*panel));
        QCOMPARE(panel->alertsModel()->rowCount(), 3);
        QCOMPARE(
            panel->alertsView()->currentIndex().siblingAtColumn(AlertsModel::NameColumn).data(),
            QVariant(QStringLiteral("HighErrorRate")));
        QVERIFY(panel->attachButton()->isEnabled());
        QSignalSpy attached(panel, &DiagnosticsAlertsPanel::alertAttached);
        QTest::mouseClick(panel->attachButton(), Qt::LeftButton);
        QCOMPARE(attached.size(), 1);

        const auto entry = f.store.repository().entry(attached.first().first().toLongLong());
        QVERIFY(entry.ok());
        QCOMPARE(entry->kind, EntryKind::Alert);
        QCOMPARE(entry->at, began); // when it began, not when it was attached
        QCOMPARE(entry->author, QStringLiteral("Bob"));
        QVERIFY(entry->text.contains(QStringLiteral("HighErrorRate")));
        QVERIFY(entry->text.contains(QStringLiteral("API 5xx above 5%")));
        QVERIFY(entry->text.contains(QStringLiteral("job=api")));
        QVERIFY(entry->text.contains(QStringLiteral("severity=critical")));
    }

    void declareFromAlert()
    {
        Fixture f;
        // The team maps its own label values.
        QVERIFY(f.store.repository().setSetting(AlertSeverityMapping::kSettingKey,
            QStringLiteral(R"({"levels":{"critical":"SEV-1","page":"SEV-1","warning":2}})")));
        const QDateTime began = f.now().addSecs(-7 * 60 - 13);
        Alert firing = alert(QStringLiteral("PaymentsDown"), QStringLiteral("page"),
            QStringLiteral("Payments API answers 503"), began);
        f.factory.alerts = {firing};
        DiagnosticsPage page(f.store.service());
        page.setUserName(QStringLiteral("Dana"));
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        DiagnosticsAlertsPanel *panel = page.alertsPanel();
        panel->refresh();
        QVERIFY(settle(*panel));
        panel->alertsView()->setCurrentIndex(panel->alertsProxy()->index(0, 0));
        QSignalSpy declared(&page, &DiagnosticsPage::incidentDeclared);
        QTest::mouseClick(panel->declareButton(), Qt::LeftButton);

        auto *dialog = panel->findChild<DeclareDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->titleEdit()->text(), QStringLiteral("Payments API answers 503"));
        QCOMPARE(dialog->severityCombo()->currentData().toInt(), 1);
        QVERIFY(dialog->backdateBox()->isChecked());
        QCOMPARE(dialog->startedEdit()->dateTime().toUTC(), began);
        QVERIFY(dialog->summaryEdit()->toPlainText().contains(QStringLiteral("PaymentsDown")));
        QVERIFY(dialog->noteLabel()->text().contains(QStringLiteral("severity=page")));
        dialog->accept();

        QCOMPARE(declared.size(), 1);
        const qint64 id = declared.first().first().toLongLong();
        QVERIFY(id != f.incident);
        const IncidentHeader header = f.store.header(id);
        QCOMPARE(header.title, QStringLiteral("Payments API answers 503"));
        QCOMPARE(header.severity, 1);
        QCOMPARE(header.milestones.get(Milestone::Started).value(), began);
        bool attached = false;
        for (const auto &e : f.store.timeline(id)) {
            if (e.kind == EntryKind::Alert) {
                attached = true;
                QCOMPARE(e.at, began);
                QVERIFY(e.text.contains(QStringLiteral("PaymentsDown")));
            }
        }
        QVERIFY(attached);
        // The incident the page shows got nothing.
        for (const auto &e : f.store.timeline(f.incident))
            QVERIFY(e.kind != EntryKind::Alert);
    }

    void alertFilter_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("shown");
        const QString high = QStringLiteral("HighErrorRate");
        const QString disk = QStringLiteral("DiskFilling");
        const QString cert = QStringLiteral("CertExpiring");
        QTest::newRow("empty") << QString() << QStringList {high, disk, cert};
        QTest::newRow("label equals") << QStringLiteral("severity=critical") << QStringList {high};
        QTest::newRow("case-insensitive")
            << QStringLiteral("severity=CRITICAL") << QStringList {high};
        QTest::newRow("alertmanager style")
            << QStringLiteral("{severity=\"warning\"}") << QStringList {disk, cert};
        QTest::newRow("not equal") << QStringLiteral("severity!=warning") << QStringList {high};
        QTest::newRow("regex") << QStringLiteral("alertname=~\"(Disk|Cert).*\"")
                               << QStringList {disk, cert};
        QTest::newRow("negative regex")
            << QStringLiteral("alertname!~Disk.*") << QStringList {high, cert};
        QTest::newRow("free text in summary") << QStringLiteral("5xx") << QStringList {high};
        QTest::newRow("free text in labels") << QStringLiteral("job=db") << QStringList {disk};
        QTest::newRow("all terms hold")
            << QStringLiteral("severity=warning, expiring") << QStringList {cert};
        QTest::newRow("missing label is empty")
            << QStringLiteral("team=") << QStringList {high, disk, cert};
        QTest::newRow("nothing") << QStringLiteral("nonexistent") << QStringList {};
    }

    void alertFilter()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, shown);
        Fixture f;
        Alert high = alert(QStringLiteral("HighErrorRate"), QStringLiteral("critical"),
            QStringLiteral("API 5xx above 5%"), f.now().addSecs(-60));
        Alert disk = alert(
            QStringLiteral("DiskFilling"), QStringLiteral("warning"), {}, f.now().addSecs(-120));
        disk.labels.insert(QStringLiteral("job"), QStringLiteral("db"));
        Alert cert = alert(QStringLiteral("CertExpiring"), QStringLiteral("warning"),
            QStringLiteral("TLS certificate expiring in 6 days"), f.now().addSecs(-180));
        f.factory.alerts = {high, disk, cert};
        DiagnosticsAlertsPanel panel(f.store.service());
        panel.setIntegrations(f.access());
        panel.refresh();
        QVERIFY(settle(panel));
        QTest::keyClicks(panel.filterEdit(), filter);
        QStringList names;
        for (int row = 0; row < panel.alertsProxy()->rowCount(); ++row)
            names.append(
                panel.alertsProxy()->index(row, AlertsModel::NameColumn).data().toString());
        QCOMPARE(names, shown); // newest first
    }

    void badRegexIsSaid()
    {
        const AlertFilter filter = AlertFilter::parse(QStringLiteral("alertname=~\"(\""));
        QVERIFY(!filter.problem().isEmpty());
        QVERIFY(filter.matches(Alert()));
    }

    void prometheusShowsRuleAlertsAndTargets()
    {
        Fixture f;
        PrometheusAlert rule;
        rule.labels = labels({{QStringLiteral("alertname"), QStringLiteral("InstanceDown")},
            {QStringLiteral("severity"), QStringLiteral("critical")}});
        rule.state = QStringLiteral("firing");
        rule.activeAt = f.now().addSecs(-300);
        f.factory.prometheusAlerts = {rule};
        ScrapeTarget up;
        up.labels = labels({{QStringLiteral("job"), QStringLiteral("api")},
            {QStringLiteral("instance"), QStringLiteral("api-1:8080")}});
        up.health = QStringLiteral("up");
        ScrapeTarget down = up;
        down.labels.insert(QStringLiteral("instance"), QStringLiteral("api-2:8080"));
        down.health = QStringLiteral("down");
        down.lastError = QStringLiteral("connection refused");
        f.factory.targets = {up, down, up};

        DiagnosticsAlertsPanel panel(f.store.service());
        panel.setIntegrations(f.access());
        panel.setIncident(f.incident);
        panel.sourceCombo()->setCurrentIndex(panel.sourceCombo()->findData(QStringLiteral("prom")));
        Q_EMIT panel.sourceCombo()->activated(panel.sourceCombo()->currentIndex());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel)); // showing it asks, once
        QVERIFY(settle(panel));
        QCOMPARE(f.factory.calls, 2);
        QVERIFY(panel.targetsView()->isVisible());
        QCOMPARE(panel.targetsModel()->rowCount(), 3);
        QCOMPARE(panel.targetsModel()->index(0, TargetsModel::HealthColumn).data().toString(),
            QStringLiteral("down")); // what is broken on top
        QCOMPARE(panel.targetsModel()->index(0, TargetsModel::ErrorColumn).data().toString(),
            QStringLiteral("connection refused"));
        QCOMPARE(panel.alertsModel()->rowCount(), 1);
        QCOMPARE(panel.alertsModel()->alertAt(0).startsAt, rule.activeAt);
        QVERIFY(panel.statusLabel()->text().startsWith(QStringLiteral("Updated")));

        // A failing server is one clear line.
        f.factory.mode = FakeDiagnosticFactory::Mode::Fail;
        QTest::mouseClick(panel.refreshButton(), Qt::LeftButton);
        QVERIFY(settle(panel));
        QVERIFY(panel.statusLabel()->text().contains(QStringLiteral("connection refused")));
    }

    void autoRefreshOnlyWhileShown()
    {
        Fixture f;
        DiagnosticsAlertsPanel panel(f.store.service());
        panel.setIntegrations(f.access());
        QVERIFY(!panel.autoRefreshBox()->isChecked()); // nothing polls unless asked
        panel.autoRefreshBox()->setChecked(true);
        QVERIFY(!panel.isAutoRefreshing()); // not on screen
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.isAutoRefreshing());
        panel.hide();
        QVERIFY(!panel.isAutoRefreshing());
        panel.show();
        QVERIFY(panel.isAutoRefreshing());
        panel.autoRefreshBox()->setChecked(false);
        QVERIFY(!panel.isAutoRefreshing());
    }

    void incidentPageHasDiagnosticsTab()
    {
        Fixture f;
        IncidentPage page(f.store.service());
        page.setIntegrations(f.access());
        page.setIncident(f.incident);
        QTabWidget *tabs = page.tabs();
        QCOMPARE(tabs->tabText(int(IncidentPage::Tab::Diagnostics)), QStringLiteral("Diagnostics"));
        QVERIFY(!page.isTabBuilt(IncidentPage::Tab::Diagnostics)); // built when first shown
        page.showDiagnosticsTab();
        QCOMPARE(page.currentTab(), IncidentPage::Tab::Diagnostics);
        QCOMPARE(page.diagnosticsPage()->parentWidget(), tabs->currentWidget());
        QCOMPARE(page.diagnosticsPage()->incidentId(), std::optional<qint64>(f.incident));
        QCOMPARE(page.diagnosticsPage()->sourceCombo()->currentText(), QStringLiteral("prom"));

        // A pin from elsewhere (the CLI's diagnose) shows up on refresh — read when the tab
        // is on screen, not while another tab is.
        page.show();
        page.showIncidentTab();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        DiagnosticSnapshot stored;
        stored.source = QStringLiteral("prom");
        stored.query = QStringLiteral("up");
        stored.capturedAt = f.now();
        stored.result = prometheusBody(QueryResult::Type::Vector, {});
        auto second = f.store.openSecond();
        IncidentService other(*second, f.store.clock());
        QVERIFY(other.pinDiagnostic(f.incident, stored, {}, QStringLiteral("cli")));
        page.refresh();
        QCOMPARE(page.diagnosticsPage()->snapshotsModel()->rowCount(), 0); // hidden: later
        page.showDiagnosticsTab();
        QCOMPARE(page.diagnosticsPage()->snapshotsModel()->rowCount(), 1);
        QVERIFY(other.pinDiagnostic(f.incident, stored, {}, QStringLiteral("cli")));
        page.refresh();
        QCOMPARE(page.diagnosticsPage()->snapshotsModel()->rowCount(), 2);
    }

    void queryTableModelUnderTester_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("columns");
        QTest::newRow("vector") << int(QueryResult::Type::Vector) << 2 << 3;
        QTest::newRow("matrix") << int(QueryResult::Type::Matrix) << 2 << 5;
        QTest::newRow("scalar") << int(QueryResult::Type::Scalar) << 1 << 1;
        QTest::newRow("string") << int(QueryResult::Type::String) << 1 << 1;
    }

    void queryTableModelUnderTester()
    {
        QFETCH(int, type);
        QFETCH(int, rows);
        QFETCH(int, columns);
        QueryTableModel model;
        QAbstractItemModelTester tester(&model);
        const QDateTime end = QDateTime::currentDateTimeUtc();
        QList<Series> list;
        if (type == int(QueryResult::Type::String))
            list = {Series {labels({{QStringLiteral("text"), QStringLiteral("hello")}}), {}}};
        else if (type == int(QueryResult::Type::Scalar))
            list = {series({}, end, 1, 42)};
        else
            list = {series(labels({{QStringLiteral("__name__"), QStringLiteral("m")},
                               {QStringLiteral("a"), QStringLiteral("1")}}),
                        end, 5, std::nan("")),
                series(labels({{QStringLiteral("__name__"), QStringLiteral("m")},
                           {QStringLiteral("a"), QStringLiteral("2")}}),
                    end, 5, 1)};
        const QueryResult result = prometheusResult(QueryResult::Type(type), list);
        model.setResult(result, QStringLiteral("seconds"));
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.columnCount(), columns);
        if (type == int(QueryResult::Type::String))
            QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("hello"));
        if (type == int(QueryResult::Type::Scalar))
            QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("42 s"));
        if (type == int(QueryResult::Type::Matrix)) {
            QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("NaN"));
            QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("5 s"));
            QVERIFY(model.index(0, 2).data(QueryTableModel::SortRole).toDouble()
                < model.index(1, 2).data(QueryTableModel::SortRole).toDouble());
        }
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void snapshotsModelUnderTester()
    {
        SnapshotsModel model;
        QAbstractItemModelTester tester(&model);
        const QDateTime now = QDateTime(QDate(2026, 3, 10), QTime(14, 0), Qt::UTC);
        Incident incident;
        auto snapshot = [&](qint64 id, int minutesAgo) {
            DiagnosticSnapshot s;
            s.id = id;
            s.source = QStringLiteral("prom");
            s.query = QStringLiteral("q%1").arg(id);
            s.capturedAt = now.addSecs(-minutesAgo * 60);
            return s;
        };
        incident.diagnostics = {snapshot(1, 30), snapshot(2, 20)};
        TimelineEntry entry;
        entry.kind = EntryKind::Diagnostic;
        entry.link = EntryLink {QStringLiteral("diagnostic"), 2};
        entry.text = IncidentRules::planPinDiagnostic(
            incident.diagnostics[1], QStringLiteral("Latency"), {})
                         ->entries.first()
                         .text;
        incident.timeline = {entry};
        model.setIncident(incident, now);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.at(0).snapshot.id, 2); // newest first
        QCOMPARE(model.index(0, SnapshotsModel::TitleColumn).data().toString(),
            QStringLiteral("Latency"));
        QCOMPARE(
            model.index(1, SnapshotsModel::TitleColumn).data().toString(), QStringLiteral("q1"));

        // A new pin is an insert at the top: the selection of the others stays.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        incident.diagnostics.append(snapshot(3, 5));
        model.setIncident(incident, now);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(model.rowOfSnapshot(3), 0);

        // A renamed entry renames the snapshot.
        incident.timeline[0].text = QStringLiteral("p99 latency by route");
        model.setIncident(incident, now);
        QCOMPARE(model.at(1).title, QStringLiteral("p99 latency by route"));

        incident.diagnostics.removeFirst();
        model.setIncident(incident, now);
        QCOMPARE(model.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void alertModelsUnderTester()
    {
        AlertsModel alerts;
        AlertFilterProxy proxy;
        proxy.setSourceModel(&alerts);
        QAbstractItemModelTester alertsTester(&alerts);
        QAbstractItemModelTester proxyTester(&proxy);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        alerts.setAlerts(
            {alert(QStringLiteral("A"), QStringLiteral("critical"), {}, now.addSecs(-60)),
                alert(QStringLiteral("B"), QStringLiteral("warning"), QStringLiteral("b"), now)},
            now);
        QCOMPARE(alerts.rowCount(), 2);
        QCOMPARE(alerts.alertAt(0).name(), QStringLiteral("B"));
        proxy.setFilterText(QStringLiteral("severity=critical"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.sort(AlertsModel::NameColumn, Qt::AscendingOrder);
        proxy.setFilterText({});
        QCOMPARE(proxy.index(0, AlertsModel::NameColumn).data().toString(), QStringLiteral("A"));
        alerts.clear();
        QCOMPARE(proxy.rowCount(), 0);

        TargetsModel targets;
        QAbstractItemModelTester targetsTester(&targets);
        ScrapeTarget t;
        t.health = QStringLiteral("up");
        t.scrapePool = QStringLiteral("node");
        t.scrapeUrl = QStringLiteral("http://node:9100/metrics");
        ScrapeTarget bad = t;
        bad.health = QStringLiteral("down");
        targets.setTargets({t, bad}, now);
        QCOMPARE(targets.rowCount(), 2);
        QCOMPARE(targets.targetAt(0).health, QStringLiteral("down"));
        QCOMPARE(
            targets.index(0, TargetsModel::JobColumn).data().toString(), QStringLiteral("node"));
        QCOMPARE(targets.index(0, TargetsModel::InstanceColumn).data().toString(), t.scrapeUrl);
        QCOMPARE(targets.countWithHealth(QStringLiteral("up")), 1);
        targets.clear();
        QCOMPARE(targets.rowCount(), 0);
    }

    void formatting_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ratio as percent")
            << 0.0725 << QStringLiteral("ratio") << QStringLiteral("7.25 %");
        QTest::newRow("small seconds in ms")
            << 0.253 << QStringLiteral("seconds") << QStringLiteral("253 ms");
        QTest::newRow("seconds") << 12.5 << QStringLiteral("seconds") << QStringLiteral("12.5 s");
        QTest::newRow("bytes") << 1610612736.0 << QStringLiteral("bytes")
                               << QStringLiteral("1.5 GiB");
        QTest::newRow("free unit")
            << 1234.0 << QStringLiteral("requests/s") << QStringLiteral("1234 requests/s");
        QTest::newRow("big count")
            << 123456.0 << QStringLiteral("count") << QStringLiteral("123456");
        QTest::newRow("no unit") << 0.000123 << QString() << QStringLiteral("0.000123");
        QTest::newRow("NaN") << std::nan("") << QStringLiteral("ratio") << QStringLiteral("NaN");
        QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << QString()
                              << QStringLiteral("+Inf");
    }

    void formatting()
    {
        QFETCH(double, value);
        QFETCH(QString, unit);
        QFETCH(QString, expected);
        QCOMPARE(DiagnosticsFormat::formatValue(value, unit), expected);
    }

    void exportedChartIsInUtc()
    {
        // The PNG goes with the Markdown export, whose times are UTC; the screen is local.
        const QByteArray oldZone = qgetenv("TZ");
        qputenv("TZ", "Europe/Berlin");
        tzset();
        const auto restore = qScopeGuard([&] {
            if (oldZone.isNull())
                qunsetenv("TZ");
            else
                qputenv("TZ", oldZone);
            tzset();
        });
        const QDateTime start(QDate(2026, 1, 15), QTime(10, 0), Qt::UTC);
        if (start.toLocalTime().offsetFromUtc() != 3600)
            QSKIP("The Europe/Berlin zone is not installed here.");
        const QueryResult result = prometheusResult(QueryResult::Type::Matrix,
            {series(labels({{QStringLiteral("job"), QStringLiteral("api")}}), start.addSecs(3600),
                61, 1)});
        SeriesCharts::ChartOptions options;
        options.windowStart = start;
        options.windowEnd = start.addSecs(3600);
        options.forExport = true;
        auto chart = SeriesCharts::build(result, options);
        auto *axis = qobject_cast<QDateTimeAxis *>(chart->axes(Qt::Horizontal).first());
        QVERIFY(axis);
        QCOMPARE(axis->min().time(), QTime(10, 0));
        QCOMPARE(axis->titleText(), QStringLiteral("Time (UTC)"));
        const auto *line = qobject_cast<QLineSeries *>(chart->series().first());
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(line->at(0).x())).time(), QTime(10, 0));

        options.forExport = false;
        chart = SeriesCharts::build(result, options);
        axis = qobject_cast<QDateTimeAxis *>(chart->axes(Qt::Horizontal).first());
        QCOMPARE(axis->min().time(), QTime(11, 0));
        QVERIFY2(
            axis->titleText().contains(QStringLiteral("UTC+01:00")), qPrintable(axis->titleText()));
    }

    void windowVariableAndPackUnits()
    {
        const QDateTime end = QDateTime(QDate(2026, 3, 10), QTime(14, 0), Qt::UTC);
        QCOMPARE(DiagnosticsFormat::expandWindow(
                     QStringLiteral("increase(x[$window])"), {end.addSecs(-7200), end, 0}),
            QStringLiteral("increase(x[2h])"));
        QCOMPARE(DiagnosticsFormat::expandWindow(
                     QStringLiteral("increase(x[$window])"), {end.addSecs(-90), end, 0}),
            QStringLiteral("increase(x[90s])"));
        QCOMPARE(DiagnosticsFormat::expandWindow(QStringLiteral("rate(x[$window])"), {end, end, 0}),
            QStringLiteral("rate(x[5m])"));
        DiagnosticPack pack;
        pack.queries = {{QStringLiteral("Orders"), QStringLiteral("increase(orders[$window])"),
                            QStringLiteral("count")},
            {QStringLiteral("Errors"), QStringLiteral("errors"), QStringLiteral("ratio")}};
        QCOMPARE(DiagnosticsFormat::unitForQuery({pack}, QStringLiteral("increase(orders[50m])")),
            QStringLiteral("count"));
        QCOMPARE(DiagnosticsFormat::unitForQuery({pack}, QStringLiteral(" errors ")),
            QStringLiteral("ratio"));
        QCOMPARE(DiagnosticsFormat::unitForQuery({pack}, QStringLiteral("other")), QString());
    }
};

QTEST_MAIN(DiagnosticsPageTest)
#include "tst_diagnosticspage.moc"
