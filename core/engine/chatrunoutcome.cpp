// ChatRun, continued: what happens when an attempt speaks — its text, its outcome recorded, the
// decision that follows (answer, retry the tier, move on, give up), a saturated Transport, the
// retry timer. Walking the chain, hedging and finishing are in chatrun.cpp.
#include "engine/chatrun.h"
#include "engine/policy.h"
#include "engine/providercall.h"
#include "engine/runhost.h"
#include "providers/adapter.h"
#include "providers/contextreducer.h"
#include "util/clock.h"
#include "util/logging.h"

using namespace Qt::StringLiterals;

void ChatRun::onText(Slot &slot, const QString &text)
{
    if (m_finished)
        return;
    if (slot.text.isEmpty()) {
        m_hedgeTimer.stop();
        if (&slot == &m_hedge) {
            // The hedge produced the first token: it wins, the late tier is cancelled.
            const QString winner = m_hedge.tier->name;
            const QString loser = m_main.tier->name;
            const int threshold = m_config->strategy.latencyThresholdMs;
            abandon(m_main, AttemptRecord::Outcome::Cancelled, ErrorClass::FirstTokenTimeout,
                    u"no first token within the %1 ms latency threshold; the hedge on %2 answered first"_s
                        .arg(threshold)
                        .arg(winner));
            std::swap(m_main, m_hedge);
            m_index = m_main.chainIndex;
            m_retries = 0;
            m_lastTier = loser;
            m_lastError = ProviderError{
                ErrorClass::FirstTokenTimeout, 0, u"first token later than %1 ms"_s.arg(threshold), {}, {}};
            switchTo(winner, true);
        } else if (m_hedge.active()) {
            abandon(m_hedge, AttemptRecord::Outcome::Cancelled, ErrorClass::Cancelled,
                    u"hedge lost: %1 produced the first token"_s.arg(m_main.tier->name));
        }
    }
    Slot &main = m_main;
    if (!m_shownText) {
        m_shownText = true;
        if (m_result.ttftMs < 0)
            m_result.ttftMs = elapsedMs();
        emit firstToken(main.record.tier, m_result.ttftMs);
    }
    main.text += text;
    m_content += text;
    emit textDelta(text);
}

void ChatRun::record(Slot &slot, const CallOutcome &outcome)
{
    slot.open = false;
    slot.call = nullptr; // finished; our child, it goes with the run
    const TierConfig &tier = *slot.tier;
    AttemptRecord &a = slot.record;
    a.outcome = outcome.error.isError() ? AttemptRecord::Outcome::Failed : AttemptRecord::Outcome::Success;
    a.error = outcome.error.cls;
    a.httpStatus = outcome.httpStatus;
    a.detail = outcome.error.message;
    a.ttfbMs = outcome.ttfbMs;
    a.ttftMs = outcome.ttftMs;
    a.durationMs = outcome.durationMs;
    a.queueWaitMs = outcome.queueWaitMs;
    a.retryAfterMs = outcome.error.retryAfterMs.value_or(-1);
    a.usage = outcome.usage.value_or(Usage{});
    if (outcome.error.isError() && !outcome.text.isEmpty()) {
        // Tokens were produced and are billed, but a failed stream's usage is missing or provisional
        // (Anthropic reports output so far): never count fewer than the text that arrived.
        const qint64 estimatedOut = estimateTokens(outcome.text);
        if (!outcome.usage || outcome.usage->inputTokens == 0) {
            qint64 input = 0;
            for (const ChatMessage &m : std::as_const(slot.sent))
                input += estimateTokens(m.content) + 4;
            a.usage.inputTokens = input;
            a.usage.estimated = true;
        }
        if (a.usage.outputTokens < estimatedOut) {
            a.usage.outputTokens = estimatedOut;
            a.usage.estimated = true;
        }
    }
    a.cost = costOf(a.usage, tier);
    m_result.cost += a.cost;
    m_result.attempts.append(a);
}

