// What both scenario fuzz targets check of a scenario that was read: it is calculated without
// overflow or undefined behaviour (the totals are the rows' sums, or the overflow is said), and it
// survives JSON and CSV export unchanged.

#include "scenario_check.h"

#include "cost/pricetable.h"
#include "fuzzutil.h"

namespace {

// A written scenario read back is the scenario: said with both sides when it is not.
void readsBack(const char *how, const Result<Scenario, QString> &back, const Scenario &scenario)
{
    if (!back)
        std::fprintf(stderr, "%s: %s\n", how, qPrintable(back.error()));
    else if (!(back.value() == scenario))
        std::fprintf(stderr, "read:\n%s\nread back from %s:\n%s\n", scenario.toJson().constData(), how,
                     back.value().toJson().constData());
    FUZZ_CHECK(back.ok() && back.value() == scenario);
}

} // namespace

void Fuzz::checkScenario(const Scenario &scenario)
{
    static const PriceTable prices = PriceTable::shipped();
    const ScenarioResult result = calculate(scenario, prices);
    FUZZ_CHECK(result.months.size() <= Scenario::MaxMonths);
    if (!result.overflow) {
        // The totals are the sums of the rows that were calculated.
        Money now;
        for (const RowResult &r : result.rows)
            now = now + r.now;
        FUZZ_CHECK(now == result.now);
    }
    readsBack("JSON", Scenario::fromJson(scenario.toJson(), QStringLiteral("written.json")), scenario);
    readsBack("CSV", scenarioFromCsv(scenarioToCsv(scenario, result), QStringLiteral("written.csv")),
                                     scenario);
}
