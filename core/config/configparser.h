#pragma once

#include "config/config.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>

// A config that does not parse or validate: where (file, line, key) and why.
struct ConfigError
{
    QString file;
    int line = 0;   // 1-based; 0 when unknown
    int column = 0; // 1-based; 0 when unknown
    QString key;    // JSON path such as "tiers[1].model"; empty for syntax errors
    QString reason;

    QString toString() const;
};

namespace ConfigParser {

// Parses and validates a config. Unknown keys are errors (a typo must not be ignored silently);
// keys that start with "_" are comments. A literal API key anywhere in the file is refused.
Result<ChainConfig, ConfigError> parse(const QByteArray &json, const QString &fileName = {});

// Validates a config built in memory (the chain editor): the same rules as parse().
std::optional<ConfigError> validate(const ChainConfig &config);

Result<ChainConfig, ConfigError> loadFile(const QString &path);

// Serialises a config as indented JSON in the documented schema. Holds no secrets by construction.
QByteArray toJson(const ChainConfig &config);

// Writes atomically (QSaveFile): the old file stays intact if anything fails.
Result<bool, QString> saveFile(const ChainConfig &config, const QString &path);

} // namespace ConfigParser
