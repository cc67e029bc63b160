#pragma once

#include "config/config.h"
#include "engine/chatresult.h"
#include "engine/requestpolicy.h"
#include "providers/chattypes.h"
#include "util/clock.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class ChatEngine;
class RunHost;
class ProviderCall;
struct CallOutcome;

// The failover run of one request along its chain: which tier next, how long to wait, when to give up
// (the decisions are FailoverPolicy's; this object carries them out). One budget bounds the whole run.
// With a latency threshold it hedges: when the first token is late, the next tier starts in parallel
// and the first to produce a token wins.
class ChatRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatRun)

public:
    ChatRun(RunHost &host, std::shared_ptr<const ChainConfig> config, ChatRequest request,
            DegradationLevel level, QObject *parent = nullptr);
    ~ChatRun() override;

    QString requestId() const { return m_request.requestId; }
    const ChatRequest &request() const { return m_request; }
    DegradationLevel level() const { return m_result.level; }
    // Known from the first token on: a model's answer, or the cache's or a rule's (and its model).
    AnswerSource source() const { return m_result.source; }
    QString answerModel() const { return m_result.model; }
    // Stops at once: the upstream exchange is aborted and the answer so far is reported incomplete.
    void cancel();
    bool isFinished() const { return m_finished; }

signals:
    void attemptStarted(const QString &tier, const QString &model, int attempt);
    void firstToken(const QString &tier, qint64 ttftMs);
    void textDelta(const QString &text);
    // Text shown so far is withdrawn: the answer restarts on `tier` (stream-failover policy "restart").
    void restarted(const QString &tier, const QString &reason);
    void switched(const SwitchEvent &event);
    void attemptFinished(const AttemptRecord &attempt);
    void finished(const ChatResult &result);

private:
    friend class ChatEngine;

    // What an attempt's tokens cost at its tier's prices.
    static Money costOf(const Usage &usage, const TierConfig &tier);

    // One attempt in flight: the main one, or the hedge racing it.
    struct Slot
    {
        quint64 serial = 0;
        bool open = false; // started and not yet recorded
        QPointer<ProviderCall> call;
        AttemptRecord record;
        const TierConfig *tier = nullptr;
        int chainIndex = 0;
        bool probe = false;
        QString text;
        QList<ChatMessage> sent;
        bool reduced = false;
        int dropped = 0;
        bool active() const { return !call.isNull(); }
    };

    Slot *slotBySerial(quint64 serial);
    Slot *slotOf(const ProviderCall *call);
    void setDirectAnswer(const DirectAnswer &answer) { m_direct = answer; }
    void begin();
    void answerDirectly(const DirectAnswer &answer);
    void tryTier();
    bool passOver(int index, const TierConfig *tier, const ProviderConfig *provider, bool *probe);
    void skipTier(const TierConfig *tier, const QString &tierName, ErrorClass cls, const QString &detail);
    void startAttempt(Slot &slot, const TierConfig &tier, const ProviderConfig &provider, int chainIndex,
                      bool probe);
    void sendAttempt(Slot &slot, const ProviderConfig &provider, QByteArray key);
    void onText(Slot &slot, const QString &text);
    void onCallFinished(Slot &slot, const CallOutcome &outcome);
    void onSaturated(Slot &slot, const CallOutcome &outcome);
    void onHedgeTimer();
    void startHedge();
    void abandon(Slot &slot, AttemptRecord::Outcome outcome, ErrorClass cls, const QString &detail);
    void record(Slot &slot, const CallOutcome &outcome);
    void onRetryTimer();
    void onBudgetExpired();
    void switchTo(const QString &tier, bool hedge = false);
    void finishAnswered(Slot &slot, const CallOutcome &outcome);
    void finishFailed(ErrorClass cls, const QString &message);
    void finish();
    qint64 elapsedMs() const;
    QList<ChatMessage> messagesFor(const TierConfig &tier) const;
    int maxTokensFor(const TierConfig &tier) const;

    RunHost &m_host; // the engine, or the host of a tier test
    std::shared_ptr<const ChainConfig> m_config;
    ChatRequest m_request;
    QStringList m_chain;
    int m_index = 0;
    int m_retries = 0;
    QHash<QString, int> m_attemptsPerTier;
    int m_minContextWindow = 0;

    Slot m_main;
    Slot m_hedge;
    bool m_hedged = false;
    ClockTimer m_hedgeTimer;
    std::optional<DirectAnswer> m_direct;

    QString m_content;      // what the user has been shown (and keeps)
    QString m_continueFrom; // partial answer a "continue" attempt extends
    bool m_shownText = false;
    bool m_nextSwitchMidStream = false;
    QString m_lastTier;
    ProviderError m_lastError;

    ClockTimer m_retryTimer; // precise: never earlier than a Retry-After asked
    ClockTimer m_budgetTimer;
    qint64 m_startMs = 0;
    bool m_started = false;
    bool m_finished = false;
    ChatResult m_result;
};
