#include "providers/contextreducer.h"

#include <QTextBoundaryFinder>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ContextReducer {

qint64 estimateTokens(QStringView text, ProviderKind family)
{
    qint64 narrow = 0;
    qint64 wide = 0;
    for (const QChar c : text) {
        if (c.isLowSurrogate())
            continue; // a surrogate pair is one character
        if (c.unicode() >= 0x2E80 || c.isHighSurrogate())
            ++wide;
        else
            ++narrow;
    }
    const double perToken = family == ProviderKind::Anthropic ? 3.5 : 4.0;
    return wide + qint64(std::ceil(double(narrow) / perToken));
}

qint64 estimateMessage(const ChatMessage &message, ProviderKind family)
{
    return estimateTokens(message.content, family) +
           (family == ProviderKind::OpenAi || family == ProviderKind::Simulated ? 4 : 3);
}

qint64 estimateConversation(const QList<ChatMessage> &messages, ProviderKind family)
{
    qint64 total = 0;
    for (const ChatMessage &m : messages)
        total += estimateMessage(m, family);
    return total;
}

namespace {

// The longest tail of `text` that fits `budget` tokens, starting on a grapheme boundary.
QString tailWithin(const QString &text, qint64 budget, ProviderKind family)
{
    if (budget <= 0)
        return {};
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    // Binary search over grapheme boundaries for the earliest start whose tail fits.
    QList<qsizetype> boundaries;
    finder.toStart();
    for (qsizetype p = finder.position(); p >= 0; p = finder.toNextBoundary())
        boundaries << p;
    qsizetype lo = 0;
    qsizetype hi = boundaries.size() - 1; // the end: an empty tail always fits
    while (lo < hi) {
        const qsizetype mid = (lo + hi) / 2;
        if (estimateTokens(QStringView(text).mid(boundaries.at(mid)), family) <= budget)
            hi = mid;
        else
            lo = mid + 1;
    }
    return text.mid(boundaries.at(lo));
}

} // namespace

Reduced reduce(const QList<ChatMessage> &messages, qint64 budget, ProviderKind family)
{
    Reduced out;
    qint64 used = 0;
    QList<ChatMessage> system;
    for (const ChatMessage &m : messages) {
        if (m.role == Role::System) {
            system << m;
            used += estimateMessage(m, family);
        }
    }
    // Newest first, as long as they fit; the first that does not fit is cut to its end, once.
    QList<ChatMessage> kept;
    qsizetype i = messages.size() - 1;
    for (; i >= 0; --i) {
        const ChatMessage &m = messages.at(i);
        if (m.role == Role::System)
            continue;
        const qint64 cost = estimateMessage(m, family);
        if (used + cost <= budget) {
            kept.prepend(m);
            used += cost;
            continue;
        }
        const qint64 room = budget - used - (estimateMessage({m.role, QString()}, family)) - 1;
        const QString tail = tailWithin(m.content, room, family);
        if (!tail.isEmpty() && (kept.isEmpty() || tail.size() >= 16)) {
            ChatMessage cut{m.role, u"…"_s + tail};
            kept.prepend(cut);
            used += estimateMessage(cut, family);
            out.truncated = true;
        } else {
            ++out.dropped;
        }
        --i;
        break;
    }
    for (; i >= 0; --i) {
        if (messages.at(i).role != Role::System)
            ++out.dropped;
    }
    out.messages = system + kept;
    out.tokens = used;
    return out;
}

QList<ChatMessage> minimal(const QList<ChatMessage> &messages)
{
    QList<ChatMessage> out;
    for (const ChatMessage &m : messages) {
        if (m.role == Role::System)
            out << m;
    }
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        if (messages.at(i).role == Role::User) {
            out << messages.at(i);
            break;
        }
    }
    return out;
}

} // namespace ContextReducer
