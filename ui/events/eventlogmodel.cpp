#include "events/eventlogmodel.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

EventLogModel::EventLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{}

QString EventLogModel::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Attempt:
        return tr("Attempt");
    case Kind::Switch:
        return tr("Switch");
    case Kind::Breaker:
        return tr("Breaker");
    case Kind::Request:
        return tr("Request");
    case Kind::Config:
        return tr("Config");
    case Kind::Level:
        return tr("Level");
    case Kind::Health:
        return tr("Health");
    }
    return {};
}

void EventLogModel::addEntry(const Entry &entry)
{
    if (int(m_entries.size()) >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        m_entries.pop_front();
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back(entry);
    endInsertRows();
}

void EventLogModel::addAttempt(const AttemptRecord &a)
{
    Entry e;
    e.at = a.startedAt;
    e.kind = Kind::Attempt;
    e.tier = a.tier;
    QString what = attemptOutcomeName(a.outcome);
    if (a.error != ErrorClass::None)
        what += QStringLiteral(": ") + errorClassDescription(a.error);
    if (a.httpStatus > 0)
        what += tr(" (HTTP %1)").arg(a.httpStatus);
    e.summary = tr("%1 #%2 %3, %4 ms").arg(a.model).arg(a.attempt).arg(what).arg(a.durationMs);
    e.detail = a.detail;
    e.problem = a.outcome != AttemptRecord::Outcome::Success;
    addEntry(e);
}

void EventLogModel::addSwitch(const SwitchEvent &s)
{
    Entry e;
    e.at = s.at;
    e.kind = Kind::Switch;
    e.tier = s.to;
    e.summary = tr("%1 → %2: %3%4")
                    .arg(s.from, s.to, errorClassDescription(s.reason),
                         s.midStream ? tr(" (mid-stream)") : QString());
    e.detail = s.detail;
    e.problem = true;
    addEntry(e);
}

void EventLogModel::addBreaker(const BreakerEvent &b)
{
    Entry e;
    e.at = b.at;
    e.kind = Kind::Breaker;
    e.tier = b.tier;
    e.summary = tr("breaker %1 → %2").arg(breakerStateName(b.from), breakerStateName(b.to));
    if (b.to == CircuitBreaker::State::Open)
        e.summary += tr(" (%1, cooldown %2 s)")
                         .arg(errorClassDescription(b.reason))
                         .arg(b.cooldownMs / 1000.0, 0, 'f', 1);
    e.problem = b.to == CircuitBreaker::State::Open;
    addEntry(e);
}

void EventLogModel::addRequest(const ChatResult &r)
{
    Entry e;
    e.at = r.startedAt;
    e.kind = Kind::Request;
    e.tier = r.tier;
    e.summary = r.complete
                    ? tr("answered by %1 in %2 ms, $%3").arg(r.tier).arg(r.latencyMs).arg(r.cost.toString(4))
                    : tr("incomplete: %1").arg(errorClassDescription(r.error));
    e.detail = r.errorMessage;
    e.problem = !r.complete;
    addEntry(e);
}

void EventLogModel::addLevelChange(const LevelChange &c)
{
    Entry e;
    e.at = c.at;
    e.kind = Kind::Level;
    e.summary = tr("degradation level %1 → %2%3")
                    .arg(degradationLevelName(c.from).toUpper(), degradationLevelName(c.to).toUpper(),
                         c.pinned ? tr(" (pinned)") : QString());
    e.detail = c.reason;
    e.problem = c.to != DegradationLevel::Full;
    addEntry(e);
}

void EventLogModel::addHealthChange(const SystemHealth &h)
{
    Entry e;
    e.at = h.at;
    e.kind = Kind::Health;
    e.tier = h.recommendedTier;
    e.summary = tr("system %1%2")
                    .arg(healthStatusName(h.status),
                         h.recommendedTier.isEmpty() ? QString()
                                                     : tr(", recommended tier %1").arg(h.recommendedTier));
    e.detail = h.reasons.join(QLatin1Char('\n'));
    e.problem = h.status != HealthStatus::Healthy;
    addEntry(e);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(size_t(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return e.at.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case KindColumn:
            return kindName(e.kind);
        case TierColumn:
            return e.tier;
        case Summary:
            return e.summary;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return e.detail.isEmpty() ? QVariant() : QVariant(e.detail);
    case Qt::ForegroundRole:
        if (e.problem && index.column() == Summary)
            return QBrush(QGuiApplication::palette().color(QPalette::Link).lightness() > 128
                              ? QColor(0xff, 0x8a, 0x80)
                              : QColor(0xb0, 0x20, 0x20));
        return {};
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case TierColumn:
        return tr("Tier");
    case Summary:
        return tr("What happened");
    default:
        return {};
    }
}
