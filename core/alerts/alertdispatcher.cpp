#include "alerts/alertdispatcher.h"

#include "providers/errorclass.h"
#include "secrets/secretstore.h"
#include "transport/transport.h"
#include "util/clock.h"
#include "util/logging.h"
#include "util/releaselater.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QHostInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

struct AlertDispatcher::Job
{
    QString queueKey;
    AlertSink sink;
    Alert alert;
    int attempt = 0;
    int status = 0;
    std::optional<qint64> retryAfterMs;
    QPointer<TransportReply> reply;
    // On the dispatcher's clock: the attempt's timeout, and the backoff before the next attempt.
    std::unique_ptr<ClockTimer> timeout;
    std::unique_ptr<ClockTimer> retry;
};

namespace {

QString transportFailureText(const TransportFailure &f)
{
    switch (f.kind) {
    case TransportFailure::Kind::Refused:
        return AlertDispatcher::tr("connection refused");
    case TransportFailure::Kind::Reset:
        return AlertDispatcher::tr("connection closed");
    case TransportFailure::Kind::HostNotFound:
        return AlertDispatcher::tr("host not found");
    case TransportFailure::Kind::Tls:
        return AlertDispatcher::tr("TLS handshake failed");
    case TransportFailure::Kind::Timeout:
        return AlertDispatcher::tr("no answer in time");
    default:
        // Not the transport's own message: Qt's error strings can carry the whole URL, and a Slack or
        // webhook URL is a secret.
        return AlertDispatcher::tr("network error");
    }
}

} // namespace

