#include "engine/chatrun.h"

#include "engine/chatengine.h"
#include "engine/policy.h"
#include "engine/providercall.h"
#include "providers/adapter.h"
#include "util/clock.h"
#include "util/logging.h"

using namespace Qt::StringLiterals;

namespace {

QString continueInstruction()
{
    return u"Continue your previous answer exactly where it stopped. Do not repeat what you already wrote "
           u"and do not add a preamble."_s;
}

Money costOf(const Usage &usage, const TierConfig &tier)
{
    return Money::costOf(usage.inputTokens, tier.inputPricePerMTok) +
           Money::costOf(usage.outputTokens, tier.outputPricePerMTok);
}

QString describeUntil(qint64 untilMs, qint64 nowMs)
{
    const qint64 left = std::max<qint64>(0, untilMs - nowMs);
    return left >= 10'000 ? u"%1 s"_s.arg(left / 1000) : u"%1 ms"_s.arg(left);
}

} // namespace

ChatRun::ChatRun(ChatEngine &engine, std::shared_ptr<const ChainConfig> config, ChatRequest request,
                 QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_config(std::move(config))
    , m_request(std::move(request))
{
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setTimerType(Qt::PreciseTimer); // never earlier than a Retry-After asked
    connect(&m_retryTimer, &QTimer::timeout, this, &ChatRun::onRetryTimer);
    m_budgetTimer.setSingleShot(true);
    m_budgetTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_budgetTimer, &QTimer::timeout, this, &ChatRun::onBudgetExpired);
    m_result.requestId = m_request.requestId;
}

ChatRun::~ChatRun() = default;

qint64 ChatRun::elapsedMs() const
{
    return m_engine.clock().nowMs() - m_startMs;
}

void ChatRun::begin()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    m_startMs = m_engine.clock().nowMs();
    m_result.startedAt = m_engine.clock().wallNow();
    m_chain = m_request.chain.isEmpty() ? m_config->strategy.chain() : m_request.chain;
    if (m_request.singleTier)
        m_chain = m_chain.mid(0, 1);
    m_budgetTimer.start(m_config->strategy.requestBudgetMs);
    tryTier();
}

void ChatRun::skipTier(const TierConfig *tier, const QString &tierName, ErrorClass cls, const QString &detail)
{
    AttemptRecord skip;
    skip.requestId = m_request.requestId;
    skip.tier = tierName;
    skip.provider = tier ? tier->provider : QString();
    skip.model = tier ? tier->model : QString();
    skip.attempt = m_attemptsPerTier.value(tierName) + 1;
    skip.outcome = AttemptRecord::Outcome::Skipped;
    skip.error = cls;
    skip.detail = detail;
    skip.startedAt = m_engine.clock().wallNow();
    skip.startOffsetMs = elapsedMs();
    m_result.attempts.append(skip);
    emit attemptFinished(skip);
    m_lastTier = tierName;
    m_lastError = ProviderError{cls, 0, detail, {}, {}};
}

void ChatRun::tryTier()
{
    const qint64 now = m_engine.clock().nowMs();
    for (; m_index < m_chain.size(); ++m_index) {
        if (m_finished)
            return; // a listener cancelled while a skip was reported
        const QString &name = m_chain.at(m_index);
        const TierConfig *tier = m_config->tier(name);
        const ProviderConfig *provider = tier ? m_config->provider(tier->provider) : nullptr;
        if (!tier || !provider) {
            skipTier(tier, name, ErrorClass::BadRequest, u"no such tier in the current config"_s);
            continue;
        }
        if (m_minContextWindow > 0 && tier->contextWindow <= m_minContextWindow) {
            skipTier(
                tier, name, ErrorClass::ContextLength,
                u"context window %1 is not larger than %2, which was too small"_s.arg(tier->contextWindow)
                    .arg(m_minContextWindow));
            continue;
        }
        const TierStateStore::Admission admission = m_engine.admit(name);
        if (!admission.allowed()) {
            const TierStateSnapshot state = m_engine.tierState(name);
            switch (admission.verdict) {
            case TierStateStore::Verdict::RateLimited:
                skipTier(
                    tier, name, ErrorClass::RateLimited,
                    u"rate limited: Retry-After has %1 left"_s.arg(describeUntil(admission.untilMs, now)));
                break;
            case TierStateStore::Verdict::ProbeInFlight:
                skipTier(tier, name, state.reason, u"breaker half-open: a probe request is in flight"_s);
                break;
            default:
                skipTier(tier, name, state.reason,
                         u"breaker open (%1): %2 until the next probe"_s.arg(
                             errorClassDescription(state.reason), describeUntil(admission.untilMs, now)));
                break;
            }
            continue;
        }
        switchTo(name);
        startAttempt(*tier, *provider, admission.verdict == TierStateStore::Verdict::AllowedProbe);
        return;
    }
    // Every tier failed or was skipped.
    QStringList reasons;
    for (const AttemptRecord &a : std::as_const(m_result.attempts)) {
        QString line = a.tier + u": " + errorClassDescription(a.error);
        if (a.httpStatus > 0)
            line += u" (HTTP %1)"_s.arg(a.httpStatus);
        if (a.outcome == AttemptRecord::Outcome::Skipped)
            line += u" [skipped]";
        reasons << line;
    }
    const ErrorClass last = m_lastError.cls == ErrorClass::None ? ErrorClass::ServerError : m_lastError.cls;
    finishFailed(last, reasons.isEmpty() ? u"no tier is configured"_s
                                         : u"every tier failed: "_s + reasons.join(u"; "));
}

