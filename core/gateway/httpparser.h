#pragma once

#include "gateway/httprequest.h"

#include <QByteArray>

// HTTP/1.1 requests out of a byte stream, one after another: the request line and headers,
// Content-Length or chunked bodies (with extensions and trailers), Expect: 100-continue. Pure: no
// socket, no timer (HttpServer adds those), so it is fuzzed as it is (bench/fuzz). Every size is
// bounded and checked without overflow: a head over maxHeaderBytes is 431, a body over
// maxBodyBytes (declared, or summed over chunks) is 413 at once, garbage is 400.
class HttpRequestParser
{
public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 64 * 1024;
        qsizetype maxBodyBytes = 4 * 1024 * 1024;
        int maxHeaders = 100;
    };
    enum class Status
    {
        NeedMore, // give it more bytes
        Request,  // a whole request is ready: take() it
        Error,    // error() says what to answer; the connection closes after it
    };
    struct Error
    {
        int status = 400;
        QByteArray message;
        qint64 unreadBody = 0; // body bytes the client is still about to send (read and drop them)
    };

    HttpRequestParser();
    explicit HttpRequestParser(const Limits &limits);
    void setLimits(const Limits &limits) { m_limits = limits; }

    void append(QByteArrayView bytes);
    Status next();
    HttpRequest take();
    const Error &error() const { return m_error; }

    qsizetype buffered() const { return m_in.size() - m_pos; }
    // A request has begun (its first bytes are in) and is not whole yet.
    bool inProgress() const { return m_state != State::Head || !m_in.isEmpty(); }
    bool inBody() const { return m_state != State::Head && m_state != State::Failed; }
    qint64 bodyReceived() const { return m_request.body.size(); }
    // The client asked for 100 Continue and the body has not started: answer it once.
    bool takeContinue();

private:
    enum class State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkTrailer,
        Failed,
    };
    Status fail(int status, const QByteArray &message, qint64 unreadBody = 0);
    bool parseHead(QByteArrayView head);
    Status step();

    Limits m_limits;
    QByteArray m_in;
    qsizetype m_pos = 0; // consumed bytes of m_in not yet removed
    State m_state = State::Head;
    qint64 m_remaining = 0;
    qsizetype m_searched = 0; // where the head can still end (bytes before it are searched)
    qint64 m_trailerBytes = 0;
    bool m_progress = false; // the last step consumed something: try another
    bool m_expectContinue = false;
    HttpRequest m_request;
    Error m_error;
};
