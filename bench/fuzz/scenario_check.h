#pragma once

#include "cost/scenario.h"

namespace Fuzz {
void checkScenario(const Scenario &scenario);
}
