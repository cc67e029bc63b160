#include "providers/sseparser.h"

#include <utility>

QList<SseEvent> SseParser::feed(QByteArrayView bytes)
{
    QList<SseEvent> out;
    if (m_overflowed)
        return out;
    m_bytes += bytes.size();
    if (!m_checkedBom) {
        // A UTF-8 BOM may open the stream, possibly split across reads: hold bytes until decided.
        static constexpr QByteArrayView bom("\xEF\xBB\xBF");
        qsizetype i = 0;
        while (i < bytes.size() && m_bomPrefix.size() < 3 &&
               bom.startsWith(QByteArray(m_bomPrefix + bytes[i])))
            m_bomPrefix += bytes[i++];
        if (m_bomPrefix.size() == 3) {
            m_checkedBom = true;
            m_bomPrefix.clear();
        } else if (i < bytes.size()) {
            m_checkedBom = true;
            const QByteArray prefix = std::exchange(m_bomPrefix, {});
            consume(prefix, out);
        } else {
            return out;
        }
        bytes = bytes.sliced(i);
    }
    consume(bytes, out);
    return out;
}

void SseParser::consume(QByteArrayView bytes, QList<SseEvent> &out)
{
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    if (m_lastWasCR && n > 0 && bytes[0] == '\n')
        i = 1; // the LF of a CRLF split across reads: the line already ended at the CR
    m_lastWasCR = false;
    while (i < n) {
        qsizetype j = i;
        while (j < n && bytes[j] != '\n' && bytes[j] != '\r')
            ++j;
        if (m_line.size() + (j - i) > MaxEventBytes) {
            m_overflowed = true;
            m_line.clear();
            return;
        }
        m_line.append(bytes.sliced(i, j - i));
        if (j == n)
            break;
        processLine(m_line, out);
        m_line.clear();
        if (m_overflowed)
            return;
        if (bytes[j] == '\r') {
            if (j + 1 < n) {
                if (bytes[j + 1] == '\n')
                    ++j;
            } else {
                m_lastWasCR = true;
            }
        }
        i = j + 1;
    }
}

void SseParser::processLine(QByteArrayView line, QList<SseEvent> &out)
{
    if (line.isEmpty()) { // a blank line dispatches the event
        if (m_hasData) {
            if (m_current.data.endsWith('\n'))
                m_current.data.chop(1);
            out.append(m_current);
        }
        m_current = SseEvent();
        m_hasData = false;
        m_pendingFields = false;
        return;
    }
    if (line.startsWith(':')) {
        ++m_comments;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    m_pendingFields = true;
    if (field == "data") {
        if (m_current.data.size() + value.size() + 1 > MaxEventBytes) {
            m_overflowed = true;
            m_current = SseEvent();
            return;
        }
        m_current.data += value;
        m_current.data += '\n';
        m_hasData = true;
    } else if (field == "event") {
        m_current.event = value.toByteArray();
    } else if (field == "id") {
        m_current.id = value.toByteArray();
    }
    // "retry" and unknown fields are ignored, as the spec says.
}

bool SseParser::hasPartialEvent() const
{
    return m_pendingFields || !m_line.isEmpty() || !m_bomPrefix.isEmpty();
}
