#include "transport/curlmulti.h"

#include "transport/networkreply.h"
#include "util/logging.h"

#include <QSocketNotifier>

CurlMulti::CurlMulti(QObject *parent)
    : QObject(parent)
{
    static const bool initialised = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
    Q_UNUSED(initialised)
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::socketCallback);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::timerCallback);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    // Concurrency per provider is the connection pool's (ConnectionPool); curl keeps idle
    // connections for reuse (keep-alive) and multiplexes HTTP/2 streams.
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, 1024L);
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { action(CURL_SOCKET_TIMEOUT, 0); });
}

CurlMulti::~CurlMulti()
{
    for (NetworkTransportReply *reply : std::as_const(m_running))
        reply->detach(); // removes its handle; it ends without a signal
    m_running.clear();
    for (const Watch &w : std::as_const(m_watches)) {
        delete w.read;
        delete w.write;
    }
    curl_multi_cleanup(m_multi);
}

bool CurlMulti::add(NetworkTransportReply *reply, CURL *easy)
{
    if (curl_multi_add_handle(m_multi, easy) != CURLM_OK)
        return false;
    m_running.insert(reply);
    // curl asks (timer callback, 0 ms) to be run from the event loop to start it. Running it here
    // at once instead was measured to strand a transfer now and then (curl neither sent it nor
    // asked for its socket): it waits for the next turn of the loop.
    return true;
}

void CurlMulti::remove(NetworkTransportReply *reply, CURL *easy)
{
    if (m_running.remove(reply))
        curl_multi_remove_handle(m_multi, easy);
}

void CurlMulti::notePending(NetworkTransportReply *reply)
{
    m_pending.append(reply);
}

int CurlMulti::socketCallback(CURL *, curl_socket_t socket, int what, void *multi, void *)
{
    static_cast<CurlMulti *>(multi)->watch(socket, what);
    return 0;
}

int CurlMulti::timerCallback(CURLM *, long timeoutMs, void *multi)
{
    auto *self = static_cast<CurlMulti *>(multi);
    if (timeoutMs < 0)
        self->m_timer.stop();
    else
        self->m_timer.start(int(std::min<long>(timeoutMs, std::numeric_limits<int>::max())));
    return 0;
}

void CurlMulti::retire(QSocketNotifier *notifier)
{
    // It may be the notifier whose signal is running now: never delete it in place.
    notifier->setEnabled(false);
    notifier->disconnect(this);
    notifier->deleteLater();
}

void CurlMulti::watch(curl_socket_t socket, int what)
{
    if (what == CURL_POLL_REMOVE) {
        const auto it = m_watches.find(socket);
        if (it == m_watches.end())
            return;
        if (it->read)
            retire(it->read);
        if (it->write)
            retire(it->write);
        m_watches.erase(it);
        return;
    }
    Watch &w = m_watches[socket];
    const auto ensure = [this, socket](QSocketNotifier *&n, QSocketNotifier::Type type, int event, bool on) {
        if (!on) {
            if (n)
                n->setEnabled(false);
            return;
        }
        if (!n) {
            n = new QSocketNotifier(qintptr(socket), type, this);
            connect(n, &QSocketNotifier::activated, this, [this, socket, event] { action(socket, event); });
        }
        n->setEnabled(true);
    };
    ensure(w.read, QSocketNotifier::Read, CURL_CSELECT_IN, what == CURL_POLL_IN || what == CURL_POLL_INOUT);
    ensure(w.write, QSocketNotifier::Write, CURL_CSELECT_OUT,
           what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
}

void CurlMulti::action(curl_socket_t socket, int events)
{
    int running = 0;
    curl_multi_socket_action(m_multi, socket, events, &running);
    // What ended, read before any reply is told anything (telling may remove handles).
    struct Done
    {
        QPointer<NetworkTransportReply> reply;
        CURLcode result;
    };
    QList<Done> done;
    int left = 0;
    while (CURLMsg *msg = curl_multi_info_read(m_multi, &left)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        NetworkTransportReply *reply = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &reply);
        if (reply)
            done.append({reply, msg->data.result});
    }
    const QList<QPointer<NetworkTransportReply>> pending = std::exchange(m_pending, {});
    for (const QPointer<NetworkTransportReply> &reply : pending) {
        if (reply)
            reply->deliverBuffered();
    }
    for (const Done &d : std::as_const(done)) {
        if (d.reply)
            d.reply->complete(d.result);
    }
}
