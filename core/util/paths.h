#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QString>

// Where Understudy keeps its files, through QStandardPaths (tests switch on its test mode).
namespace AppPaths {
// The user's config file: <config dir>/understudy/config.json
QString defaultConfigFile();
// The data folder: conversation database, response cache, price table edits.
QString dataDir();
// Creates the folder of a file if it does not exist; false when it cannot.
bool ensureParentDir(const QString &filePath);
// Writes the whole file or nothing (QSaveFile: a crash or a full disk never leaves half a file);
// the error is the file's own message.
Result<bool, QString> writeFileAtomically(const QString &filePath, const QByteArray &data);
// Before a file the user made is overwritten: copies it to <file>.bak (replacing an older one).
void keepBackup(const QString &filePath);
} // namespace AppPaths
