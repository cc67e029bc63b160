// Runs against the real OS keychain: a private D-Bus session with an unlocked gnome-keyring
// (tests/with_keyring.sh). It fails, never skips, when no Secret Service answers.

#include "secrets/keychainsecretstore.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

class TestKeychain : public QObject
{
    Q_OBJECT

private:
    SecretResult call(const std::function<void(SecretStore::Callback)> &start)
    {
        std::optional<SecretResult> result;
        start([&result](const SecretResult &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10'000))
            return {SecretResult::Status::Error, {}, u"the keychain did not answer within 10 s"_s};
        return *result;
    }

    QString m_service = u"understudy-test-%1"_s.arg(QRandomGenerator::global()->generate());

private slots:
    void writeReadReplaceDelete_roundTripsThroughSecretService()
    {
        KeychainSecretStore store(m_service);
        const QByteArray secret = "sk-test-" + QByteArray::number(QRandomGenerator::global()->generate64());
        SecretResult w = call([&](auto cb) { store.write(u"openai"_s, secret, this, cb); });
        QVERIFY2(w.ok(), qPrintable(u"no Secret Service answered: "_s + w.message));

        SecretResult r = call([&](auto cb) { store.read(u"openai"_s, this, cb); });
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.value, secret);

        // It really is in the Secret Service, where secret-tool finds it.
        QProcess tool;
        tool.start(u"secret-tool"_s, {u"lookup"_s, u"server"_s, m_service, u"user"_s, u"openai"_s});
        QVERIFY(tool.waitForFinished(10'000));
        QCOMPARE(tool.readAllStandardOutput().trimmed(), secret);

        const QByteArray replacement = secret + "-rotated";
        QVERIFY(call([&](auto cb) { store.write(u"openai"_s, replacement, this, cb); }).ok());
        r = call([&](auto cb) { store.read(u"openai"_s, this, cb); });
        QCOMPARE(r.value, replacement);

        QVERIFY(call([&](auto cb) { store.remove(u"openai"_s, this, cb); }).ok());
        r = call([&](auto cb) { store.read(u"openai"_s, this, cb); });
        QCOMPARE(r.status, SecretResult::Status::NotFound);
        QVERIFY(r.value.isEmpty());
        QVERIFY(!r.message.contains(QString::fromLatin1(secret)));
    }

    void jobsQueue_inOrder()
    {
        KeychainSecretStore store(m_service);
        QStringList order;
        for (int i = 0; i < 3; ++i)
            store.write(u"k%1"_s.arg(i), "v", this,
                        [&order, i](const SecretResult &) { order << QString::number(i); });
        store.remove(u"k0"_s, this, [&order](const SecretResult &) { order << u"rm"_s; });
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 4, 10'000);
        QCOMPARE(order, QStringList({u"0"_s, u"1"_s, u"2"_s, u"rm"_s}));
        for (int i = 1; i < 3; ++i)
            call([&](auto cb) { store.remove(u"k%1"_s.arg(i), this, cb); });
    }

    void deadContext_dropsTheCallback()
    {
        KeychainSecretStore store(m_service);
        bool called = false;
        auto *context = new QObject;
        store.read(u"missing"_s, context, [&called](const SecretResult &) { called = true; });
        delete context;
        bool done = false;
        store.read(u"missing"_s, this, [&done](const SecretResult &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10'000);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "test_keychain.moc"
