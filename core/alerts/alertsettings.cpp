#include "alerts/alertsettings.h"

#include "util/enumnames.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<AlertSinkType> TypeNames[] = {
    {AlertSinkType::Banner, "banner"_L1},   {AlertSinkType::Tray, "tray"_L1},
    {AlertSinkType::Slack, "slack"_L1},     {AlertSinkType::PagerDuty, "pagerduty"_L1},
    {AlertSinkType::Webhook, "webhook"_L1},
};

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AlertSettings)
};

bool onlyKeys(const QJsonObject &o, const QStringList &known, const QString &where, QString *error)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = Tr::tr("%1: unknown key \"%2\"").arg(where, it.key());
            return false;
        }
    }
    return true;
}

std::optional<int> readInt(const QJsonObject &o, const QString &key, int min, int max, int fallback,
                           QString *error)
{
    if (!o.contains(key))
        return fallback;
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < min || v.toInt() > max) {
        *error = Tr::tr("\"%1\" must be a whole number from %2 to %3").arg(key).arg(min).arg(max);
        return std::nullopt;
    }
    return v.toInt();
}

} // namespace

QString alertSinkTypeName(AlertSinkType type)
{
    return enumName(TypeNames, type);
}

std::optional<AlertSinkType> alertSinkTypeFromName(const QString &name)
{
    return enumFromName(TypeNames, name);
}

bool AlertSink::accepts(const Alert &alert) const
{
    if (!enabled || alert.kind == AlertKind::Test)
        return false;
    if (!kinds.isEmpty() && !kinds.contains(alert.kind))
        return false;
    return alert.severity >= minSeverity;
}

AlertSettings AlertSettings::defaults()
{
    AlertSettings s;
    AlertSink banner;
    banner.id = u"banner"_s;
    banner.type = AlertSinkType::Banner;
    banner.name = Tr::tr("In-app banner");
    AlertSink tray;
    tray.id = u"tray"_s;
    tray.type = AlertSinkType::Tray;
    tray.name = Tr::tr("Tray notification");
    s.sinks = {banner, tray};
    return s;
}

QString AlertSettings::defaultPath()
{
    return QFileInfo(AppPaths::defaultConfigFile()).dir().filePath(u"alerts.json"_s);
}

