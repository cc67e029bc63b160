#include "gateway/httpserver.h"

#include "gateway/httpparser.h"
#include "util/logging.h"

#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

// One client connection: reads requests one after another and answers them in order. Every wait
// has a deadline (the idle keep-alive, a request's head, its body's progress) and the input it holds
// is bounded: while a response is being written, it stops reading past a bound and the client's
// TCP window does the rest.
class HttpConnection final : public QObject
{
public:
    HttpConnection(HttpServer &server, QTcpSocket *socket)
        : QObject(&server)
        , m_server(server)
        , m_socket(socket)
        , m_parser(parserLimits(server.limits()))
        , m_idle(server.clock(),
                 [this] {
                     if (!m_responder && !m_parser.inProgress())
                         closeNow();
                 })
        , m_deadline(server.clock(), [this] { onDeadline(); })
        , m_discardDeadline(server.clock(), [this] { closeNow(); })
    {
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // each SSE event leaves at once
        // Qt stops reading from the kernel when this much waits unread: the bound behind backpressure.
        socket->setReadBufferSize(ReadChunk);
        connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
        m_idle.start(m_server.limits().idleTimeoutMs);
    }

    static constexpr qint64 ReadChunk = 256 * 1024;
    static constexpr qint64 DiscardMs = 5000;

    bool isOpen() const { return !m_gone && m_socket->state() == QAbstractSocket::ConnectedState; }

    // Everything written while one event is handled leaves in one send: a stream's chunks that
    // arrived together, or a head and its body, are not a system call each.
    void write(const QByteArray &bytes)
    {
        if (!isOpen())
            return;
        m_socket->write(bytes);
        if (!std::exchange(m_flushQueued, true))
            QMetaObject::invokeMethod(this, &HttpConnection::flushNow, Qt::QueuedConnection);
    }

    void flushNow()
    {
        m_flushQueued = false;
        if (isOpen())
            m_socket->flush();
    }

    // The end of a response leaves at once, with whatever was queued before it.
    void writeAndFlush(const QByteArray &bytes)
    {
        if (!isOpen())
            return;
        m_socket->write(bytes);
        m_socket->flush();
    }

    void responseFinished()
    {
        // The responder (and whatever hangs on it, such as the gateway's exchange) goes with its
        // response: a kept-alive connection holds nothing of the requests it has answered.
        if (HttpResponder *done = m_responder.data())
            done->deleteLater();
        m_responder = nullptr;
        if (m_closeAfter || !isOpen()) {
            closeNow();
            return;
        }
        // A pipelined request may already be waiting, in our buffer or unread in the socket.
        QTimer::singleShot(0, this, &HttpConnection::onReadyRead);
    }

    bool closeAfterResponse() const { return m_closeAfter; }
    qint64 bufferedInput() const { return m_parser.buffered(); }

private:
    static HttpRequestParser::Limits parserLimits(const HttpServer::Limits &l)
    {
        HttpRequestParser::Limits p;
        p.maxHeaderBytes = l.maxHeaderBytes;
        p.maxBodyBytes = l.maxBodyBytes;
        return p;
    }

    void onReadyRead()
    {
        if (m_discarding) {
            m_discardLeft -= m_socket->readAll().size();
            if (m_discardLeft <= 0)
                closeNow();
            return;
        }
        if (m_gone || m_closeAfter)
            return;
        // While a response is in flight, hold at most one bound of the next requests; the rest stays
        // in the socket (whose buffer is bounded too) until this one is answered.
        const qint64 room = m_server.limits().maxPipelinedBytes - m_parser.buffered();
        if (!m_responder || room > 0) {
            const QByteArray bytes = m_socket->read(m_responder ? std::min(room, ReadChunk) : ReadChunk * 4);
            if (!bytes.isEmpty()) {
                const bool wasIdle = !m_parser.inProgress();
                m_parser.append(bytes);
                if (wasIdle && !m_responder)
                    startHeadDeadline();
            }
        }
        processInput();
        if (!m_responder && !m_gone && !m_closeAfter && m_socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &HttpConnection::onReadyRead); // more than one read's worth
    }

