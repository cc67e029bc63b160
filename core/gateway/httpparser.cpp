#include "gateway/httpparser.h"

#include <limits>

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\r'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
        v.chop(1);
    return v;
}

// A decimal Content-Length: digits only, at most 18 of them (no sign, no overflow). -1 if not.
qint64 decimal(QByteArrayView v)
{
    if (v.isEmpty() || v.size() > 18)
        return -1;
    qint64 n = 0;
    for (const char c : v) {
        if (c < '0' || c > '9')
            return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

// A chunk size in hex, stopping at `cap`: values above it come back as cap + 1, however many digits
// follow (so "7fffffffffffffff" and "ffffffffffffffffffff" are "too big", never a wrapped number).
// -1 when it is not hex at all.
qint64 hexCapped(QByteArrayView v, qint64 cap)
{
    if (v.isEmpty())
        return -1;
    qint64 n = 0;
    for (const char c : v) {
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        if (n > cap)
            continue; // already too big: keep validating the digits only
        n = n * 16 + d;
    }
    return n > cap ? cap + 1 : n;
}

} // namespace

HttpRequestParser::HttpRequestParser()
    : HttpRequestParser(Limits{})
{}

HttpRequestParser::HttpRequestParser(const Limits &limits)
    : m_limits(limits)
{}

void HttpRequestParser::append(QByteArrayView bytes)
{
    if (m_state == State::Failed)
        return;
    if (m_pos > 0 && m_pos >= m_in.size() / 2) { // drop what was consumed, now and then
        m_in.remove(0, m_pos);
        m_pos = 0;
    }
    m_in.append(bytes);
}

bool HttpRequestParser::takeContinue()
{
    return std::exchange(m_expectContinue, false);
}

HttpRequest HttpRequestParser::take()
{
    HttpRequest r = std::move(m_request);
    m_request = HttpRequest();
    return r;
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QByteArray &message, qint64 unreadBody)
{
    m_state = State::Failed;
    m_error = {status, message, unreadBody};
    m_in.clear();
    m_pos = 0;
    return Status::Error;
}

HttpRequestParser::Status HttpRequestParser::next()
{
    if (m_state == State::Failed)
        return Status::Error;
    for (;;) {
        const Status s = step();
        if (s != Status::NeedMore || m_state == State::Failed)
            return s;
        // step() returns NeedMore both for "progress made, go on" and "wait": it tells them apart
        // through m_progress.
        if (!std::exchange(m_progress, false))
            return Status::NeedMore;
    }
}

HttpRequestParser::Status HttpRequestParser::step()
{
    const QByteArrayView in = QByteArrayView(m_in).sliced(m_pos);
    switch (m_state) {
    case State::Failed:
        return Status::Error;
    case State::Head: {
        // Stray blank lines before a request are ignored (RFC 9112 §2.2).
        if (m_searched == 0 && !in.isEmpty() && (in.front() == '\n' || in.startsWith("\r\n"))) {
            m_pos += in.front() == '\n' ? 1 : 2;
            m_progress = true;
            return Status::NeedMore;
        }
        if (in == "\r")
            return Status::NeedMore;
        // The head ends at its first empty line: LF LF or LF CR LF, whichever comes first. The
        // search resumes where the last one stopped (m_searched: where the head could still end),
        // so the outcome never depends on how the bytes were split into reads.
        qsizetype end = -1;
        qsizetype sep = 0;
        qsizetype p = in.indexOf('\n', m_searched);
        while (p >= 0) {
            if (p + 1 >= in.size())
                break; // wait for the byte after it
            if (in.at(p + 1) == '\n') {
                end = p;
                sep = 2;
                break;
            }
            if (in.at(p + 1) == '\r') {
                if (p + 2 >= in.size())
                    break;
                if (in.at(p + 2) == '\n') {
                    end = p;
                    sep = 3;
                    break;
                }
            }
            p = in.indexOf('\n', p + 1);
        }
        if (end < 0) {
            m_searched = p >= 0 ? p : in.size(); // the earliest the head can still end
            if (m_searched > m_limits.maxHeaderBytes)
                return fail(431, "request headers too large");
            return Status::NeedMore;
        }
        m_searched = 0;
        if (end > m_limits.maxHeaderBytes)
            return fail(431, "request headers too large");
        if (!parseHead(in.first(end)))
            return Status::Error;
        m_pos += end + sep;
        m_progress = true;
        if (m_state == State::Head) // no body
            return Status::Request;
        return Status::NeedMore;
    }
    case State::Body:
        if (in.size() < m_remaining)
            return Status::NeedMore;
        m_request.body.append(in.first(m_remaining));
        m_pos += m_remaining;
        m_state = State::Head;
        m_expectContinue = false;
        return Status::Request;
    case State::ChunkSize: {
        // A chunk-size line (with its extensions) is at most MaxChunkLine bytes, judged the same
        // whether or not its CRLF has arrived yet.
        constexpr qsizetype MaxChunkLine = 1024;
        const qsizetype eol = in.indexOf("\r\n");
        if (eol < 0)
            return in.size() - (in.endsWith('\r') ? 1 : 0) > MaxChunkLine ? fail(400, "bad chunk size")
                                                                          : Status::NeedMore;
        if (eol > MaxChunkLine)
            return fail(400, "bad chunk size");
        QByteArrayView line = in.first(eol);
        const qsizetype ext = line.indexOf(';');
        if (ext >= 0)
            line = line.first(ext);
        const qint64 room = m_limits.maxBodyBytes - m_request.body.size();
        const qint64 size = hexCapped(trimmed(line), room);
        if (size < 0)
            return fail(400, "bad chunk size");
        if (size > room)
            return fail(413, "request body too large");
        m_pos += eol + 2;
        m_remaining = size;
        m_state = size == 0 ? State::ChunkTrailer : State::ChunkData;
        m_trailerBytes = 0;
        m_progress = true;
        return Status::NeedMore;
    }
    case State::ChunkData:
        if (in.size() < m_remaining + 2)
            return Status::NeedMore;
        if (in.at(m_remaining) != '\r' || in.at(m_remaining + 1) != '\n')
            return fail(400, "chunk data does not end in CRLF");
        m_request.body.append(in.first(m_remaining));
        m_pos += m_remaining + 2;
        m_state = State::ChunkSize;
        m_progress = true;
        return Status::NeedMore;
    case State::ChunkTrailer: {
        const qsizetype eol = in.indexOf("\r\n");
        if (eol < 0) // the line so far, and its CRLF to come, already too much?
            return m_trailerBytes + in.size() - (in.endsWith('\r') ? 1 : 0) + 2 > m_limits.maxHeaderBytes
                       ? fail(431, "request trailers too large")
                       : Status::NeedMore;
        m_trailerBytes += eol + 2;
        if (m_trailerBytes > m_limits.maxHeaderBytes)
            return fail(431, "request trailers too large");
        m_pos += eol + 2;
        if (eol > 0) { // a trailer field: ignored
            m_progress = true;
            return Status::NeedMore;
        }
        m_state = State::Head;
        m_expectContinue = false;
        return Status::Request;
    }
    }
    return Status::NeedMore;
}

bool HttpRequestParser::parseHead(QByteArrayView head)
{
    qsizetype lineEnd = head.indexOf('\n');
    const QByteArrayView requestLine = trimmed(lineEnd < 0 ? head : head.first(lineEnd));
    m_request = HttpRequest();
    // METHOD SP target SP HTTP/1.x
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
        fail(400, "malformed request line");
        return false;
    }
    const QByteArrayView method = requestLine.first(sp1);
    const QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    for (const char c : method) {
        if (c < 'A' || c > 'Z') {
            fail(400, "malformed request line");
            return false;
        }
    }
    if (target.isEmpty() || target.front() != '/' || (version != "HTTP/1.1" && version != "HTTP/1.0")) {
        fail(400, "malformed request line");
        return false;
    }
    for (const char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            fail(400, "malformed request line");
            return false;
        }
    }
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    m_request.version = version.toByteArray();
    const qsizetype q = m_request.target.indexOf('?');
    m_request.path = q < 0 ? m_request.target : m_request.target.left(q);
    m_request.query = q < 0 ? QByteArray() : m_request.target.mid(q + 1);

    QByteArrayView rest = lineEnd < 0 ? QByteArrayView() : head.sliced(lineEnd + 1);
    qint64 contentLength = -1;
    bool chunked = false;
    while (!rest.isEmpty()) {
        lineEnd = rest.indexOf('\n');
        QByteArrayView line = lineEnd < 0 ? rest : rest.first(lineEnd);
        rest = lineEnd < 0 ? QByteArrayView() : rest.sliced(lineEnd + 1);
        if (!line.isEmpty() && line.back() == '\r')
            line.chop(1);
        if (line.isEmpty())
            continue;
        if (line.front() == ' ' || line.front() == '\t') { // obsolete line folding: refused (RFC 9112)
            fail(400, "malformed header line");
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(400, "malformed header line");
            return false;
        }
        const QByteArrayView name = line.first(colon);
        for (const char c : name) {
            if (!isTokenChar(c)) { // also refuses "Name :" (smuggling by whitespace)
                fail(400, "malformed header line");
                return false;
            }
        }
        if (m_request.headers.size() >= m_limits.maxHeaders) {
            fail(431, "too many request headers");
            return false;
        }
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            const qint64 n = decimal(value);
            if (n < 0 || (contentLength >= 0 && n != contentLength)) {
                fail(400, "bad Content-Length");
                return false;
            }
            contentLength = n;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            // Only "chunked" is understood, and only as the one coding (anything else is refused
            // rather than guessed at: request smuggling lives in that gap).
            if (value.compare("chunked", Qt::CaseInsensitive) != 0 || chunked) {
                fail(501, "only Transfer-Encoding: chunked is supported");
                return false;
            }
            chunked = true;
        }
        m_request.headers.append({name.toByteArray(), value.toByteArray()});
    }
    if (chunked && contentLength >= 0) {
        fail(400, "both Content-Length and Transfer-Encoding");
        return false;
    }
    const QByteArray connection = m_request.header("connection").toLower();
    m_request.closeAfter = connection.contains("close") ||
                           (m_request.version == "HTTP/1.0" && !connection.contains("keep-alive"));
    m_expectContinue = m_request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0;
    if (chunked) {
        m_state = State::ChunkSize;
        return true;
    }
    if (contentLength > m_limits.maxBodyBytes) {
        fail(413, "request body too large", contentLength);
        return false;
    }
    m_remaining = std::max<qint64>(0, contentLength);
    m_state = m_remaining > 0 ? State::Body : State::Head;
    if (m_state == State::Head)
        m_expectContinue = false;
    return true;
}
