#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <curl/curl.h>

class NetworkTransportReply;
class QSocketNotifier;

// libcurl's multi interface on Qt's event loop: curl says which sockets to watch and when to wake it
// (socket and timer callbacks); QSocketNotifiers and one QTimer call it back. No thread, no blocking.
// Callbacks run inside curl and only buffer; what they gathered is delivered to the replies after
// curl has returned, so a reply's listeners may abort it, or start new requests, safely.
class CurlMulti final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlMulti)

public:
    explicit CurlMulti(QObject *parent = nullptr);
    ~CurlMulti() override;

    bool add(NetworkTransportReply *reply, CURL *easy);
    void remove(NetworkTransportReply *reply, CURL *easy);
    // A reply's callbacks buffered something: deliver it once curl returns.
    void notePending(NetworkTransportReply *reply);

private:
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };
    static int socketCallback(CURL *easy, curl_socket_t socket, int what, void *multi, void *socketData);
    static int timerCallback(CURLM *handle, long timeoutMs, void *multi);
    void watch(curl_socket_t socket, int what);
    void action(curl_socket_t socket, int events);
    void retire(QSocketNotifier *notifier);

    CURLM *m_multi = nullptr;
    QTimer m_timer;
    QHash<curl_socket_t, Watch> m_watches;
    QList<QPointer<NetworkTransportReply>> m_pending;
    QSet<NetworkTransportReply *> m_running;
};
