#include "providers/adapter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

const QDateTime Now = QDateTime(QDate(2026, 11, 25), QTime(12, 0, 0), QTimeZone::utc());

Endpoint endpoint(const QString &base, bool streaming = true)
{
    Endpoint e;
    e.baseUrl = QUrl(base);
    e.model = u"the-model"_s;
    e.apiKey = "secret-key-123";
    e.streaming = streaming;
    return e;
}

QList<ChatMessage> conversation()
{
    return {{Role::System, u"be brief"_s},
            {Role::User, u"hi"_s},
            {Role::Assistant, u"hello"_s},
            {Role::User, u"more"_s}};
}

// Everything a decoder says about a whole stream.
struct Decoded
{
    QString text;
    QString finish;
    std::optional<Usage> usage;
    QString model;
    std::optional<ProviderError> error;
    bool done = false;
};

Decoded decodeAll(ProviderKind kind, const QByteArray &stream)
{
    auto decoder = ProviderAdapter::forKind(kind).streamDecoder();
    Decoded d;
    for (const StreamUpdate &u : decoder->feed(stream)) {
        d.text += u.text;
        if (!u.finishReason.isEmpty())
            d.finish = u.finishReason;
        if (u.usage)
            d.usage = u.usage;
        if (!u.model.isEmpty())
            d.model = u.model;
        if (u.error && !d.error)
            d.error = u.error;
        d.done = d.done || u.done;
    }
    return d;
}

} // namespace

Q_DECLARE_METATYPE(ProviderKind)
Q_DECLARE_METATYPE(ErrorClass)

class TestAdapters : public QObject
{
    Q_OBJECT

private slots:
    void openAi_request()
    {
        const HttpRequestSpec spec = ProviderAdapter::forKind(ProviderKind::OpenAi)
                                         .chatRequest(conversation(), endpoint(u"https://h/v1"_s), 50, 0.2);
        QCOMPARE(spec.url.toString(), u"https://h/v1/chat/completions"_s);
        QCOMPARE(headerValue(spec.headers, "authorization"), QByteArray("Bearer secret-key-123"));
        const QJsonObject body = QJsonDocument::fromJson(spec.body).object();
        QCOMPARE(body.value("model"_L1).toString(), u"the-model"_s);
        QCOMPARE(body.value("stream"_L1).toBool(), true);
        QCOMPARE(body.value("stream_options"_L1).toObject().value("include_usage"_L1).toBool(), true);
        QCOMPARE(body.value("max_tokens"_L1).toInt(), 50);
        QCOMPARE(body.value("messages"_L1).toArray().size(), 4);
        QCOMPARE(body.value("messages"_L1).toArray().at(0).toObject().value("role"_L1).toString(),
                 u"system"_s);
    }

    void anthropic_request()
    {
        const HttpRequestSpec spec =
            ProviderAdapter::forKind(ProviderKind::Anthropic)
                .chatRequest(conversation(), endpoint(u"https://api.anthropic.com"_s), 0, {});
        QCOMPARE(spec.url.toString(), u"https://api.anthropic.com/v1/messages"_s);
        QCOMPARE(headerValue(spec.headers, "x-api-key"), QByteArray("secret-key-123"));
        QCOMPARE(headerValue(spec.headers, "anthropic-version"), QByteArray("2023-06-01"));
        QVERIFY(headerValue(spec.headers, "authorization").isEmpty());
        const QJsonObject body = QJsonDocument::fromJson(spec.body).object();
        QCOMPARE(body.value("system"_L1).toString(), u"be brief"_s);
        QCOMPARE(body.value("messages"_L1).toArray().size(), 3); // no system role inside messages
        QVERIFY(body.value("max_tokens"_L1).toInt() >= 1);       // required by the API
    }

