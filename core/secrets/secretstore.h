#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

struct SecretResult
{
    enum class Status
    {
        Ok,
        NotFound,
        Unavailable, // no keychain answers: headless box, no Secret Service
        Locked,      // the keychain is locked or access was denied
        Error,
    };
    Status status = Status::Ok;
    QByteArray value; // only for a successful read
    QString message;  // never contains the secret

    bool ok() const { return status == Status::Ok; }
};
QString secretStatusName(SecretResult::Status status);
// How a stored key may be shown: "…WXYZ" (its last four characters, only for a key of 16 or more,
// long enough not to give it away), else "…".
QString maskedKey(const QByteArray &key);

// Where API keys (and webhook URLs) live: asynchronous, so a slow keychain never blocks the GUI.
// Callbacks are bound to a context object: when it is gone, the callback is dropped.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SecretResult &)>;
    using QObject::QObject;

    virtual void read(const QString &name, QObject *context, Callback callback) = 0;
    virtual void write(const QString &name, const QByteArray &secret, QObject *context,
                       Callback callback) = 0;
    virtual void remove(const QString &name, QObject *context, Callback callback) = 0;
    // For messages: "the Secret Service (GNOME Keyring, KWallet)".
    virtual QString backendName() const = 0;
};

// Keeps secrets in memory only: for tests that do not need a keychain. Answers asynchronously.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;
    void read(const QString &name, QObject *context, Callback callback) override;
    void write(const QString &name, const QByteArray &secret, QObject *context, Callback callback) override;
    void remove(const QString &name, QObject *context, Callback callback) override;
    QString backendName() const override;

    // Tests: make every call answer with this status.
    void setFailure(SecretResult::Status status) { m_failure = status; }

private:
    void answer(QObject *context, Callback callback, SecretResult result);

    QHash<QString, QByteArray> m_secrets;
    SecretResult::Status m_failure = SecretResult::Status::Ok;
};
