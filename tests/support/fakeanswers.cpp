// The fake provider's answers, per wire format: a whole answer, a stream token by token, an error
// event in a stream, the end of a stream (FakeExchange, fakeexchange.h).

#include "fakeexchange.h"

void FakeExchange::answer()
{
    if (!keyAccepted()) {
        const int status = m_format == Format::Gemini ? 403 : 401;
        sendError(status, u"auth"_s, u"invalid api key"_s);
        return;
    }
    if (m_applyStatus) {
        sendError(m_fault.status, m_fault.errorKind, messageFor(m_fault.status, m_fault.errorKind));
        return;
    }
    if (m_recorded.method == "GET") {
        QJsonArray models{QJsonObject{{u"id"_s, u"fake-model"_s}, {u"object"_s, u"model"_s}}};
        sendJson(200, QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, models}});
        return;
    }
    if (m_fault.rejectPrefill && lastMessageIsAssistant()) {
        sendError(400, QString(),
                  u"This model does not support assistant message prefill. The conversation must end with a "
                  u"user message."_s);
        return;
    }
    const bool stream = m_format == Format::Gemini ? m_path.contains(":streamGenerateContent")
                                                   : m_request.value("stream"_L1).toBool();
    if (!stream)
        return answerWhole();
    m_contentLengthless = true;
    writeHead(200, "text/event-stream", {{"Cache-Control", "no-cache"}}, -1);
    if (m_format == Format::Anthropic) {
        writeBody(anthropicEvent(
            "message_start",
            QJsonObject{{u"type"_s, u"message_start"_s},
                        {u"message"_s, QJsonObject{{u"id"_s, u"msg_fake"_s},
                                                   {u"type"_s, u"message"_s},
                                                   {u"role"_s, u"assistant"_s},
                                                   {u"model"_s, requestedModel()},
                                                   {u"content"_s, QJsonArray{}},
                                                   {u"usage"_s, QJsonObject{{u"input_tokens"_s, 11},
                                                                            {u"output_tokens"_s, 1}}}}}}));
        writeBody(anthropicEvent(
            "content_block_start",
            QJsonObject{{u"type"_s, u"content_block_start"_s},
                        {u"index"_s, 0},
                        {u"content_block"_s, QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, u""_s}}}}));
        writeBody(anthropicEvent("ping", QJsonObject{{u"type"_s, u"ping"_s}}));
    } else if (m_format == Format::OpenAi) {
        writeBody(": keep-alive comment\n\n");
    }
    if (m_fault.contentBlocked && m_format == Format::Gemini) {
        writeBody(geminiFrame(QJsonObject{{u"promptFeedback"_s, QJsonObject{{u"blockReason"_s, u"SAFETY"_s}}},
                                          {u"usageMetadata"_s, QJsonObject{{u"promptTokenCount"_s, 11}}}}));
        endBody();
        return;
    }
    later(m_fault.ttftMs, [this] { streamToken(0); });
}

void FakeExchange::streamToken(int i)
{
    const FakeFault &f = m_fault;
    if (i == f.cutAfter) {
        if (f.closeDelimited)
            emitAction([this] { m_socket->disconnectFromHost(); }); // a clean close, no terminator
        else
            dropConnection();
        return;
    }
    if (i == f.stallAfter)
        return; // silent and open until the client gives up
    if (i == f.errorEventAfter)
        return streamErrorEvent();
    if (i == f.malformedAfter) {
        writeBody(
            m_format == Format::Anthropic
                ? "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"delta\": {\n\n"
                : "data: {\"id\": \"chatcmpl-fake\", \"choices\": [{\n\n");
        endBody();
        return;
    }
    if (i >= f.tokens)
        return streamFinish();
    writeBody(tokenFrame(tokenText(i)));
    later(f.interTokenMs, [this, i] { streamToken(i + 1); });
}

void FakeExchange::streamErrorEvent()
{
    switch (m_format) {
    case Format::OpenAi:
        writeBody(
            dataFrame(QJsonObject{{u"error"_s, QJsonObject{{u"message"_s, u"The server is overloaded"_s},
                                                           {u"type"_s, u"server_error"_s},
                                                           {u"code"_s, u"overloaded"_s}}}}));
        break;
    case Format::Anthropic:
        writeBody(
            anthropicEvent("error", QJsonObject{{u"type"_s, u"error"_s},
                                                {u"error"_s, QJsonObject{{u"type"_s, u"overloaded_error"_s},
                                                                         {u"message"_s, u"Overloaded"_s}}}}));
        break;
    case Format::Gemini:
        writeBody(
            geminiFrame(QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, 503},
                                                             {u"message"_s, u"The model is overloaded."_s},
                                                             {u"status"_s, u"UNAVAILABLE"_s}}}}));
        break;
    }
    endBody();
}

