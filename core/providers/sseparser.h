#pragma once

#include <QByteArray>
#include <QList>

// An incremental parser of Server-Sent Events (the WHATWG event-stream format), shared by every
// adapter: CRLF, LF or CR line ends (also split across reads), comment lines, multi-line data,
// event names, a leading BOM. Feed it bytes as they arrive; it returns the events completed so far.
struct SseEvent
{
    QByteArray event; // the "event:" field; empty means "message"
    QByteArray data;  // "data:" lines joined with '\n'
    QByteArray id;
};

class SseParser
{
public:
    // A line, or an event's data, longer than this is not an event but an attack or a broken
    // server: the parser stops and says so (overflowed()), instead of buffering without end.
    static constexpr qsizetype MaxEventBytes = 8 * 1024 * 1024;

    QList<SseEvent> feed(QByteArrayView bytes);
    bool overflowed() const { return m_overflowed; }

    // True when bytes of an event arrived that no blank line completed (a stream cut mid-event).
    bool hasPartialEvent() const;
    int commentCount() const { return m_comments; }
    qint64 bytesSeen() const { return m_bytes; }

private:
    void consume(QByteArrayView bytes, QList<SseEvent> &out);
    void processLine(QByteArrayView line, QList<SseEvent> &out);

    QByteArray m_line;
    QByteArray m_bomPrefix;
    SseEvent m_current;
    bool m_hasData = false;
    bool m_pendingFields = false;
    bool m_lastWasCR = false;
    bool m_checkedBom = false;
    bool m_overflowed = false;
    int m_comments = 0;
    qint64 m_bytes = 0;
};
