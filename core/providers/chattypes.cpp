#include "providers/chattypes.h"

#include "util/enumnames.h"

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<Role> RoleNames[] = {
    {Role::System, "system"_L1},
    {Role::User, "user"_L1},
    {Role::Assistant, "assistant"_L1},
};

constexpr EnumName<Priority> PriorityNames[] = {
    {Priority::High, "high"_L1},
    {Priority::Normal, "normal"_L1},
    {Priority::Low, "low"_L1},
};

} // namespace

QString roleName(Role role)
{
    return enumName(RoleNames, role);
}

QString priorityName(Priority priority)
{
    return enumName(PriorityNames, priority);
}

std::optional<Priority> priorityFromName(const QString &name)
{
    return enumFromName(PriorityNames, name);
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
