#include "transport/networkreply.h"

#include "transport/connectionpool.h"
#include "transport/curlmulti.h"
#include "util/logging.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

TransportFailure failureOf(CURLcode code, const char *detail)
{
    using K = TransportFailure::Kind;
    const QString text = QString::fromUtf8(detail && *detail ? detail : curl_easy_strerror(code));
    switch (code) {
    case CURLE_OK:
        return {K::None, {}};
    case CURLE_COULDNT_CONNECT:
        return {K::Refused, text};
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return {K::HostNotFound, text};
    case CURLE_OPERATION_TIMEDOUT:
        return {K::Timeout, text};
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return {K::Tls, text};
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return {K::Reset, text};
    case CURLE_ABORTED_BY_CALLBACK:
        return {K::Aborted, text};
    default:
        return {K::Other, text};
    }
}

} // namespace

NetworkTransportReply::NetworkTransportReply(CurlMulti &multi, ConnectionPool &pool, TransportRequest request,
                                             QObject *parent)
    : TransportReply(parent)
    , m_multi(&multi)
    , m_pool(&pool)
    , m_request(std::move(request))
{
    pool.admit(this, m_request.providerId, m_request.limits);
}

NetworkTransportReply::~NetworkTransportReply()
{
    abort();
    cleanupEasy();
}

void NetworkTransportReply::cleanupEasy()
{
    if (m_easy) {
        curl_easy_cleanup(m_easy);
        m_easy = nullptr;
    }
    if (m_headerList) {
        curl_slist_free_all(m_headerList); // the key was in here
        m_headerList = nullptr;
    }
}

void NetworkTransportReply::wait()
{
    m_state = State::Queued;
    emit queued();
}

void NetworkTransportReply::refuse(const QString &why)
{
    m_state = State::Done;
    m_request.headers.clear();
    m_request.body.clear();
    // The caller connects after send() returns: tell it from the event loop.
    QTimer::singleShot(0, this, [this, why] {
        if (!m_aborted)
            emit finished({TransportFailure::Kind::Saturated, why});
    });
}

