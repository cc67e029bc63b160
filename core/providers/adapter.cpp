#include "providers/adapter.h"

#include "providers/anthropicadapter.h"
#include "providers/geminiadapter.h"
#include "providers/openaiadapter.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

QList<StreamUpdate> StreamDecoder::feed(QByteArrayView bytes)
{
    QList<StreamUpdate> out;
    for (const SseEvent &event : m_sse.feed(bytes))
        decode(event, out);
    if (m_sse.overflowed() && !std::exchange(m_overflowReported, true)) {
        StreamUpdate u;
        u.error = ProviderError{
            ErrorClass::MalformedResponse,
            0,
            QStringLiteral("a stream event over %1 MiB").arg(SseParser::MaxEventBytes >> 20), {}, {}};
        out.append(u);
    }
    return out;
}

const ProviderAdapter &ProviderAdapter::forKind(ProviderKind kind)
{
    static const OpenAiAdapter openAi;
    static const AnthropicAdapter anthropic;
    static const GeminiAdapter gemini;
    switch (kind) {
    case ProviderKind::Anthropic:
        return anthropic;
    case ProviderKind::Gemini:
        return gemini;
    case ProviderKind::OpenAi:
    case ProviderKind::Simulated:
        break;
    }
    return openAi;
}

namespace AdapterUtil {

QJsonObject jsonObject(const QByteArray &data, int httpStatus, const QString &what,
                       std::optional<ProviderError> &error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error == QJsonParseError::NoError && doc.isObject())
        return doc.object();
    error = ProviderError{ErrorClass::MalformedResponse,
                          httpStatus,
                          u"malformed %1: %2"_s.arg(what, pe.error == QJsonParseError::NoError
                                                              ? u"not a JSON object"_s
                                                              : pe.errorString()),
                          {},
                          {}};
    return {};
}

HttpRequestSpec getRequest(const QUrl &url, HeaderList headers)
{
    HttpRequestSpec spec;
    spec.method = "GET";
    spec.url = url;
    headers.removeIf([](const auto &h) { return h.first.compare("Content-Type", Qt::CaseInsensitive) == 0; });
    spec.headers = std::move(headers);
    return spec;
}

QUrl appendPath(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString p = url.path();
    if (!p.endsWith(u'/'))
        p += u'/';
    url.setPath(p + path);
    return url;
}

ErrorClass classForStatus(int status)
{
    switch (status) {
    case 400:
    case 405:
    case 409:
    case 415:
    case 422:
        return ErrorClass::BadRequest;
    case 401:
    case 403:
        return ErrorClass::Auth;
    case 402:
        return ErrorClass::QuotaExhausted;
    case 404:
        return ErrorClass::ModelNotFound;
    case 408:
        return ErrorClass::ServerError;
    case 413:
        return ErrorClass::ContextLength;
    case 429:
        return ErrorClass::RateLimited;
    case 503:
    case 529:
        return ErrorClass::Overloaded;
    default:
        break;
    }
    if (status >= 500)
        return ErrorClass::ServerError;
    if (status >= 400)
        return ErrorClass::BadRequest;
    return ErrorClass::MalformedResponse; // a non-error status that still is not an answer
}

} // namespace AdapterUtil
