#include "health/tierhealthmodel.h"

#include "util/money.h"

#include <QColor>
#include <QLocale>

TierHealthModel::TierHealthModel(HealthMonitor &health, QObject *parent)
    : QAbstractTableModel(parent)
    , m_monitor(health)
    , m_health(health.health())
{
    connect(&health, &HealthMonitor::healthChanged, this, &TierHealthModel::refresh);
}

void TierHealthModel::refresh()
{
    SystemHealth next = m_monitor.health();
    QStringList before;
    QStringList after;
    for (const TierHealth &t : std::as_const(m_health.tiers))
        before << t.tier;
    for (const TierHealth &t : std::as_const(next.tiers))
        after << t.tier;
    if (before != after) {
        beginResetModel();
        m_health = std::move(next);
        endResetModel();
        return;
    }
    m_health = std::move(next);
    if (!m_health.tiers.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_health.tiers.size()) - 1, ColumnCount - 1));
}

QString TierHealthModel::tierAt(int row) const
{
    return row >= 0 && row < m_health.tiers.size() ? m_health.tiers.at(row).tier : QString();
}

int TierHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_health.tiers.size());
}

int TierHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString statusText(TierStatus s)
{
    switch (s) {
    case TierStatus::Healthy:
        return TierHealthModel::tr("healthy");
    case TierStatus::Degraded:
        return TierHealthModel::tr("degraded");
    case TierStatus::Down:
        return TierHealthModel::tr("down");
    }
    return {};
}

QString ms(qint64 v)
{
    return v < 0 ? QStringLiteral("–") : QLocale().toString(v);
}

} // namespace

QVariant TierHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TierHealth &t = m_health.tiers.at(index.row());
    if (role == StatusRole)
        return int(t.status);
    if (role == Qt::DecorationRole && index.column() == Status) {
        switch (t.status) {
        case TierStatus::Healthy:
            return QColor(0x2e, 0x9d, 0x4f);
        case TierStatus::Degraded:
            return QColor(0xd9, 0x8e, 0x04);
        case TierStatus::Down:
            return QColor(0xc6, 0x28, 0x28);
        }
    }
    if (role == Qt::ToolTipRole)
        return t.reason.isEmpty() ? QVariant() : QVariant(t.reason);
    if (role == Qt::TextAlignmentRole && index.column() >= SuccessRate && index.column() <= Requests)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case Tier:
        return t.tier;
    case Status:
        return statusText(t.status);
    case Reason:
        return t.reason;
    case Breaker:
        switch (t.breaker) {
        case CircuitBreaker::State::Closed:
            return t.cooldownLeftMs > 0
                       ? tr("closed (rate limited %1 s)").arg(t.cooldownLeftMs / 1000.0, 0, 'f', 1)
                       : tr("closed");
        case CircuitBreaker::State::Open:
            return tr("open, %1 s left").arg(t.cooldownLeftMs / 1000.0, 0, 'f', 1);
        case CircuitBreaker::State::HalfOpen:
            return tr("half-open");
        }
        return {};
    case SuccessRate:
        return t.successRate < 0 ? QStringLiteral("–")
                                 : locale.toString(t.successRate * 100.0, 'f', 1) + QLatin1Char('%');
    case Latency:
        return tr("%1 / %2 ms").arg(ms(t.p50LatencyMs), ms(t.p95LatencyMs));
    case FirstToken:
        return tr("%1 / %2 ms").arg(ms(t.p50TtftMs), ms(t.p95TtftMs));
    case Requests:
        return t.requests;
    case LastProbe:
        if (t.probes == 0)
            return tr("never");
        return t.lastProbeOk ? tr("ok, %1 ms (%n probe(s), %2)", nullptr, t.probes)
                                   .arg(QLocale().toString(t.lastProbeLatencyMs), usdText(t.probeCost))
                             : tr("failed: %1").arg(t.lastProbeError);
    default:
        return {};
    }
}

QVariant TierHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Tier:
        return tr("Tier");
    case Status:
        return tr("Status");
    case Breaker:
        return tr("Breaker");
    case SuccessRate:
        return tr("Success");
    case Latency:
        return tr("Latency p50 / p95");
    case FirstToken:
        return tr("First token p50 / p95");
    case Requests:
        return tr("Requests");
    case LastProbe:
        return tr("Last probe");
    case Reason:
        return tr("Why");
    default:
        return {};
    }
}
