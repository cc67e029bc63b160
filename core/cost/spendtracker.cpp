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
    qRegisterMetaType<SpendDay>();
    connect(&engine, &ChatEngine::attemptFinished, this, &SpendTracker::onAttempt);
    m_flush.setSingleShot(true);
    m_flush.setInterval(FlushIntervalMs);
    connect(&m_flush, &QTimer::timeout, this, &SpendTracker::flush);
}

SpendTracker::~SpendTracker()
{
    m_loading = false;
    flush();
}

int SpendTracker::currentMonth() const
{
    return SpendDay::dayOf(m_clock.wallNow().toMSecsSinceEpoch()) / 100;
}

void SpendTracker::startMonth(int month)
{
    m_month = month;
    m_days.clear();
    m_monthSpent = Money();
}

Money SpendTracker::monthSpent() const
{
    return m_month == currentMonth() ? m_monthSpent : Money();
}

void SpendTracker::add(const SpendDay &day)
{
    const int month = day.day / 100;
    if (month > m_month)
        startMonth(month); // a new month starts from zero
    else if (month < m_month)
        return; // an earlier month's record: not part of this month's totals
    const DayKey key{day.day, day.tier, day.provider, day.model};
    auto it = m_days.find(key);
    if (it == m_days.end()) {
        m_days.insert(key, day);
    } else {
        it->add(day);
    }
    m_monthSpent += day.cost;
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
    if (m_store && !m_store->path().isEmpty()) { // a store was opened (the CLI keeps none)
        m_unstored.append(r);
        if (!m_flush.isActive() && !m_loading)
            m_flush.start();
    }
    record(r);
}

void SpendTracker::record(const SpendRecord &record)
{
    SpendDay day;
    day.day = SpendDay::dayOf(record.atMs);
    day.tier = record.tier;
    day.provider = record.provider;
    day.model = record.model;
    day.add(record);
    add(day);
    checkBudget();
    emit changed();
}

void SpendTracker::flush()
{
    if (!m_store || m_loading || m_unstored.isEmpty())
        return;
    if (m_store->path().isEmpty()) { // never opened (the CLI keeps no history): nothing to keep
        m_unstored.clear();
        return;
    }
    m_store->appendSpend(std::exchange(m_unstored, {}));
}

void SpendTracker::loadFromStore()
{
    if (!m_store)
        return;
    // What was recorded before this request reaches the store before it and comes back with it;
    // what is recorded while it runs stays in m_unstored (not flushed until the answer is in).
    flush();
    m_loading = true;
    const QDate today = m_clock.wallNow().toLocalTime().date();
    const int month = today.year() * 100 + today.month();
    m_store->loadSpendDays(month * 100 + 1, month * 100 + 31, this,
                           [this, month](const QList<SpendDay> &days) {
                               m_loading = false;
                               startMonth(month);
                               for (const SpendDay &d : days)
                                   add(d);
                               for (const SpendRecord &r : std::as_const(m_unstored)) {
                                   SpendDay d;
                                   d.day = SpendDay::dayOf(r.atMs);
                                   d.tier = r.tier;
                                   d.provider = r.provider;
                                   d.model = r.model;
                                   d.add(r);
                                   add(d);
                               }
                               if (!m_unstored.isEmpty())
                                   m_flush.start();
                               // Thresholds crossed before this start were alerted then (or while closed):
                               // alerts are for crossings while Understudy runs.
                               m_alertMonth = currentMonth();
                               m_alertedPercent = crossedThreshold(monthSpent(), m_budget);
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
    return percentText(monthSpent(), m_budget, 1); // empty without a budget
}

void SpendTracker::checkBudget()
{
    const int month = currentMonth();
    if (month != m_alertMonth) {
        m_alertMonth = month;
        m_alertedPercent = 0;
    }
    const Money spent = monthSpent();
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
    a.at = m_clock.wallNow();
    a.kind = QStringLiteral("budget");
    a.reason = QStringLiteral("month_%1").arg(crossed);
    a.critical = crossed >= 100;
    a.summary = tr("%1 % of the monthly budget spent").arg(crossed);
    a.detail = tr("$%1 of $%2 this month (%3 %).")
                   .arg(spent.toString(2), m_budget.toString(2), percentText(spent, m_budget, 1));
    if (crossed >= 100 && m_preferCheaper)
        a.detail += u' ' + tr("Normal and low priority requests now go to the cheaper tiers first.");
    emit budgetAlert(a);
}

SpendSummary SpendTracker::summary() const
{
    SpendSummary s;
    if (m_month != currentMonth())
        return s;
    const QDate today = SpendDay::dateOf(SpendDay::dayOf(m_clock.wallNow().toMSecsSinceEpoch()));
    const int todayDay = SpendDay::dayOf(today);
    const int weekDay = SpendDay::dayOf(today.addDays(1 - today.dayOfWeek()));
    const auto add = [&](SpendTotals &t, const SpendDay &d) {
        t.month += d.cost;
        t.monthPrimaryCost += d.primaryCost;
        t.monthInputTokens += d.inputTokens;
        t.monthOutputTokens += d.outputTokens;
        t.monthAttempts += int(d.attempts);
        if (d.day >= weekDay)
            t.week += d.cost;
        if (d.day >= todayDay)
            t.today += d.cost;
    };
    for (const SpendDay &d : m_days) {
        add(s.total, d);
        add(s.byTier[d.tier], d);
        add(s.byProvider[d.provider], d);
    }
    return s;
}

void SpendTracker::usageByModel(int days, QObject *context,
                                const std::function<void(const QList<ModelUsage> &)> &done)
{
    const auto aggregate = [this](const QList<SpendDay> &rows) {
        QList<ModelUsage> out;
        QHash<QString, qsizetype> at;
        const auto config = m_engine.config();
        for (const SpendDay &r : rows) {
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
    const QDate today = m_clock.wallNow().toLocalTime().date();
    const int from = SpendDay::dayOf(today.addDays(1 - std::max(1, days)));
    const int to = SpendDay::dayOf(today);
    if (!m_store || !m_store->isOpen()) {
        QList<SpendDay> recent;
        for (const SpendDay &d : m_days)
            if (d.day >= from)
                recent.append(d);
        done(aggregate(recent));
        return;
    }
    flush(); // the last half second's records too
    m_store->loadSpendDays(from, to, context,
                           [aggregate, done](const QList<SpendDay> &rows) { done(aggregate(rows)); });
}
