#pragma once

#include <QString>

// Where Understudy keeps its files, through QStandardPaths (tests switch on its test mode).
namespace AppPaths {
// The user's config file: <config dir>/understudy/config.json
QString defaultConfigFile();
// The data folder: conversation database, response cache, price table edits.
QString dataDir();
// Creates the folder of a file if it does not exist; false when it cannot.
bool ensureParentDir(const QString &filePath);
// Before a file the user made is overwritten: copies it to <file>.bak (replacing an older one).
void keepBackup(const QString &filePath);
} // namespace AppPaths
