#include "engine/chatrun.h"

#include "engine/policy.h"
#include "engine/providercall.h"
#include "engine/runhost.h"
#include "providers/adapter.h"
#include "providers/contextreducer.h"
#include "util/clock.h"
#include "util/logging.h"

using namespace Qt::StringLiterals;

namespace {

QString continueInstruction()
{
    return u"Continue your previous answer exactly where it stopped. Do not repeat what you already wrote "
           u"and do not add a preamble."_s;
}

QString describeUntil(qint64 untilMs, qint64 nowMs)
{
    const qint64 left = std::max<qint64>(0, untilMs - nowMs);
    return left >= 10'000 ? u"%1 s"_s.arg(left / 1000) : u"%1 ms"_s.arg(left);
}

} // namespace

ChatRun::ChatRun(RunHost &host, std::shared_ptr<const ChainConfig> config, ChatRequest request,
                 DegradationLevel level, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_config(std::move(config))
    , m_request(std::move(request))
    , m_hedgeTimer(m_host.clock(), [this] { onHedgeTimer(); })
    , m_retryTimer(m_host.clock(), [this] { onRetryTimer(); })
    , m_budgetTimer(m_host.clock(), [this] { onBudgetExpired(); })
{
    m_result.requestId = m_request.requestId;
    m_result.level = level;
}

ChatRun::~ChatRun() = default;

Money ChatRun::costOf(const Usage &usage, const TierConfig &tier)
{
    return Money::costOf(usage.inputTokens, tier.inputPricePerMTok) +
           Money::costOf(usage.outputTokens, tier.outputPricePerMTok);
}

qint64 ChatRun::elapsedMs() const
{
    return m_host.clock().nowMs() - m_startMs;
}

void ChatRun::begin()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    m_startMs = m_host.clock().nowMs();
    m_result.startedAt = m_host.clock().wallNow();
    if (m_direct)
        return answerDirectly(*m_direct);
    m_chain = m_request.chain.isEmpty() ? m_config->strategy.chain() : m_request.chain;
    if (m_request.singleTier)
        m_chain = m_chain.mid(0, 1);
    m_budgetTimer.start(m_config->strategy.requestBudgetMs);
    tryTier();
}

void ChatRun::answerDirectly(const DirectAnswer &answer)
{
    m_result.source = answer.source;
    m_result.sourceDetail = answer.detail;
    m_result.model = answer.model;
    m_result.ttftMs = elapsedMs();
    m_shownText = true;
    emit firstToken(QString(), m_result.ttftMs);
    m_content = answer.content;
    emit textDelta(answer.content);
    m_result.complete = true;
    m_result.finishReason = u"stop"_s;
    finish();
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
    skip.startedAt = m_host.clock().wallNow();
    skip.startOffsetMs = elapsedMs();
    m_result.attempts.append(skip);
    emit attemptFinished(skip);
    m_lastTier = tierName;
    m_lastError = ProviderError{cls, 0, detail, {}, {}};
}

// Whether the tier at `index` may take an attempt now; records why not.
bool ChatRun::passOver(int index, const TierConfig *tier, const ProviderConfig *provider, bool *probe)
{
    const QString &name = m_chain.at(index);
    if (!tier || !provider) {
        skipTier(tier, name, ErrorClass::BadRequest, u"no such tier in the current config"_s);
        return false;
    }
    if (m_minContextWindow > 0 && tier->contextWindow <= m_minContextWindow) {
        skipTier(tier, name, ErrorClass::ContextLength,
                 u"context window %1 is not larger than %2, which was too small"_s.arg(tier->contextWindow)
                     .arg(m_minContextWindow));
        return false;
    }
    if (m_request.singleTier) {
        // Compare and "Test tier" measure the tier as it is now: breakers and Retry-After do not
        // stop them (the outcome still counts, so a working tier closes its breaker).
        *probe = false;
        return true;
    }
    const int threshold = m_config->strategy.latencyThresholdMs;
    const TierAdvisor *advisor = m_host.tierAdvisor();
    if (threshold > 0 && advisor && index < m_chain.size() - 1 && advisor->isTooSlow(name, threshold) &&
        !advisor->claimTrial(name)) {
        skipTier(
            tier, name, ErrorClass::FirstTokenTimeout,
            u"recent p95 time to first token is over the %1 ms threshold: passed over until it recovers"_s
                .arg(threshold));
        return false;
    }
    const qint64 now = m_host.clock().nowMs();
    const TierStateStore::Admission admission = m_host.admit(name);
    if (admission.allowed()) {
        *probe = admission.verdict == TierStateStore::Verdict::AllowedProbe;
        return true;
    }
    const TierStateSnapshot state = m_host.tierState(name);
    switch (admission.verdict) {
    case TierStateStore::Verdict::RateLimited:
        skipTier(tier, name, ErrorClass::RateLimited,
                 u"rate limited: Retry-After has %1 left"_s.arg(describeUntil(admission.untilMs, now)));
        break;
    case TierStateStore::Verdict::ProbeInFlight:
        skipTier(tier, name, state.reason, u"breaker half-open: a probe request is in flight"_s);
        break;
    default:
        skipTier(tier, name, state.reason,
                 u"breaker open (%1): %2 until the next probe"_s.arg(errorClassDescription(state.reason),
                                                                     describeUntil(admission.untilMs, now)));
        break;
    }
    return false;
}

