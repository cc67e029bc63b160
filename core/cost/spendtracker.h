#pragma once

#include "engine/chatresult.h"
#include "store/storetypes.h"
#include "util/money.h"

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QTimer>

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
// attempts such as a hedge's loser) into the store, keeps this month's totals per day, tier,
// provider and model, and watches a monthly budget: alerts at 50, 80 and 100 % go out through the
// engine's event stream, once each per month. Over budget, an optional policy moves normal and low
// priority requests to cheaper tiers (see DegradationController::setPreferCheaperTiers).
// What an attempt costs here does not grow with history: the month is a running total plus at most
// one row per day and (tier, provider, model); records reach the store in batches; a start reads the
// month back as those daily rows, never the attempts one by one.
class SpendTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpendTracker)

public:
    static constexpr int FlushIntervalMs = 500;

    SpendTracker(ChatEngine &engine, ConversationStore *store, const Clock &clock, QObject *parent = nullptr);
    ~SpendTracker() override; // hands what is not yet stored to the store

    // Reads this month's spend back from the store (call once it is open).
    void loadFromStore();
    // Hands the records not yet stored to the store now.
    void flush();

    // 0 = no budget.
    void setBudget(Money monthly, bool preferCheaperWhenOver);
    // The budget in the user's settings ("cost/monthly_budget_usd", "cost/prefer_cheaper_tiers").
    void restoreBudget();
    void saveBudget() const;
    Money budget() const { return m_budget; }
    bool preferCheaperWhenOver() const { return m_preferCheaper; }
    bool overBudget() const { return !m_budget.isZero() && monthSpent() >= m_budget; }
    // This month's spend so far: a running total.
    Money monthSpent() const;
    // Percent of the budget spent this month (0 when no budget), to 0.1.
    QString budgetUsedText() const;

    SpendSummary summary() const;
    // Per model over the last `days` days (from the store when there is one).
    void usageByModel(int days, QObject *context, const std::function<void(const QList<ModelUsage> &)> &done);

    void record(const SpendRecord &record); // also used by tests

signals:
    void changed();
    void overBudgetChanged(bool over);
    // A monthly budget threshold crossed (50, 80, 100 %): the composition root hands it to the
    // alert router (AlertRouter::submitEvent), which decides who hears of it.
    void budgetAlert(const AlertEvent &alert);

private:
    struct DayKey
    {
        int day = 0;
        QString tier;
        QString provider;
        QString model;
        bool operator==(const DayKey &) const = default;
        friend size_t qHash(const DayKey &k, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, k.day, k.tier, k.provider, k.model);
        }
    };

    void onAttempt(const AttemptRecord &attempt);
    void checkBudget();
    void add(const SpendDay &day);
    void startMonth(int month); // yyyymm: forgets the days of any other month
    int currentMonth() const;   // yyyymm, local time

    ChatEngine &m_engine;
    ConversationStore *m_store;
    const Clock &m_clock;
    int m_month = 0;                // yyyymm of the days below
    QHash<DayKey, SpendDay> m_days; // this month
    Money m_monthSpent;             // their sum
    QList<SpendRecord> m_unstored;  // not yet handed to the store
    QTimer m_flush;
    bool m_loading = false;
    Money m_budget;
    bool m_preferCheaper = false;
    int m_alertedPercent = 0; // the highest threshold alerted in m_alertMonth
    int m_alertMonth = 0;     // yyyymm
    bool m_wasOver = false;
};
