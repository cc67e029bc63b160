#include "engine/chatengine.h"

#include "engine/chatrun.h"
#include "engine/requestpolicy.h"
#include "providers/adapter.h"
#include "secrets/secretstore.h"
#include "transport/transport.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Every request has an id from its start: the events, the log and the gateway's answer share it.
void ensureRequestId(ChatRequest &request)
{
    if (request.requestId.isEmpty())
        request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces).left(13);
}

} // namespace

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

SecretStore *ChatEngine::secrets() const
{
    return m_secrets.data();
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

ChatRun *ChatEngine::start(ChatRequest request, const std::function<void(ChatRun *)> &wire)
{
    ensureRequestId(request);
    m_recentRequests.add(m_clock.nowMs());
    DegradationLevel level = DegradationLevel::Full;
    std::optional<DirectAnswer> direct;
    const ChatRequest original = request;
    if (m_policy) {
        RequestPolicy::Shaped shaped = m_policy->shape(request, *m_config);
        level = shaped.level;
        direct = std::move(shaped.answer);
        shaped.request.requestId = request.requestId;
        request = std::move(shaped.request);
    }
    auto *run = new ChatRun(*this, m_config, std::move(request), level, this);
    if (direct)
        run->setDirectAnswer(*direct);
    if (m_policy) {
        connect(run, &ChatRun::finished, this, [this, original](const ChatResult &result) {
            if (m_policy)
                m_policy->remember(original, result);
        });
    }
    adopt(run);
    connect(run, &ChatRun::attemptFinished, this, &ChatEngine::attemptFinished);
    connect(run, &ChatRun::switched, this, &ChatEngine::tierSwitched);
    connect(run, &ChatRun::finished, this, &ChatEngine::requestFinished);
    emit requestStarted(run->requestId());
    if (wire) {
        wire(run);
        run->begin();
    } else {
        // Begin from the event loop, so the caller can connect to the run first.
        QMetaObject::invokeMethod(run, &ChatRun::begin, Qt::QueuedConnection);
    }
    return run;
}

// The host of a tier test: the engine's clock, transport, keys and jitter, and breakers of its own,
// so a test of a draft tier neither opens nor closes a breaker of the running chain.
class ChatEngine::TestHost final : public QObject, public RunHost
{
public:
    TestHost(ChatEngine &engine, const ChainConfig &draft)
        : QObject(&engine)
        , m_engine(engine)
    {
        m_state.setConfig(draft.strategy.breaker);
    }

    const Clock &clock() const override { return m_engine.m_clock; }
    Transport &transport() override { return m_engine.m_transport; }
    const TierAdvisor *tierAdvisor() const override { return nullptr; }
    RequestPolicy *requestPolicy() const override { return nullptr; }
    TierStateStore::Admission admit(const QString &tier) override
    {
        return m_state.admit(tier, m_engine.m_clock.nowMs());
    }
    TierStateSnapshot tierState(const QString &tier) const override
    {
        return m_state.snapshot(tier, m_engine.m_clock.nowMs());
    }
    void recordSuccess(const QString &tier) override
    {
        m_state.recordSuccess(tier, m_engine.m_clock.nowMs());
    }
    void recordFailure(const QString &tier, const ProviderError &error) override
    {
        m_state.recordFailure(tier, m_engine.m_clock.nowMs(), error.cls);
    }
    void releaseProbe(const QString &tier) override { m_state.releaseProbe(tier); }
    void resolveKey(const ProviderConfig &provider, QObject *context,
                    std::function<void(const KeyResult &)> done) override
    {
        m_engine.resolveKey(provider, context, std::move(done));
    }
    double nextJitter() override { return m_engine.m_jitter(); }
    bool mayHedge(double) override { return false; } // one tier: nothing to hedge with
    void noteHedge() override {}

private:
    ChatEngine &m_engine;
    InProcessTierState m_state;
};

ChatRun *ChatEngine::startTierTest(const ChainConfig &draft, const QString &tier, ChatRequest request)
{
    ensureRequestId(request);
    request.chain = {tier};
    request.singleTier = true;
    auto *host = new TestHost(*this, draft);
    auto *run = new ChatRun(*host, std::make_shared<const ChainConfig>(draft), std::move(request),
                            DegradationLevel::Full, this);
    connect(run, &QObject::destroyed, host, &QObject::deleteLater);
    adopt(run);
    connect(run, &ChatRun::attemptFinished, this, [this](AttemptRecord a) {
        a.tierTest = true;
        emit attemptFinished(a);
    });
    connect(run, &ChatRun::finished, this, [this](ChatResult r) {
        r.tierTest = true;
        for (AttemptRecord &a : r.attempts)
            a.tierTest = true;
        emit requestFinished(r);
    });
    emit requestStarted(run->requestId());
    QMetaObject::invokeMethod(run, &ChatRun::begin, Qt::QueuedConnection);
    return run;
}

void ChatEngine::adopt(ChatRun *run)
{
    m_runs.removeIf([](const QPointer<ChatRun> &r) { return r.isNull(); });
    m_runs.append(run);
}

int ChatEngine::runningRequests() const
{
    int n = 0;
    for (const QPointer<ChatRun> &run : m_runs)
        n += (run && !run->isFinished()) ? 1 : 0;
    return n;
}

bool ChatEngine::mayHedge(double maxShare)
{
    const qint64 now = m_clock.nowMs();
    const qint64 allowed = std::max<qint64>(1, qint64(maxShare * double(m_recentRequests.count(now))));
    return maxShare > 0 && m_recentHedges.count(now) < allowed;
}

void ChatEngine::noteHedge()
{
    m_recentHedges.add(m_clock.nowMs());
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
        auto &timer = m_cooldownTimers[tier];
        if (!timer)
            timer = std::make_unique<ClockTimer>(m_clock, [this, tier] { noteBreaker(tier); });
        timer->start(e.cooldownMs + 1);
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

// One models listing against a tier's provider: reachability and key, at no token cost.
void ChatEngine::probeTier(const QString &tierName, QObject *context,
                           std::function<void(const ProbeResult &)> done)
{
    const std::shared_ptr<const ChainConfig> config = m_config;
    const TierConfig *tier = config->tier(tierName);
    const ProviderConfig *provider = tier ? config->provider(tier->provider) : nullptr;
    if (!provider) {
        done({tierName, false, 0, ErrorClass::BadRequest, u"no such tier"_s, 0, {}});
        return;
    }
    const qint64 started = m_clock.nowMs();
    QPointer<QObject> guard(context);
    const ProviderConfig p = *provider;
    resolveKey(p, context,
               [this, guard, p, tierName, started, done = std::move(done), config](const KeyResult &key) {
                   if (!guard)
                       return;
                   if (!key.ok) {
                       ProbeResult r{tierName, false, 0, ErrorClass::Auth, key.message, 0, {}};
                       emit probeFinished(r);
                       done(r);
                       return;
                   }
                   const ProviderAdapter &adapter = ProviderAdapter::forKind(p.kind);
                   Endpoint endpoint;
                   endpoint.baseUrl = p.baseUrl;
                   endpoint.extraHeaders = p.headers;
                   endpoint.apiKey = key.key;
                   const HttpRequestSpec spec = adapter.modelsRequest(endpoint);
                   TransportRequest request;
                   request.url = spec.url;
                   request.method = spec.method;
                   request.headers = spec.headers;
                   request.tier = tierName;
                   request.providerId = p.id;
                   if (p.kind == ProviderKind::Simulated)
                       request.simulation = p.simulation;
                   TransportReply *reply = m_transport.send(request, this);
                   auto status = std::make_shared<int>(0);
                   auto headers = std::make_shared<HeaderList>();
                   auto body = std::make_shared<QByteArray>();
                   auto *deadline = new QTimer(reply);
                   deadline->setSingleShot(true);
                   auto finish = [this, guard, reply, tierName, started, done, status, headers, body,
                                  &adapter](const TransportFailure &failure, bool timedOut) {
                       reply->disconnect(this);
                       reply->abort();
                       reply->deleteLater();
                       ProbeResult r;
                       r.tier = tierName;
                       r.latencyMs = m_clock.nowMs() - started;
                       r.httpStatus = *status;
                       if (timedOut) {
                           r.error = ErrorClass::ConnectTimeout;
                           r.message = u"no answer in time"_s;
                       } else if (failure.failed()) {
                           r.error = ErrorClass::Network;
                           r.message = failure.message;
                       } else if (*status >= 200 && *status < 300) {
                           r.ok = true;
                       } else {
                           const ProviderError e =
                               adapter.classifyHttpError(*status, *headers, *body, m_clock.wallNow());
                           r.error = e.cls;
                           r.message = e.message;
                       }
                       emit probeFinished(r);
                       if (guard)
                           done(r);
                   };
                   connect(reply, &TransportReply::responseStarted, this,
                           [status, headers](int s, const HeaderList &h) {
                               *status = s;
                               *headers = h;
                           });
                   connect(reply, &TransportReply::dataReceived, this, [body](const QByteArray &d) {
                       if (body->size() < 64 * 1024)
                           *body += d;
                   });
                   connect(reply, &TransportReply::finished, this,
                           [finish](const TransportFailure &f) { finish(f, false); });
                   connect(deadline, &QTimer::timeout, this, [finish] { finish({}, true); });
                   deadline->start(p.timeouts.connectMs);
               });
}
