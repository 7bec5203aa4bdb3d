#include "changemonitor.h"
#include "datasourcecatalog.h"
#include "datasourceeditor.h"
#include "datasourcesdialog.h"
#include "datasourcesmodel.h"
#include "diagnosticsource.h"
#include "fakesecretstore.h"
#include "mainwindow.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace idesk;
using namespace idesk::ViewTest;
using namespace Qt::StringLiterals;

namespace {

class FakeFactory;

// A source that answers testConnection only when the test says so.
class FakeSource final : public DiagnosticSource
{
public:
    FakeSource(FakeFactory &factory, DataSource config)
        : m_factory(factory), m_config(std::move(config))
    {
    }
    ~FakeSource() override;

    const DataSource &config() const override { return m_config; }
    void query(const QString &, const QueryWindow &, Callback<QueryResult>) override { }
    void prometheusAlerts(Callback<QList<PrometheusAlert>>) override { }
    void targets(Callback<QList<ScrapeTarget>>) override { }
    void activeAlerts(Callback<QList<Alert>>) override { }
    void testConnection(Callback<ServerInfo> done) override;
    void cancelAll() override;

private:
    FakeFactory &m_factory;
    DataSource m_config;
};

class FakeFactory final : public DiagnosticSourceFactory
{
public:
    std::unique_ptr<DiagnosticSource> create(
        const DataSource &source, const QString &secret) override
    {
        created.append({source, secret});
        return std::make_unique<FakeSource>(*this, source);
    }

    // Answers the oldest pending test, as the server's reply would, later.
    bool answer(const Result<ServerInfo> &info)
    {
        if (pending.isEmpty())
            return false;
        const auto callback = pending.takeFirst().second;
        callback(info);
        return true;
    }

    void drop(const FakeSource *source)
    {
        pending.removeIf([source](const auto &p) { return p.first == source; });
    }

    QList<std::pair<DataSource, QString>> created;
    QList<std::pair<const FakeSource *, DiagnosticSource::Callback<ServerInfo>>> pending;
    int cancelled = 0;
};

FakeSource::~FakeSource()
{
    m_factory.drop(this);
}

void FakeSource::testConnection(Callback<ServerInfo> done)
{
    m_factory.pending.append({this, std::move(done)});
}

void FakeSource::cancelAll()
{
    ++m_factory.cancelled;
    m_factory.drop(this);
}

const QString kToken = u"tok-3f9a1c77e2"_s;
const QString kWebhook = u"https://hooks.slack.com/services/T0001/B0002/XyZsecretPath"_s;

} // namespace

