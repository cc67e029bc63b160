#pragma once

#include "config/configmanager.h"

#include <QString>

// What both executables do the same way at start-up.
namespace AppSetup {

// Organisation, application name and version: they decide where settings and data live. Also
// raises the open-files limit (soft to hard, at most 65,536).
void initIdentity();
void raiseFileLimit();

// Loads --config FILE when given (an error is reported and the built-in chain runs), otherwise the
// user's config file, written from the built-in simulated chain on first start.
ConfigManager::LoadReport loadConfig(ConfigManager &manager, const QString &explicitPath);

} // namespace AppSetup
