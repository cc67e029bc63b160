#include "providers/chattypes.h"

using namespace Qt::StringLiterals;

QString roleName(Role role)
{
    switch (role) {
    case Role::System:
        return u"system"_s;
    case Role::User:
        return u"user"_s;
    case Role::Assistant:
        return u"assistant"_s;
    }
    return {};
}

QString priorityName(Priority priority)
{
    switch (priority) {
    case Priority::High:
        return u"high"_s;
    case Priority::Normal:
        return u"normal"_s;
    case Priority::Low:
        return u"low"_s;
    }
    return {};
}

std::optional<Priority> priorityFromName(const QString &name)
{
    for (Priority p : {Priority::High, Priority::Normal, Priority::Low}) {
        if (priorityName(p) == name)
            return p;
    }
    return std::nullopt;
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

qint64 estimateTokens(QStringView text)
{
    qint64 latin = 0;
    qint64 wide = 0;
    for (const QChar c : text) {
        if (c.unicode() >= 0x2E80) // CJK and beyond: about one token per character
            ++wide;
        else if (!c.isLowSurrogate())
            ++latin;
    }
    return wide + (latin + 3) / 4;
}
