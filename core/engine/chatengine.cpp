#include "engine/chatengine.h"

#include "engine/chatrun.h"
#include "secrets/secretstore.h"
#include "transport/transport.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

ChatEngine::ChatEngine(Transport &transport, SecretStore *secrets, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_secrets(secrets)
    , m_clock(clock)
    , m_config(std::make_shared<const ChainConfig>(ChainConfig::builtinSimulated()))
    , m_state(std::make_unique<InProcessTierState>())
    , m_jitter([] { return QRandomGenerator::global()->generateDouble(); })
{
    qRegisterMetaType<AttemptRecord>();
    qRegisterMetaType<SwitchEvent>();
    qRegisterMetaType<BreakerEvent>();
    qRegisterMetaType<ChatResult>();
    m_state->setConfig(m_config->strategy.breaker);
}

ChatEngine::~ChatEngine()
{
    for (const QPointer<ChatRun> &run : std::as_const(m_runs)) {
        if (run)
            run->disconnect(this);
    }
}

void ChatEngine::setConfig(const ChainConfig &config)
{
    m_config = std::make_shared<const ChainConfig>(config);
    m_state->setConfig(config.strategy.breaker);
    emit configChanged();
}

void ChatEngine::setTierStateStore(std::unique_ptr<TierStateStore> store)
{
    m_state = std::move(store);
    m_state->setConfig(m_config->strategy.breaker);
    m_lastBreakerState.clear();
}

ChatRun *ChatEngine::start(ChatRequest request)
{
    if (request.requestId.isEmpty())
        request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces).left(13);
    auto *run = new ChatRun(*this, m_config, std::move(request), this);
    m_runs.removeIf([](const QPointer<ChatRun> &r) { return r.isNull(); });
    m_runs.append(run);
    connect(run, &ChatRun::attemptFinished, this, &ChatEngine::attemptFinished);
    connect(run, &ChatRun::switched, this, &ChatEngine::tierSwitched);
    connect(run, &ChatRun::finished, this, &ChatEngine::requestFinished);
    emit requestStarted(run->requestId());
    // Begin from the event loop, so the caller can connect to the run first.
    QMetaObject::invokeMethod(run, &ChatRun::begin, Qt::QueuedConnection);
    return run;
}

int ChatEngine::runningRequests() const
{
    int n = 0;
    for (const QPointer<ChatRun> &run : m_runs)
        n += (run && !run->isFinished()) ? 1 : 0;
    return n;
}

TierStateSnapshot ChatEngine::tierState(const QString &tier) const
{
    return m_state->snapshot(tier, m_clock.nowMs());
}

void ChatEngine::resetTier(const QString &tier)
{
    m_state->reset(tier);
    noteBreaker(tier);
}

TierStateStore::Admission ChatEngine::admit(const QString &tier)
{
    const TierStateStore::Admission a = m_state->admit(tier, m_clock.nowMs());
    noteBreaker(tier);
    return a;
}

void ChatEngine::recordSuccess(const QString &tier)
{
    m_state->recordSuccess(tier, m_clock.nowMs());
    noteBreaker(tier);
}

void ChatEngine::recordFailure(const QString &tier, const ProviderError &error)
{
    const qint64 now = m_clock.nowMs();
    if (error.cls == ErrorClass::RateLimited && error.retryAfterMs)
        m_state->rateLimitUntil(tier, now + *error.retryAfterMs); // no request to it before then
    m_state->recordFailure(tier, now, error.cls);
    noteBreaker(tier);
}

void ChatEngine::releaseProbe(const QString &tier)
{
    m_state->releaseProbe(tier);
}

void ChatEngine::noteBreaker(const QString &tier)
{
    const TierStateSnapshot s = m_state->snapshot(tier, m_clock.nowMs());
    const CircuitBreaker::State before = m_lastBreakerState.value(tier, CircuitBreaker::State::Closed);
    if (s.breaker == before)
        return;
    m_lastBreakerState.insert(tier, s.breaker);
    BreakerEvent e;
    e.at = m_clock.wallNow();
    e.tier = tier;
    e.from = before;
    e.to = s.breaker;
    e.reason = s.reason;
    if (s.breaker == CircuitBreaker::State::Open) {
        e.cooldownMs = std::max<qint64>(0, s.openUntilMs - m_clock.nowMs());
        // Report the move to half-open when the cooldown ends, not only when the next request looks.
        QTimer::singleShot(int(e.cooldownMs) + 1, this, [this, tier] { noteBreaker(tier); });
    }
    qCInfo(lcEngine).noquote() << "breaker" << tier << breakerStateName(before) << "->"
                               << breakerStateName(s.breaker) << errorClassName(s.reason);
    emit breakerChanged(e);
}

void ChatEngine::resolveKey(const ProviderConfig &provider, QObject *context,
                            std::function<void(const KeyResult &)> done)
{
    switch (provider.auth) {
    case AuthMode::None:
        done({true, {}, {}});
        return;
    case AuthMode::Env: {
        QByteArray key = qgetenv(provider.apiKeyEnv.toLocal8Bit().constData()).trimmed();
        if (key.isEmpty())
            done({false,
                  {},
                  u"the environment variable %1 that should hold the key for \"%2\" is not set"_s.arg(
                      provider.apiKeyEnv, provider.id)});
        else
            done({true, std::move(key), {}});
        return;
    }
    case AuthMode::Keychain:
        break;
    }
    if (!m_secrets) {
        done({false, {}, u"no keychain is available for the key of \"%1\""_s.arg(provider.id)});
        return;
    }
    const QString id = provider.id;
    const QString name = provider.keyName();
    m_secrets->read(name, context, [done = std::move(done), id](const SecretResult &r) {
        if (r.ok() && !r.value.isEmpty()) {
            done({true, r.value, {}});
        } else if (r.status == SecretResult::Status::NotFound || r.ok()) {
            done(
                {false,
                 {},
                 u"no key stored for \"%1\": set one with \"understudy-cli keys set %1\" or in the Keys dialog"_s
                     .arg(id)});
        } else {
            done({false, {}, r.message});
        }
    });
}