class DataSourcesDialogTest : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        Store store;
        FakeSecretStore secrets;
        FakeFactory factory;
        DataSourceCatalog catalog {store.repository(), secrets};
    };

    static QString storedSetting(Fixture &f)
    {
        const auto text = f.store.repository().setting(DataSourceCatalog::kSettingKey);
        return text ? *text : QString();
    }

    static void select(DataSourcesDialog &dialog, const QString &name)
    {
        const int row = dialog.model()->rowOf(name);
        QVERIFY(row >= 0);
        const QRect cell = dialog.view()->visualRect(dialog.model()->index(row, 0));
        QTest::mouseClick(dialog.view()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(dialog.selectedSource()->name, name);
    }

    static void pick(QComboBox *combo, int data)
    {
        // As a keyboard user does: focus the combo and step to the entry.
        combo->setFocus();
        const int target = combo->findData(data);
        QVERIFY(target >= 0);
        while (combo->currentIndex() < target)
            QTest::keyClick(combo, Qt::Key_Down);
        while (combo->currentIndex() > target)
            QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(combo->currentIndex(), target);
    }

    static void addProd(Fixture &f)
    {
        DataSource prod;
        prod.name = u"prod"_s;
        prod.url = u"https://prom.example.com:9090"_s;
        prod.auth = DataSource::Auth::Bearer;
        QVERIFY(f.catalog.add(prod, kToken).ok());
        f.secrets.calls.clear();
    }

    // Lets pending layout requests run, so a grab shows what a person would see.
    template<typename W> static W *settled(W &widget) { return settled(&widget); }
    template<typename W> static W *settled(W *widget)
    {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        return widget;
    }

private Q_SLOTS:
    void addsPrometheusWithBearerToken()
    {
        Fixture f;
        DataSourcesDialog dialog(f.catalog, &f.factory);
        QAbstractItemModelTester tester(dialog.model());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        auto *editor = dialog.findChild<DataSourceEditor *>();
        QVERIFY(editor);
        QVERIFY(!editor->isEditing());
        QTest::keyClicks(editor->nameEdit(), u"prod"_s);
        QTest::keyClicks(editor->urlEdit(), u"https://prom.example.com:9090"_s);
        pick(editor->authCombo(), int(DataSource::Auth::Bearer));
        QVERIFY(editor->tokenEdit()->isVisibleTo(editor));
        QCOMPARE(editor->tokenEdit()->echoMode(), QLineEdit::Password);
        QVERIFY(!editor->userEdit()->isVisibleTo(editor));
        QTest::keyClicks(editor->tokenEdit(), kToken);
        editor->timeoutSpin()->setValue(20);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY2(editor->errors().isEmpty(), qPrintable(editor->errors().join(u'\n')));

        const auto stored = f.catalog.find(u"prod"_s);
        QVERIFY(stored.ok());
        QCOMPARE(stored->url, u"https://prom.example.com:9090"_s);
        QCOMPARE(int(stored->auth), int(DataSource::Auth::Bearer));
        QCOMPARE(stored->timeoutSeconds, 20);
        QCOMPARE(f.secrets.secrets.value(u"source/prod"_s), kToken);
        const QString setting = storedSetting(f);
        QVERIFY(setting.contains(u"prom.example.com"_s));
        QVERIFY2(!setting.contains(kToken), qPrintable(setting));

        QCOMPARE(dialog.model()->rowCount(), 1);
        QCOMPARE(dialog.model()->index(0, DataSourcesModel::KindColumn).data().toString(),
            u"Prometheus"_s);
        QCOMPARE(dialog.model()->index(0, DataSourcesModel::AuthColumn).data().toString(),
            u"Bearer token"_s);
        QCOMPARE(dialog.selectedSource()->name, u"prod"_s);
        for (int column = 0; column < DataSourcesModel::ColumnCount; ++column)
            QVERIFY(!dialog.model()->index(0, column).data().toString().contains(kToken));
    }

    void editKeepsTheSecretWhenLeftBlank()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        select(dialog, u"prod"_s);
        QTest::mouseClick(dialog.editButton(), Qt::LeftButton);
        auto *editor = dialog.findChild<DataSourceEditor *>();
        QVERIFY(editor && editor->isEditing());
        // The stored secret is never shown, nor even read to fill the form.
        QVERIFY(editor->tokenEdit()->text().isEmpty());
        QVERIFY(!f.secrets.calls.contains(u"read source/prod"_s));
        QVERIFY(editor->clearSecretCheck()->isVisibleTo(editor));
        editor->timeoutSpin()->setValue(30);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY2(editor->errors().isEmpty(), qPrintable(editor->errors().join(u'\n')));

        QCOMPARE(f.catalog.find(u"prod"_s)->timeoutSeconds, 30);
        QCOMPARE(f.secrets.secrets.value(u"source/prod"_s), kToken);
        QVERIFY2(!f.secrets.calls.contains(u"write source/prod"_s),
            qPrintable(f.secrets.calls.join(u", ")));
        QVERIFY(!f.secrets.calls.contains(u"remove source/prod"_s));
    }

    void editReplacesTheSecretWhenTyped()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        select(dialog, u"prod"_s);
        DataSourceEditor *editor = dialog.editSource();
        QTest::keyClicks(editor->tokenEdit(), u"tok-new"_s);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QCOMPARE(f.secrets.secrets.value(u"source/prod"_s), u"tok-new"_s);
    }

    void clearingTheSecretRemovesIt()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        select(dialog, u"prod"_s);
        DataSourceEditor *editor = dialog.editSource();
        QTest::mouseClick(editor->clearSecretCheck(), Qt::LeftButton);
        QVERIFY(editor->clearSecretCheck()->isChecked());
        QVERIFY(!editor->tokenEdit()->isEnabled());
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY2(editor->errors().isEmpty(), qPrintable(editor->errors().join(u'\n')));

        QVERIFY(f.catalog.find(u"prod"_s).ok());
        QVERIFY(!f.secrets.secrets.contains(u"source/prod"_s));
        QVERIFY(f.secrets.calls.contains(u"remove source/prod"_s));
    }

    void renamingMovesTheSecret()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        select(dialog, u"prod"_s);
        DataSourceEditor *editor = dialog.editSource();
        editor->nameEdit()->selectAll();
        QTest::keyClicks(editor->nameEdit(), u"prod-eu"_s);
        QTest::keyClick(editor->nameEdit(), Qt::Key_Return); // Save is the default button
        QVERIFY2(editor->errors().isEmpty(), qPrintable(editor->errors().join(u'\n')));

        QVERIFY(f.catalog.find(u"prod-eu"_s).ok());
        QVERIFY(!f.catalog.find(u"prod"_s).ok());
        QCOMPARE(f.secrets.secrets.value(u"source/prod-eu"_s), kToken);
        QVERIFY(!f.secrets.secrets.contains(u"source/prod"_s));
        QCOMPARE(dialog.selectedSource()->name, u"prod-eu"_s);
    }

    void changingTheAuthKindNeverReusesTheOldSecret()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        select(dialog, u"prod"_s);
        DataSourceEditor *editor = dialog.editSource();
        pick(editor->authCombo(), int(DataSource::Auth::Basic));
        QTest::keyClicks(editor->userEdit(), u"grafana"_s);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        // The token is no password: one must be typed.
        QVERIFY(!editor->fieldError(DataSourceEditor::Field::Password).isEmpty());
        QCOMPARE(int(f.catalog.find(u"prod"_s)->auth), int(DataSource::Auth::Bearer));

        pick(editor->authCombo(), int(DataSource::Auth::None));
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY2(editor->errors().isEmpty(), qPrintable(editor->errors().join(u'\n')));
        QCOMPARE(int(f.catalog.find(u"prod"_s)->auth), int(DataSource::Auth::None));
        QVERIFY(!f.secrets.secrets.contains(u"source/prod"_s));
    }

    void removeAsksThenRemovesConfigAndSecret()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        select(dialog, u"prod"_s);

        QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
        auto *confirm = dialog.findChild<QMessageBox *>();
        QVERIFY(confirm);
        QVERIFY(confirm->text().contains(u"prod"_s));
        QTest::mouseClick(confirm->button(QMessageBox::Cancel), Qt::LeftButton);
        QVERIFY(f.catalog.find(u"prod"_s).ok());
        QVERIFY(f.secrets.secrets.contains(u"source/prod"_s));

        QMessageBox *again = dialog.removeSource();
        QPushButton *remove = nullptr;
        for (QAbstractButton *b : again->buttons()) {
            if (again->buttonRole(b) == QMessageBox::DestructiveRole)
                remove = qobject_cast<QPushButton *>(b);
        }
        QVERIFY(remove);
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(!f.catalog.find(u"prod"_s).ok());
        QVERIFY(!f.secrets.secrets.contains(u"source/prod"_s));
        QCOMPARE(dialog.model()->rowCount(), 0);
        QVERIFY(!dialog.editButton()->isEnabled());
    }

    void invalidInputIsShownUnderItsFieldAndSavesNothing()
    {
        Fixture f;
        QTemporaryDir dir;
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        DataSourceEditor *editor = dialog.addSource();
        QTest::keyClicks(editor->nameEdit(), u"prod"_s);
        QTest::keyClicks(editor->urlEdit(), u"ftp://prom.example.com"_s);
        pick(editor->authCombo(), int(DataSource::Auth::Bearer));
        QTest::keyClicks(editor->tokenEdit(), kToken);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);

        QVERIFY(editor->isVisible());
        const QString error = editor->fieldError(DataSourceEditor::Field::Url);
        QVERIFY2(error.contains(u"URL"_s), qPrintable(error));
        QCOMPARE(editor->errors().size(), 1);
        QCOMPARE(editor->focusWidget(), editor->urlEdit()); // where the caret goes
        QVERIFY(f.catalog.sources()->isEmpty());
        QVERIFY(f.secrets.secrets.isEmpty());
        QVERIFY(!f.secrets.calls.contains(u"write source/prod"_s));

        // Other fields name themselves the same way; fixing one clears its message.
        editor->urlEdit()->clear();
        QTest::keyClicks(editor->urlEdit(), u"https://prom.example.com"_s);
        QTest::keyClicks(editor->caFileEdit(), dir.filePath(u"missing.pem"_s));
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(editor->fieldError(DataSourceEditor::Field::Url).isEmpty());
        QVERIFY(editor->fieldError(DataSourceEditor::Field::CaFile).contains(u"CA file"_s));
        editor->caFileEdit()->clear();
        editor->nameEdit()->clear();
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(editor->fieldError(DataSourceEditor::Field::Name).contains(u"name"_s));
        QVERIFY(f.catalog.sources()->isEmpty());

        // A name already taken is the name's problem too.
        addProd(f);
        QTest::keyClicks(editor->nameEdit(), u"PROD"_s);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(editor->fieldError(DataSourceEditor::Field::Name).contains(u"exists already"_s));
        QCOMPARE(f.catalog.sources()->size(), 1);
        QCOMPARE(f.secrets.secrets.value(u"source/prod"_s), kToken);
    }

    void aRefusedSecretStoreIsShownAndSavesNothing()
    {
        Fixture f;
        f.secrets.refuseWrites = true;
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        DataSourceEditor *editor = dialog.addSource();
        QTest::keyClicks(editor->nameEdit(), u"prod"_s);
        QTest::keyClicks(editor->urlEdit(), u"https://prom.example.com"_s);
        pick(editor->authCombo(), int(DataSource::Auth::Bearer));
        QTest::keyClicks(editor->tokenEdit(), kToken);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(editor->errorText().contains(u"keychain is locked"_s));
        QVERIFY(f.catalog.sources()->isEmpty());
    }

    void webhookKeepsOnlyTheOriginAndTheUrlAsSecret()
    {
        Fixture f;
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        DataSourceEditor *editor = dialog.addSource();
        QTest::keyClicks(editor->nameEdit(), u"incident-channel"_s);
        pick(editor->kindCombo(), int(DataSource::Kind::Webhook));
        QVERIFY(!editor->urlEdit()->isVisibleTo(editor));
        QVERIFY(!editor->authCombo()->isVisibleTo(editor));
        QVERIFY(editor->webhookUrlEdit()->isVisibleTo(editor));
        QCOMPARE(editor->webhookUrlEdit()->echoMode(), QLineEdit::Password);
        QTest::keyClicks(editor->webhookUrlEdit(), kWebhook);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY2(editor->errors().isEmpty(), qPrintable(editor->errors().join(u'\n')));

        const auto stored = f.catalog.find(u"incident-channel"_s);
        QVERIFY(stored.ok());
        QCOMPARE(int(stored->kind), int(DataSource::Kind::Webhook));
        QCOMPARE(stored->url, u"https://hooks.slack.com"_s);
        QCOMPARE(f.secrets.secrets.value(u"source/incident-channel"_s), kWebhook);
        QVERIFY(!storedSetting(f).contains(u"XyZsecretPath"_s));
        QCOMPARE(dialog.model()->index(0, DataSourcesModel::UrlColumn).data().toString(),
            u"https://hooks.slack.com"_s);

        // Editing it with the URL left blank keeps both.
        select(dialog, u"incident-channel"_s);
        editor = dialog.editSource();
        QVERIFY(editor->webhookUrlEdit()->text().isEmpty());
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY2(editor->errors().isEmpty(), qPrintable(editor->errors().join(u'\n')));
        QCOMPARE(f.catalog.find(u"incident-channel"_s)->url, u"https://hooks.slack.com"_s);
        QCOMPARE(f.secrets.secrets.value(u"source/incident-channel"_s), kWebhook);

        // A malformed URL is refused without echoing it.
        editor = dialog.editSource();
        QTest::keyClicks(editor->webhookUrlEdit(), u"hooks.slack.com/services/secretbits"_s);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        const QString error = editor->fieldError(DataSourceEditor::Field::WebhookUrl);
        QVERIFY(!error.isEmpty());
        QVERIFY(!error.contains(u"secretbits"_s));
        QCOMPARE(f.secrets.secrets.value(u"source/incident-channel"_s), kWebhook);
    }

    void testConnectionReportsTheServer()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        select(dialog, u"prod"_s);
        QVERIFY(!dialog.cancelTestButton()->isVisibleTo(&dialog));

        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QCOMPARE(f.factory.created.size(), 1);
        QCOMPARE(f.factory.created[0].first.name, u"prod"_s);
        QCOMPARE(f.factory.created[0].second, kToken); // the secret reaches the source, not the UI
        QVERIFY(dialog.isTesting());
        QVERIFY(dialog.cancelTestButton()->isVisibleTo(&dialog));
        QVERIFY(!dialog.testButton()->isEnabled());
        QVERIFY(dialog.testResult().contains(u"Testing prod"_s));
        // The dialog stays usable while the server has not answered.
        QVERIFY(dialog.addButton()->isEnabled());
        QVERIFY(!dialog.testResult().contains(kToken));

        QVERIFY(f.factory.answer(ServerInfo {u"Prometheus"_s, u"2.42.0"_s}));
        QVERIFY(!dialog.isTesting());
        QVERIFY2(
            dialog.testResult().contains(u"Prometheus 2.42.0"_s), qPrintable(dialog.testResult()));
        QVERIFY(!dialog.testFailed());
        QVERIFY(!dialog.cancelTestButton()->isVisibleTo(&dialog));
        QVERIFY(dialog.testButton()->isEnabled());
    }

    void testConnectionShowsTheError()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        select(dialog, u"prod"_s);
        dialog.testConnection();
        QVERIFY(
            f.factory.answer(Error::io(u"Connection refused by https://prom.example.com:9090"_s)));
        QVERIFY(dialog.testFailed());
        QVERIFY(
            dialog.testResult().contains(u"Connection refused by https://prom.example.com:9090"_s));
        QVERIFY(dialog.testResult().contains(u"prod"_s));
    }

    void testConnectionCanBeCancelled()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        select(dialog, u"prod"_s);
        dialog.testConnection();
        QCOMPARE(f.factory.pending.size(), 1);
        QTest::mouseClick(dialog.cancelTestButton(), Qt::LeftButton);
        QVERIFY(!dialog.isTesting());
        QVERIFY(f.factory.pending.isEmpty()); // the late answer can no longer arrive
        QCOMPARE(f.factory.cancelled, 1);
        QVERIFY(dialog.testResult().contains(u"cancelled"_s));
        QVERIFY(!dialog.testFailed());
        QVERIFY(dialog.testButton()->isEnabled());

        // A new test supersedes a running one; only its answer counts.
        dialog.testConnection();
        dialog.testConnection();
        QCOMPARE(f.factory.pending.size(), 1);
        QVERIFY(f.factory.answer(ServerInfo {u"Prometheus"_s, u"2.43.0"_s}));
        QVERIFY(dialog.testResult().contains(u"2.43.0"_s));

        // Closing the dialog drops a test in flight.
        dialog.testConnection();
        dialog.reject();
        QVERIFY(f.factory.pending.isEmpty());
    }

    void withoutAFactoryNothingCanBeTested()
    {
        Fixture f;
        addProd(f);
        DataSourcesDialog dialog(f.catalog, nullptr);
        dialog.show();
        select(dialog, u"prod"_s);
        QVERIFY(!dialog.testButton()->isEnabled());
        QVERIFY(!dialog.testButton()->toolTip().isEmpty());
        QVERIFY(dialog.editButton()->isEnabled());
    }

    void fallbackBannerOnlyForTheFileStore_data()
    {
        QTest::addColumn<bool>("fallback");
        QTest::newRow("keychain") << false;
        QTest::newRow("file") << true;
    }

    void fallbackBannerOnlyForTheFileStore()
    {
        QFETCH(bool, fallback);
        Fixture f;
        f.secrets.fallback = fallback;
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        QCOMPARE(dialog.fallbackBanner()->isVisibleTo(&dialog), fallback);
        if (fallback) {
            QVERIFY(dialog.fallbackBanner()->text().contains(f.secrets.description()));
            QVERIFY(dialog.fallbackBanner()->text().contains(u"0600"_s));
        }
    }

    void mainWindowOffersItOnlyWithIntegrations()
    {
        Fixture f;
        MainWindow window(f.store.service());
        window.changeMonitor().stop();
        QAction *action = window.dataSourcesAction();
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        QVERIFY(action->toolTip().contains(u"Not available"_s));
        QVERIFY(!window.openDataSources());

        window.setIntegrations({&f.catalog, &f.factory});
        QVERIFY(action->isEnabled());
        window.show();
        action->trigger();
        auto *dialog = window.findChild<DataSourcesDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->reject();
    }

    // Writes the dialog (and its editor) to $INCIDENTDESK_SCREENSHOTS for a person to look at.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("INCIDENTDESK_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set INCIDENTDESK_SCREENSHOTS to a folder to write the pictures");
        Fixture f;
        f.secrets.fallback = true;
        addProd(f);
        DataSource am;
        am.name = u"alertmanager"_s;
        am.kind = DataSource::Kind::Alertmanager;
        am.url = u"https://alertmanager.example.com"_s;
        am.auth = DataSource::Auth::Basic;
        am.username = u"oncall"_s;
        QVERIFY(f.catalog.add(am, u"pw"_s).ok());
        DataSource hook;
        hook.name = u"incident-channel"_s;
        hook.kind = DataSource::Kind::Webhook;
        hook.url = u"https://hooks.slack.com"_s;
        QVERIFY(f.catalog.add(hook, kWebhook).ok());
        DataSourcesDialog dialog(f.catalog, &f.factory);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        select(dialog, u"prod"_s);
        dialog.testConnection();
        QVERIFY(f.factory.answer(ServerInfo {u"Prometheus"_s, u"2.42.0"_s}));
        QVERIFY(settled(dialog)->grab().save(dir + u"/data-sources-dialog.png"_s));
        select(dialog, u"alertmanager"_s);
        dialog.testConnection();
        QVERIFY(settled(dialog)->grab().save(dir + u"/data-sources-testing.png"_s));
        QVERIFY(f.factory.answer(Error::io(u"alertmanager.example.com: connection refused"_s)));
        QVERIFY(settled(dialog)->grab().save(dir + u"/data-sources-error.png"_s));

        DataSourceEditor *editor = dialog.editSource();
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        QVERIFY(settled(editor)->grab().save(dir + u"/data-source-editor.png"_s));
        editor->urlEdit()->setText(u"ftp://alertmanager"_s);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(settled(editor)->grab().save(dir + u"/data-source-editor-error.png"_s));
        editor->reject();
        editor = dialog.addSource();
        pick(editor->kindCombo(), int(DataSource::Kind::Webhook));
        QVERIFY(settled(editor)->grab().save(dir + u"/data-source-editor-webhook.png"_s));
        editor->reject();
    }
};

QTEST_MAIN(DataSourcesDialogTest)
#include "tst_datasourcesdialog.moc"
