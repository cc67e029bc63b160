#include "util/paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace AppPaths {

QString defaultConfigFile()
{
    // ~/.config/understudy/config.json (beside understudy.conf, the UI settings)
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           u"/understudy/config.json"_s;
}

QString dataDir()
{
    // ~/.local/share/understudy
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/understudy"_s;
}

bool ensureParentDir(const QString &filePath)
{
    return QDir().mkpath(QFileInfo(filePath).absolutePath());
}

Result<bool, QString> writeFileAtomically(const QString &filePath, const QByteArray &data)
{
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return Result<bool, QString>::failure(file.errorString());
    return true;
}

void keepBackup(const QString &filePath)
{
    if (!QFile::exists(filePath))
        return;
    const QString backup = filePath + u".bak"_s;
    QFile::remove(backup);
    QFile::copy(filePath, backup);
}

} // namespace AppPaths
