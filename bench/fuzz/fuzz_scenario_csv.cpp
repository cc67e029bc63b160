// The finance calculator's scenario files, CSV as exported (core/cost/scenario.h): any bytes give a
// scenario or a clear error; a scenario it accepts is calculated and survives export unchanged.

#include "fuzzutil.h"
#include "scenario_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::quietQt();
    const auto parsed = scenarioFromCsv(Fuzz::view(data, size).toByteArray(), QStringLiteral("fuzz.csv"));
    if (!parsed) {
        FUZZ_CHECK(!parsed.error().isEmpty());
        return 0;
    }
    Fuzz::checkScenario(parsed.value());
    return 0;
}
