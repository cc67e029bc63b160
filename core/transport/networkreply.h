#pragma once

#include "transport/transport.h"

#include <QPointer>

#include <curl/curl.h>

class ConnectionPool;
class CurlMulti;

// A TransportReply over one libcurl easy handle. It first asks the provider's connection pool for
// a place: it starts at once, waits in the queue (isQueued(); dispatched() when it goes), or is
// refused (finished with Saturated, never sent).
class NetworkTransportReply final : public TransportReply
{
    Q_OBJECT

public:
    NetworkTransportReply(CurlMulti &multi, ConnectionPool &pool, TransportRequest request, QObject *parent);
    ~NetworkTransportReply() override;
    void abort() override;
    bool isQueued() const override { return m_state == State::Queued; }
    const QString &provider() const { return m_request.providerId; }

    // From the pool.
    void wait();                     // queued
    bool start(qint64 waitedMs);     // a connection is free; false when curl refused the handle
    void refuse(const QString &why); // saturated: finishes (asynchronously) without being sent

    // From CurlMulti, outside curl's callbacks.
    void deliverBuffered();
    void complete(CURLcode result);
    void detach(); // the multi handle goes away: stop silently

private:
    enum class State
    {
        New,
        Queued,
        Running,
        Done,
    };
    static size_t headerCallback(char *data, size_t size, size_t count, void *reply);
    static size_t bodyCallback(char *data, size_t size, size_t count, void *reply);
    void onHeaderLine(QByteArrayView line);
    void release(); // gives the pool its place back, once
    void cleanupEasy();

    QPointer<CurlMulti> m_multi;
    QPointer<ConnectionPool> m_pool;
    TransportRequest m_request;
    State m_state = State::New;
    CURL *m_easy = nullptr;
    curl_slist *m_headerList = nullptr;
    char m_error[CURL_ERROR_SIZE] = {};
    bool m_holdsPlace = false;
    bool m_aborted = false;
    int m_status = 0;
    HeaderList m_headers;
    bool m_headersDone = false;
    bool m_startedEmitted = false;
    QByteArray m_data;
    bool m_pendingNoted = false;
};