void ChatRun::switchTo(const QString &tier)
{
    if (m_lastTier.isEmpty() || m_lastTier == tier)
        return;
    SwitchEvent e;
    e.at = m_engine.clock().wallNow();
    e.requestId = m_request.requestId;
    e.from = m_lastTier;
    e.to = tier;
    e.reason = m_lastError.cls;
    e.detail = m_lastError.message;
    e.midStream = std::exchange(m_nextSwitchMidStream, false);
    m_result.events.append(e);
    emit switched(e);
}

QList<ChatMessage> ChatRun::messagesFor(const TierConfig &tier) const
{
    QList<ChatMessage> messages = m_request.messages;
    if (!m_continueFrom.isEmpty()) {
        // Continuation never depends on prefill unless the tier declares it supports prefill.
        messages.append(ChatMessage{Role::Assistant, m_continueFrom});
        if (!tier.supportsPrefill)
            messages.append(ChatMessage{Role::User, continueInstruction()});
    }
    return messages;
}

void ChatRun::startAttempt(const TierConfig &tier, const ProviderConfig &provider, bool probe)
{
    const int number = ++m_attemptsPerTier[tier.name];
    m_attempt = AttemptRecord();
    m_attempt.requestId = m_request.requestId;
    m_attempt.tier = tier.name;
    m_attempt.provider = provider.id;
    m_attempt.model =
        (m_index == 0 && !m_request.modelOverride.isEmpty()) ? m_request.modelOverride : tier.model;
    m_attempt.attempt = number;
    m_attempt.startedAt = m_engine.clock().wallNow();
    m_attempt.startOffsetMs = elapsedMs();
    m_attempt.probe = probe;
    m_attemptTier = &tier;
    m_attemptIsProbe = probe;
    m_attemptText.clear();
    emit attemptStarted(tier.name, m_attempt.model, number);

    QPointer<ChatRun> self(this);
    const TierConfig *tierPtr = &tier;
    const ProviderConfig *providerPtr = &provider;
    m_engine.resolveKey(provider, this,
                        [self, tierPtr, providerPtr, probe](const ChatEngine::KeyResult &key) {
                            if (!self || self->m_finished)
                                return;
                            if (!key.ok) {
                                if (probe)
                                    self->m_engine.releaseProbe(tierPtr->name);
                                self->skipTier(tierPtr, tierPtr->name, ErrorClass::Auth, key.message);
                                ++self->m_index;
                                self->tryTier();
                                return;
                            }
                            self->sendAttempt(*tierPtr, *providerPtr, key.key, probe);
                        });
}

void ChatRun::sendAttempt(const TierConfig &tier, const ProviderConfig &provider, QByteArray key, bool probe)
{
    Q_UNUSED(probe)
    const ProviderAdapter &adapter = ProviderAdapter::forKind(provider.kind);
    Endpoint endpoint;
    endpoint.baseUrl = provider.baseUrl;
    endpoint.model = m_attempt.model;
    endpoint.extraHeaders = provider.headers;
    endpoint.apiKey = std::move(key);
    endpoint.streaming = provider.streaming;
    const int maxTokens = m_request.maxTokens > 0 ? m_request.maxTokens : tier.maxOutputTokens;
    const HttpRequestSpec spec =
        adapter.chatRequest(messagesFor(tier), endpoint, maxTokens, m_request.temperature);
    endpoint.apiKey.clear();

    TransportRequest request;
    request.url = spec.url;
    request.method = spec.method;
    request.headers = spec.headers;
    request.body = spec.body;
    request.tier = tier.name;
    request.providerId = provider.id;
    if (provider.kind == ProviderKind::Simulated)
        request.simulation = provider.simulation;

    auto *call = new ProviderCall(m_engine.transport(), adapter, std::move(request), provider.streaming,
                                  provider.timeouts, m_engine.clock(), this);
    m_call = call;
    connect(call, &ProviderCall::textReceived, this, &ChatRun::onText);
    connect(call, &ProviderCall::finished, this, &ChatRun::onCallFinished);
    if (const auto fault = m_engine.transport().fault(tier.name))
        m_attempt.drillId = fault->drillId.isEmpty() ? u"drill"_s : fault->drillId;
    call->start();
}

