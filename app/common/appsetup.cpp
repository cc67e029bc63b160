#include "common/appsetup.h"

#include "util/paths.h"

#include <QCoreApplication>

namespace AppSetup {

void initIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("understudy"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("understudy.invalid"));
    QCoreApplication::setApplicationName(QStringLiteral("understudy"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UNDERSTUDY_VERSION));
}

ConfigManager::LoadReport loadConfig(ConfigManager &manager, const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return manager.load(explicitPath, false);
    return manager.load(AppPaths::defaultConfigFile(), true);
}

} // namespace AppSetup
