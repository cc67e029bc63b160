#include "secrets/secretstore.h"

#include <QTimer>

using namespace Qt::StringLiterals;

QString secretStatusName(SecretResult::Status status)
{
    switch (status) {
    case SecretResult::Status::Ok:
        return u"ok"_s;
    case SecretResult::Status::NotFound:
        return u"not_found"_s;
    case SecretResult::Status::Unavailable:
        return u"unavailable"_s;
    case SecretResult::Status::Locked:
        return u"locked"_s;
    case SecretResult::Status::Error:
        return u"error"_s;
    }
    return {};
}

void MemorySecretStore::answer(QObject *context, Callback callback, SecretResult result)
{
    QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    QTimer::singleShot(0, this,
                       [guard, hadContext, callback = std::move(callback), result = std::move(result)] {
                           if (hadContext && !guard)
                               return;
                           if (callback)
                               callback(result);
                       });
}

void MemorySecretStore::read(const QString &name, QObject *context, Callback callback)
{
    SecretResult r;
    if (m_failure != SecretResult::Status::Ok)
        r = {m_failure, {}, u"simulated failure"_s};
    else if (!m_secrets.contains(name))
        r = {SecretResult::Status::NotFound, {}, u"no secret named %1"_s.arg(name)};
    else
        r = {SecretResult::Status::Ok, m_secrets.value(name), {}};
    answer(context, std::move(callback), std::move(r));
}

void MemorySecretStore::write(const QString &name, const QByteArray &secret, QObject *context,
                              Callback callback)
{
    SecretResult r;
    if (m_failure != SecretResult::Status::Ok)
        r = {m_failure, {}, u"simulated failure"_s};
    else
        m_secrets.insert(name, secret);
    answer(context, std::move(callback), std::move(r));
}

void MemorySecretStore::remove(const QString &name, QObject *context, Callback callback)
{
    SecretResult r;
    if (m_failure != SecretResult::Status::Ok)
        r = {m_failure, {}, u"simulated failure"_s};
    else if (!m_secrets.remove(name))
        r = {SecretResult::Status::NotFound, {}, u"no secret named %1"_s.arg(name)};
    answer(context, std::move(callback), std::move(r));
}

QString MemorySecretStore::backendName() const
{
    return u"memory (tests only)"_s;
}

QString maskedKey(const QByteArray &key)
{
    return key.size() >= 16 ? QStringLiteral("…") + QString::fromLatin1(key.right(4)) : QStringLiteral("…");
}