const AlertSink *AlertSettings::sink(const QString &id) const
{
    for (const AlertSink &s : sinks) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

QString AlertSettings::uniqueId(const QString &base) const
{
    if (!sink(base))
        return base;
    for (int i = 2;; ++i) {
        QString id = base + u'-' + QString::number(i);
        if (!sink(id))
            return id;
    }
}

QByteArray AlertSettings::toJson() const
{
    QJsonArray array;
    for (const AlertSink &s : sinks) {
        QJsonObject o{{u"id"_s, s.id},
                      {u"type"_s, alertSinkTypeName(s.type)},
                      {u"name"_s, s.name},
                      {u"enabled"_s, s.enabled},
                      {u"min_severity"_s, alertSeverityName(s.minSeverity)}};
        if (!s.kinds.isEmpty()) {
            QJsonArray kinds;
            for (AlertKind k : s.kinds)
                kinds.append(alertKindName(k));
            o.insert(u"kinds"_s, kinds);
        }
        if (s.type == AlertSinkType::PagerDuty && !s.eventsUrl.isEmpty())
            o.insert(u"events_url"_s, s.eventsUrl.toString());
        array.append(o);
    }
    const QJsonObject root{{u"version"_s, 1},
                           {u"max_per_minute"_s, maxPerMinute},
                           {u"min_switches"_s, minSwitches},
                           {u"switch_window_s"_s, switchWindowS},
                           {u"sinks"_s, array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<AlertSettings, QString> AlertSettings::fromJson(const QByteArray &json)
{
    using R = Result<AlertSettings, QString>;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return R::failure(
            Tr::tr("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return R::failure(Tr::tr("the file must hold a JSON object"));
    const QJsonObject root = doc.object();
    QString error;
    if (!onlyKeys(root,
                  {u"version"_s, u"max_per_minute"_s, u"min_switches"_s, u"switch_window_s"_s, u"sinks"_s},
                  Tr::tr("alert settings"), &error))
        return R::failure(error);
    if (root.value(u"version"_s).toInt(1) != 1)
        return R::failure(Tr::tr("\"version\" %1 is not supported (this Understudy reads version 1)")
                              .arg(root.value(u"version"_s).toInt()));
    AlertSettings s;
    const auto perMinute = readInt(root, u"max_per_minute"_s, 1, 1000, s.maxPerMinute, &error);
    const auto minSwitches = readInt(root, u"min_switches"_s, 1, 1000, s.minSwitches, &error);
    const auto window = readInt(root, u"switch_window_s"_s, 10, 86'400, s.switchWindowS, &error);
    if (!perMinute || !minSwitches || !window)
        return R::failure(error);
    s.maxPerMinute = *perMinute;
    s.minSwitches = *minSwitches;
    s.switchWindowS = *window;
    if (!root.value(u"sinks"_s).isArray() && root.contains(u"sinks"_s))
        return R::failure(Tr::tr("\"sinks\" must be a list"));
    const QJsonArray sinks = root.value(u"sinks"_s).toArray();
    for (qsizetype i = 0; i < sinks.size(); ++i) {
        const QString where = u"sinks[%1]"_s.arg(i);
        if (!sinks.at(i).isObject())
            return R::failure(Tr::tr("%1 must be an object").arg(where));
        const QJsonObject o = sinks.at(i).toObject();
        if (!onlyKeys(
                o,
                {u"id"_s, u"type"_s, u"name"_s, u"enabled"_s, u"min_severity"_s, u"kinds"_s, u"events_url"_s},
                where, &error))
            return R::failure(error);
        AlertSink sink;
        sink.id = o.value(u"id"_s).toString();
        if (sink.id.isEmpty() || s.sink(sink.id))
            return R::failure(Tr::tr("%1: \"id\" must be present and unique").arg(where));
        const auto type = alertSinkTypeFromName(o.value(u"type"_s).toString());
        if (!type)
            return R::failure(
                Tr::tr("%1: \"type\" must be banner, tray, slack, pagerduty or webhook").arg(where));
        sink.type = *type;
        sink.name = o.value(u"name"_s).toString(sink.id);
        sink.enabled = o.value(u"enabled"_s).toBool(true);
        const auto severity = alertSeverityFromName(o.value(u"min_severity"_s).toString(u"warning"_s));
        if (!severity)
            return R::failure(
                Tr::tr("%1: \"min_severity\" must be info, warning, error or critical").arg(where));
        sink.minSeverity = *severity;
        for (const QJsonValue k : o.value(u"kinds"_s).toArray()) {
            const auto kind = alertKindFromName(k.toString());
            if (!kind || *kind == AlertKind::Test)
                return R::failure(Tr::tr("%1: unknown alert kind \"%2\"").arg(where, k.toString()));
            if (!sink.kinds.contains(*kind))
                sink.kinds.append(*kind);
        }
        if (o.contains(u"events_url"_s)) {
            sink.eventsUrl = QUrl(o.value(u"events_url"_s).toString(), QUrl::StrictMode);
            if (!sink.eventsUrl.isValid() || sink.eventsUrl.host().isEmpty())
                return R::failure(Tr::tr("%1: \"events_url\" is not a URL").arg(where));
        }
        s.sinks.append(sink);
    }
    return s;
}

Result<AlertSettings, QString> AlertSettings::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return defaults();
    if (!file.open(QIODevice::ReadOnly))
        return Result<AlertSettings, QString>::failure(
            Tr::tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    auto parsed = fromJson(file.readAll());
    if (!parsed)
        return Result<AlertSettings, QString>::failure(
            Tr::tr("%1: %2").arg(QDir::toNativeSeparators(path), parsed.error()));
    return parsed;
}

Result<bool, QString> AlertSettings::save(const QString &path) const
{
    using R = Result<bool, QString>;
    if (!AppPaths::ensureParentDir(path))
        return R::failure(Tr::tr("the folder of %1 cannot be created").arg(QDir::toNativeSeparators(path)));
    AppPaths::keepBackup(path);
    if (const auto written = AppPaths::writeFileAtomically(path, toJson()); !written)
        return R::failure(
            Tr::tr("%1 cannot be written: %2").arg(QDir::toNativeSeparators(path), written.error()));
    return true;
}
