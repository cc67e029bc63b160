#include "cost/spendtracker.h"

#include "cost/scenario.h"
#include "engine/chatengine.h"
#include "store/conversationstore.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QHash>
#include <QSettings>

namespace {
// The highest alert threshold (50, 80, 100 %) that `spent` has reached; 0 for none or no budget.
int crossedThreshold(Money spent, Money budget)
{
    int crossed = 0;
    for (const int t : {50, 80, 100})
        if (!budget.isZero() && Int128(spent.micros()) * 100 >= Int128(budget.micros()) * t)
            crossed = t;
    return crossed;
}
} // namespace

SpendTracker::SpendTracker(ChatEngine &engine, ConversationStore *store, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_store(store)
    , m_clock(clock)
{
    connect(&engine, &ChatEngine::attemptFinished, this, &SpendTracker::onAttempt);
}

QDateTime SpendTracker::monthStart(const QDateTime &now) const
{
    const QDate d = now.toLocalTime().date();
    return QDate(d.year(), d.month(), 1).startOfDay();
}

void SpendTracker::onAttempt(const AttemptRecord &a)
{
    if (a.usage.total() == 0 && a.cost.isZero())
        return;
    SpendRecord r;
    r.atMs = m_clock.wallNow().toMSecsSinceEpoch();
    r.tier = a.tier;
    r.provider = a.provider;
    r.model = a.model;
    r.inputTokens = a.usage.inputTokens;
    r.outputTokens = a.usage.outputTokens;
    r.cost = a.cost;
    r.primaryCost = a.cost;
    if (const auto config = m_engine.config()) {
        if (const TierConfig *primary = config->tier(config->strategy.chain().value(0)))
            r.primaryCost = Money::costOf(r.inputTokens, primary->inputPricePerMTok) +
                            Money::costOf(r.outputTokens, primary->outputPricePerMTok);
    }
    if (m_store)
        m_store->appendSpend({r});
    record(r);
}

void SpendTracker::record(const SpendRecord &record)
{
    m_month.append(record);
    checkBudget();
    emit changed();
}

void SpendTracker::loadFromStore()
{
    if (!m_store)
        return;
    const QDateTime now = m_clock.wallNow();
    const qsizetype liveAtRequest = m_month.size();
    // Records made before this request were queued to the store before it and come back with it;
    // those made after are kept from memory.
    m_store->loadSpend(monthStart(now).toMSecsSinceEpoch(), now.addDays(1).toMSecsSinceEpoch(), this,
                       [this, liveAtRequest](const QList<SpendRecord> &loaded) {
                           QList<SpendRecord> merged = loaded;
                           merged.append(m_month.mid(liveAtRequest));
                           m_month = merged;
                           // Thresholds crossed before this start were alerted then (or while closed):
                           // alerts are for crossings while Understudy runs.
                           m_alertMonth = monthStart(m_clock.wallNow()).date();
                           m_alertedPercent = crossedThreshold(summary().total.month, m_budget);
                           m_wasOver = overBudget();
                           emit overBudgetChanged(m_wasOver && m_preferCheaper);
                           emit changed();
                       });
}

void SpendTracker::setBudget(Money monthly, bool preferCheaperWhenOver)
{
    const bool changedBudget = monthly != m_budget;
    m_budget = monthly;
    m_preferCheaper = preferCheaperWhenOver;
    if (changedBudget) {
        // A new budget is judged afresh: thresholds already above are announced once.
        m_alertedPercent = 0;
    }
    checkBudget();
    emit overBudgetChanged(overBudget() && m_preferCheaper);
    emit changed();
}

void SpendTracker::restoreBudget()
{
    const QSettings settings;
    const auto budget = Money::parse(settings.value(QStringLiteral("cost/monthly_budget_usd")).toString());
    setBudget(budget && !budget->isNegative() ? *budget : Money(),
              settings.value(QStringLiteral("cost/prefer_cheaper_tiers"), false).toBool());
}

void SpendTracker::saveBudget() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("cost/monthly_budget_usd"), m_budget.toExactString());
    settings.setValue(QStringLiteral("cost/prefer_cheaper_tiers"), m_preferCheaper);
}

