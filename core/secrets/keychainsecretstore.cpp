#include "secrets/keychainsecretstore.h"

#include "util/logging.h"

#include <QCoreApplication>
#include <QTimer>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace {

SecretResult resultOf(QKeychain::Job *job, const QString &name)
{
    switch (job->error()) {
    case QKeychain::NoError:
        return {SecretResult::Status::Ok, {}, {}};
    case QKeychain::EntryNotFound:
        return {SecretResult::Status::NotFound,
                {},
                QCoreApplication::translate("KeychainSecretStore", "no key stored for \"%1\"").arg(name)};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {SecretResult::Status::Locked,
                {},
                QCoreApplication::translate(
                    "KeychainSecretStore",
                    "the keychain is locked or refused access (%1). Unlock it (for example "
                    "by logging in to the desktop session) and try again.")
                    .arg(job->errorString())};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return {SecretResult::Status::Unavailable,
                {},
                QCoreApplication::translate(
                    "KeychainSecretStore",
                    "no keychain answered (%1). Start a Secret Service such as GNOME Keyring "
                    "or KWallet, or use \"api_key_env\" for headless machines; keys are "
                    "never stored in a file.")
                    .arg(job->errorString())};
    case QKeychain::CouldNotDeleteEntry:
        return {SecretResult::Status::Error, {}, job->errorString()};
    }
    return {SecretResult::Status::Error, {}, job->errorString()};
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::backendName() const
{
#if defined(Q_OS_MACOS)
    return tr("the macOS Keychain");
#elif defined(Q_OS_WIN)
    return tr("the Windows Credential Manager");
#else
    return tr("the Secret Service (GNOME Keyring, KWallet)");
#endif
}

void KeychainSecretStore::read(const QString &name, QObject *context, Callback callback)
{
    enqueue({Op::Read, name, {}, context, context != nullptr, std::move(callback)});
}

void KeychainSecretStore::write(const QString &name, const QByteArray &secret, QObject *context,
                                Callback callback)
{
    enqueue({Op::Write, name, secret, context, context != nullptr, std::move(callback)});
}

void KeychainSecretStore::remove(const QString &name, QObject *context, Callback callback)
{
    enqueue({Op::Remove, name, {}, context, context != nullptr, std::move(callback)});
}

void KeychainSecretStore::enqueue(Pending pending)
{
    m_queue.append(std::move(pending)); // QQueue::enqueue copies
    if (!m_busy) {
        m_busy = true;
        QTimer::singleShot(0, this, &KeychainSecretStore::startNext);
    }
}

void KeychainSecretStore::startNext()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        return;
    }
    m_current = m_queue.dequeue();
    QKeychain::Job *job = nullptr;
    switch (m_current->op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Op::Write: {
        auto *w = new QKeychain::WritePasswordJob(m_service, this);
        // Stored as text, so `secret-tool lookup` shows what was entered.
        w->setTextData(QString::fromUtf8(m_current->secret));
        m_current->secret.fill('\0');
        m_current->secret.clear();
        job = w;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setKey(m_current->name);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file
    connect(job, &QKeychain::Job::finished, this, &KeychainSecretStore::onJobFinished);
    job->start();
}

void KeychainSecretStore::onJobFinished(QKeychain::Job *job)
{
    if (!m_current)
        return;
    Pending p = std::move(*m_current);
    m_current.reset();
    SecretResult result = resultOf(job, p.name);
    if (result.ok() && p.op == Op::Read)
        result.value = static_cast<QKeychain::ReadPasswordJob *>(job)->textData().toUtf8();
    if (!result.ok())
        qCInfo(lcSecrets) << "keychain" << secretStatusName(result.status) << "for" << p.name;
    // The next job starts from the event loop, not from inside this handler.
    QTimer::singleShot(0, this, &KeychainSecretStore::startNext);
    if (p.hadContext && !p.context)
        return;
    if (p.callback)
        p.callback(result);
}
