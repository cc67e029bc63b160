#pragma once

#include "config/config.h"
#include "engine/breaker.h"
#include "engine/chatresult.h"
#include "engine/ratewindow.h"
#include "engine/runhost.h"
#include "providers/chattypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>

class ChatRun;
class Clock;
class ClockTimer;
class RequestPolicy;
class TierAdvisor;
class SecretStore;
class Transport;

// The failover engine: sends each chat request along the chain of tiers and reports what happened
// as value types. It knows no store, no alert and no widget: listeners are wired in app/.
class ChatEngine final : public QObject, private RunHost
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatEngine)

public:
    using KeyResult = RunHost::KeyResult;

    // `secrets` may be null: providers with auth "keychain" are then skipped with a clear reason.
    ChatEngine(Transport &transport, SecretStore *secrets, const Clock &clock, QObject *parent = nullptr);
    ~ChatEngine() override;

    // Takes effect for new requests; requests in flight finish on the chain they started with.
    void setConfig(const ChainConfig &config);
    std::shared_ptr<const ChainConfig> config() const { return m_config; }

    // Starts a request. The run belongs to the engine and deletes itself after `finished`;
    // hold it in a QPointer. It begins from the event loop, so the caller can connect to it first;
    // or, with `wire`, at once, after `wire(run)` has connected what it needs.
    ChatRun *start(ChatRequest request, const std::function<void(ChatRun *)> &wire = {});
    // Chain editor's Test tier: one request to `tier` of `draft`, a config not applied yet. It goes
    // out like any other request (its attempts are reported, flagged `tierTest`, so the spend is
    // counted and the event log shows it), with breakers of its own, no degradation and no cache:
    // the running chain's breakers and health are left alone. Begins from the event loop.
    ChatRun *startTierTest(const ChainConfig &draft, const QString &tier, ChatRequest request);
    int runningRequests() const;

    TierStateSnapshot tierState(const QString &tier) const override;
    // Operator action: close a tier's breaker and forget its rate limit.
    void resetTier(const QString &tier);
    void setTierStateStore(std::unique_ptr<TierStateStore> store);
    TierStateStore &tierStateStoreForTests() { return *m_state; }
    // Degradation (degrade/) and tier advice (health/) plug in here; both optional, not owned.
    void setRequestPolicy(RequestPolicy *policy) { m_policy = policy; }
    void setTierAdvisor(const TierAdvisor *advisor) { m_advisor = advisor; }
    RequestPolicy *requestPolicy() const override { return m_policy; }
    const TierAdvisor *tierAdvisor() const override { return m_advisor; }

    // The cheapest authenticated call to a tier's provider (a models listing, never a completion).
    struct ProbeResult
    {
        QString tier;
        bool ok = false;
        int httpStatus = 0;
        ErrorClass error = ErrorClass::None;
        QString message;
        qint64 latencyMs = 0;
        Money cost; // a models listing costs nothing; kept so probes are always accounted for
    };
    void probeTier(const QString &tier, QObject *context, std::function<void(const ProbeResult &)> done);

    // Tests: a fixed jitter makes backoff waits exact.
    void setJitterSource(std::function<double()> source) { m_jitter = std::move(source); }

    Transport &transport() override { return m_transport; }
    SecretStore *secrets() const;
    const Clock &clock() const override { return m_clock; }
    void resolveKey(const ProviderConfig &provider, QObject *context,
                    std::function<void(const KeyResult &)> done) override;

signals:
    void configChanged();
    void probeFinished(const ChatEngine::ProbeResult &result);
    void requestStarted(const QString &requestId);
    void attemptFinished(const AttemptRecord &attempt);
    void tierSwitched(const SwitchEvent &event);
    void breakerChanged(const BreakerEvent &event);
    void requestFinished(const ChatResult &result);

private:
    class TestHost;

    // What ChatRun asks of its host (RunHost), for the requests of the running chain.
    TierStateStore::Admission admit(const QString &tier) override;
    void recordSuccess(const QString &tier) override;
    void recordFailure(const QString &tier, const ProviderError &error) override;
    void releaseProbe(const QString &tier) override;
    double nextJitter() override { return m_jitter(); }
    bool mayHedge(double maxShare) override;
    void noteHedge() override;

    void adopt(ChatRun *run);
    void noteBreaker(const QString &tier);

    Transport &m_transport;
    QPointer<SecretStore> m_secrets;
    const Clock &m_clock;
    std::shared_ptr<const ChainConfig> m_config;
    std::unique_ptr<TierStateStore> m_state;
    QHash<QString, CircuitBreaker::State> m_lastBreakerState;
    std::map<QString, std::unique_ptr<ClockTimer>>
        m_cooldownTimers; // per tier: the end of an open breaker's cooldown
    std::function<double()> m_jitter;
    QList<QPointer<ChatRun>> m_runs;
    RequestPolicy *m_policy = nullptr;
    const TierAdvisor *m_advisor = nullptr;
    RateWindow m_recentRequests; // the last minute's
    RateWindow m_recentHedges;
};
