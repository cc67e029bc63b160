#pragma once

// Small helpers the Chain editor's files share (not an API).

#include "chain/configtablemodel.h"
#include "config/config.h"
#include "util/money.h"

#include <QList>
#include <QRegularExpression>
#include <QStringList>

#include <functional>
#include <optional>

namespace ChainEditorUtil {

using Column = ConfigTableModel::Column;

inline QStringList providerKinds()
{
    return enumNames(ProviderKindNames);
}

inline QStringList authModes()
{
    return enumNames(AuthModeNames);
}

inline AuthMode authModeFromName(const QString &name)
{
    return enumFromName(AuthModeNames, name).value_or(AuthMode::Keychain);
}

inline void renameInList(QStringList &list, const QString &from, const QString &to)
{
    for (QString &name : list) {
        if (name == from)
            name = to;
    }
}

inline QString uniqueName(const QString &stem, const std::function<bool(const QString &)> &taken)
{
    for (int n = 1;; ++n) {
        const QString name = n == 1 ? stem : stem + u'-' + QString::number(n);
        if (!taken(name))
            return name;
    }
}

inline QString money(Money m)
{
    return QStringLiteral("$") + m.toExactString();
}

// Retry statuses as the user types them: "429, 500 503".
inline std::optional<QList<int>> parseStatuses(const QString &text)
{
    QList<int> out;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const int code = part.toInt(&ok);
        if (!ok || code < 100 || code > 599)
            return std::nullopt;
        if (!out.contains(code))
            out.append(code);
    }
    return out;
}

inline QString statusesText(const QList<int> &codes)
{
    QStringList parts;
    for (int c : codes)
        parts.append(QString::number(c));
    return parts.join(QStringLiteral(", "));
}

} // namespace ChainEditorUtil
