#include "gateway/httpserver.h"

#include "util/logging.h"

#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

// One client connection: reads requests one after another and answers them in order.
class HttpConnection final : public QObject
{
public:
    HttpConnection(HttpServer &server, QTcpSocket *socket)
        : QObject(&server)
        , m_server(server)
        , m_socket(socket)
    {
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // each SSE event leaves at once
        connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
        m_idle.setSingleShot(true);
        connect(&m_idle, &QTimer::timeout, this, [this] {
            if (!m_responder)
                closeNow();
        });
        m_idle.start(m_server.limits().idleTimeoutMs);
    }

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
        m_idle.start(m_server.limits().idleTimeoutMs);
        // A pipelined request may already be waiting.
        QTimer::singleShot(0, this, &HttpConnection::processInput);
    }

    bool closeAfterResponse() const { return m_closeAfter; }

private:
    enum class State
    {
        Discard, // after refusing a body: read and drop it, so the client sees the answer, not a reset
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkTrailer,
    };

    void onReadyRead()
    {
        if (m_state == State::Discard) {
            m_discardLeft -= m_socket->readAll().size();
            if (m_discardLeft <= 0)
                closeNow();
            return;
        }
        m_in += m_socket->readAll();
        processInput();
    }

    void onDisconnected()
    {
        if (m_gone)
            return;
        m_gone = true;
        m_idle.stop();
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

    // An error answered by the server itself; the connection closes after it. When the client is
    // still sending a body (`unreadBody` bytes), that is read and dropped first (for at most 5 s),
    // or the close would reset the connection before the client reads the answer.
    void fail(int status, const QByteArray &message, qint64 unreadBody = 0)
    {
        m_closeAfter = true;
        const QByteArray body =
            "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}";
        write("HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpServer::reasonPhrase(status) +
              "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
              "\r\nConnection: close\r\n\r\n" + body);
        m_discardLeft = unreadBody - m_in.size();
        m_in.clear();
        if (m_discardLeft <= 0) {
            closeNow();
            return;
        }
        m_state = State::Discard;
        m_idle.stop();
        QTimer::singleShot(5000, this, &HttpConnection::closeNow);
    }

    void processInput()
    {
        while (!m_responder && !m_gone && !m_closeAfter) {
            if (!parseStep())
                return;
        }
    }

    // Advances the parser; true when it made progress and may continue.
    bool parseStep()
    {
        const HttpServer::Limits &limits = m_server.limits();
        switch (m_state) {
        case State::Head: {
            qsizetype end = m_in.indexOf("\r\n\r\n");
            qsizetype sep = 4;
            if (end < 0) {
                end = m_in.indexOf("\n\n");
                sep = 2;
            }
            if (end < 0) {
                if (m_in.size() > limits.maxHeaderBytes)
                    fail(431, "request headers too large");
                return false;
            }
            if (end > limits.maxHeaderBytes) {
                fail(431, "request headers too large");
                return false;
            }
            if (!parseHead(m_in.left(end)))
                return false;
            m_in.remove(0, end + sep);
            m_idle.stop();
            return true;
        }
        case State::Body:
            if (m_in.size() < m_remaining)
                return sendContinue();
            m_request.body += m_in.left(m_remaining);
            m_in.remove(0, m_remaining);
            dispatch();
            return true;
        case State::ChunkSize: {
            const qsizetype eol = m_in.indexOf("\r\n");
            if (eol < 0)
                return m_in.size() > 1024 ? (fail(400, "bad chunk size"), false) : sendContinue();
            bool ok = false;
            const qint64 size = m_in.left(eol).split(';').first().trimmed().toLongLong(&ok, 16);
            m_in.remove(0, eol + 2);
            if (!ok || size < 0) {
                fail(400, "bad chunk size");
                return false;
            }
            if (m_request.body.size() + size > limits.maxBodyBytes) {
                fail(413, "request body too large", std::min<qint64>(size, 256 * 1024 * 1024));
                return false;
            }
            m_remaining = size;
            m_state = size == 0 ? State::ChunkTrailer : State::ChunkData;
            return true;
        }
        case State::ChunkData:
            if (m_in.size() < m_remaining + 2)
                return false;
            m_request.body += m_in.left(m_remaining);
            m_in.remove(0, m_remaining + 2);
            m_state = State::ChunkSize;
            return true;
        case State::Discard:
            return false;
        case State::ChunkTrailer: {
            const qsizetype end = m_in.indexOf("\r\n");
            if (end < 0)
                return false;
            m_in.remove(0, end + 2);
            if (end == 0) // the blank line after the last chunk
                dispatch();
            return true;
        }
        }
        return false;
    }

    bool sendContinue()
    {
        if (m_expectContinue) {
            m_expectContinue = false;
            write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        return false;
    }

    bool parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        m_request = HttpRequest();
        m_request.peer = m_socket->peerAddress();
        if (requestLine.size() != 3 || requestLine.at(0).isEmpty() || !requestLine.at(1).startsWith('/') ||
            !requestLine.at(2).startsWith("HTTP/1.")) {
            fail(400, "malformed request line");
            return false;
        }
        for (char c : requestLine.at(0)) {
            if (c < 'A' || c > 'Z') {
                fail(400, "malformed request line");
                return false;
            }
        }
        m_request.method = requestLine.at(0);
        m_request.target = requestLine.at(1);
        m_request.version = requestLine.at(2);
        const qsizetype q = m_request.target.indexOf('?');
        m_request.path = q < 0 ? m_request.target : m_request.target.left(q);
        m_request.query = q < 0 ? QByteArray() : m_request.target.mid(q + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.isEmpty())
                continue;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                fail(400, "malformed header line");
                return false;
            }
            m_request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        const QByteArray connection = m_request.header("connection").toLower();
        m_closeAfter = false;
        m_closeAfterResponse = connection.contains("close") ||
                               (m_request.version == "HTTP/1.0" && !connection.contains("keep-alive"));
        m_expectContinue = m_request.header("expect").toLower() == "100-continue";
        const QByteArray te = m_request.header("transfer-encoding").toLower();
        if (te.contains("chunked")) {
            m_state = State::ChunkSize;
            return true;
        }
        const QByteArray length = m_request.header("content-length");
        bool ok = true;
        m_remaining = length.isEmpty() ? 0 : length.toLongLong(&ok);
        if (!ok || m_remaining < 0) {
            fail(400, "bad Content-Length");
            return false;
        }
        if (m_remaining > m_server.limits().maxBodyBytes) {
            fail(413, "request body too large", std::min<qint64>(m_remaining, 256 * 1024 * 1024));
            return false;
        }
        m_state = State::Body;
        return true;
    }

    void dispatch()
    {
        m_state = State::Head;
        m_expectContinue = false;
        m_closeAfter = m_closeAfterResponse;
        m_responder = new HttpResponder(this);
        const HttpRequest request = std::move(m_request);
        m_request = HttpRequest();
        if (m_server.m_handler)
            m_server.m_handler(request, m_responder);
        else
            m_responder->respond(404, {}, {});
    }

    HttpServer &m_server;
    QTcpSocket *m_socket;
    QByteArray m_in;
    State m_state = State::Head;
    qint64 m_remaining = 0;
    qint64 m_discardLeft = 0;
    HttpRequest m_request;
    bool m_expectContinue = false;
    bool m_closeAfterResponse = false;
    bool m_closeAfter = false;
    bool m_gone = false;
    bool m_flushQueued = false;
    QPointer<HttpResponder> m_responder;
    QTimer m_idle;
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
QByteArray headBytes(int status, const HeaderList &headers, bool close)
{
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpServer::reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
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
    m_connection->writeAndFlush(headBytes(status, headers, m_connection->closeAfterResponse()) +
                                "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    m_connection->responseFinished();
}

void HttpResponder::startStream(int status, const HeaderList &headers)
{
    if (m_started || m_finished || !m_connection)
        return;
    m_started = true;
    m_connection->write(headBytes(status, headers, m_connection->closeAfterResponse()) +
                        "Transfer-Encoding: chunked\r\n\r\n");
}

void HttpResponder::writeChunk(const QByteArray &data)
{
    if (!m_started || m_finished || !m_connection || data.isEmpty())
        return;
    m_connection->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpResponder::endStream()
{
    if (!m_started || m_finished || !m_connection)
        return;
    m_finished = true;
    m_connection->writeAndFlush("0\r\n\r\n");
    m_connection->responseFinished();
}

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
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
    int n = 0;
    for (const QPointer<HttpConnection> &c : m_connections)
        n += c ? 1 : 0;
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
        m_connections.removeIf([](const QPointer<HttpConnection> &c) { return c.isNull(); });
        m_connections.append(new HttpConnection(*this, socket));
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
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}
