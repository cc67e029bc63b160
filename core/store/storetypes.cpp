#include "store/storetypes.h"

#include "util/enumnames.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<MessageStatus> MessageStatusNames[] = {
    {MessageStatus::Complete, "complete"_L1},
    {MessageStatus::Streaming, "streaming"_L1},
    {MessageStatus::Incomplete, "incomplete"_L1},
};

} // namespace

QString messageStatusName(MessageStatus status)
{
    return enumName(MessageStatusNames, status);
}

MessageStatus messageStatusFromName(const QString &name)
{
    return enumFromName(MessageStatusNames, name).value_or(MessageStatus::Incomplete);
}

int SpendDay::dayOf(const QDate &d)
{
    return d.year() * 10000 + d.month() * 100 + d.day();
}

int SpendDay::dayOf(qint64 atMs)
{
    // Local time costs a time-zone lookup (a stat of /etc/localtime) per conversion: remember the
    // bounds of the last day seen, per thread, and convert only when a time falls outside them.
    thread_local qint64 start = 0;
    thread_local qint64 end = 0;
    thread_local int day = 0;
    if (atMs >= start && atMs < end)
        return day;
    const QDate date = QDateTime::fromMSecsSinceEpoch(atMs).date();
    day = dayOf(date);
    start = date.startOfDay().toMSecsSinceEpoch();
    end = date.addDays(1).startOfDay().toMSecsSinceEpoch();
    if (atMs < start || atMs >= end) { // a day that does not start at midnight: do not cache
        start = end = 0;
    }
    return day;
}

QDate SpendDay::dateOf(int day)
{
    return QDate(day / 10000, day / 100 % 100, day % 100);
}

void SpendDay::add(const SpendRecord &r)
{
    ++attempts;
    inputTokens += r.inputTokens;
    outputTokens += r.outputTokens;
    cost += r.cost;
    primaryCost += r.primaryCost;
}

void SpendDay::add(const SpendDay &o)
{
    attempts += o.attempts;
    inputTokens += o.inputTokens;
    outputTokens += o.outputTokens;
    cost += o.cost;
    primaryCost += o.primaryCost;
}

void applyResult(StoredMessage &m, const ChatResult &r)
{
    m.content = r.content;
    m.status = r.complete ? MessageStatus::Complete : MessageStatus::Incomplete;
    m.requestId = r.requestId;
    m.tier = r.tier;
    m.provider = r.provider;
    m.model = r.model;
    m.usage = r.usage;
    m.cost = r.cost;
    m.latencyMs = r.latencyMs;
    m.ttftMs = r.ttftMs;
    m.level = r.level;
    m.source = r.source;
    m.error = r.complete ? QString() : (errorClassDescription(r.error) + u": " + r.errorMessage);
    m.metaJson = QJsonDocument(ResultJson::toJson(r)).toJson(QJsonDocument::Compact);
}

bool StoredMessage::fellBack() const
{
    const QJsonObject meta = QJsonDocument::fromJson(metaJson).object();
    for (const QJsonValue a : meta.value("attempts"_L1).toArray()) {
        const QJsonObject o = a.toObject();
        if (o.value("tier"_L1).toString() != tier && o.value("outcome"_L1).toString() != u"success")
            return true;
    }
    return false;
}