bool NetworkTransportReply::start(qint64 waitedMs)
{
    const bool wasQueued = m_state == State::Queued;
    m_state = State::Running;
    m_holdsPlace = true;
    m_easy = curl_easy_init();
    const QByteArray url = m_request.url.toEncoded();
    curl_easy_setopt(m_easy, CURLOPT_URL, url.constData()); // curl copies strings it is given
    curl_easy_setopt(m_easy, CURLOPT_PRIVATE, this);
    curl_easy_setopt(m_easy, CURLOPT_ERRORBUFFER, m_error);
    curl_easy_setopt(m_easy, CURLOPT_NOSIGNAL, 1L);
    // Never a proxy from the environment (as before with Qt), never a redirect (a key must not
    // follow one to another host), and TLS verification as curl does it by default: always on.
    curl_easy_setopt(m_easy, CURLOPT_PROXY, "");
    curl_easy_setopt(m_easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(m_easy, CURLOPT_HTTP_VERSION,
                     long(CURL_HTTP_VERSION_2TLS)); // HTTP/2 where ALPN offers it
    if (m_request.url.scheme() == u"https")
        curl_easy_setopt(m_easy, CURLOPT_PIPEWAIT, 1L);    // share a connection that multiplexes
    curl_easy_setopt(m_easy, CURLOPT_ACCEPT_ENCODING, ""); // gzip and deflate, decoded
    curl_easy_setopt(m_easy, CURLOPT_USERAGENT, "Understudy/" UNDERSTUDY_VERSION);
    curl_easy_setopt(m_easy, CURLOPT_HEADERFUNCTION, &NetworkTransportReply::headerCallback);
    curl_easy_setopt(m_easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(m_easy, CURLOPT_WRITEFUNCTION, &NetworkTransportReply::bodyCallback);
    curl_easy_setopt(m_easy, CURLOPT_WRITEDATA, this);
    // Deadlines are the engine's (connect, first token, idle, budget): none here.
    if (m_request.method == "GET") {
        curl_easy_setopt(m_easy, CURLOPT_HTTPGET, 1L);
    } else {
        if (m_request.method != "POST")
            curl_easy_setopt(m_easy, CURLOPT_CUSTOMREQUEST, m_request.method.constData());
        curl_easy_setopt(m_easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(m_request.body.size()));
        curl_easy_setopt(m_easy, CURLOPT_COPYPOSTFIELDS, m_request.body.constData());
    }
    for (const auto &[name, value] : std::as_const(m_request.headers))
        m_headerList = curl_slist_append(m_headerList, QByteArray(name + ": " + value).constData());
    m_headerList = curl_slist_append(m_headerList, "Expect:"); // no 100-continue round trip
    curl_easy_setopt(m_easy, CURLOPT_HTTPHEADER, m_headerList);
    // The request (and the key in its headers) is not needed any more.
    m_request.headers.clear();
    m_request.body.clear();
    if (!m_multi || !m_multi->add(this, m_easy)) {
        m_state = State::Done;
        release();
        QTimer::singleShot(0, this, [this] {
            if (!m_aborted)
                emit finished({TransportFailure::Kind::Other, u"the transfer could not be started"_s});
        });
        return false;
    }
    if (wasQueued)
        emit dispatched(waitedMs);
    return true;
}

void NetworkTransportReply::release()
{
    if (!std::exchange(m_holdsPlace, false) || !m_pool)
        return;
    bool multiplexed = false;
    if (m_easy) {
        long version = 0;
        curl_easy_getinfo(m_easy, CURLINFO_HTTP_VERSION, &version);
        multiplexed = version == CURL_HTTP_VERSION_2_0 || version == CURL_HTTP_VERSION_3;
    }
    m_pool->release(m_request.providerId, multiplexed);
}

void NetworkTransportReply::abort()
{
    if (m_aborted)
        return;
    m_aborted = true;
    switch (m_state) {
    case State::Queued:
        if (m_pool)
            m_pool->withdraw(this, m_request.providerId);
        break;
    case State::Running:
        if (m_multi)
            m_multi->remove(this, m_easy);
        release();
        break;
    case State::New:
    case State::Done:
        break;
    }
    m_state = State::Done;
}

void NetworkTransportReply::detach()
{
    m_multi = nullptr;
    m_aborted = true;
    m_state = State::Done;
    m_holdsPlace = false;
}

size_t NetworkTransportReply::headerCallback(char *data, size_t size, size_t count, void *reply)
{
    auto *self = static_cast<NetworkTransportReply *>(reply);
    const size_t n = size * count;
    self->onHeaderLine(QByteArrayView(data, qsizetype(n)));
    return n;
}

void NetworkTransportReply::onHeaderLine(QByteArrayView line)
{
    line = line.trimmed();
    if (line.startsWith("HTTP/")) { // a status line: a new response (after a 100 Continue, say)
        m_headers.clear();
        m_headersDone = false;
        const qsizetype space = line.indexOf(' ');
        m_status = space > 0 ? line.sliced(space + 1)
                                   .first(std::min<qsizetype>(3, line.size() - space - 1))
                                   .toByteArray()
                                   .toInt()
                             : 0;
        return;
    }
    if (line.isEmpty()) {
        if (m_status >= 200 && !m_headersDone) {
            m_headersDone = true;
            if (!std::exchange(m_pendingNoted, true) && m_multi)
                m_multi->notePending(this);
        }
        return;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0 && m_headers.size() < 256)
        m_headers.append({line.first(colon).trimmed().toByteArray().toLower(),
                          line.sliced(colon + 1).trimmed().toByteArray()});
}

size_t NetworkTransportReply::bodyCallback(char *data, size_t size, size_t count, void *reply)
{
    auto *self = static_cast<NetworkTransportReply *>(reply);
    const size_t n = size * count;
    self->m_data.append(data, qsizetype(n));
    if (!std::exchange(self->m_pendingNoted, true) && self->m_multi)
        self->m_multi->notePending(self);
    return n;
}

void NetworkTransportReply::deliverBuffered()
{
    m_pendingNoted = false;
    if (m_aborted)
        return;
    QPointer<NetworkTransportReply> self(this);
    if (m_headersDone && !m_startedEmitted) {
        m_startedEmitted = true;
        emit responseStarted(m_status, m_headers);
        if (!self || m_aborted)
            return;
    }
    if (!m_data.isEmpty() && m_startedEmitted)
        emit dataReceived(std::exchange(m_data, {}));
}

void NetworkTransportReply::complete(CURLcode result)
{
    if (m_aborted || m_state != State::Running)
        return;
    QPointer<NetworkTransportReply> self(this);
    deliverBuffered();
    if (!self || m_aborted)
        return;
    m_state = State::Done;
    if (m_multi)
        m_multi->remove(this, m_easy);
    const TransportFailure failure = failureOf(result, m_error);
    release();
    if (!self || m_aborted)
        return;
    if (failure.failed())
        qCDebug(lcTransport) << "transport failure" << m_request.url.host() << int(result) << failure.message;
    emit finished(failure);
}
