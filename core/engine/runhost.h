#pragma once

#include "config/config.h"
#include "engine/breaker.h"

#include <QByteArray>
#include <QString>

#include <functional>

class Clock;
class QObject;
class RequestPolicy;
class TierAdvisor;
class Transport;

// What a ChatRun may ask of whoever started it, and nothing more: the time, the HTTP client, the
// keys, and the breaker state of the tiers it tries. ChatEngine is the host of every request of the
// running chain; a Chain editor test of a draft tier has a host with breakers of its own, so the
// test can neither open nor close a breaker of the running chain.
class RunHost
{
public:
    struct KeyResult
    {
        bool ok = false;
        QByteArray key;
        QString message;
    };

    virtual ~RunHost() = default;

    virtual const Clock &clock() const = 0;
    virtual Transport &transport() = 0;
    // Tier advice (health/) and degradation (degrade/); null when not wired, or for a test.
    virtual const TierAdvisor *tierAdvisor() const = 0;
    virtual RequestPolicy *requestPolicy() const = 0;

    virtual TierStateStore::Admission admit(const QString &tier) = 0;
    virtual TierStateSnapshot tierState(const QString &tier) const = 0;
    virtual void recordSuccess(const QString &tier) = 0;
    virtual void recordFailure(const QString &tier, const ProviderError &error) = 0;
    virtual void releaseProbe(const QString &tier) = 0;

    // The provider's key, from the environment or the keychain; `done` runs while `context` lives.
    virtual void resolveKey(const ProviderConfig &provider, QObject *context,
                            std::function<void(const KeyResult &)> done) = 0;
    virtual double nextJitter() = 0;
    // The hedging cap: at most `maxShare` of the requests of the last minute may start a hedge.
    virtual bool mayHedge(double maxShare) = 0;
    virtual void noteHedge() = 0;

protected:
    RunHost() = default;
    RunHost(const RunHost &) = default;
    RunHost &operator=(const RunHost &) = default;
};
