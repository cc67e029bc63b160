#include "engine/providercall.h"

#include "util/clock.h"
#include "util/logging.h"

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype MaxErrorBody = 64 * 1024;
constexpr qsizetype MaxBufferedBody = 32 * 1024 * 1024;
} // namespace

ProviderCall::ProviderCall(Transport &transport, const ProviderAdapter &adapter, TransportRequest request,
                           bool streaming, const ProviderTimeouts &timeouts, const Clock &clock,
                           QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_adapter(adapter)
    , m_request(std::move(request))
    , m_streaming(streaming)
    , m_timeouts(timeouts)
    , m_clock(clock)
    , m_deadline(clock, [this] { onDeadline(); })
{}

ProviderCall::~ProviderCall()
{
    cancel();
}

qint64 ProviderCall::elapsed() const
{
    return m_clock.nowMs() - m_startMs;
}

void ProviderCall::start()
{
    m_running = true;
    m_startMs = m_clock.nowMs();
    if (m_streaming)
        m_decoder = m_adapter.streamDecoder();
    m_reply = m_transport.send(m_request, this);
    // The request (and the key in its headers) is not needed any more.
    m_request.headers.clear();
    m_request.body.clear();
    connect(m_reply, &TransportReply::queued, this, &ProviderCall::onQueued);
    connect(m_reply, &TransportReply::dispatched, this, &ProviderCall::onDispatched);
    connect(m_reply, &TransportReply::responseStarted, this, &ProviderCall::onResponseStarted);
    connect(m_reply, &TransportReply::dataReceived, this, &ProviderCall::onData);
    connect(m_reply, &TransportReply::finished, this, &ProviderCall::onTransportFinished);
    if (m_reply->isQueued()) {
        onQueued();
        return;
    }
    m_dispatched = true;
    armDeadline(Phase::Headers);
}

void ProviderCall::onQueued()
{
    if (!m_running || m_queuedAtMs >= 0)
        return;
    // No connection is free: the provider has not been asked yet, so none of its deadlines run.
    m_dispatched = false;
    m_queuedAtMs = m_clock.nowMs();
    m_deadline.stop();
}

void ProviderCall::onDispatched(qint64 waitedMs)
{
    if (!m_running)
        return;
    m_dispatched = true;
    m_outcome.queueWaitMs += waitedMs;
    m_queuedAtMs = -1;
    m_startMs = m_clock.nowMs(); // the provider's clock starts now
    armDeadline(Phase::Headers);
}

void ProviderCall::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    m_deadline.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ProviderCall::armDeadline(Phase phase)
{
    m_phase = phase;
    qint64 ms = 0;
    switch (phase) {
    case Phase::Headers:
        // A non-streamed answer sends its headers only when the whole answer is ready.
        ms = m_streaming ? m_timeouts.connectMs : std::max(m_timeouts.connectMs, m_timeouts.firstTokenMs);
        break;
    case Phase::FirstToken:
        ms = m_timeouts.firstTokenMs - elapsed();
        break;
    case Phase::Streaming:
    case Phase::ErrorBody:
        ms = m_timeouts.idleMs;
        break;
    }
    m_deadline.start(ms);
}

void ProviderCall::onDeadline()
{
    if (m_phase == Phase::Streaming || m_phase == Phase::ErrorBody) {
        // The idle deadline is re-armed lazily: chunks only note the time they arrived.
        const qint64 quiet = m_clock.nowMs() - m_lastActivityMs;
        if (quiet < m_timeouts.idleMs) {
            m_deadline.start(m_timeouts.idleMs - quiet);
            return;
        }
    }
    switch (m_phase) {
    case Phase::Headers:
        return finish({ErrorClass::ConnectTimeout,
                       0,
                       u"no response within %1 ms"_s.arg(
                           m_streaming ? m_timeouts.connectMs
                                       : std::max(m_timeouts.connectMs, m_timeouts.firstTokenMs)),
                       {},
                       {}});
    case Phase::FirstToken:
        return finish({ErrorClass::FirstTokenTimeout,
                       m_outcome.httpStatus,
                       u"no first token within %1 ms"_s.arg(m_timeouts.firstTokenMs),
                       {},
                       {}});
    case Phase::Streaming:
        return finish({ErrorClass::IdleTimeout,
                       m_outcome.httpStatus,
                       u"the stream stalled: nothing for %1 ms after %2 characters"_s.arg(m_timeouts.idleMs)
                           .arg(m_outcome.text.size()),
                       {},
                       {}});
    case Phase::ErrorBody:
        return finish({AdapterUtil::classForStatus(m_outcome.httpStatus),
                       m_outcome.httpStatus,
                       u"HTTP %1; the error body stalled"_s.arg(m_outcome.httpStatus),
                       {},
                       {}});
    }
}

void ProviderCall::onResponseStarted(int status, const HeaderList &headers)
{
    m_outcome.httpStatus = status;
    m_outcome.ttfbMs = elapsed();
    m_headers = headers;
    emit headersReceived(status);
    if (!m_running)
        return;
    if (status < 200 || status >= 300) {
        noteActivity(Phase::ErrorBody);
        return;
    }
    // A server that ignores "stream": true and answers with one JSON body is still understood.
    const QByteArray type = headerValue(headers, "content-type").toLower();
    m_buffered = !m_streaming || type.contains("application/json");
    if (m_buffered)
        noteActivity(Phase::ErrorBody);
    else
        armDeadline(Phase::FirstToken);
}

void ProviderCall::emitText(const QString &text)
{
    if (text.isEmpty())
        return;
    if (m_outcome.ttftMs < 0)
        m_outcome.ttftMs = elapsed();
    m_outcome.text += text;
    emit textReceived(text);
}

void ProviderCall::onData(const QByteArray &data)
{
    if (!m_running)
        return;
    m_bodyBytes += data.size();
    const int status = m_outcome.httpStatus;
    if (status < 200 || status >= 300 || m_buffered) {
        const qsizetype cap = m_buffered && status < 300 ? MaxBufferedBody : MaxErrorBody;
        if (m_body.size() < cap)
            m_body += data.left(cap - m_body.size());
        if (m_buffered && m_body.size() >= MaxBufferedBody)
            return finish(
                {ErrorClass::MalformedResponse, status, u"the response body exceeds 32 MiB"_s, {}, {}});
        armDeadline(Phase::ErrorBody);
        return;
    }
    const QList<StreamUpdate> updates = m_decoder->feed(data);
    for (const StreamUpdate &u : updates) {
        if (!u.model.isEmpty())
            m_outcome.model = u.model;
        if (u.usage)
            m_outcome.usage = u.usage;
        if (!u.finishReason.isEmpty())
            m_outcome.finishReason = u.finishReason;
        if (u.done)
            m_sawTerminator = true;
        if (u.error) {
            ProviderError e = *u.error;
            if (e.httpStatus == 0)
                e.httpStatus = status;
            return finish(e);
        }
        emitText(u.text);
        if (!m_running)
            return; // the owner cancelled from a slot
    }
    if (m_outcome.ttftMs >= 0)
        noteActivity(Phase::Streaming);
}

void ProviderCall::noteActivity(Phase phase)
{
    m_lastActivityMs = m_clock.nowMs();
    if (m_phase != phase || !m_deadline.isActive())
        armDeadline(phase);
}

void ProviderCall::onTransportFinished(const TransportFailure &failure)
{
    if (!m_running)
        return;
    const int status = m_outcome.httpStatus;
    if (failure.kind == TransportFailure::Kind::Saturated)
        return finish({ErrorClass::Saturated, 0, failure.message, {}, {}});
    if (failure.failed()) {
        if (status == 0) {
            const ErrorClass cls = failure.kind == TransportFailure::Kind::Timeout
                                       ? ErrorClass::ConnectTimeout
                                       : ErrorClass::Network;
            return finish({cls, 0, failure.message, {}, {}});
        }
        if (status >= 200 && status < 300) {
            return finish({m_bodyBytes > 0 ? ErrorClass::TruncatedStream : ErrorClass::Network,
                           status,
                           u"the connection was lost after %1 characters: %2"_s.arg(m_outcome.text.size())
                               .arg(failure.message),
                           {},
                           {}});
        }
        // An error status whose body was cut: classify on what arrived.
    }
    if (status >= 300 && status < 400) {
        return finish({ErrorClass::BadRequest,
                       status,
                       u"unexpected redirect to %1 (not followed: a key never follows a redirect)"_s.arg(
                           QString::fromUtf8(headerValue(m_headers, "location"))),
                       {},
                       {}});
    }
    if (status < 200 || status >= 300)
        return finish(m_adapter.classifyHttpError(status, m_headers, m_body, m_clock.wallNow()));
    if (m_buffered) {
        const ParsedResponse parsed = m_adapter.parseResponse(m_body);
        m_outcome.model = parsed.model;
        m_outcome.usage = parsed.usage;
        m_outcome.finishReason = parsed.finishReason;
        if (parsed.error)
            return finish(*parsed.error);
        emitText(parsed.text);
        if (!m_running)
            return;
        return finish({});
    }
    if (m_sawTerminator || !m_outcome.finishReason.isEmpty())
        return finish({});
    return finish({ErrorClass::TruncatedStream,
                   status,
                   u"the stream ended without a terminator or finish reason after %1 characters%2"_s
                       .arg(m_outcome.text.size())
                       .arg(m_decoder && m_decoder->partialAtEnd() ? u" (cut mid-event)"_s : QString()),
                   {},
                   {}});
}

void ProviderCall::finish(const ProviderError &error)
{
    if (!m_running)
        return;
    m_outcome.error = error;
    m_outcome.durationMs = elapsed();
    m_running = false;
    m_deadline.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort(); // a no-op when the exchange already ended; closes it on a stream error
        // The reply is our child: it goes with this call (a deleteLater per request adds up).
    }
    if (error.isError())
        qCDebug(lcEngine) << "attempt failed" << m_request.tier << errorClassName(error.cls)
                          << error.httpStatus << error.message;
    emit finished(m_outcome);
}
