#pragma once

#include "gateway/httprequest.h"
#include "util/clock.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <functional>

class HttpConnection;

// Writes the response to one request. It is deleted once its response has ended (or with its
// connection, when the client leaves first): hold it in a QPointer. Every write is a no-op once the
// client has gone.
class HttpResponder final : public QObject
{
    Q_OBJECT

public:
    explicit HttpResponder(HttpConnection *connection);

    // A whole response with a Content-Length body.
    void respond(int status, const HeaderList &headers, const QByteArray &body);
    // A streamed response (chunked): each writeChunk() is flushed to the socket at once.
    void startStream(int status, const HeaderList &headers);
    void writeChunk(const QByteArray &data);
    void endStream();

    bool isOpen() const;
    bool hasStarted() const { return m_started; }
    // Headers every response of this request carries (CORS, for instance).
    void addHeaders(const HeaderList &headers) { m_extra += headers; }

signals:
    // The client closed the connection before the response ended.
    void clientGone();

private:
    friend class HttpConnection;
    QPointer<HttpConnection> m_connection;
    bool m_started = false;
    bool m_finished = false;
    bool m_headOnly = false; // a HEAD request: headers only
    HeaderList m_extra;
};

// A small HTTP/1.1 server on QTcpServer: keep-alive, pipelined requests answered in order, chunked
// request bodies, 100-continue, HEAD, and limits on everything a client controls (the parser's:
// 431 for heads, 413 for bodies, 400 for garbage; here: deadlines for a head and for a body's
// progress (408), an idle timeout, a connection cap (503), and backpressure on pipelined input).
// Written for the local gateway, where every failure mode must be under our control.
class HttpServer final : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 64 * 1024;
        qsizetype maxBodyBytes = 4 * 1024 * 1024;
        int idleTimeoutMs = 60'000;        // a kept-alive connection with nothing to do
        int headTimeoutMs = 10'000;        // a request's head, from its first byte
        int bodyProgressWindowMs = 10'000; // a body must bring minBodyBytesPerSecond over each window
        int minBodyBytesPerSecond = 16 * 1024;
        int maxConnections = 1024;              // beyond: 503 and close
        qint64 maxPipelinedBytes = 1024 * 1024; // read ahead while a response is being written
    };
    using Handler = std::function<void(const HttpRequest &request, HttpResponder *responder)>;

    static constexpr int ListenBacklog = 1024;

    // Deadlines (idle, head, body progress) run on `clock`, which must outlive the server.
    explicit HttpServer(const Clock &clock, QObject *parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }
    QString errorString() const { return m_server.errorString(); }

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setLimits(const Limits &limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }
    const Clock &clock() const { return m_clock; }
    int openConnections() const;
    quint64 refusedConnections() const { return m_refused; } // over maxConnections
    qint64 bufferedInput() const; // read but not yet parsed, over all connections (tests)
    // Responders alive across all connections: one per request being answered, none for answered ones.
    int liveResponders() const;

    static QByteArray reasonPhrase(int status);

private:
    friend class HttpConnection;
    void onNewConnection();

    const Clock &m_clock;
    QTcpServer m_server;
    Handler m_handler;
    Limits m_limits;
    int m_open = 0;
    quint64 m_refused = 0;
    QList<QPointer<HttpConnection>> m_connections;
};
