#pragma once

#include "config/config.h"
#include "engine/chatresult.h"
#include "providers/chattypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class ChatEngine;
class ProviderCall;
struct CallOutcome;

// The failover run of one request along its chain: which tier next, how long to wait, when to give up
// (the decisions are FailoverPolicy's; this object carries them out). One budget bounds the whole run.
class ChatRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatRun)

public:
    ChatRun(ChatEngine &engine, std::shared_ptr<const ChainConfig> config, ChatRequest request,
            QObject *parent = nullptr);
    ~ChatRun() override;

    QString requestId() const { return m_request.requestId; }
    const ChatRequest &request() const { return m_request; }
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
    void begin();
    void tryTier();
    void skipTier(const TierConfig *tier, const QString &tierName, ErrorClass cls, const QString &detail);
    void startAttempt(const TierConfig &tier, const ProviderConfig &provider, bool probe);
    void sendAttempt(const TierConfig &tier, const ProviderConfig &provider, QByteArray key, bool probe);
    void onText(const QString &text);
    void onCallFinished(const CallOutcome &outcome);
    void onRetryTimer();
    void onBudgetExpired();
    void switchTo(const QString &tier);
    void finishAnswered(const CallOutcome &outcome);
    void finishFailed(ErrorClass cls, const QString &message);
    void finish();
    qint64 elapsedMs() const;
    QList<ChatMessage> messagesFor(const TierConfig &tier) const;

    ChatEngine &m_engine;
    std::shared_ptr<const ChainConfig> m_config;
    ChatRequest m_request;
    QStringList m_chain;
    int m_index = 0;
    int m_retries = 0;
    QHash<QString, int> m_attemptsPerTier;
    int m_minContextWindow = 0;

    QPointer<ProviderCall> m_call;
    AttemptRecord m_attempt;
    const TierConfig *m_attemptTier = nullptr;
    bool m_attemptIsProbe = false;
    QString m_attemptText;

    QString m_content;      // what the user has been shown (and keeps)
    QString m_continueFrom; // partial answer a "continue" attempt extends
    bool m_shownText = false;
    bool m_nextSwitchMidStream = false;
    QString m_lastTier;
    ProviderError m_lastError;

    QTimer m_retryTimer;
    QTimer m_budgetTimer;
    qint64 m_startMs = 0;
    bool m_started = false;
    bool m_finished = false;
    ChatResult m_result;
};