    void onDisconnected()
    {
        if (m_gone)
            return;
        m_gone = true;
        m_idle.stop();
        m_deadline.stop();
        if (m_responder) {
            HttpResponder *r = m_responder;
            m_responder = nullptr;
            if (!r->m_finished)
                emit r->clientGone();
        }
        deleteLater();
    }

    void closeNow()
    {
        if (m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->disconnectFromHost(); // writes what is buffered first
    }

    // The head of a request must be whole within headTimeoutMs of its first byte.
    void startHeadDeadline()
    {
        m_idle.stop();
        m_inBody = false;
        m_deadline.start(m_server.limits().headTimeoutMs);
    }

    // A body must keep coming: at least minBodyBytesPerSecond over every body-progress window.
    void startBodyDeadline()
    {
        m_inBody = true;
        m_bodyAtLastCheck = m_parser.bodyReceived();
        m_deadline.start(m_server.limits().bodyProgressWindowMs);
    }

    void onDeadline()
    {
        if (m_responder || m_gone || m_discarding)
            return;
        if (!m_parser.inProgress()) {
            m_idle.start(m_server.limits().idleTimeoutMs);
            return;
        }
        const HttpServer::Limits &l = m_server.limits();
        if (!m_inBody)
            return fail(408, "the request head did not arrive in time");
        const qint64 received = m_parser.bodyReceived() + m_parser.buffered();
        const qint64 needed = qint64(l.minBodyBytesPerSecond) * l.bodyProgressWindowMs / 1000;
        if (received - m_bodyAtLastCheck < needed)
            return fail(408, "the request body is arriving too slowly");
        m_bodyAtLastCheck = received;
        m_deadline.start(l.bodyProgressWindowMs);
    }

    // An error answered by the server itself; the connection closes after it. When the client is
    // still sending a body (`unreadBody` bytes), that is read and dropped first (for at most 5 s),
    // or the close would reset the connection before the client reads the answer.
    void fail(int status, const QByteArray &message, qint64 unreadBody = 0)
    {
        m_closeAfter = true;
        m_deadline.stop();
        m_idle.stop();
        const QByteArray body =
            "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}";
        writeAndFlush("HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpServer::reasonPhrase(status) +
                      "\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        m_discardLeft = std::min<qint64>(unreadBody, 256LL * 1024 * 1024) - m_parser.buffered();
        if (m_discardLeft <= 0) {
            closeNow();
            return;
        }
        m_discarding = true;
        m_discardDeadline.start(DiscardMs);
    }

    void processInput()
    {
        while (!m_responder && !m_gone && !m_closeAfter) {
            const bool wasBody = m_parser.inBody();
            switch (m_parser.next()) {
            case HttpRequestParser::Status::Request:
                dispatch(m_parser.take());
                continue;
            case HttpRequestParser::Status::Error: {
                const HttpRequestParser::Error &e = m_parser.error();
                fail(e.status, e.message, e.unreadBody);
                return;
            }
            case HttpRequestParser::Status::NeedMore:
                if (m_parser.takeContinue())
                    write("HTTP/1.1 100 Continue\r\n\r\n");
                if (m_parser.inBody() && !wasBody)
                    startBodyDeadline();
                else if (!m_parser.inProgress())
                    m_idle.start(m_server.limits().idleTimeoutMs);
                return;
            }
        }
    }

    void dispatch(HttpRequest request)
    {
        m_deadline.stop();
        m_inBody = false;
        m_closeAfter = request.closeAfter;
        request.peer = m_socket->peerAddress();
        m_responder = new HttpResponder(this);
        m_responder->m_headOnly = request.method == "HEAD";
        if (m_server.m_handler)
            m_server.m_handler(request, m_responder);
        else
            m_responder->respond(404, {}, {});
        if (!m_responder && m_parser.inProgress() && !m_closeAfter)
            startHeadDeadline(); // answered at once, and the next request has begun
    }

    HttpServer &m_server;
    QTcpSocket *m_socket;
    HttpRequestParser m_parser;
    bool m_discarding = false;
    qint64 m_discardLeft = 0;
    bool m_closeAfter = false;
    bool m_gone = false;
    bool m_flushQueued = false;
    bool m_inBody = false;
    qint64 m_bodyAtLastCheck = 0;
    QPointer<HttpResponder> m_responder;
    // Every wait is on the server's clock (the engine's: tests move it instead of sleeping).
    ClockTimer m_idle;
    ClockTimer m_deadline;
    ClockTimer m_discardDeadline; // a refused body is read away for at most DiscardMs, then closed
};

HttpResponder::HttpResponder(HttpConnection *connection)
    : QObject(connection)
    , m_connection(connection)
{}

bool HttpResponder::isOpen() const
{
    return m_connection && m_connection->isOpen() && !m_finished;
}

namespace {
QByteArray headBytes(int status, const HeaderList &headers, const HeaderList &extra, bool close)
{
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpServer::reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    for (const auto &[name, value] : extra)
        head += name + ": " + value + "\r\n";
    head += "Server: Understudy\r\n";
    if (close)
        head += "Connection: close\r\n";
    return head;
}
} // namespace

void HttpResponder::respond(int status, const HeaderList &headers, const QByteArray &body)
{
    if (m_started || m_finished || !m_connection)
        return;
    m_started = true;
    m_finished = true;
    // A HEAD answer says how long the body would be, and sends none (RFC 9110 §9.3.2).
    m_connection->writeAndFlush(headBytes(status, headers, m_extra, m_connection->closeAfterResponse()) +
                                "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                                (m_headOnly ? QByteArray() : body));
    m_connection->responseFinished();
}

void HttpResponder::startStream(int status, const HeaderList &headers)
{
    if (m_started || m_finished || !m_connection)
        return;
    m_started = true;
    m_connection->write(headBytes(status, headers, m_extra, m_connection->closeAfterResponse()) +
                        (m_headOnly ? "Content-Length: 0\r\n\r\n" : "Transfer-Encoding: chunked\r\n\r\n"));
}

void HttpResponder::writeChunk(const QByteArray &data)
{
    if (!m_started || m_finished || !m_connection || data.isEmpty() || m_headOnly)
        return;
    m_connection->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpResponder::endStream()
{
    if (!m_started || m_finished || !m_connection)
        return;
    m_finished = true;
    m_connection->writeAndFlush(m_headOnly ? QByteArray() : QByteArray("0\r\n\r\n"));
    m_connection->responseFinished();
}

HttpServer::HttpServer(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer() = default;

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    // Qt's default backlog is 50: a burst of new clients beyond it (a load balancer opening its
    // pool, 200 SDK clients at once) would have their SYNs dropped and retried a second later.
    m_server.setListenBacklogSize(ListenBacklog);
    return m_server.listen(address, port);
}

void HttpServer::close()
{
    m_server.close();
    for (const QPointer<HttpConnection> &c : std::as_const(m_connections)) {
        if (c)
            c->deleteLater();
    }
    m_connections.clear();
}

int HttpServer::openConnections() const
{
    return m_open;
}

qint64 HttpServer::bufferedInput() const
{
    qint64 n = 0;
    for (const QPointer<HttpConnection> &c : m_connections)
        n += c ? c->bufferedInput() : 0;
    return n;
}

int HttpServer::liveResponders() const
{
    int n = 0;
    for (const QPointer<HttpConnection> &c : m_connections)
        n += c ? int(c->findChildren<HttpResponder *>(Qt::FindDirectChildrenOnly).size()) : 0;
    return n;
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_open >= m_limits.maxConnections) {
            // Full: a clear answer, then close (each connection costs a file descriptor, and they
            // are finite). The socket goes away once the answer is out.
            ++m_refused;
            const QByteArray body =
                "{\"error\":{\"message\":\"too many connections to this Understudy gateway\","
                "\"type\":\"server_error\",\"code\":\"too_many_connections\"}}";
            socket->write(
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: "
                "1\r\nConnection: close\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n" + body);
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->disconnectFromHost();
            QTimer::singleShot(2000, socket, [socket] { socket->abort(); });
            continue;
        }
        m_connections.removeIf([](const QPointer<HttpConnection> &c) { return c.isNull(); });
        auto *c = new HttpConnection(*this, socket);
        ++m_open;
        connect(c, &QObject::destroyed, this, [this] { --m_open; });
        m_connections.append(c);
    }
}

QByteArray HttpServer::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 204:
        return "No Content";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}