void FakeExchange::streamFinish()
{
    const FakeFault &f = m_fault;
    const int n = f.tokens;
    if (f.omitFinish) {
        endBody();
        return;
    }
    switch (m_format) {
    case Format::OpenAi: {
        writeBody(dataFrame(openAiChunk(QJsonObject{}, f.contentBlocked ? u"content_filter"_s : u"stop"_s)));
        QJsonObject usage = openAiChunk(QJsonObject{}, QJsonValue::Null);
        usage.insert(u"choices"_s, QJsonArray{});
        usage.insert(
            u"usage"_s,
            QJsonObject{{u"prompt_tokens"_s, 11}, {u"completion_tokens"_s, n}, {u"total_tokens"_s, 11 + n}});
        writeBody(dataFrame(usage));
        if (!f.omitTerminator)
            writeBody("data: [DONE]\n\n");
        break;
    }
    case Format::Anthropic:
        writeBody(anthropicEvent("content_block_stop",
                                 QJsonObject{{u"type"_s, u"content_block_stop"_s}, {u"index"_s, 0}}));
        writeBody(anthropicEvent(
            "message_delta",
            QJsonObject{
                {u"type"_s, u"message_delta"_s},
                {u"delta"_s, QJsonObject{{u"stop_reason"_s, f.contentBlocked ? u"refusal"_s : u"end_turn"_s},
                                         {u"stop_sequence"_s, QJsonValue::Null}}},
                {u"usage"_s, QJsonObject{{u"output_tokens"_s, n}}}}));
        if (!f.omitTerminator)
            writeBody(anthropicEvent("message_stop", QJsonObject{{u"type"_s, u"message_stop"_s}}));
        break;
    case Format::Gemini:
        writeBody(geminiFrame(QJsonObject{
            {u"candidates"_s,
             QJsonArray{QJsonObject{
                 {u"content"_s, QJsonObject{{u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, u""_s}}}},
                                            {u"role"_s, u"model"_s}}},
                 {u"finishReason"_s, f.contentBlocked ? u"SAFETY"_s : u"STOP"_s},
                 {u"index"_s, 0}}}},
            {u"usageMetadata"_s, QJsonObject{{u"promptTokenCount"_s, 11},
                                             {u"candidatesTokenCount"_s, n},
                                             {u"totalTokenCount"_s, 11 + n}}},
            {u"modelVersion"_s, requestedModel()}}));
        break;
    }
    endBody();
}

void FakeExchange::answerWhole()
{
    const FakeFault &f = m_fault;
    QString text;
    for (int i = 0; i < f.tokens; ++i)
        text += tokenText(i);
    const int n = f.tokens;
    later(f.ttftMs, [this, text, n, blocked = f.contentBlocked] {
        switch (m_format) {
        case Format::OpenAi:
            sendJson(200,
                     QJsonObject{
                         {u"id"_s, u"chatcmpl-fake"_s},
                         {u"object"_s, u"chat.completion"_s},
                         {u"model"_s, requestedModel()},
                         {u"choices"_s,
                          QJsonArray{QJsonObject{
                              {u"index"_s, 0},
                              {u"message"_s, QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, text}}},
                              {u"finish_reason"_s, blocked ? u"content_filter"_s : u"stop"_s}}}},
                         {u"usage"_s, QJsonObject{{u"prompt_tokens"_s, 11},
                                                  {u"completion_tokens"_s, n},
                                                  {u"total_tokens"_s, 11 + n}}}});
            return;
        case Format::Anthropic:
            sendJson(200,
                     QJsonObject{
                         {u"id"_s, u"msg_fake"_s},
                         {u"type"_s, u"message"_s},
                         {u"role"_s, u"assistant"_s},
                         {u"model"_s, requestedModel()},
                         {u"content"_s, QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}}}},
                         {u"stop_reason"_s, blocked ? u"refusal"_s : u"end_turn"_s},
                         {u"usage"_s, QJsonObject{{u"input_tokens"_s, 11}, {u"output_tokens"_s, n}}}});
            return;
        case Format::Gemini:
            if (blocked) {
                sendJson(200,
                         QJsonObject{{u"promptFeedback"_s, QJsonObject{{u"blockReason"_s, u"SAFETY"_s}}}});
                return;
            }
            sendJson(200,
                     QJsonObject{{u"candidates"_s,
                                  QJsonArray{QJsonObject{
                                      {u"content"_s,
                                       QJsonObject{{u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, text}}}},
                                                   {u"role"_s, u"model"_s}}},
                                      {u"finishReason"_s, u"STOP"_s}}}},
                                 {u"usageMetadata"_s, QJsonObject{{u"promptTokenCount"_s, 11},
                                                                  {u"candidatesTokenCount"_s, n},
                                                                  {u"totalTokenCount"_s, 11 + n}}},
                                 {u"modelVersion"_s, requestedModel()}});
            return;
        }
    });
}
