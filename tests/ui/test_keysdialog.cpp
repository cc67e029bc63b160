// The API Keys dialog over an in-memory secret store: set, mask, delete, test; the key is never shown.
#include "engine/chatengine.h"
#include "keys/keysdialog.h"
#include "secrets/secretstore.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

class TestKeysDialog : public QObject
{
    Q_OBJECT

private slots:
    void setMaskDeleteTest_andTheKeyIsNeverShown()
    {
        ChainConfig config = ChainConfig::builtinSimulated();
        ProviderConfig acme;
        acme.id = u"acme"_s;
        acme.kind = ProviderKind::OpenAi;
        acme.baseUrl = QUrl(u"http://127.0.0.1:9/v1"_s); // closed: "unreachable"
        acme.auth = AuthMode::Keychain;
        config.providers.prepend(acme);
        TierConfig tier = config.tiers.first();
        tier.name = u"acme-tier"_s;
        tier.provider = u"acme"_s;
        config.tiers.append(tier);
        config.strategy.fallbackChain.append(u"acme-tier"_s);

        Transport transport;
        SystemClock clock;
        MemorySecretStore secrets;
        ChatEngine engine(transport, &secrets, clock);
        engine.setConfig(config);
        KeysDialog dialog(engine);
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy settled(&dialog, &KeysDialog::settled);
        QTRY_COMPARE(dialog.model()->index(0, KeysModel::Key).data().toString(), u"no key"_s);
        QCOMPARE(dialog.model()->index(1, KeysModel::Key).data().toString(), u"no key needed"_s);

        auto *edit = dialog.findChild<QLineEdit *>(u"keyEdit"_s);
        auto *save = dialog.findChild<QPushButton *>(u"saveKeyButton"_s);
        QCOMPARE(edit->echoMode(), QLineEdit::Password); // masked while typing ...
        dialog.findChild<QCheckBox *>(u"revealKeyCheckBox"_s)->setChecked(true);
        QCOMPARE(edit->echoMode(), QLineEdit::Normal); // ... unless revealed
        QVERIFY(!save->isEnabled());
        const QString key = u"sk-dialog-test-0123456789-WXYZ"_s;
        QTest::keyClicks(edit, key);
        QVERIFY(save->isEnabled());
        save->click();
        QVERIFY(edit->text().isEmpty()); // the field lets go of it at once
        QTRY_COMPARE(dialog.model()->index(0, KeysModel::Key).data().toString(), u"set (…WXYZ)"_s);
        bool stored = false;
        secrets.read(u"acme"_s, this,
                     [&](const SecretResult &r) { stored = r.ok() && r.value == key.toUtf8(); });
        QTRY_VERIFY(stored);
        // Nowhere in the model, in any role.
        for (int row = 0; row < dialog.model()->rowCount(); ++row)
            for (int col = 0; col < KeysModel::ColumnCount; ++col)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::EditRole)})
                    QVERIFY(!dialog.model()->index(row, col).data(role).toString().contains(u"0123456789"_s));

        dialog.testKey(); // the key goes in a header to a closed port: unreachable, not rejected
        QTRY_VERIFY(
            dialog.model()->index(0, KeysModel::LastTest).data().toString().startsWith(u"unreachable"_s));

        dialog.findChild<QPushButton *>(u"deleteKeyButton"_s)->click();
        QTRY_COMPARE(dialog.model()->index(0, KeysModel::Key).data().toString(), u"no key"_s);

        // A simulated provider has no key to set.
        dialog.findChild<QTableView *>(u"keysTable"_s)->selectRow(1);
        QVERIFY(!edit->isEnabled());
        QVERIFY(!dialog.findChild<QPushButton *>(u"deleteKeyButton"_s)->isEnabled());
    }
};

QTEST_MAIN(TestKeysDialog)
#include "test_keysdialog.moc"
