#include "providers/errorclass.h"

#include "util/enumnames.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<ErrorClass> ErrorClassNames[] = {
    {ErrorClass::None, "none"_L1},
    {ErrorClass::RateLimited, "rate_limited"_L1},
    {ErrorClass::QuotaExhausted, "quota_exhausted"_L1},
    {ErrorClass::Overloaded, "overloaded"_L1},
    {ErrorClass::ServerError, "server_error"_L1},
    {ErrorClass::ConnectTimeout, "connect_timeout"_L1},
    {ErrorClass::FirstTokenTimeout, "first_token_timeout"_L1},
    {ErrorClass::IdleTimeout, "idle_timeout"_L1},
    {ErrorClass::BudgetExceeded, "budget_exceeded"_L1},
    {ErrorClass::Network, "network"_L1},
    {ErrorClass::Auth, "auth"_L1},
    {ErrorClass::ContextLength, "context_length"_L1},
    {ErrorClass::ContentPolicy, "content_policy"_L1},
    {ErrorClass::BadRequest, "bad_request"_L1},
    {ErrorClass::ModelNotFound, "model_not_found"_L1},
    {ErrorClass::TruncatedStream, "truncated_stream"_L1},
    {ErrorClass::MalformedResponse, "malformed_response"_L1},
    {ErrorClass::Cancelled, "cancelled"_L1},
    {ErrorClass::Saturated, "gateway_saturated"_L1},
};

} // namespace

QString errorClassName(ErrorClass cls)
{
    return enumName(ErrorClassNames, cls);
}

QString errorClassDescription(ErrorClass cls)
{
    QString s = errorClassName(cls);
    s.replace(u'_', u' ');
    return s;
}

QString errorClassText(ErrorClass cls)
{
    switch (cls) {
    case ErrorClass::None:
        return QCoreApplication::translate("ErrorClass", "no error");
    case ErrorClass::RateLimited:
        return QCoreApplication::translate("ErrorClass", "rate limited");
    case ErrorClass::QuotaExhausted:
        return QCoreApplication::translate("ErrorClass", "quota exhausted");
    case ErrorClass::Overloaded:
        return QCoreApplication::translate("ErrorClass", "overloaded");
    case ErrorClass::ServerError:
        return QCoreApplication::translate("ErrorClass", "server error");
    case ErrorClass::ConnectTimeout:
        return QCoreApplication::translate("ErrorClass", "connect timeout");
    case ErrorClass::FirstTokenTimeout:
        return QCoreApplication::translate("ErrorClass", "first token timeout");
    case ErrorClass::IdleTimeout:
        return QCoreApplication::translate("ErrorClass", "idle timeout");
    case ErrorClass::BudgetExceeded:
        return QCoreApplication::translate("ErrorClass", "budget exceeded");
    case ErrorClass::Network:
        return QCoreApplication::translate("ErrorClass", "network");
    case ErrorClass::Auth:
        return QCoreApplication::translate("ErrorClass", "auth");
    case ErrorClass::ContextLength:
        return QCoreApplication::translate("ErrorClass", "context length");
    case ErrorClass::ContentPolicy:
        return QCoreApplication::translate("ErrorClass", "content policy");
    case ErrorClass::BadRequest:
        return QCoreApplication::translate("ErrorClass", "bad request");
    case ErrorClass::ModelNotFound:
        return QCoreApplication::translate("ErrorClass", "model not found");
    case ErrorClass::TruncatedStream:
        return QCoreApplication::translate("ErrorClass", "truncated stream");
    case ErrorClass::MalformedResponse:
        return QCoreApplication::translate("ErrorClass", "malformed response");
    case ErrorClass::Cancelled:
        return QCoreApplication::translate("ErrorClass", "cancelled");
    case ErrorClass::Saturated:
        return QCoreApplication::translate("ErrorClass", "gateway saturated");
    }
    return errorClassDescription(cls);
}

namespace {
// Waits beyond a year are a provider's error (or an attacker's): they are held to a year, and never
// converted from a double that no qint64 can hold.
constexpr double MaxWaitMs = 86'400'000.0 * 365;
} // namespace

std::optional<qint64> parseRetryAfter(QByteArrayView value, const QDateTime &now)
{
    const QString text = QString::fromLatin1(value).trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok) {
        if (!std::isfinite(seconds) || seconds < 0)
            return std::nullopt;
        return static_cast<qint64>(std::ceil(std::min(seconds * 1000.0, MaxWaitMs)));
    }
    // HTTP-date (IMF-fixdate): "Wed, 21 Oct 2015 07:28:00 GMT"
    QDateTime when = QLocale::c().toDateTime(text, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!when.isValid())
        when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    return std::clamp<qint64>(now.msecsTo(when), 0, qint64(MaxWaitMs));
}

std::optional<qint64> parseDurationMs(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    double totalMs = 0;
    qsizetype i = 0;
    bool any = false;
    while (i < text.size()) {
        const qsizetype start = i;
        while (i < text.size() && (text.at(i).isDigit() || text.at(i) == u'.'))
            ++i;
        if (start == i)
            return std::nullopt;
        bool ok = false;
        const double number = text.mid(start, i - start).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < text.size() && text.at(i).isLetter())
            ++i;
        const QStringView unit = text.mid(unitStart, i - unitStart);
        double factor = 0;
        if (unit == u"ms")
            factor = 1;
        else if (unit == u"s" || unit.isEmpty())
            factor = 1000;
        else if (unit == u"m")
            factor = 60'000;
        else if (unit == u"h")
            factor = 3'600'000;
        else
            return std::nullopt;
        totalMs += number * factor;
        any = true;
    }
    if (!any || !std::isfinite(totalMs))
        return std::nullopt;
    return static_cast<qint64>(std::ceil(std::min(totalMs, MaxWaitMs)));
}