    void gemini_request_keyInHeaderNeverInUrl()
    {
        const HttpRequestSpec spec =
            ProviderAdapter::forKind(ProviderKind::Gemini)
                .chatRequest(conversation(), endpoint(u"https://generativelanguage.googleapis.com"_s), 64,
                             {});
        QCOMPARE(
            spec.url.toString(),
            u"https://generativelanguage.googleapis.com/v1beta/models/the-model:streamGenerateContent?alt=sse"_s);
        QVERIFY(!spec.url.toString().contains(u"secret-key"_s));
        QCOMPARE(headerValue(spec.headers, "x-goog-api-key"), QByteArray("secret-key-123"));
        const QJsonObject body = QJsonDocument::fromJson(spec.body).object();
        QCOMPARE(body.value("systemInstruction"_L1)
                     .toObject()
                     .value("parts"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("text"_L1)
                     .toString(),
                 u"be brief"_s);
        const QJsonArray contents = body.value("contents"_L1).toArray();
        QCOMPARE(contents.size(), 3);
        QCOMPARE(contents.at(1).toObject().value("role"_L1).toString(), u"model"_s);
        QCOMPARE(body.value("generationConfig"_L1).toObject().value("maxOutputTokens"_L1).toInt(), 64);
        const HttpRequestSpec whole =
            ProviderAdapter::forKind(ProviderKind::Gemini)
                .chatRequest(conversation(), endpoint(u"https://g/v1beta"_s, false), 0, {});
        QCOMPARE(whole.url.toString(), u"https://g/v1beta/models/the-model:generateContent"_s);
    }

    void modelsRequest_isAGet()
    {
        for (ProviderKind kind : {ProviderKind::OpenAi, ProviderKind::Anthropic, ProviderKind::Gemini}) {
            const HttpRequestSpec spec =
                ProviderAdapter::forKind(kind).modelsRequest(endpoint(u"https://h"_s));
            QCOMPARE(spec.method, QByteArray("GET"));
            QVERIFY(spec.url.path().endsWith(u"/models"_s));
            QVERIFY(!spec.url.toString().contains(u"secret"_s));
        }
    }

    void openAi_stream()
    {
        const Decoded d = decodeAll(
            ProviderKind::OpenAi,
            ": OPENROUTER PROCESSING\n\n"
            "data: "
            "{\"model\":\"gpt-4o-2024\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            "\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n"
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
            "data: "
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}\n\n"
            "data: [DONE]\n\n");
        QCOMPARE(d.text, u"Hello"_s);
        QCOMPARE(d.finish, u"stop"_s);
        QCOMPARE(d.model, u"gpt-4o-2024"_s);
        QVERIFY(d.usage && d.usage->inputTokens == 9 && d.usage->outputTokens == 2);
        QVERIFY(d.done);
        QVERIFY(!d.error);
    }

    void endlessEvent_isOneMalformedError()
    {
        // Every kind: a stream whose event never ends is a malformed answer, said once.
        for (ProviderKind kind : {ProviderKind::OpenAi, ProviderKind::Anthropic, ProviderKind::Gemini}) {
            auto decoder = ProviderAdapter::forKind(kind).streamDecoder();
            const QByteArray mib(1024 * 1024, 'x');
            decoder->feed("data: ");
            int errors = 0;
            for (int i = 0; i < 12; ++i) {
                for (const StreamUpdate &u : decoder->feed(mib)) {
                    QVERIFY(u.error);
                    QCOMPARE(u.error->cls, ErrorClass::MalformedResponse);
                    ++errors;
                }
            }
            QCOMPARE(errors, 1);
        }
    }

    void anthropic_stream_usageIsCumulative()
    {
        const Decoded d =
            decodeAll(ProviderKind::Anthropic, "event: message_start\ndata: "
                                               "{\"type\":\"message_start\",\"message\":{\"model\":\"claude-"
                                               "x\",\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
                                               "event: ping\ndata: {\"type\":\"ping\"}\n\n"
                                               "event: content_block_delta\ndata: "
                                               "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{"
                                               "\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}\n\n"
                                               "event: content_block_delta\ndata: "
                                               "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{"
                                               "\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
                                               "event: message_delta\ndata: "
                                               "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":null},"
                                               "\"usage\":{\"output_tokens\":10}}\n\n"
                                               "event: message_delta\ndata: "
                                               "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_"
                                               "turn\"},\"usage\":{\"output_tokens\":15}}\n\n"
                                               "event: future_event\ndata: {\"type\":\"future_event\"}\n\n"
                                               "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        QCOMPARE(d.text, u"Hi"_s);
        QCOMPARE(d.finish, u"end_turn"_s);
        QCOMPARE(d.model, u"claude-x"_s);
        QCOMPARE(d.usage->inputTokens, qint64(25));
        QCOMPARE(d.usage->outputTokens, qint64(15)); // the latest total, not 1 + 10 + 15
        QVERIFY(d.done);
    }

