#pragma once

#include "providers/chattypes.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <functional>

class HttpConnection;

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    QByteArray path;
    QByteArray query;
    QByteArray version; // "HTTP/1.1"
    HeaderList headers;
    QByteArray body;
    QHostAddress peer;

    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

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

signals:
    // The client closed the connection before the response ended.
    void clientGone();

private:
    friend class HttpConnection;
    QPointer<HttpConnection> m_connection;
    bool m_started = false;
    bool m_finished = false;
};

// A small HTTP/1.1 server on QTcpServer: keep-alive, pipelined requests answered in order, chunked
// request bodies, 100-continue, and limits (431 for headers, 413 for bodies, 400 for garbage, idle
// timeout). Written for the local gateway, where every failure mode must be under our control.
class HttpServer final : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 64 * 1024;
        qsizetype maxBodyBytes = 4 * 1024 * 1024;
        int idleTimeoutMs = 60'000;
    };
    using Handler = std::function<void(const HttpRequest &request, HttpResponder *responder)>;

    static constexpr int ListenBacklog = 1024;

    explicit HttpServer(QObject *parent = nullptr);
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
    int openConnections() const;
    // Responders alive across all connections: one per request being answered, none for answered ones.
    int liveResponders() const;

    static QByteArray reasonPhrase(int status);

private:
    friend class HttpConnection;
    void onNewConnection();

    QTcpServer m_server;
    Handler m_handler;
    Limits m_limits;
    QList<QPointer<HttpConnection>> m_connections;
};
