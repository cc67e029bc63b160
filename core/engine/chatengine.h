#pragma once

#include "config/config.h"
#include "engine/breaker.h"
#include "engine/chatresult.h"
#include "engine/ratewindow.h"
#include "providers/chattypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class ChatRun;
class Clock;
class RequestPolicy;
class TierAdvisor;
class SecretStore;
class Transport;

// The failover engine: sends each chat request along the chain of tiers and reports what happened
// as value types. It knows no store, no alert and no widget: listeners are wired in app/.
class ChatEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatEngine)

public:
    struct KeyResult
    {
        bool ok = false;
        QByteArray key;
        QString message;
    };

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
    int runningRequests() const;

    TierStateSnapshot tierState(const QString &tier) const;
    // Operator action: close a tier's breaker and forget its rate limit.
    void resetTier(const QString &tier);
    void setTierStateStore(std::unique_ptr<TierStateStore> store);
    TierStateStore &tierStateStoreForTests() { return *m_state; }
    // Degradation (degrade/) and tier advice (health/) plug in here; both optional, not owned.
    void setRequestPolicy(RequestPolicy *policy) { m_policy = policy; }
    void setTierAdvisor(const TierAdvisor *advisor) { m_advisor = advisor; }
    RequestPolicy *requestPolicy() const { return m_policy; }
    const TierAdvisor *tierAdvisor() const { return m_advisor; }

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

    Transport &transport() { return m_transport; }
    SecretStore *secrets() const;
    const Clock &clock() const { return m_clock; }

    // --- used by ChatRun ---------------------------------------------------------------------
    TierStateStore::Admission admit(const QString &tier);
    void recordSuccess(const QString &tier);
    void recordFailure(const QString &tier, const ProviderError &error);
    void releaseProbe(const QString &tier);
    void resolveKey(const ProviderConfig &provider, QObject *context,
                    std::function<void(const KeyResult &)> done);
    double nextJitter() { return m_jitter(); }
    // The hedging cap: at most `maxShare` of the requests of the last minute may start a hedge.
    bool mayHedge(double maxShare);
    void noteHedge();

    // Puts an alert on the engine's event stream (listeners: history, tray, notifiers).
    void raiseAlert(const AlertEvent &alert) { emit alertRaised(alert); }

signals:
    void configChanged();
    void probeFinished(const ChatEngine::ProbeResult &result);
    void requestStarted(const QString &requestId);
    void attemptFinished(const AttemptRecord &attempt);
    void tierSwitched(const SwitchEvent &event);
    void breakerChanged(const BreakerEvent &event);
    void requestFinished(const ChatResult &result);
    void alertRaised(const AlertEvent &alert);

private:
    void noteBreaker(const QString &tier);

    Transport &m_transport;
    QPointer<SecretStore> m_secrets;
    const Clock &m_clock;
    std::shared_ptr<const ChainConfig> m_config;
    std::unique_ptr<TierStateStore> m_state;
    QHash<QString, CircuitBreaker::State> m_lastBreakerState;
    std::function<double()> m_jitter;
    QList<QPointer<ChatRun>> m_runs;
    RequestPolicy *m_policy = nullptr;
    const TierAdvisor *m_advisor = nullptr;
    RateWindow m_recentRequests; // the last minute's
    RateWindow m_recentHedges;
};
