#pragma once

#include "alerts/alert.h"
#include "alerts/alertsettings.h"

#include <QObject>
#include <QPointer>

#include <deque>
#include <memory>

class Clock;
class SecretStore;
class Transport;
class TransportReply;

// Sends alerts to the HTTP sinks (Slack, PagerDuty, generic webhook) through the Transport (the one
// QNetworkAccessManager; TLS verification as everywhere). Never blocks: each delivery reads the sink's
// secret from the keychain, posts, and on a network error, 5xx or 429 retries with exponential backoff
// (Retry-After honoured). Deliveries of the same alert to the same sink go out in order, so a resolve
// never overtakes its trigger. The secret is held only while the request is built.
class AlertDispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertDispatcher)

public:
    struct RetryPolicy
    {
        int maxAttempts = 5;
        int baseDelayMs = 2'000; // doubled after every failure
        int maxDelayMs = 60'000;
        int timeoutMs = 15'000; // per attempt
    };

    // Timeouts and backoff waits run on `clock`.
    AlertDispatcher(Transport &transport, SecretStore *secrets, const Clock &clock,
                    QObject *parent = nullptr);
    ~AlertDispatcher() override;

    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    // Names this installation in payloads: "understudy@<host>".
    void setSource(const QString &source) { m_source = source; }
    QString source() const { return m_source; }

    // Queues the alert for an HTTP sink; banner and tray sinks are ignored (the GUI shows them).
    void deliver(const AlertSink &sink, const Alert &alert);
    int pending() const;
    // For exit: runs until nothing is pending or `timeoutMs` passed. Only after the main event loop
    // has returned (it runs a local loop); returns whether everything went out.
    bool drain(int timeoutMs);

    // The wait before attempt `attempt + 1` (attempt is 1-based): base · 2^(attempt-1), capped.
    static int backoffMs(const RetryPolicy &policy, int attempt);
    // Why a URL may not receive alerts (empty when it may): https, or http to this machine only.
    static QString urlProblem(const QUrl &url);

signals:
    void delivered(const AlertSink &sink, const Alert &alert, int attempts);
    // retryInMs < 0: given up.
    void deliveryFailed(const AlertSink &sink, const Alert &alert, int attempt, const QString &message,
                        int retryInMs);
    void idle();

private:
    struct Job;
    using Queue = std::deque<std::shared_ptr<Job>>;

    void startNext(const QString &queueKey);
    void attempt(const std::shared_ptr<Job> &job);
    void send(const std::shared_ptr<Job> &job, const QByteArray &secret);
    void finishAttempt(const std::shared_ptr<Job> &job, int status, const QString &failure,
                       std::optional<qint64> retryAfterMs, bool permanent);
    void done(const std::shared_ptr<Job> &job);

    Transport &m_transport;
    QPointer<SecretStore> m_secrets;
    const Clock &m_clock;
    RetryPolicy m_policy;
    QString m_source;
    QHash<QString, Queue> m_queues; // per sink and alert key; the front is in flight
};