QString SpendTracker::budgetUsedText() const
{
    return percentText(summary().total.month, m_budget, 1); // empty without a budget
}

void SpendTracker::checkBudget()
{
    const QDateTime now = m_clock.wallNow();
    const QDate month = monthStart(now).date();
    if (month != m_alertMonth) {
        m_alertMonth = month;
        m_alertedPercent = 0;
    }
    // One pass over the month's records for everything below.
    const Money spent = summary().total.month;
    const bool over = !m_budget.isZero() && spent >= m_budget;
    if (over != m_wasOver) {
        m_wasOver = over;
        emit overBudgetChanged(over && m_preferCheaper);
    }
    const int crossed = crossedThreshold(spent, m_budget);
    if (crossed <= m_alertedPercent)
        return;
    m_alertedPercent = crossed;
    AlertEvent a;
    a.at = now;
    a.kind = QStringLiteral("budget");
    a.reason = QStringLiteral("month_%1").arg(crossed);
    a.critical = crossed >= 100;
    a.summary = tr("%1 % of the monthly budget spent").arg(crossed);
    a.detail = tr("$%1 of $%2 this month (%3 %).")
                   .arg(spent.toString(2), m_budget.toString(2), percentText(spent, m_budget, 1));
    if (crossed >= 100 && m_preferCheaper)
        a.detail += u' ' + tr("Normal and low priority requests now go to the cheaper tiers first.");
    m_engine.raiseAlert(a);
}

SpendSummary SpendTracker::summary() const
{
    const QDateTime now = m_clock.wallNow().toLocalTime();
    const qint64 monthMs = monthStart(now).toMSecsSinceEpoch();
    const QDate today = now.date();
    const qint64 dayMs = today.startOfDay().toMSecsSinceEpoch();
    const qint64 weekMs = today.addDays(1 - today.dayOfWeek()).startOfDay().toMSecsSinceEpoch();
    SpendSummary s;
    const auto add = [&](SpendTotals &t, const SpendRecord &r) {
        t.month += r.cost;
        t.monthPrimaryCost += r.primaryCost;
        t.monthInputTokens += r.inputTokens;
        t.monthOutputTokens += r.outputTokens;
        ++t.monthAttempts;
        if (r.atMs >= weekMs)
            t.week += r.cost;
        if (r.atMs >= dayMs)
            t.today += r.cost;
    };
    for (const SpendRecord &r : m_month) {
        if (r.atMs < monthMs)
            continue;
        add(s.total, r);
        add(s.byTier[r.tier], r);
        add(s.byProvider[r.provider], r);
    }
    return s;
}

void SpendTracker::usageByModel(int days, QObject *context,
                                std::function<void(const QList<ModelUsage> &)> done) const
{
    const auto aggregate = [this](const QList<SpendRecord> &records) {
        QList<ModelUsage> out;
        QHash<QString, qsizetype> at;
        const auto config = m_engine.config();
        for (const SpendRecord &r : records) {
            const QString key = r.model + u'\n' + r.tier;
            auto it = at.find(key);
            if (it == at.end()) {
                ModelUsage u;
                u.model = r.model;
                u.tier = r.tier;
                u.provider = r.provider;
                if (config) {
                    if (const TierConfig *tier = config->tier(r.tier)) {
                        u.inputPricePerMTok = tier->inputPricePerMTok;
                        u.outputPricePerMTok = tier->outputPricePerMTok;
                    }
                }
                it = at.insert(key, out.size());
                out.append(u);
            }
            ModelUsage &u = out[*it];
            u.inputTokens += r.inputTokens;
            u.outputTokens += r.outputTokens;
            u.cost += r.cost;
        }
        return out;
    };
    const QDateTime now = m_clock.wallNow();
    const qint64 from = now.addDays(-days).toMSecsSinceEpoch();
    if (!m_store || !m_store->isOpen()) {
        QList<SpendRecord> recent;
        for (const SpendRecord &r : m_month)
            if (r.atMs >= from)
                recent.append(r);
        done(aggregate(recent));
        return;
    }
    m_store->loadSpend(from, now.addDays(1).toMSecsSinceEpoch(), context,
                       [aggregate, done](const QList<SpendRecord> &records) { done(aggregate(records)); });
}
