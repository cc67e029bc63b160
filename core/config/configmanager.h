#pragma once

#include "config/config.h"
#include "config/configparser.h"

#include <QFileSystemWatcher>
#include <QObject>

// Owns the running config and its file. A file that does not parse or validate is rejected with the
// file, line/key and reason, and the last good config stays in force; nothing the user wrote is lost.
class ConfigManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigManager)

public:
    struct LoadReport
    {
        bool ok = false;
        bool createdDefault = false; // the file did not exist and was written from the built-in chain
        std::optional<ConfigError> error;
    };

    explicit ConfigManager(QObject *parent = nullptr);

    // Loads `path`. With `createIfMissing`, a missing file is first written from the built-in
    // simulated chain (the user's default config on first start). On failure the built-in chain runs.
    LoadReport load(const QString &path, bool createIfMissing);
    // Re-reads the file; on failure keeps the current config and emits configRejected.
    LoadReport reload();
    // Validates, writes atomically and applies an edited config.
    Result<bool, ConfigError> apply(const ChainConfig &config);
    // Reloads by itself when the file changes on disk (an operator editing it in an editor).
    void setWatchFile(bool watch);

    const ChainConfig &config() const { return m_config; }
    QString path() const { return m_path; }
    bool usingBuiltin() const { return m_usingBuiltin; }

signals:
    void configChanged(const ChainConfig &config);
    void configRejected(const ConfigError &error);

private:
    void onFileChanged();

    ChainConfig m_config = ChainConfig::builtinSimulated();
    QString m_path;
    bool m_usingBuiltin = true;
    QFileSystemWatcher m_watcher;
};
