#include "common/appsetup.h"

#include "util/paths.h"

#include <QCoreApplication>

#include <algorithm>
#include <sys/resource.h>

namespace AppSetup {

void raiseFileLimit()
{
    // Every client connection and every upstream connection is a file descriptor; the usual soft
    // limit of 1,024 would run out before the gateway's own connection cap (HttpServer::Limits).
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 65'536);
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

void initIdentity()
{
    raiseFileLimit();
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