void ChatRun::onText(const QString &text)
{
    if (m_finished)
        return;
    if (!m_shownText) {
        m_shownText = true;
        if (m_result.ttftMs < 0)
            m_result.ttftMs = elapsedMs();
        emit firstToken(m_attempt.tier, m_result.ttftMs);
    }
    m_attemptText += text;
    m_content += text;
    emit textDelta(text);
}

void ChatRun::onCallFinished(const CallOutcome &outcome)
{
    if (m_finished)
        return;
    if (m_call) {
        m_call->deleteLater();
        m_call = nullptr;
    }
    const TierConfig &tier = *m_attemptTier;
    m_attempt.outcome =
        outcome.error.isError() ? AttemptRecord::Outcome::Failed : AttemptRecord::Outcome::Success;
    m_attempt.error = outcome.error.cls;
    m_attempt.httpStatus = outcome.httpStatus;
    m_attempt.detail = outcome.error.message;
    m_attempt.ttfbMs = outcome.ttfbMs;
    m_attempt.ttftMs = outcome.ttftMs;
    m_attempt.durationMs = outcome.durationMs;
    m_attempt.retryAfterMs = outcome.error.retryAfterMs.value_or(-1);
    m_attempt.usage = outcome.usage.value_or(Usage{});
    if (outcome.error.isError() && !outcome.text.isEmpty()) {
        // Tokens were produced and are billed, but a failed stream's usage is missing or provisional
        // (Anthropic reports output so far): never count fewer than the text that arrived.
        const qint64 estimatedOut = estimateTokens(outcome.text);
        if (!outcome.usage || outcome.usage->inputTokens == 0) {
            qint64 input = 0;
            for (const ChatMessage &m : messagesFor(tier))
                input += estimateTokens(m.content) + 4;
            m_attempt.usage.inputTokens = input;
            m_attempt.usage.estimated = true;
        }
        if (m_attempt.usage.outputTokens < estimatedOut) {
            m_attempt.usage.outputTokens = estimatedOut;
            m_attempt.usage.estimated = true;
        }
    }
    m_attempt.cost = costOf(m_attempt.usage, tier);
    m_result.cost += m_attempt.cost;
    m_result.attempts.append(m_attempt);

    if (!outcome.error.isError()) {
        m_engine.recordSuccess(tier.name);
        emit attemptFinished(m_attempt);
        finishAnswered(outcome);
        return;
    }
    m_engine.recordFailure(tier.name, outcome.error);
    emit attemptFinished(m_attempt);
    m_lastTier = tier.name;
    m_lastError = outcome.error;

    FailoverPolicy::Input in;
    in.cls = outcome.error.cls;
    in.httpStatus = outcome.httpStatus;
    in.retryAfterMs = outcome.error.retryAfterMs;
    in.retriesUsedOnTier = m_retries;
    in.budgetRemainingMs = m_config->strategy.requestBudgetMs - elapsedMs();
    in.afterFirstToken = !m_attemptText.isEmpty();
    in.jitter = m_engine.nextJitter();
    const FailoverPolicy::Decision decision = FailoverPolicy::decide(in, m_config->strategy);
    qCDebug(lcEngine) << m_request.requestId << tier.name << errorClassName(outcome.error.cls)
                      << decision.why;

    switch (decision.action) {
    case FailoverPolicy::Action::RetrySameTier:
        ++m_retries;
        m_retryTimer.start(int(decision.waitMs));
        return;
    case FailoverPolicy::Action::Stop:
        finishFailed(outcome.error.cls,
                     outcome.error.message.isEmpty() ? decision.why : outcome.error.message);
        return;
    case FailoverPolicy::Action::NextTier:
        break;
    }
    if (!m_attemptText.isEmpty()) {
        // The user saw text from this attempt: by policy, restart elsewhere or continue it elsewhere.
        StreamFailoverPolicy policy = m_config->strategy.streamFailover;
        if (policy == StreamFailoverPolicy::Restart && !m_request.canRetractPartial)
            policy = StreamFailoverPolicy::Continue;
        m_result.recoveredMidStream = true;
        m_result.midStreamPolicy = streamFailoverName(policy);
        m_nextSwitchMidStream = true;
        if (policy == StreamFailoverPolicy::Restart) {
            m_content.clear();
            m_continueFrom.clear();
            m_shownText = false;
            emit restarted(tier.name, decision.why);
        } else {
            m_continueFrom = m_content;
        }
    }
    if (outcome.error.cls == ErrorClass::ContextLength)
        m_minContextWindow = std::max(m_minContextWindow, tier.contextWindow);
    m_retries = 0;
    ++m_index;
    tryTier();
}

