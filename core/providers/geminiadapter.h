#pragma once

#include "providers/adapter.h"

// Google Gemini generateContent / streamGenerateContent?alt=sse. Each SSE frame is a whole
// GenerateContentResponse; there is no [DONE]: a finishReason and the end of the body finish it.
class GeminiAdapter final : public ProviderAdapter
{
public:
    HttpRequestSpec chatRequest(const QList<ChatMessage> &messages, const Endpoint &endpoint, int maxTokens,
                                std::optional<double> temperature) const override;
    HttpRequestSpec modelsRequest(const Endpoint &endpoint) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
    ParsedResponse parseResponse(const QByteArray &body) const override;
    ProviderError classifyHttpError(int status, const HeaderList &headers, const QByteArray &body,
                                    const QDateTime &now) const override;
};
