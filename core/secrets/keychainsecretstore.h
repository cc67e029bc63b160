#pragma once

#include "secrets/secretstore.h"

#include <QQueue>

namespace QKeychain {
class Job;
}

// Secrets in the OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows). Never falls back to a file. Jobs run one at a time, each started
// from the event loop, never from inside another job's finished handler.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    // `service` groups the entries: "understudy" in the app, a unique name in tests.
    explicit KeychainSecretStore(const QString &service, QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    void read(const QString &name, QObject *context, Callback callback) override;
    void write(const QString &name, const QByteArray &secret, QObject *context, Callback callback) override;
    void remove(const QString &name, QObject *context, Callback callback) override;
    QString backendName() const override;

private:
    enum class Op
    {
        Read,
        Write,
        Remove,
    };
    struct Pending
    {
        Op op;
        QString name;
        QByteArray secret;
        QPointer<QObject> context;
        bool hadContext;
        Callback callback;
    };
    void enqueue(Pending pending);
    void startNext();
    void onJobFinished(QKeychain::Job *job);

    QString m_service;
    QQueue<Pending> m_queue;
    bool m_busy = false;
    std::optional<Pending> m_current;
};
