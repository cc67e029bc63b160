#pragma once

#include <QLocale>
#include <QString>
#include <QStringView>

#include <compare>
#include <limits>
#include <optional>

// 128-bit intermediate for products of token counts and prices (GCC/Clang extension).
__extension__ typedef __int128 Int128;

// An exact amount of US dollars, held as integer micro-dollars (1e-6 USD).
// Never binary floating point: amounts are parsed from decimal text, summed as integers,
// and rounded only for display (half away from zero). Never a wrapped number either: sums and costs
// saturate at the ends of the range, and the checked* functions say when a result would be beyond
// MaxMicros ($4 trillion), for code that must refuse rather than saturate (the calculator).
class Money
{
public:
    static constexpr qint64 MaxMicros = 4'000'000'000'000'000'000; // $4 trillion
    constexpr Money() = default;
    static constexpr Money fromMicros(qint64 micros) { return Money(micros); }
    static constexpr Money fromDollars(qint64 dollars) { return Money(dollars * 1'000'000); }
    // Parses "12", "12.5", "-0.000001", "1e-3" is refused; at most 6 decimals.
    static std::optional<Money> parse(QStringView text);
    // For JSON numbers: exact for values with at most 6 decimals and under 9e9 dollars.
    static std::optional<Money> fromJsonDouble(double value);

    // Cost of `tokens` at `pricePerMillion` tokens, rounded half away from zero to a micro-dollar;
    // saturated at ±MaxMicros (a provider reporting absurd usage cannot wrap a total).
    static Money costOf(qint64 tokens, Money pricePerMillion);
    // The same, or nothing when it is beyond ±MaxMicros.
    static std::optional<Money> checkedCostOf(qint64 tokens, Money pricePerMillion);
    // amount × num / den rounded half away from zero, or nothing beyond ±MaxMicros (den != 0).
    static std::optional<Money> checkedScaled(Money amount, Int128 num, Int128 den);
    std::optional<Money> checkedPlus(Money o) const;
    std::optional<Money> checkedMinus(Money o) const { return checkedPlus(-o); }

    constexpr qint64 micros() const { return m_micros; }
    constexpr bool isZero() const { return m_micros == 0; }
    constexpr bool isNegative() const { return m_micros < 0; }

    // Rounded half away from zero to `decimals` (0..6) places: "184.50".
    QString toString(int decimals = 2) const;
    // The same rounding, written the way `locale` writes numbers: "1,346.85" (en), "1 346,85" (fr).
    QString toLocaleString(const QLocale &locale, int decimals = 2) const;
    // Exact decimal text without trailing zeros beyond 2 decimals: "0.0375", "8.00".
    QString toExactString() const;
    // For JSON output: the exact amount as a double (micro-dollar precision).
    double toDouble() const { return static_cast<double>(m_micros) / 1e6; }

    constexpr Money operator+(Money o) const { return Money(saturatedAdd(m_micros, o.m_micros)); }
    constexpr Money operator-(Money o) const { return Money(saturatedAdd(m_micros, negated(o.m_micros))); }
    constexpr Money operator-() const { return Money(negated(m_micros)); }
    constexpr Money &operator+=(Money o)
    {
        m_micros = saturatedAdd(m_micros, o.m_micros);
        return *this;
    }
    constexpr Money &operator-=(Money o)
    {
        m_micros = saturatedAdd(m_micros, negated(o.m_micros));
        return *this;
    }
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
    constexpr auto operator<=>(const Money &) const = default;

private:
    constexpr explicit Money(qint64 micros)
        : m_micros(micros)
    {}
    static constexpr qint64 negated(qint64 v)
    {
        return v == std::numeric_limits<qint64>::min() ? std::numeric_limits<qint64>::max() : -v;
    }
    static constexpr qint64 saturatedAdd(qint64 a, qint64 b)
    {
        qint64 r = 0;
        if (__builtin_add_overflow(a, b, &r))
            return b > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
        return r;
    }
    qint64 m_micros = 0;
};

// Amounts as shown, rounded half away from zero to the cent, with the interface locale's digit
// grouping and decimal sign (QLocale()): "$184.50"; "¥1,347.00" (an amount already in yuan). One place
// for the currency format of every view, report and CLI table; files (CSV, JSON) use toString().
QString usdText(Money usd);
QString cnyText(Money cny);

// Integer division rounded half away from zero (both operands may be negative; den != 0).
qint64 divRoundHalfAway(Int128 num, Int128 den);