void ChatRun::onCallFinished(Slot &slot, const CallOutcome &outcome)
{
    if (m_finished)
        return;
    const bool isHedge = &slot == &m_hedge;
    if (outcome.error.cls == ErrorClass::Saturated)
        return onSaturated(slot, outcome);
    if (!isHedge && slot.text.isEmpty() && outcome.text.isEmpty())
        m_hedgeTimer.stop();
    record(slot, outcome);
    const QString tierName = slot.tier->name;

    if (!outcome.error.isError()) {
        if (isHedge) { // an empty answer from the hedge, before the late tier said anything
            abandon(m_main, AttemptRecord::Outcome::Cancelled, ErrorClass::FirstTokenTimeout,
                    u"the hedge on %1 answered first"_s.arg(tierName));
            std::swap(m_main, m_hedge);
            m_index = m_main.chainIndex;
        } else if (m_hedge.active()) {
            abandon(m_hedge, AttemptRecord::Outcome::Cancelled, ErrorClass::Cancelled, u"hedge lost"_s);
        }
        m_host.recordSuccess(tierName);
        emit attemptFinished(m_main.record);
        finishAnswered(m_main, outcome);
        return;
    }
    m_host.recordFailure(tierName, outcome.error);
    emit attemptFinished(slot.record);
    if (isHedge) { // the late tier is still running: wait for it
        m_hedge = Slot();
        return;
    }
    m_lastTier = tierName;
    m_lastError = outcome.error;
    if (m_hedge.active()) {
        // The late tier failed while the hedge runs: the hedge carries on as the main attempt.
        std::swap(m_main, m_hedge);
        m_hedge = Slot();
        m_index = m_main.chainIndex;
        m_retries = 0;
        switchTo(m_main.tier->name, true);
        return;
    }

    FailoverPolicy::Input in;
    in.cls = outcome.error.cls;
    in.httpStatus = outcome.httpStatus;
    in.retryAfterMs = outcome.error.retryAfterMs;
    in.retriesUsedOnTier = m_retries;
    in.budgetRemainingMs = m_config->strategy.requestBudgetMs - elapsedMs();
    in.afterFirstToken = !slot.text.isEmpty();
    in.jitter = m_host.nextJitter();
    const FailoverPolicy::Decision decision = FailoverPolicy::decide(in, m_config->strategy);
    qCDebug(lcEngine) << m_request.requestId << tierName << errorClassName(outcome.error.cls) << decision.why;

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
    if (!slot.text.isEmpty()) {
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
            emit restarted(tierName, decision.why);
        } else {
            m_continueFrom = m_content;
        }
    }
    if (outcome.error.cls == ErrorClass::ContextLength)
        m_minContextWindow = std::max(m_minContextWindow, slot.tier->contextWindow);
    m_retries = 0;
    m_index = slot.chainIndex + 1;
    tryTier();
}

// The request never left Understudy: every connection to the provider stayed busy for longer than
// its queue allows. That is our own capacity, not the tier's health: no breaker failure, no health
// sample, no failover that would move the overflow onto another provider; the client is told the
// gateway is saturated (and when to try again).
void ChatRun::onSaturated(Slot &slot, const CallOutcome &outcome)
{
    const bool isHedge = &slot == &m_hedge;
    slot.call = nullptr; // finished; our child, it goes with the run
    AttemptRecord a = slot.record;
    a.outcome = AttemptRecord::Outcome::Skipped;
    a.error = ErrorClass::Saturated;
    a.detail = outcome.error.message;
    a.queueWaitMs = outcome.queueWaitMs;
    a.durationMs = elapsedMs() - a.startOffsetMs;
    if (slot.probe)
        m_host.releaseProbe(a.tier);
    slot = Slot();
    m_result.attempts.append(a);
    emit attemptFinished(a);
    if (isHedge || m_finished)
        return; // the hedge could not start: the main attempt carries on
    m_hedgeTimer.stop();
    if (m_hedge.active())
        abandon(m_hedge, AttemptRecord::Outcome::Cancelled, ErrorClass::Cancelled,
                u"the main attempt could not be sent"_s);
    finishFailed(ErrorClass::Saturated, outcome.error.message);
}

void ChatRun::onRetryTimer()
{
    if (m_finished)
        return;
    const QString name = m_chain.at(m_index);
    const TierConfig *tier = m_config->tier(name);
    if (m_request.singleTier) { // measured as it is: no admission, the retries still count
        startAttempt(m_main, *tier, *m_config->provider(tier->provider), m_index, false);
        return;
    }
    // The failure that caused this wait may have opened the breaker: ask again.
    const TierStateStore::Admission admission = m_host.admit(name);
    if (!admission.allowed()) {
        m_retries = 0;
        tryTier(); // records the skip and moves on
        return;
    }
    startAttempt(m_main, *tier, *m_config->provider(tier->provider), m_index,
                 admission.verdict == TierStateStore::Verdict::AllowedProbe);
}