    void gemini_stream()
    {
        const Decoded d =
            decodeAll(ProviderKind::Gemini,
                      "data: "
                      "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"thinking\",\"thought\":true},{"
                      "\"text\":\"Bon\"}],\"role\":\"model\"}}],\"modelVersion\":\"gemini-2.5-flash\"}\n\n"
                      "data: "
                      "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"jour\"}],\"role\":\"model\"},"
                      "\"finishReason\":\"STOP\"}],"
                      "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":2,"
                      "\"totalTokenCount\":6}}\n\n");
        QCOMPARE(d.text, u"Bonjour"_s);
        QCOMPARE(d.finish, u"STOP"_s);
        QCOMPARE(d.usage->outputTokens, qint64(2));
        QVERIFY(!d.done); // Gemini has no terminator: the finish reason and the end of the body finish it
    }

    void inBandErrors_data()
    {
        QTest::addColumn<ProviderKind>("kind");
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<ErrorClass>("cls");
        QTest::newRow("openai error chunk")
            << ProviderKind::OpenAi
            << QByteArray("data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n")
            << ErrorClass::Overloaded;
        QTest::newRow("vllm error object")
            << ProviderKind::OpenAi
            << QByteArray("data: {\"object\":\"error\",\"message\":\"boom\",\"code\":500}\n\n")
            << ErrorClass::ServerError;
        QTest::newRow("openai content filter")
            << ProviderKind::OpenAi
            << QByteArray(
                   "data: "
                   "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"content_filter\"}]}\n\n")
            << ErrorClass::ContentPolicy;
        QTest::newRow("openai malformed") << ProviderKind::OpenAi << QByteArray("data: {\"choices\": [\n\n")
                                          << ErrorClass::MalformedResponse;
        QTest::newRow("anthropic overloaded event")
            << ProviderKind::Anthropic
            << QByteArray("event: error\ndata: "
                          "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
                          "\"Overloaded\"}}\n\n")
            << ErrorClass::Overloaded;
        QTest::newRow("anthropic refusal")
            << ProviderKind::Anthropic
            << QByteArray("event: message_delta\ndata: "
                          "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\"}}\n\n")
            << ErrorClass::ContentPolicy;
        QTest::newRow("gemini blockReason")
            << ProviderKind::Gemini
            << QByteArray("data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}\n\n")
            << ErrorClass::ContentPolicy;
        QTest::newRow("gemini finish SAFETY")
            << ProviderKind::Gemini
            << QByteArray("data: "
                          "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"finishReason\":"
                          "\"SAFETY\"}]}\n\n")
            << ErrorClass::ContentPolicy;
        QTest::newRow("gemini in-stream 503")
            << ProviderKind::Gemini
            << QByteArray("data: {\"error\":{\"code\":503,\"message\":\"The model is "
                          "overloaded.\",\"status\":\"UNAVAILABLE\"}}\n\n")
            << ErrorClass::Overloaded;
    }
    void inBandErrors()
    {
        QFETCH(ProviderKind, kind);
        QFETCH(QByteArray, stream);
        QFETCH(ErrorClass, cls);
        const Decoded d = decodeAll(kind, stream);
        QVERIFY(d.error.has_value());
        QCOMPARE(d.error->cls, cls);
        QVERIFY(d.text.isEmpty() || kind == ProviderKind::Gemini); // an error is never text
    }

