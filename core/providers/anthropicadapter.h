#pragma once

#include "providers/adapter.h"

// Anthropic Messages API (POST {base}/v1/messages), named SSE events.
class AnthropicAdapter final : public ProviderAdapter
{
public:
    static constexpr const char *ApiVersion = "2023-06-01";

    HttpRequestSpec chatRequest(const QList<ChatMessage> &messages, const Endpoint &endpoint, int maxTokens,
                                std::optional<double> temperature) const override;
    HttpRequestSpec modelsRequest(const Endpoint &endpoint) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
    ParsedResponse parseResponse(const QByteArray &body) const override;
    ProviderError classifyHttpError(int status, const HeaderList &headers, const QByteArray &body,
                                    const QDateTime &now) const override;
};
