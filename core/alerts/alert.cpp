#include "alerts/alert.h"

#include "util/enumnames.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<AlertSeverity> SeverityNames[] = {
    {AlertSeverity::Info, "info"_L1},
    {AlertSeverity::Warning, "warning"_L1},
    {AlertSeverity::Error, "error"_L1},
    {AlertSeverity::Critical, "critical"_L1},
};

constexpr EnumName<AlertKind> KindNames[] = {
    {AlertKind::Switch, "switch"_L1}, {AlertKind::Breaker, "breaker"_L1}, {AlertKind::Level, "level"_L1},
    {AlertKind::Health, "health"_L1}, {AlertKind::Budget, "budget"_L1},   {AlertKind::Test, "test"_L1},
};

QString isoTime(const QDateTime &t)
{
    return (t.isValid() ? t : QDateTime::currentDateTimeUtc()).toUTC().toString(Qt::ISODateWithMs);
}

// Slack mrkdwn: &, < and > are control characters and must be escaped.
QString slackEscape(QString text)
{
    text.replace(u'&', u"&amp;"_s);
    text.replace(u'<', u"&lt;"_s);
    text.replace(u'>', u"&gt;"_s);
    return text;
}

QString clipped(const QString &text, qsizetype max)
{
    return text.size() <= max ? text : text.left(max - 1) + u'…';
}

QString statusName(const Alert &alert)
{
    return alert.isResolve() ? u"resolve"_s : u"trigger"_s;
}

} // namespace

QString alertSeverityName(AlertSeverity severity)
{
    return enumName(SeverityNames, severity);
}

std::optional<AlertSeverity> alertSeverityFromName(const QString &name)
{
    return enumFromName(SeverityNames, name);
}

QString alertKindName(AlertKind kind)
{
    return enumName(KindNames, kind);
}

std::optional<AlertKind> alertKindFromName(const QString &name)
{
    return enumFromName(KindNames, name);
}

QList<AlertKind> allAlertKinds()
{
    return {AlertKind::Switch, AlertKind::Breaker, AlertKind::Level, AlertKind::Health, AlertKind::Budget};
}

QString AlertText::severity(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Info:
        return tr("Info");
    case AlertSeverity::Warning:
        return tr("Warning");
    case AlertSeverity::Error:
        return tr("Error");
    case AlertSeverity::Critical:
        return tr("Critical");
    }
    return {};
}

QString AlertText::kind(AlertKind kind)
{
    switch (kind) {
    case AlertKind::Switch:
        return tr("Tier switches");
    case AlertKind::Breaker:
        return tr("Breaker opened");
    case AlertKind::Level:
        return tr("Degradation level");
    case AlertKind::Health:
        return tr("System health");
    case AlertKind::Budget:
        return tr("Budget thresholds");
    case AlertKind::Test:
        return tr("Test alert");
    }
    return {};
}

namespace AlertPayload {

QString dedupKey(const Alert &alert)
{
    return u"understudy/"_s + alert.key;
}

QByteArray slack(const Alert &alert, const QString &source)
{
    const QString emoji = alert.isResolve()                        ? u":white_check_mark:"_s
                          : alert.severity >= AlertSeverity::Error ? u":rotating_light:"_s
                                                                   : u":warning:"_s;
    const QString headline = alert.isResolve() ? u"Resolved: "_s + alert.summary : alert.summary;
    QStringList facts{u"*"_s + alertSeverityName(alert.severity) + u'*', alertKindName(alert.kind)};
    if (!alert.from.isEmpty() && !alert.to.isEmpty())
        facts << slackEscape(alert.from + u" → " + alert.to);
    else if (!alert.tier.isEmpty())
        facts << slackEscape(alert.tier);
    if (!alert.reason.isEmpty())
        facts << slackEscape(alert.reason);
    if (alert.occurrences > 1)
        facts << u"×%1"_s.arg(alert.occurrences);
    facts << slackEscape(source) << isoTime(alert.at);

    QJsonArray blocks;
    blocks.append(QJsonObject{
        {u"type"_s, u"header"_s},
        {u"text"_s, QJsonObject{{u"type"_s, u"plain_text"_s}, {u"text"_s, clipped(headline, 150)}}}});
    if (!alert.detail.isEmpty()) {
        blocks.append(
            QJsonObject{{u"type"_s, u"section"_s},
                        {u"text"_s, QJsonObject{{u"type"_s, u"mrkdwn"_s},
                                                {u"text"_s, clipped(slackEscape(alert.detail), 3000)}}}});
    }
    blocks.append(QJsonObject{
        {u"type"_s, u"context"_s},
        {u"elements"_s, QJsonArray{QJsonObject{{u"type"_s, u"mrkdwn"_s}, {u"text"_s, facts.join(u" · ")}}}}});
    const QJsonObject body{{u"text"_s, QString(emoji + u' ' + slackEscape(headline))}, {u"blocks"_s, blocks}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray pagerDuty(const Alert &alert, const QByteArray &routingKey, const QString &source)
{
    QJsonObject body{
        {u"routing_key"_s, QString::fromUtf8(routingKey)},
        {u"event_action"_s, alert.isResolve() ? u"resolve"_s : u"trigger"_s},
        {u"dedup_key"_s, dedupKey(alert)},
    };
    if (!alert.isResolve()) {
        QJsonObject details{{u"kind"_s, alertKindName(alert.kind)}, {u"occurrences"_s, alert.occurrences}};
        if (!alert.from.isEmpty())
            details.insert(u"from"_s, alert.from);
        if (!alert.to.isEmpty())
            details.insert(u"to"_s, alert.to);
        if (!alert.reason.isEmpty())
            details.insert(u"reason"_s, alert.reason);
        if (!alert.detail.isEmpty())
            details.insert(u"detail"_s, alert.detail);
        QJsonObject payload{
            {u"summary"_s, clipped(alert.summary, 1024)},
            {u"source"_s, source},
            {u"severity"_s, alertSeverityName(alert.severity)},
            {u"timestamp"_s, isoTime(alert.at)},
            {u"group"_s, u"understudy"_s},
            {u"class"_s, alertKindName(alert.kind)},
            {u"custom_details"_s, details},
        };
        if (!alert.tier.isEmpty())
            payload.insert(u"component"_s, alert.tier);
        body.insert(u"payload"_s, payload);
        body.insert(u"client"_s, u"Understudy"_s);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QJsonObject webhookObject(const Alert &alert, const QString &source)
{
    return QJsonObject{
        {u"version"_s, 1},
        {u"status"_s, statusName(alert)},
        {u"time"_s, isoTime(alert.at)},
        {u"first_time"_s, isoTime(alert.firstAt.isValid() ? alert.firstAt : alert.at)},
        {u"kind"_s, alertKindName(alert.kind)},
        {u"severity"_s, alertSeverityName(alert.severity)},
        {u"from"_s, alert.from},
        {u"to"_s, alert.to},
        {u"tier"_s, alert.tier},
        {u"reason"_s, alert.reason},
        {u"summary"_s, alert.summary},
        {u"detail"_s, alert.detail},
        {u"dedup_key"_s, dedupKey(alert)},
        {u"occurrences"_s, alert.occurrences},
        {u"source"_s, source},
    };
}

QByteArray webhook(const Alert &alert, const QString &source)
{
    return QJsonDocument(webhookObject(alert, source)).toJson(QJsonDocument::Compact);
}

} // namespace AlertPayload
