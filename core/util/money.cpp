#include "util/money.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
// num / den rounded half away from zero, still in Int128 (checkedScaled tests the range first).
Int128 divRound128(Int128 num, Int128 den)
{
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const bool negative = num < 0;
    const Int128 absNum = negative ? -num : num;
    const Int128 q = (absNum + den / 2) / den;
    return negative ? -q : q;
}
} // namespace

qint64 divRoundHalfAway(Int128 num, Int128 den)
{
    return static_cast<qint64>(divRound128(num, den));
}

std::optional<Money> Money::parse(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool negative = false;
    if (text.front() == u'-' || text.front() == u'+') {
        negative = text.front() == u'-';
        text = text.mid(1);
    }
    const qsizetype dot = text.indexOf(u'.');
    const QStringView whole = dot < 0 ? text : text.left(dot);
    const QStringView frac = dot < 0 ? QStringView() : text.mid(dot + 1);
    if ((whole.isEmpty() && frac.isEmpty()) || frac.size() > 6 || whole.size() > 12)
        return std::nullopt;
    qint64 micros = 0;
    for (const QChar c : whole) {
        if (!c.isDigit())
            return std::nullopt;
        micros = micros * 10 + c.digitValue();
    }
    micros *= 1'000'000;
    qint64 scale = 100'000;
    for (const QChar c : frac) {
        if (!c.isDigit())
            return std::nullopt;
        micros += c.digitValue() * scale;
        scale /= 10;
    }
    return Money(negative ? -micros : micros);
}

std::optional<Money> Money::fromJsonDouble(double value)
{
    if (!std::isfinite(value) || std::fabs(value) > 9e9)
        return std::nullopt;
    const double scaled = value * 1e6;
    const double rounded = std::round(scaled);
    // Refuse values with more than 6 decimals rather than silently rounding a price.
    if (std::fabs(scaled - rounded) > 1e-3)
        return std::nullopt;
    return Money(static_cast<qint64>(rounded));
}

std::optional<Money> Money::checkedScaled(Money amount, Int128 num, Int128 den)
{
    if (den == 0)
        return std::nullopt;
    // |amount| < 2^63 and |num| < 2^63 here: the product fits 126 bits.
    const Int128 r = divRound128(static_cast<Int128>(amount.m_micros) * num, den);
    if (r > MaxMicros || r < -MaxMicros)
        return std::nullopt;
    return Money(static_cast<qint64>(r));
}

std::optional<Money> Money::checkedCostOf(qint64 tokens, Money pricePerMillion)
{
    return checkedScaled(pricePerMillion, tokens, 1'000'000);
}

Money Money::costOf(qint64 tokens, Money pricePerMillion)
{
    if (const auto c = checkedCostOf(tokens, pricePerMillion))
        return *c;
    const bool negative = (tokens < 0) != (pricePerMillion.m_micros < 0);
    return Money(negative ? -MaxMicros : MaxMicros);
}

std::optional<Money> Money::checkedPlus(Money o) const
{
    const Int128 r = static_cast<Int128>(m_micros) + o.m_micros;
    if (r > MaxMicros || r < -MaxMicros)
        return std::nullopt;
    return Money(static_cast<qint64>(r));
}

QString Money::toString(int decimals) const
{
    decimals = std::clamp(decimals, 0, 6);
    qint64 unit = 1;
    for (int i = decimals; i < 6; ++i)
        unit *= 10;
    const qint64 scaled = divRoundHalfAway(m_micros, unit); // in 10^-decimals dollars
    qint64 pow = 1;
    for (int i = 0; i < decimals; ++i)
        pow *= 10;
    const bool negative = scaled < 0;
    const qint64 abs = negative ? -scaled : scaled;
    QString out = QString::number(abs / pow);
    if (decimals > 0)
        out += u'.' + QString::number(abs % pow).rightJustified(decimals, u'0');
    return negative ? u'-' + out : out;
}

QString Money::toLocaleString(const QLocale &locale, int decimals) const
{
    const QString plain = toString(decimals);
    const bool negative = plain.startsWith(u'-');
    const QStringView digits = QStringView(plain).mid(negative ? 1 : 0);
    const qsizetype dot = digits.indexOf(u'.');
    QString out = locale.toString(digits.left(dot < 0 ? digits.size() : dot).toLongLong());
    if (dot >= 0)
        out += locale.decimalPoint() + digits.mid(dot + 1).toString();
    return negative ? locale.negativeSign() + out : out;
}

QString Money::toExactString() const
{
    QString s = toString(6);
    // Trim trailing zeros, keeping at least two decimals.
    const qsizetype dot = s.indexOf(u'.');
    while (s.endsWith(u'0') && s.size() - dot - 1 > 2)
        s.chop(1);
    return s;
}

QString usdText(Money usd)
{
    return QStringLiteral("$") + usd.toLocaleString(QLocale());
}

QString cnyText(Money cny)
{
    return QStringLiteral("¥") + cny.toLocaleString(QLocale());
}