void ChatRun::tryTier()
{
    for (; m_index < m_chain.size(); ++m_index) {
        if (m_finished)
            return; // a listener cancelled while a skip was reported
        const QString &name = m_chain.at(m_index);
        const TierConfig *tier = m_config->tier(name);
        const ProviderConfig *provider = tier ? m_config->provider(tier->provider) : nullptr;
        bool probe = false;
        if (!passOver(m_index, tier, provider, &probe))
            continue;
        switchTo(name);
        startAttempt(m_main, *tier, *provider, m_index, probe);
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

void ChatRun::switchTo(const QString &tier, bool hedge)
{
    if (m_lastTier.isEmpty() || m_lastTier == tier)
        return;
    SwitchEvent e;
    e.at = m_host.clock().wallNow();
    e.requestId = m_request.requestId;
    e.from = m_lastTier;
    e.to = tier;
    e.reason = m_lastError.cls;
    e.detail = hedge ? u"hedged: "_s + m_lastError.message : m_lastError.message;
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

int ChatRun::maxTokensFor(const TierConfig &tier) const
{
    return m_request.maxTokens > 0 ? std::min(m_request.maxTokens, tier.maxOutputTokens)
                                   : tier.maxOutputTokens;
}

void ChatRun::startAttempt(Slot &slot, const TierConfig &tier, const ProviderConfig &provider, int chainIndex,
                           bool probe)
{
    static quint64 serials = 0;
    const int number = ++m_attemptsPerTier[tier.name];
    slot = Slot();
    slot.serial = ++serials;
    slot.open = true;
    slot.tier = &tier;
    slot.chainIndex = chainIndex;
    slot.probe = probe;
    AttemptRecord &a = slot.record;
    a.requestId = m_request.requestId;
    a.tier = tier.name;
    a.provider = provider.id;
    a.model = (chainIndex == 0 && !m_request.modelOverride.isEmpty()) ? m_request.modelOverride : tier.model;
    a.attempt = number;
    a.startedAt = m_host.clock().wallNow();
    a.startOffsetMs = elapsedMs();
    a.probe = probe;
    emit attemptStarted(tier.name, a.model, number);

    QPointer<ChatRun> self(this);
    const quint64 serial = slot.serial;
    const ProviderConfig *providerPtr = &provider;
    m_host.resolveKey(provider, this, [self, serial, providerPtr](const RunHost::KeyResult &key) {
        if (!self || self->m_finished)
            return;
        Slot *s = self->slotBySerial(serial);
        if (!s)
            return;
        if (key.ok) {
            self->sendAttempt(*s, *providerPtr, key.key);
            return;
        }
        if (s->probe)
            self->m_host.releaseProbe(s->tier->name);
        const QString tierName = s->tier->name;
        const TierConfig *tier = s->tier;
        const bool isMain = s == &self->m_main;
        *s = Slot();
        self->skipTier(tier, tierName, ErrorClass::Auth, key.message);
        if (isMain) {
            ++self->m_index;
            self->tryTier();
        }
    });
}

ChatRun::Slot *ChatRun::slotBySerial(quint64 serial)
{
    if (m_main.serial == serial)
        return &m_main;
    if (m_hedge.serial == serial)
        return &m_hedge;
    return nullptr;
}

ChatRun::Slot *ChatRun::slotOf(const ProviderCall *call)
{
    if (call && m_main.call == call)
        return &m_main;
    if (call && m_hedge.call == call)
        return &m_hedge;
    return nullptr;
}

void ChatRun::sendAttempt(Slot &slot, const ProviderConfig &provider, QByteArray key)
{
    const TierConfig &tier = *slot.tier;
    const ProviderAdapter &adapter = ProviderAdapter::forKind(provider.kind);
    const int maxTokens = maxTokensFor(tier);
    QList<ChatMessage> messages = messagesFor(tier);
    // Fit the conversation into this tier's window (a share of it at the REDUCED level).
    const qint64 budget = qint64(tier.contextWindow) * m_request.contextBudgetPercent / 100 - maxTokens;
    if (ContextReducer::estimateConversation(messages, provider.kind) > budget) {
        const ContextReducer::Reduced reduced = ContextReducer::reduce(messages, budget, provider.kind);
        const bool anyTurn = std::any_of(reduced.messages.cbegin(), reduced.messages.cend(),
                                         [](const ChatMessage &m) { return m.role != Role::System; });
        if (!anyTurn) {
            if (slot.probe)
                m_host.releaseProbe(tier.name);
            const bool isMain = &slot == &m_main;
            slot = Slot();
            m_minContextWindow = std::max(m_minContextWindow, tier.contextWindow);
            skipTier(&tier, tier.name, ErrorClass::ContextLength,
                     u"the conversation does not fit a %1-token window even when reduced"_s.arg(
                         tier.contextWindow));
            if (isMain) {
                ++m_index;
                tryTier();
            }
            return;
        }
        messages = reduced.messages;
        slot.reduced = true;
        slot.dropped = reduced.dropped;
    }
    slot.sent = messages;

    Endpoint endpoint;
    endpoint.baseUrl = provider.baseUrl;
    endpoint.model = slot.record.model;
    endpoint.extraHeaders = provider.headers;
    endpoint.apiKey = std::move(key);
    endpoint.streaming = provider.streaming;
    const HttpRequestSpec spec = adapter.chatRequest(messages, endpoint, maxTokens, m_request.temperature);
    endpoint.apiKey.clear();

    TransportRequest request;
    request.url = spec.url;
    request.method = spec.method;
    request.headers = spec.headers;
    request.body = spec.body;
    request.tier = tier.name;
    request.providerId = provider.id;
    request.limits = provider.connections;
    if (provider.kind == ProviderKind::Simulated)
        request.simulation = provider.simulation;

    auto *call = new ProviderCall(m_host.transport(), adapter, std::move(request), provider.streaming,
                                  provider.timeouts, m_host.clock(), this);
    slot.call = call;
    connect(call, &ProviderCall::textReceived, this, [this, call](const QString &text) {
        if (Slot *s = slotOf(call))
            onText(*s, text);
    });
    connect(call, &ProviderCall::finished, this, [this, call](const CallOutcome &outcome) {
        if (Slot *s = slotOf(call))
            onCallFinished(*s, outcome);
    });
    if (const auto fault = m_host.transport().fault(tier.name))
        slot.record.drillId = fault->drillId.isEmpty() ? u"drill"_s : fault->drillId;
    call->start();

    const Strategy &strategy = m_config->strategy;
    if (&slot == &m_main && strategy.latencyThresholdMs > 0 && strategy.hedging.enabled && !m_hedged &&
        !m_request.singleTier && !m_shownText && m_main.chainIndex < m_chain.size() - 1)
        m_hedgeTimer.start(strategy.latencyThresholdMs);
}

void ChatRun::onHedgeTimer()
{
    if (m_finished || !m_main.active() || !m_main.text.isEmpty() || m_hedge.active() || m_hedged)
        return;
    startHedge();
}

void ChatRun::startHedge()
{
    if (!m_host.mayHedge(m_config->strategy.hedging.maxShare)) {
        qCDebug(lcEngine) << m_request.requestId << "hedge not started: the hedging share is spent";
        return;
    }
    for (int j = m_main.chainIndex + 1; j < m_chain.size(); ++j) {
        const TierConfig *tier = m_config->tier(m_chain.at(j));
        const ProviderConfig *provider = tier ? m_config->provider(tier->provider) : nullptr;
        bool probe = false;
        if (!passOver(j, tier, provider, &probe))
            continue;
        m_hedged = true;
        m_result.hedged = true;
        m_host.noteHedge();
        qCDebug(lcEngine) << m_request.requestId << "hedging" << m_main.tier->name << "with" << tier->name;
        startAttempt(m_hedge, *tier, *provider, j, probe);
        return;
    }
}

// Ends an attempt that is still running without a verdict of its own (a lost hedge, a cancel, the
// budget): its upstream exchange is aborted and the tokens it already cost are counted.
void ChatRun::abandon(Slot &slot, AttemptRecord::Outcome outcome, ErrorClass cls, const QString &detail)
{
    if (!slot.open)
        return;
    // Sent means it left Understudy: a call still waiting for a connection cost nothing.
    const bool wasSent = slot.call && slot.call->reachedProvider();
    if (slot.call) {
        slot.call->cancel();
        slot.call->deleteLater();
    }
    slot.call = nullptr;
    AttemptRecord &a = slot.record;
    a.outcome = outcome;
    a.error = cls;
    a.detail = detail;
    a.durationMs = elapsedMs() - a.startOffsetMs;
    if (wasSent) {
        // The provider processed the prompt and any text it sent: count them (estimated).
        qint64 input = 0;
        for (const ChatMessage &m : std::as_const(slot.sent))
            input += estimateTokens(m.content) + 4;
        a.usage = Usage{input, estimateTokens(slot.text), true};
        a.cost = costOf(a.usage, *slot.tier);
        m_result.cost += a.cost;
    }
    m_result.attempts.append(a);
    if (slot.probe)
        m_host.releaseProbe(a.tier);
    const AttemptRecord copy = a;
    slot = Slot();
    emit attemptFinished(copy);
}

void ChatRun::onBudgetExpired()
{
    if (m_finished)
        return;
    const QString message = u"the request budget of %1 ms is spent"_s.arg(m_config->strategy.requestBudgetMs);
    abandon(m_hedge, AttemptRecord::Outcome::Failed, ErrorClass::BudgetExceeded, message);
    abandon(m_main, AttemptRecord::Outcome::Failed, ErrorClass::BudgetExceeded, message);
    finishFailed(ErrorClass::BudgetExceeded, message);
}

void ChatRun::cancel()
{
    if (m_finished)
        return;
    if (!m_started) { // cancelled before it began: nothing went upstream
        m_started = true;
        m_startMs = m_host.clock().nowMs();
        m_result.startedAt = m_host.clock().wallNow();
    }
    abandon(m_hedge, AttemptRecord::Outcome::Cancelled, ErrorClass::Cancelled, u"cancelled by the caller"_s);
    abandon(m_main, AttemptRecord::Outcome::Cancelled, ErrorClass::Cancelled, u"cancelled by the caller"_s);
    finishFailed(ErrorClass::Cancelled, u"cancelled"_s);
}

void ChatRun::finishAnswered(Slot &slot, const CallOutcome &outcome)
{
    const TierConfig &tier = *slot.tier;
    m_result.complete = true;
    m_result.tier = tier.name;
    m_result.provider = tier.provider;
    m_result.model = outcome.model.isEmpty() ? slot.record.model : outcome.model;
    m_result.usage = slot.record.usage;
    m_result.finishReason = outcome.finishReason;
    m_result.contextReduced = slot.reduced;
    m_result.droppedMessages = slot.dropped;
    finish();
}

void ChatRun::finishFailed(ErrorClass cls, const QString &message)
{
    m_result.complete = false;
    m_result.error = cls;
    m_result.errorMessage = message;
    // Every tier failed: an honest, labelled answer from the cache or a rule is better than none.
    RequestPolicy *policy = m_host.requestPolicy();
    if (policy && m_config->strategy.degradationEnabled && cls != ErrorClass::Cancelled &&
        cls != ErrorClass::Saturated && cls != ErrorClass::ContentPolicy) {
        if (const std::optional<DirectAnswer> answer = policy->lastResort(m_request)) {
            if (m_shownText && !m_content.isEmpty())
                emit restarted(m_lastTier, u"every tier failed; answered from the %1"_s.arg(
                                               answerSourceName(answer->source)));
            m_content.clear();
            m_result.error = ErrorClass::None;
            m_result.sourceDetail = u"every tier failed (%1); %2"_s.arg(message, answer->detail);
            m_result.source = answer->source;
            m_result.model = answer->model;
            m_result.complete = true;
            m_result.finishReason = u"stop"_s;
            if (m_result.ttftMs < 0)
                m_result.ttftMs = elapsedMs();
            emit firstToken(QString(), m_result.ttftMs);
            m_content = answer->content;
            emit textDelta(answer->content);
        }
    }
    finish();
}

void ChatRun::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_retryTimer.stop();
    m_budgetTimer.stop();
    m_hedgeTimer.stop();
    m_result.content = m_content;
    m_result.latencyMs = elapsedMs();
    emit finished(m_result);
    deleteLater();
}
