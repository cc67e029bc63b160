#include "config/configmanager.h"

#include "util/logging.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <utility>

using namespace Qt::StringLiterals;

ConfigManager::ConfigManager(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ConfigManager::onFileChanged);
}

ConfigManager::LoadReport ConfigManager::load(const QString &path, bool createIfMissing)
{
    m_path = QFileInfo(path).absoluteFilePath();
    LoadReport report;
    if (createIfMissing && !QFileInfo::exists(m_path)) {
        if (!AppPaths::ensureParentDir(m_path)) {
            report.error = ConfigError{
                m_path,
                0,
                0,
                {},
                QCoreApplication::translate("ConfigParser", "the config folder cannot be created")};
            emit configRejected(*report.error);
            return report;
        }
        const auto saved = ConfigParser::saveFile(ChainConfig::builtinSimulated(), m_path);
        if (!saved) {
            report.error = ConfigError{
                m_path,
                0,
                0,
                {},
                QCoreApplication::translate("ConfigParser", "cannot be written: %1").arg(saved.error())};
            emit configRejected(*report.error);
            return report;
        }
        report.createdDefault = true;
        qCInfo(lcConfig) << "wrote the built-in simulated chain to" << m_path;
    }
    const LoadReport loaded = reload();
    report.ok = loaded.ok;
    report.error = loaded.error;
    return report;
}

ConfigManager::LoadReport ConfigManager::reload()
{
    LoadReport report;
    auto parsed = ConfigParser::loadFile(m_path);
    if (!parsed) {
        report.error = parsed.error();
        qCWarning(lcConfig).noquote() << "config rejected:" << parsed.error().toString();
        emit configRejected(parsed.error());
        return report;
    }
    report.ok = true;
    const bool sourceChanged = std::exchange(m_usingBuiltin, false);
    if (sourceChanged || parsed.value() != m_config) {
        m_config = std::move(parsed).value();
        emit configChanged(m_config);
    }
    return report;
}

Result<bool, ConfigError> ConfigManager::apply(const ChainConfig &config)
{
    if (const auto error = ConfigParser::validate(config)) {
        ConfigError e = *error;
        e.file = m_path;
        return Result<bool, ConfigError>::failure(e);
    }
    if (!m_path.isEmpty()) {
        const bool watching = m_watcher.files().contains(m_path);
        if (watching)
            m_watcher.removePath(m_path); // our own write is not an outside edit
        // The file as it was (comments and all) stays beside it: Apply never loses what a user wrote.
        AppPaths::keepBackup(m_path);
        const auto saved = ConfigParser::saveFile(config, m_path);
        if (watching)
            m_watcher.addPath(m_path);
        if (!saved)
            return Result<bool, ConfigError>::failure(ConfigError{
                m_path,
                0,
                0,
                {},
                QCoreApplication::translate("ConfigParser", "cannot be written: %1").arg(saved.error())});
    }
    m_config = config;
    m_usingBuiltin = false;
    emit configChanged(m_config);
    return true;
}

void ConfigManager::setWatchFile(bool watch)
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (watch && !m_path.isEmpty())
        m_watcher.addPath(m_path);
}

void ConfigManager::onFileChanged()
{
    // Editors save by replacing the file: re-arm the watch, and let the write settle first.
    QTimer::singleShot(200, this, [this] {
        if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
            m_watcher.addPath(m_path);
        reload();
    });
}
