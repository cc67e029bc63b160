#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <optional>

// An enum's stable names (files, payloads) as one table, read both ways:
//   constexpr EnumName<Colour> ColourNames[] = {{Colour::Red, "red"_L1}, ...};
//   enumName(ColourNames, Colour::Red) == "red"; enumFromName(ColourNames, u"red") == Colour::Red
template <typename E>
struct EnumName
{
    E value;
    QLatin1StringView name;
};

template <typename E, std::size_t N>
QString enumName(const EnumName<E> (&table)[N], E value)
{
    for (const EnumName<E> &e : table) {
        if (e.value == value)
            return e.name;
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> enumFromName(const EnumName<E> (&table)[N], QStringView name)
{
    for (const EnumName<E> &e : table) {
        if (e.name == name)
            return e.value;
    }
    return std::nullopt;
}

// Every name of the table, in its order (choices offered, "must be one of" messages).
template <typename E, std::size_t N>
QStringList enumNames(const EnumName<E> (&table)[N])
{
    QStringList out;
    out.reserve(qsizetype(N));
    for (const EnumName<E> &e : table)
        out << QString(e.name);
    return out;
}
