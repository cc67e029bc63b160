#include "health/tierhealthmodel.h"

#include "engine/chatengine.h"
#include "util/clock.h"

TierHealthModel::TierHealthModel(ChatEngine &engine, QObject *parent)
    : QAbstractTableModel(parent)
    , m_engine(engine)
{
    connect(&engine, &ChatEngine::configChanged, this, &TierHealthModel::rebuild);
    connect(&engine, &ChatEngine::attemptFinished, this, &TierHealthModel::onAttempt);
    connect(&engine, &ChatEngine::breakerChanged, this, &TierHealthModel::refresh);
    rebuild();
}

void TierHealthModel::rebuild()
{
    beginResetModel();
    QList<Row> rows;
    for (const QString &tier : m_engine.config()->strategy.chain()) {
        Row row;
        row.tier = tier;
        for (const Row &old : std::as_const(m_rows)) {
            if (old.tier == tier)
                row = old;
        }
        rows.append(row);
    }
    m_rows = rows;
    endResetModel();
}

void TierHealthModel::onAttempt(const AttemptRecord &attempt)
{
    if (attempt.outcome == AttemptRecord::Outcome::Skipped ||
        attempt.outcome == AttemptRecord::Outcome::Cancelled)
        return;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (row.tier != attempt.tier)
            continue;
        ++row.attempts;
        if (attempt.outcome == AttemptRecord::Outcome::Failed) {
            ++row.failures;
            row.lastError = errorClassDescription(attempt.error);
        }
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
}

void TierHealthModel::refresh()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Breaker), index(int(m_rows.size()) - 1, CooldownLeft));
}

int TierHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TierHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TierHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole)
        return {};
    const Row &row = m_rows.at(index.row());
    const TierStateSnapshot state = m_engine.tierState(row.tier);
    switch (index.column()) {
    case Tier:
        return row.tier;
    case Breaker:
        switch (state.breaker) {
        case CircuitBreaker::State::Closed:
            return tr("closed");
        case CircuitBreaker::State::Open:
            return tr("open (%1)").arg(errorClassDescription(state.reason));
        case CircuitBreaker::State::HalfOpen:
            return tr("half-open");
        }
        return {};
    case CooldownLeft: {
        const qint64 now = m_engine.clock().nowMs();
        const qint64 until = std::max(state.breaker == CircuitBreaker::State::Open ? state.openUntilMs : 0,
                                      state.rateLimitedUntilMs);
        return until > now ? tr("%1 s").arg((until - now) / 1000.0, 0, 'f', 1) : QString();
    }
    case Attempts:
        return row.attempts;
    case Failures:
        return row.failures;
    case LastError:
        return row.lastError;
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
    case Breaker:
        return tr("Breaker");
    case CooldownLeft:
        return tr("Cooldown left");
    case Attempts:
        return tr("Attempts");
    case Failures:
        return tr("Failures");
    case LastError:
        return tr("Last error");
    default:
        return {};
    }
}
