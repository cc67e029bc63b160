#include "engine/chatresult.h"

#include "util/enumnames.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<AttemptRecord::Outcome> AttemptOutcomeNames[] = {
    {AttemptRecord::Outcome::Success, "success"_L1},
    {AttemptRecord::Outcome::Failed, "failed"_L1},
    {AttemptRecord::Outcome::Skipped, "skipped"_L1},
    {AttemptRecord::Outcome::Cancelled, "cancelled"_L1},
};

constexpr EnumName<DegradationLevel> DegradationLevelNames[] = {
    {DegradationLevel::Full, "full"_L1},
    {DegradationLevel::Reduced, "reduced"_L1},
    {DegradationLevel::Minimal, "minimal"_L1},
    {DegradationLevel::Fallback, "fallback"_L1},
};

constexpr EnumName<AnswerSource> AnswerSourceNames[] = {
    {AnswerSource::Model, "model"_L1},
    {AnswerSource::Cache, "cache"_L1},
    {AnswerSource::Rule, "rule"_L1},
};

} // namespace

QString attemptOutcomeName(AttemptRecord::Outcome outcome)
{
    return enumName(AttemptOutcomeNames, outcome);
}

QString degradationLevelName(DegradationLevel level)
{
    return enumName(DegradationLevelNames, level);
}

std::optional<DegradationLevel> degradationLevelFromName(const QString &name)
{
    return enumFromName(DegradationLevelNames, name);
}

QString degradationLevelText(DegradationLevel level)
{
    switch (level) {
    case DegradationLevel::Full:
        return QCoreApplication::translate("DegradationLevel", "FULL");
    case DegradationLevel::Reduced:
        return QCoreApplication::translate("DegradationLevel", "REDUCED");
    case DegradationLevel::Minimal:
        return QCoreApplication::translate("DegradationLevel", "MINIMAL");
    case DegradationLevel::Fallback:
        return QCoreApplication::translate("DegradationLevel", "FALLBACK");
    }
    return {};
}

QString answerSourceText(AnswerSource source)
{
    switch (source) {
    case AnswerSource::Model:
        return QCoreApplication::translate("AnswerSource", "model");
    case AnswerSource::Cache:
        return QCoreApplication::translate("AnswerSource", "response cache");
    case AnswerSource::Rule:
        return QCoreApplication::translate("AnswerSource", "fallback rule");
    }
    return {};
}

QString answerSourceName(AnswerSource source)
{
    return enumName(AnswerSourceNames, source);
}

bool ChatResult::fellBack() const
{
    for (const AttemptRecord &a : attempts) {
        if (a.tier != tier && a.outcome != AttemptRecord::Outcome::Success)
            return true;
    }
    return false;
}

namespace ResultJson {

namespace {
QJsonValue optionalMs(qint64 ms)
{
    return ms < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(ms);
}
QJsonObject usageJson(const Usage &u)
{
    return QJsonObject{{u"input_tokens"_s, u.inputTokens},
                       {u"output_tokens"_s, u.outputTokens},
                       {u"estimated"_s, u.estimated}};
}
} // namespace

QJsonObject toJson(const AttemptRecord &a)
{
    QJsonObject o{
        {u"tier"_s, a.tier},
        {u"provider"_s, a.provider},
        {u"model"_s, a.model},
        {u"attempt"_s, a.attempt},
        {u"outcome"_s, attemptOutcomeName(a.outcome)},
        {u"error_class"_s, a.error == ErrorClass::None ? QJsonValue() : QJsonValue(errorClassName(a.error))},
        {u"http_status"_s, a.httpStatus > 0 ? QJsonValue(a.httpStatus) : QJsonValue()},
        {u"detail"_s, a.detail},
        {u"start_offset_ms"_s, a.startOffsetMs},
        {u"ttfb_ms"_s, optionalMs(a.ttfbMs)},
        {u"ttft_ms"_s, optionalMs(a.ttftMs)},
        {u"duration_ms"_s, a.durationMs},
        {u"usage"_s, usageJson(a.usage)},
        {u"cost_usd"_s, a.cost.toDouble()}};
    if (a.retryAfterMs >= 0)
        o.insert(u"retry_after_ms"_s, a.retryAfterMs);
    if (a.queueWaitMs > 0)
        o.insert(u"queue_wait_ms"_s, a.queueWaitMs);
    if (a.probe)
        o.insert(u"breaker_probe"_s, true);
    if (a.tierTest)
        o.insert(u"tier_test"_s, true);
    if (!a.drillId.isEmpty())
        o.insert(u"drill"_s, a.drillId);
    return o;
}

QJsonObject toJson(const SwitchEvent &e)
{
    return QJsonObject{{u"time"_s, e.at.toString(Qt::ISODateWithMs)},
                       {u"from"_s, e.from},
                       {u"to"_s, e.to},
                       {u"reason"_s, errorClassName(e.reason)},
                       {u"detail"_s, e.detail},
                       {u"mid_stream"_s, e.midStream}};
}

QJsonObject toJson(const BreakerEvent &e)
{
    return QJsonObject{{u"time"_s, e.at.toString(Qt::ISODateWithMs)}, {u"tier"_s, e.tier},
                       {u"from"_s, breakerStateName(e.from)},         {u"to"_s, breakerStateName(e.to)},
                       {u"reason"_s, errorClassName(e.reason)},       {u"cooldown_ms"_s, e.cooldownMs}};
}

QJsonObject toJson(const ChatResult &r)
{
    QJsonArray attempts;
    for (const AttemptRecord &a : r.attempts)
        attempts.append(toJson(a));
    QJsonArray events;
    for (const SwitchEvent &e : r.events)
        events.append(toJson(e));
    QJsonObject o{{u"request_id"_s, r.requestId},
                  {u"content"_s, r.content},
                  {u"complete"_s, r.complete},
                  {u"finish_reason"_s, r.finishReason.isEmpty() ? QJsonValue() : QJsonValue(r.finishReason)},
                  {u"tier"_s, r.tier.isEmpty() ? QJsonValue() : QJsonValue(r.tier)},
                  {u"provider"_s, r.provider.isEmpty() ? QJsonValue() : QJsonValue(r.provider)},
                  {u"model"_s, r.model.isEmpty() ? QJsonValue() : QJsonValue(r.model)},
                  {u"usage"_s, usageJson(r.usage)},
                  {u"cost_usd"_s, r.cost.toDouble()},
                  {u"latency_ms"_s, r.latencyMs},
                  {u"ttft_ms"_s, optionalMs(r.ttftMs)},
                  {u"attempts"_s, attempts},
                  {u"events"_s, events}};
    if (r.error != ErrorClass::None) {
        o.insert(u"error"_s,
                 QJsonObject{{u"class"_s, errorClassName(r.error)}, {u"message"_s, r.errorMessage}});
    }
    if (r.recoveredMidStream)
        o.insert(u"mid_stream_recovery"_s, r.midStreamPolicy);
    o.insert(u"degradation_level"_s, degradationLevelName(r.level));
    o.insert(u"source"_s, answerSourceName(r.source));
    if (!r.sourceDetail.isEmpty())
        o.insert(u"source_detail"_s, r.sourceDetail);
    if (r.contextReduced)
        o.insert(u"context_reduced"_s, QJsonObject{{u"dropped_messages"_s, r.droppedMessages}});
    if (r.hedged)
        o.insert(u"hedged"_s, true);
    if (r.tierTest)
        o.insert(u"tier_test"_s, true);
    return o;
}

} // namespace ResultJson
