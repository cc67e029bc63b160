#include "secrets/secretstore.h"

#include "util/enumnames.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<SecretResult::Status> SecretStatusNames[] = {
    {SecretResult::Status::Ok, "ok"_L1},
    {SecretResult::Status::NotFound, "not_found"_L1},
    {SecretResult::Status::Unavailable, "unavailable"_L1},
    {SecretResult::Status::Locked, "locked"_L1},
    {SecretResult::Status::Error, "error"_L1},
};

} // namespace

QString secretStatusName(SecretResult::Status status)
{
    return enumName(SecretStatusNames, status);
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
