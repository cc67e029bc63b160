// Tools ▸ Alerts: adding a webhook sink, its URL going to the keychain only, a refused URL, the
// quiet thresholds saved, and "Send test alert" reaching a local receiver on 127.0.0.1.

#include "alerts/alertbanner.h"
#include "alerts/alertdispatcher.h"
#include "alerts/alertrouter.h"
#include "alerts/alertsdialog.h"
#include "engine/chatengine.h"
#include "gateway/httpserver.h"
#include "secrets/secretstore.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

class TestAlertsDialog : public QObject
{
    Q_OBJECT

private slots:
    void webhookSink_savedWithoutItsUrl_andTestAlertDelivered()
    {
        QList<QByteArray> received;
        SystemClock receiverClock;
        HttpServer receiver(receiverClock);
        receiver.setHandler([&received](const HttpRequest &r, HttpResponder *responder) {
            received << r.body;
            responder->respond(200, {}, "ok");
        });
        QVERIFY(receiver.listen(QHostAddress::LocalHost, 0));
        const QString url = u"http://127.0.0.1:%1/hook/S3CRETPATH"_s.arg(receiver.port());

        Transport transport;
        SystemClock clock;
        MemorySecretStore secrets;
        ChatEngine engine(transport, &secrets, clock);
        AlertRouter router(engine, nullptr, nullptr, clock);
        AlertDispatcher dispatcher(transport, &secrets, clock);
        connect(&router, &AlertRouter::routed, &dispatcher, &AlertDispatcher::deliver);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"alerts.json"_s);
        AlertsDialog dialog(router, &dispatcher, &secrets, path);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        auto *list = dialog.findChild<QListWidget *>(u"alertSinkList"_s);
        QCOMPARE(list->count(), 2); // banner and tray
        dialog.findChild<QToolButton *>(u"addSinkButton"_s)
            ->menu()
            ->findChild<QAction *>(u"addwebhookSinkAction"_s)
            ->trigger();
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->currentRow(), 2);
        auto *secret = dialog.findChild<QLineEdit *>(u"sinkSecretEdit"_s);
        QVERIFY(secret->isVisible());
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        auto *name = dialog.findChild<QLineEdit *>(u"sinkNameEdit"_s);
        name->selectAll();
        QTest::keyClicks(name, u"Ops hook"_s);
        auto *severity = dialog.findChild<QComboBox *>(u"sinkSeverityCombo"_s);
        severity->setCurrentIndex(severity->findData(int(AlertSeverity::Error)));
        dialog.findChild<QCheckBox *>(u"sinkKind_budget"_s)->setChecked(false);
        dialog.findChild<QSpinBox *>(u"maxPerMinuteSpin"_s)->setValue(4);

        // Plain http to another host is refused: nothing is written.
        QTest::keyClicks(secret, u"http://hooks.example.com/x"_s);
        QSignalSpy settled(&dialog, &AlertsDialog::settled);
        dialog.findChild<QPushButton *>(u"saveAlertsButton"_s)->click();
        QTRY_COMPARE(settled.size(), 1);
        QVERIFY2(dialog.statusText().contains(u"plain http"_s), qPrintable(dialog.statusText()));
        QVERIFY(!QFile::exists(path));

        secret->clear();
        QTest::keyClicks(secret, url);
        dialog.findChild<QPushButton *>(u"sendTestAlertButton"_s)->click();
        QTRY_COMPARE(settled.size(), 2);
        QTRY_COMPARE(received.size(), 1);
        const QJsonObject test = QJsonDocument::fromJson(received.first()).object();
        QCOMPARE(test.value(u"kind"_s).toString(), u"test"_s);
        QCOMPARE(test.value(u"severity"_s).toString(), u"info"_s);
        auto *status = dialog.findChild<QLabel *>(u"sinkStatusLabel"_s);
        QTRY_VERIFY2(status->text().contains(u"delivered"_s), qPrintable(status->text()));

        // The settings file has the sink, its routing and the threshold, never its URL.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(!saved.contains("S3CRETPATH"));
        const auto settings = AlertSettings::load(path);
        QVERIFY(settings.ok());
        QCOMPARE(settings->maxPerMinute, 4);
        const AlertSink *sink = settings->sink(u"webhook"_s);
        QVERIFY(sink);
        QCOMPARE(sink->name, u"Ops hook"_s);
        QCOMPARE(sink->minSeverity, AlertSeverity::Error);
        QVERIFY(!sink->kinds.contains(AlertKind::Budget));
        QCOMPARE(router.settings(), settings.value()); // applied at once
        // The URL is in the keychain; the dialog shows a masked suffix at most.
        bool read = false;
        secrets.read(u"alert-sink:webhook"_s, this,
                     [&](const SecretResult &r) { read = r.ok() && r.value == url.toUtf8(); });
        QTRY_VERIFY(read);
        QVERIFY(secret->text().isEmpty());
        QTRY_VERIFY2(secret->placeholderText().contains(u"…"_s), qPrintable(secret->placeholderText()));
        QVERIFY(!secret->placeholderText().contains(u"S3CRET"_s));

        // Removing the sink removes its keychain entry on Save.
        dialog.findChild<QPushButton *>(u"removeSinkButton"_s)->click();
        QCOMPARE(list->count(), 2);
        dialog.findChild<QPushButton *>(u"saveAlertsButton"_s)->click();
        QTRY_COMPARE(settled.size(), 3);
        bool gone = false;
        secrets.read(u"alert-sink:webhook"_s, this,
                     [&](const SecretResult &r) { gone = r.status == SecretResult::Status::NotFound; });
        QTRY_VERIFY(gone);
    }

    void banner_showsOpenAlerts_untilResolvedOrDismissed()
    {
        Transport transport;
        SystemClock clock;
        ChatEngine engine(transport, nullptr, clock);
        AlertRouter router(engine, nullptr, nullptr, clock);
        AlertBanner banner(router);
        Alert a;
        a.kind = AlertKind::Breaker;
        a.severity = AlertSeverity::Critical;
        a.tier = u"t0"_s;
        a.key = u"switch/t0/overloaded"_s;
        a.summary = u"Breaker open: t0 (overloaded)"_s;
        router.submit(a);
        QVERIFY(banner.isVisibleTo(nullptr) || !banner.isHidden());
        QVERIFY2(banner.text().contains(u"Critical: Breaker open: t0"_s), qPrintable(banner.text()));
        Alert b = a;
        b.tier = u"t1"_s;
        b.key = u"switch/t1/overloaded"_s;
        b.summary = u"Breaker open: t1 (overloaded)"_s;
        router.submit(b);
        QCOMPARE(banner.shownAlerts(), 2);
        QVERIFY(banner.text().contains(u"1 more alert"_s));
        router.resolveTier(u"t1"_s, {AlertKind::Breaker}, u"closed"_s);
        QCOMPARE(banner.shownAlerts(), 1);
        router.resolveTier(u"t0"_s, {AlertKind::Breaker}, u"closed"_s);
        QVERIFY(banner.isHidden());
        router.submit(b);
        QVERIFY(!banner.isHidden());
        banner.findChild<QPushButton *>(u"alertBannerDismissButton"_s)->click();
        QVERIFY(banner.isHidden());
    }
};

QTEST_MAIN(TestAlertsDialog)
#include "test_alertsdialog.moc"
