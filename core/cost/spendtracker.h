#pragma once

#include "cost/money.h"
#include "store/storetypes.h"

#include <QDateTime>
#include <QMap>
#include <QObject>

#include <functional>

class ChatEngine;
class Clock;
class ConversationStore;
struct AttemptRecord;

struct SpendTotals
{
    Money today;
    Money week;             // since Monday 00:00, local time
    Money month;            // since the 1st, 00:00, local time
    Money monthPrimaryCost; // the month's tokens priced at the primary tier
    qint64 monthInputTokens = 0;
    qint64 monthOutputTokens = 0;
    int monthAttempts = 0;
};

struct SpendSummary
{
    QMap<QString, SpendTotals> byTier;
    QMap<QString, SpendTotals> byProvider;
    SpendTotals total;
    // What "everything on the primary tier" would have cost this month, minus what was spent.
    Money monthSavings() const { return total.monthPrimaryCost - total.month; }
};

// Tokens and spend of one model over a period: "From my usage" in the calculator.
struct ModelUsage
{
    QString model;
    QString tier;
    QString provider;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    Money cost;
    Money inputPricePerMTok; // the tier's price now
    Money outputPricePerMTok;
};

// Records what every attempt spent (from the usage of the model that answered, and of wasted
// attempts such as a hedge's loser) into the store, keeps this month's totals per tier and provider,
// and watches a monthly budget: alerts at 50, 80 and 100 % go out through the engine's event stream,
// once each per month. Over budget, an optional policy moves normal and low priority requests to
// cheaper tiers (see DegradationController::setPreferCheaperTiers).
class SpendTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpendTracker)

public:
    SpendTracker(ChatEngine &engine, ConversationStore *store, const Clock &clock, QObject *parent = nullptr);

    // Reads this month's spend back from the store (call once it is open).
    void loadFromStore();

    // 0 = no budget.
    void setBudget(Money monthly, bool preferCheaperWhenOver);
    // The budget in the user's settings ("cost/monthly_budget_usd", "cost/prefer_cheaper_tiers").
    void restoreBudget();
    void saveBudget() const;
    Money budget() const { return m_budget; }
    bool preferCheaperWhenOver() const { return m_preferCheaper; }
    bool overBudget() const { return !m_budget.isZero() && summary().total.month >= m_budget; }
    // Percent of the budget spent this month (0 when no budget), to 0.1.
    QString budgetUsedText() const;

    SpendSummary summary() const;
    // Per model over the last `days` days (from the store when there is one).
    void usageByModel(int days, QObject *context, std::function<void(const QList<ModelUsage> &)> done) const;

    void record(const SpendRecord &record); // also used by tests

signals:
    void changed();
    void overBudgetChanged(bool over);

private:
    void onAttempt(const AttemptRecord &attempt);
    void checkBudget();
    QDateTime monthStart(const QDateTime &now) const;

    ChatEngine &m_engine;
    ConversationStore *m_store;
    const Clock &m_clock;
    QList<SpendRecord> m_month; // this month's records, oldest first
    Money m_budget;
    bool m_preferCheaper = false;
    int m_alertedPercent = 0; // the highest threshold alerted in m_alertMonth
    QDate m_alertMonth;
    bool m_wasOver = false;
};
