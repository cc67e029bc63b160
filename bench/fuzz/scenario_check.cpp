// What both scenario fuzz targets check of a scenario that was read: it is calculated without
// overflow or undefined behaviour (the totals are the rows' sums, or the overflow is said), and it
// survives JSON and CSV export unchanged.

#include "scenario_check.h"

#include "cost/pricetable.h"
#include "fuzzutil.h"

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
    const auto fromJson = Scenario::fromJson(scenario.toJson(), QStringLiteral("written.json"));
    if (!fromJson)
        std::fprintf(stderr, "%s\n", qPrintable(fromJson.error()));
    if (fromJson && !(fromJson.value() == scenario))
        std::fprintf(stderr, "read:\n%s\nread back:\n%s\n", scenario.toJson().constData(),
                     fromJson.value().toJson().constData());
    FUZZ_CHECK(fromJson.ok() && fromJson.value() == scenario);
    const auto fromCsv = scenarioFromCsv(scenarioToCsv(scenario, result), QStringLiteral("written.csv"));
    if (!fromCsv)
        std::fprintf(stderr, "%s\n", qPrintable(fromCsv.error()));
    if (fromCsv && !(fromCsv.value() == scenario))
        std::fprintf(stderr, "read:\n%s\nread back from CSV:\n%s\n", scenario.toJson().constData(),
                     fromCsv.value().toJson().constData());
    FUZZ_CHECK(fromCsv.ok() && fromCsv.value() == scenario);
}