AlertDispatcher::AlertDispatcher(Transport &transport, SecretStore *secrets, const Clock &clock,
                                 QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_secrets(secrets)
    , m_clock(clock)
    , m_source(u"understudy@"_s + QHostInfo::localHostName())
{
    qRegisterMetaType<Alert>();
}

AlertDispatcher::~AlertDispatcher()
{
    for (const Queue &queue : std::as_const(m_queues)) {
        for (const auto &job : queue) {
            if (job->reply)
                job->reply->abort();
        }
    }
}

int AlertDispatcher::backoffMs(const RetryPolicy &policy, int attempt)
{
    qint64 delay = policy.baseDelayMs;
    for (int i = 1; i < attempt && delay < policy.maxDelayMs; ++i)
        delay *= 2;
    return int(std::min<qint64>(delay, policy.maxDelayMs));
}

QString AlertDispatcher::urlProblem(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return tr("not a URL");
    if (url.scheme() == u"https")
        return {};
    if (url.scheme() == u"http") {
        const QHostAddress address(url.host());
        if (url.host() == u"localhost" || (!address.isNull() && address.isLoopback()))
            return {};
        return tr("plain http is allowed only to this machine (the URL or key would travel unencrypted)");
    }
    return tr("the URL must start with https://");
}

void AlertDispatcher::deliver(const AlertSink &sink, const Alert &alert)
{
    if (!sink.isHttp())
        return;
    auto job = std::make_shared<Job>();
    job->queueKey = sink.id + u'\n' + alert.key;
    job->sink = sink;
    job->alert = alert;
    Queue &queue = m_queues[job->queueKey];
    queue.push_back(job);
    if (queue.size() == 1)
        attempt(job);
}

int AlertDispatcher::pending() const
{
    int n = 0;
    for (const Queue &queue : m_queues)
        n += int(queue.size());
    return n;
}

bool AlertDispatcher::drain(int timeoutMs)
{
    if (pending() == 0)
        return true;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &AlertDispatcher::idle, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    loop.exec();
    return pending() == 0;
}

void AlertDispatcher::startNext(const QString &queueKey)
{
    auto it = m_queues.find(queueKey);
    if (it == m_queues.end())
        return;
    if (it->empty()) {
        m_queues.erase(it);
        if (m_queues.isEmpty())
            emit idle();
        return;
    }
    attempt(it->front());
}

void AlertDispatcher::attempt(const std::shared_ptr<Job> &job)
{
    ++job->attempt;
    job->status = 0;
    job->retryAfterMs.reset();
    if (!m_secrets) {
        finishAttempt(job, 0, tr("no keychain: the sink's URL or key cannot be read"), {}, true);
        return;
    }
    m_secrets->read(job->sink.secretName(), this, [this, job](const SecretResult &r) {
        if (r.ok()) {
            send(job, r.value);
            return;
        }
        const bool missing = r.status == SecretResult::Status::NotFound;
        finishAttempt(job, 0,
                      missing ? (job->sink.type == AlertSinkType::PagerDuty
                                     ? tr("no routing key is stored for this sink")
                                     : tr("no URL is stored for this sink"))
                              : r.message,
                      {}, missing);
    });
}

void AlertDispatcher::send(const std::shared_ptr<Job> &job, const QByteArray &secret)
{
    TransportRequest request;
    request.method = "POST";
    request.headers = {{"Content-Type", "application/json"}, {"User-Agent", "Understudy"}};
    switch (job->sink.type) {
    case AlertSinkType::Slack:
        request.url = QUrl(QString::fromUtf8(secret.trimmed()), QUrl::StrictMode);
        request.body = AlertPayload::slack(job->alert, m_source);
        break;
    case AlertSinkType::PagerDuty:
        request.url = job->sink.pagerDutyUrl();
        request.body = AlertPayload::pagerDuty(job->alert, secret.trimmed(), m_source);
        break;
    case AlertSinkType::Webhook:
        request.url = QUrl(QString::fromUtf8(secret.trimmed()), QUrl::StrictMode);
        request.body = AlertPayload::webhook(job->alert, m_source);
        break;
    case AlertSinkType::Banner:
    case AlertSinkType::Tray:
        return;
    }
    if (const QString problem = urlProblem(request.url); !problem.isEmpty()) {
        finishAttempt(job, 0, problem, {}, true);
        return;
    }
    request.providerId = u"alert:"_s + job->sink.id;
    TransportReply *reply = m_transport.send(request, this);
    request.body.fill('\0'); // the copy with a routing key inside
    job->reply = reply;
    connect(reply, &TransportReply::responseStarted, this, [job](int status, const HeaderList &headers) {
        job->status = status;
        const QByteArray retryAfter = headerValue(headers, "retry-after");
        if (!retryAfter.isEmpty())
            job->retryAfterMs = parseRetryAfter(retryAfter, QDateTime::currentDateTimeUtc());
    });
    connect(reply, &TransportReply::finished, this, [this, job](const TransportFailure &failure) {
        TransportReply *r = job->reply;
        job->reply = nullptr;
        if (r)
            r->deleteLater();
        const int status = job->status;
        if (failure.failed()) {
            finishAttempt(job, 0, transportFailureText(failure), {}, false);
        } else if (status >= 200 && status < 300) {
            finishAttempt(job, status, {}, {}, false);
        } else {
            // 429 and 5xx pass; anything else will not get better by asking again (a bad URL or key).
            const bool permanent = status != 429 && status != 408 && status < 500;
            finishAttempt(job, status, tr("HTTP %1").arg(status), job->retryAfterMs, permanent);
        }
    });
    if (!job->timeout) {
        job->timeout = std::make_unique<ClockTimer>(m_clock, [this, weak = std::weak_ptr<Job>(job)] {
            const std::shared_ptr<Job> j = weak.lock();
            if (j && j->reply) {
                j->reply->abort();
                // abort() emits nothing: finish here.
                emit j->reply->finished(TransportFailure{TransportFailure::Kind::Timeout, {}});
                releaseLater(this, j);
            }
        });
    }
    job->timeout->start(m_policy.timeoutMs);
}

void AlertDispatcher::finishAttempt(const std::shared_ptr<Job> &job, int status, const QString &failure,
                                    std::optional<qint64> retryAfterMs, bool permanent)
{
    if (job->timeout)
        job->timeout->stop();
    if (failure.isEmpty() && status >= 200 && status < 300) {
        emit delivered(job->sink, job->alert, job->attempt);
        done(job);
        return;
    }
    const bool giveUp = permanent || job->attempt >= m_policy.maxAttempts;
    int wait = -1;
    if (!giveUp) {
        wait = backoffMs(m_policy, job->attempt);
        if (retryAfterMs)
            wait = int(std::clamp<qint64>(*retryAfterMs, wait, m_policy.maxDelayMs));
    }
    qCInfo(lcTransport) << "alert to sink" << job->sink.id << "attempt" << job->attempt
                        << "failed:" << failure << (giveUp ? "giving up" : "retrying");
    emit deliveryFailed(job->sink, job->alert, job->attempt, failure, wait);
    if (giveUp) {
        done(job);
        return;
    }
    if (!job->retry) {
        job->retry = std::make_unique<ClockTimer>(m_clock, [this, weak = std::weak_ptr<Job>(job)] {
            if (const std::shared_ptr<Job> j = weak.lock()) {
                attempt(j);
                releaseLater(this, j); // done() may have dropped the job, and with it this timer
            }
        });
    }
    job->retry->start(wait);
}

void AlertDispatcher::done(const std::shared_ptr<Job> &job)
{
    auto it = m_queues.find(job->queueKey);
    if (it != m_queues.end() && !it->empty() && it->front() == job)
        it->pop_front();
    startNext(job->queueKey);
}