    void httpErrors_data()
    {
        QTest::addColumn<ProviderKind>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("headers"); // "name: value" lines
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorClass>("cls");
        QTest::addColumn<qint64>("retryAfterMs"); // -1 = none
        const auto O = ProviderKind::OpenAi;
        const auto A = ProviderKind::Anthropic;
        const auto G = ProviderKind::Gemini;
        QTest::newRow("openai 429 retry-after")
            << O << 429 << QByteArray("retry-after: 3")
            << QByteArray("{\"error\":{\"message\":\"Rate "
                          "limit\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
            << ErrorClass::RateLimited << qint64(3000);
        QTest::newRow("openai 429 retry-after-ms")
            << O << 429 << QByteArray("retry-after-ms: 250")
            << QByteArray("{\"error\":{\"code\":\"rate_limit_exceeded\"}}") << ErrorClass::RateLimited
            << qint64(250);
        QTest::newRow("openai 429 http-date")
            << O << 429 << QByteArray("retry-after: Wed, 25 Nov 2026 12:00:07 GMT") << QByteArray("{}")
            << ErrorClass::RateLimited << qint64(7000);
        QTest::newRow("openai 429 reset header")
            << O << 429 << QByteArray("x-ratelimit-remaining-requests: 0\nx-ratelimit-reset-requests: 1m30s")
            << QByteArray("{}") << ErrorClass::RateLimited << qint64(90000);
        QTest::newRow("openai insufficient_quota")
            << O << 429 << QByteArray()
            << QByteArray("{\"error\":{\"message\":\"You exceeded your current "
                          "quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}")
            << ErrorClass::QuotaExhausted << qint64(-1);
        QTest::newRow("openai context")
            << O << 400 << QByteArray()
            << QByteArray("{\"error\":{\"message\":\"This model's maximum context length is 8192 "
                          "tokens\",\"code\":\"context_length_exceeded\"}}")
            << ErrorClass::ContextLength << qint64(-1);
        QTest::newRow("openai content policy")
            << O << 400 << QByteArray()
            << QByteArray("{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"rejected\"}}")
            << ErrorClass::ContentPolicy << qint64(-1);
        QTest::newRow("openai 401") << O << 401 << QByteArray()
                                    << QByteArray("{\"error\":{\"code\":\"invalid_api_key\"}}")
                                    << ErrorClass::Auth << qint64(-1);
        QTest::newRow("openai 404 model")
            << O << 404 << QByteArray()
            << QByteArray(
                   "{\"error\":{\"code\":\"model_not_found\",\"message\":\"The model `x` does not exist\"}}")
            << ErrorClass::ModelNotFound << qint64(-1);
        QTest::newRow("openai 503") << O << 503 << QByteArray() << QByteArray("upstream unavailable")
                                    << ErrorClass::Overloaded << qint64(-1);
        QTest::newRow("openai 500") << O << 500 << QByteArray() << QByteArray("{}") << ErrorClass::ServerError
                                    << qint64(-1);
        QTest::newRow("openai 400 other")
            << O << 400 << QByteArray() << QByteArray("{\"error\":{\"message\":\"bad\"}}")
            << ErrorClass::BadRequest << qint64(-1);
        QTest::newRow("anthropic 529") << A << 529 << QByteArray()
                                       << QByteArray("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_"
                                                     "error\",\"message\":\"Overloaded\"}}")
                                       << ErrorClass::Overloaded << qint64(-1);
        QTest::newRow("anthropic 429")
            << A << 429 << QByteArray("retry-after: 2")
            << QByteArray(
                   "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}")
            << ErrorClass::RateLimited << qint64(2000);
        QTest::newRow("anthropic spend cap")
            << A << 429 << QByteArray()
            << QByteArray("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":"
                          "\"limit\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}")
            << ErrorClass::QuotaExhausted << qint64(-1);
        QTest::newRow("anthropic reset rfc3339")
            << A << 429
            << QByteArray("anthropic-ratelimit-requests-remaining: 0\nanthropic-ratelimit-requests-reset: "
                          "2026-11-25T12:00:05Z")
            << QByteArray("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"x\"}}")
            << ErrorClass::RateLimited << qint64(5000);
        QTest::newRow("anthropic prompt too long")
            << A << 400 << QByteArray()
            << QByteArray("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                          "\"prompt is too long: 250000 tokens > 200000 maximum\"}}")
            << ErrorClass::ContextLength << qint64(-1);
        QTest::newRow("anthropic billing")
            << A << 402 << QByteArray()
            << QByteArray("{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"x\"}}")
            << ErrorClass::QuotaExhausted << qint64(-1);
        QTest::newRow("anthropic 404")
            << A << 404 << QByteArray()
            << QByteArray(
                   "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: x\"}}")
            << ErrorClass::ModelNotFound << qint64(-1);
        QTest::newRow("gemini per-minute")
            << G << 429 << QByteArray()
            << QByteArray("{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"q\","
                          "\"details\":[{\"@type\":\"type.googleapis.com/"
                          "google.rpc.QuotaFailure\",\"violations\":[{\"quotaId\":"
                          "\"GenerateRequestsPerMinutePerProjectPerModel\"}]},{\"@type\":\"type.googleapis."
                          "com/google.rpc.RetryInfo\",\"retryDelay\":\"37s\"}]}}")
            << ErrorClass::RateLimited << qint64(37000);
        QTest::newRow("gemini per-day")
            << G << 429 << QByteArray()
            << QByteArray("{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"q\","
                          "\"details\":[{\"@type\":\"type.googleapis.com/"
                          "google.rpc.QuotaFailure\",\"violations\":[{\"quotaId\":"
                          "\"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"}]}]}}")
            << ErrorClass::QuotaExhausted << qint64(-1);
        QTest::newRow("gemini 503")
            << G << 503 << QByteArray()
            << QByteArray("{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\",\"message\":\"overloaded\"}}")
            << ErrorClass::Overloaded << qint64(-1);
        QTest::newRow("gemini bad key")
            << G << 400 << QByteArray()
            << QByteArray(
                   "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\",\"message\":\"API key not "
                   "valid\",\"details\":[{\"@type\":\"type.googleapis.com/"
                   "google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}")
            << ErrorClass::Auth << qint64(-1);
        QTest::newRow("gemini context")
            << G << 400 << QByteArray()
            << QByteArray("{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\",\"message\":\"The input "
                          "token count (1200000) exceeds the maximum number of tokens allowed (1048576).\"}}")
            << ErrorClass::ContextLength << qint64(-1);
        QTest::newRow("gemini 404") << G << 404 << QByteArray()
                                    << QByteArray("{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\","
                                                  "\"message\":\"models/x is not found\"}}")
                                    << ErrorClass::ModelNotFound << qint64(-1);
    }
    void httpErrors()
    {
        QFETCH(ProviderKind, kind);
        QFETCH(int, status);
        QFETCH(QByteArray, headers);
        QFETCH(QByteArray, body);
        QFETCH(ErrorClass, cls);
        QFETCH(qint64, retryAfterMs);
        HeaderList list;
        for (const QByteArray &line : headers.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                list.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        const ProviderError e = ProviderAdapter::forKind(kind).classifyHttpError(status, list, body, Now);
        QCOMPARE(errorClassName(e.cls), errorClassName(cls));
        QCOMPARE(e.httpStatus, status);
        QCOMPARE(e.retryAfterMs.value_or(-1), retryAfterMs);
    }

    void parseDuration_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("ms") << "12ms" << qint64(12);
        QTest::newRow("s") << "1s" << qint64(1000);
        QTest::newRow("m s") << "6m0s" << qint64(360000);
        QTest::newRow("fraction") << "1.5s" << qint64(1500);
        QTest::newRow("h m") << "1h2m" << qint64(3720000);
        // Found by fuzz_adapters (a Gemini RetryInfo delay): a number no qint64 holds was converted
        // anyway (undefined behaviour). Waits are held to a year.
        const qint64 year = 86'400'000LL * 365;
        QTest::newRow("beyond qint64") << u"74s"_s + QString(50, u'5') << year;
        QTest::newRow("beyond a year") << "9000000h" << year;
    }
    void parseDuration()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QCOMPARE(parseDurationMs(text).value_or(-1), ms);
    }

    void parseRetryAfter_isHeldToAYear()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
        const qint64 year = 86'400'000LL * 365;
        QCOMPARE(parseRetryAfter("7", now).value_or(-1), 7000);
        QCOMPARE(parseRetryAfter("1e300", now).value_or(-1), year);
        QCOMPARE(parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now).value_or(-1), year);
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now).value_or(-1), 0);
        QVERIFY(!parseRetryAfter("nan", now));
        QVERIFY(!parseRetryAfter("-1", now));
    }

    void nonStreamed_responses()
    {
        const ParsedResponse o =
            ProviderAdapter::forKind(ProviderKind::OpenAi)
                .parseResponse(
                    "{\"model\":\"m1\",\"choices\":[{\"message\":{\"content\":\"hey\"},\"finish_reason\":"
                    "\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}");
        QCOMPARE(o.text, u"hey"_s);
        QCOMPARE(o.usage->inputTokens, qint64(3));
        const ParsedResponse a =
            ProviderAdapter::forKind(ProviderKind::Anthropic)
                .parseResponse(
                    "{\"type\":\"message\",\"model\":\"c\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{"
                    "\"type\":\"tool_use\"},{\"type\":\"text\",\"text\":\"b\"}],\"stop_reason\":\"end_turn\","
                    "\"usage\":{\"input_tokens\":2,\"output_tokens\":5}}");
        QCOMPARE(a.text, u"ab"_s);
        QCOMPARE(a.usage->outputTokens, qint64(5));
        const ParsedResponse g = ProviderAdapter::forKind(ProviderKind::Gemini)
                                     .parseResponse("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}");
        QCOMPARE(g.error->cls, ErrorClass::ContentPolicy);
        const ParsedResponse bad = ProviderAdapter::forKind(ProviderKind::OpenAi).parseResponse("{not json");
        QCOMPARE(bad.error->cls, ErrorClass::MalformedResponse);
    }
};

QTEST_GUILESS_MAIN(TestAdapters)
#include "test_adapters.moc"