void ChatRun::onRetryTimer()
{
    if (m_finished)
        return;
    // The failure that caused this wait may have opened the breaker: ask again.
    const QString name = m_chain.at(m_index);
    const TierStateStore::Admission admission = m_engine.admit(name);
    if (!admission.allowed()) {
        m_retries = 0;
        tryTier(); // records the skip and moves on
        return;
    }
    const TierConfig *tier = m_config->tier(name);
    startAttempt(*tier, *m_config->provider(tier->provider),
                 admission.verdict == TierStateStore::Verdict::AllowedProbe);
}

void ChatRun::onBudgetExpired()
{
    if (m_finished)
        return;
    const QString message = u"the request budget of %1 ms is spent"_s.arg(m_config->strategy.requestBudgetMs);
    if (m_call) {
        m_call->cancel();
        m_call->deleteLater();
        m_call = nullptr;
        m_attempt.outcome = AttemptRecord::Outcome::Failed;
        m_attempt.error = ErrorClass::BudgetExceeded;
        m_attempt.detail = message;
        m_attempt.durationMs = elapsedMs() - m_attempt.startOffsetMs;
        m_result.attempts.append(m_attempt);
        if (m_attemptIsProbe)
            m_engine.releaseProbe(m_attempt.tier);
        emit attemptFinished(m_attempt);
    }
    finishFailed(ErrorClass::BudgetExceeded, message);
}

void ChatRun::cancel()
{
    if (m_finished)
        return;
    if (!m_started) { // cancelled before it began: nothing went upstream
        m_started = true;
        m_startMs = m_engine.clock().nowMs();
        m_result.startedAt = m_engine.clock().wallNow();
    }
    if (m_call) {
        m_call->cancel();
        m_call->deleteLater();
        m_call = nullptr;
        m_attempt.outcome = AttemptRecord::Outcome::Cancelled;
        m_attempt.error = ErrorClass::Cancelled;
        m_attempt.detail = u"cancelled by the caller"_s;
        m_attempt.durationMs = elapsedMs() - m_attempt.startOffsetMs;
        if (!m_attemptText.isEmpty()) {
            qint64 input = 0;
            for (const ChatMessage &m : std::as_const(m_request.messages))
                input += estimateTokens(m.content) + 4;
            m_attempt.usage = Usage{input, estimateTokens(m_attemptText), true};
            m_attempt.cost = costOf(m_attempt.usage, *m_attemptTier);
            m_result.cost += m_attempt.cost;
        }
        m_result.attempts.append(m_attempt);
        if (m_attemptIsProbe)
            m_engine.releaseProbe(m_attempt.tier);
        emit attemptFinished(m_attempt);
    }
    finishFailed(ErrorClass::Cancelled, u"cancelled"_s);
}

void ChatRun::finishAnswered(const CallOutcome &outcome)
{
    const TierConfig &tier = *m_attemptTier;
    m_result.complete = true;
    m_result.tier = tier.name;
    m_result.provider = tier.provider;
    m_result.model = outcome.model.isEmpty() ? m_attempt.model : outcome.model;
    m_result.usage = m_attempt.usage;
    m_result.finishReason = outcome.finishReason;
    finish();
}

void ChatRun::finishFailed(ErrorClass cls, const QString &message)
{
    m_result.complete = false;
    m_result.error = cls;
    m_result.errorMessage = message;
    finish();
}

void ChatRun::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_retryTimer.stop();
    m_budgetTimer.stop();
    m_result.content = m_content;
    m_result.latencyMs = elapsedMs();
    emit finished(m_result);
    deleteLater();
}
