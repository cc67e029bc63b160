#pragma once

#include "alerts/alert.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QUrl>

// Where an alert can go. Banner and Tray are shown by the GUI; the others are HTTP sinks whose URL
// (Slack, webhook) or routing key (PagerDuty) is a secret kept in the keychain, never in this file.
enum class AlertSinkType
{
    Banner,
    Tray,
    Slack,
    PagerDuty,
    Webhook,
};
QString alertSinkTypeName(AlertSinkType type); // "pagerduty"
std::optional<AlertSinkType> alertSinkTypeFromName(const QString &name);

struct AlertSink
{
    static constexpr QLatin1StringView PagerDutyEventsUrl{"https://events.pagerduty.com/v2/enqueue"};

    QString id; // stable; names the keychain entry
    AlertSinkType type = AlertSinkType::Banner;
    QString name; // shown to people
    bool enabled = true;
    AlertSeverity minSeverity = AlertSeverity::Warning;
    QList<AlertKind> kinds; // routed kinds; empty = every kind
    QUrl eventsUrl;         // PagerDuty only: the Events API v2 endpoint (a proxy or a regional one)

    bool isHttp() const { return type != AlertSinkType::Banner && type != AlertSinkType::Tray; }
    // The keychain entry of its URL or routing key: "alert-sink:<id>".
    QString secretName() const { return QStringLiteral("alert-sink:") + id; }
    // Whether it takes this alert (kind and severity; a test alert only when sent to it).
    bool accepts(const Alert &alert) const;
    QUrl pagerDutyUrl() const { return eventsUrl.isEmpty() ? QUrl(QString(PagerDutyEventsUrl)) : eventsUrl; }

    bool operator==(const AlertSink &) const = default;
};

// Where alerts go and how quiet they are. Kept in <config dir>/understudy/alerts.json (no secrets).
struct AlertSettings
{
    QList<AlertSink> sinks;
    int maxPerMinute = 6;    // triggers routed per minute over all sinks; resolves always pass
    int minSwitches = 1;     // a switch alerts after this many switches from the tier, for the same reason,
    int switchWindowS = 300; // within this many seconds (quiet threshold for a flapping tier)

    static AlertSettings defaults(); // the in-app banner and the tray, warnings and worse
    static QString defaultPath();
    const AlertSink *sink(const QString &id) const;
    QString uniqueId(const QString &base) const;

    QByteArray toJson() const;
    // Strict: an unknown key, type or severity is an error naming the key.
    static Result<AlertSettings, QString> fromJson(const QByteArray &json);
    // A missing file is the defaults; a damaged one is an error (the file is left as it is).
    static Result<AlertSettings, QString> load(const QString &path);
    // Atomic; the previous file is kept as <path>.bak.
    Result<bool, QString> save(const QString &path) const;

    bool operator==(const AlertSettings &) const = default;
};
