#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// PagerDuty's four severities; every sink maps from these.
enum class AlertSeverity
{
    Info,
    Warning,
    Error,
    Critical,
};
QString alertSeverityName(AlertSeverity severity); // "warning"
std::optional<AlertSeverity> alertSeverityFromName(const QString &name);

// What an alert is about. Each kind has its own trigger and resolve (docs/alerts.md).
enum class AlertKind
{
    Switch,  // requests moved from a tier to the next: resolved when the tier answers again
    Breaker, // a tier's breaker opened: resolved when it closes
    Level,   // the system left degradation level FULL: resolved when it is back
    Health,  // the system verdict left "healthy": resolved when it is back
    Budget,  // a monthly budget threshold was crossed: nothing to resolve
    Test,    // "Send test alert"
};
QString alertKindName(AlertKind kind); // "switch"
std::optional<AlertKind> alertKindFromName(const QString &name);
QList<AlertKind> allAlertKinds(); // the kinds a sink can route (not Test: a test goes to the sink asked)

// Words for people, in the user's language.
struct AlertText
{
    Q_DECLARE_TR_FUNCTIONS(AlertText)

public:
    static QString severity(AlertSeverity severity);
    static QString kind(AlertKind kind);
};

// One alert as the router hands it to sinks: a trigger, or the resolve of an earlier trigger with the
// same key. Value type; never holds a secret.
struct Alert
{
    enum class Action
    {
        Trigger,
        Resolve,
    };

    Action action = Action::Trigger;
    AlertKind kind = AlertKind::Switch;
    AlertSeverity severity = AlertSeverity::Warning;
    QString key;    // dedup key: "switch/t0/overloaded" — one per (kind, tier, reason)
    QString tier;   // the tier it is about (the failing one), empty for system-wide alerts
    QString from;   // switches: the tier that failed
    QString to;     // switches: the tier that took over
    QString reason; // an error class ("overloaded"), a level ("minimal"), a status ("critical")
    QString summary;
    QString detail;
    QDateTime at;        // when this trigger or resolve happened
    QDateTime firstAt;   // when the trigger happened (the same as `at` for a trigger)
    int occurrences = 1; // events folded into the alert so far (one outage = one alert)

    bool isResolve() const { return action == Action::Resolve; }
};

// Bodies of the three webhook sinks, as each service documents them (docs/alerts.md).
namespace AlertPayload {
// The dedup key sent to PagerDuty and webhooks: "understudy/" + the alert's key.
QString dedupKey(const Alert &alert);
// Slack incoming webhook: "text" (notifications, fallback) and Block Kit "blocks".
QByteArray slack(const Alert &alert, const QString &source);
// PagerDuty Events API v2: trigger (payload.summary/source/severity/timestamp/component/class) or resolve.
QByteArray pagerDuty(const Alert &alert, const QByteArray &routingKey, const QString &source);
// The generic JSON webhook: version, status, time, kind, severity, from, to, tier, reason, summary,
// detail, dedup_key, occurrences, source.
QJsonObject webhookObject(const Alert &alert, const QString &source);
QByteArray webhook(const Alert &alert, const QString &source);
} // namespace AlertPayload

Q_DECLARE_METATYPE(Alert)
