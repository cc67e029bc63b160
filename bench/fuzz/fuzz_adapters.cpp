// The three adapters' readers of provider answers (core/providers/*adapter.cpp): a whole answer
// (parseResponse), an HTTP error (classifyHttpError, with a Retry-After header from the input) and a
// stream (streamDecoder), whose updates must not depend on how the stream was split into reads.
// The second byte of the input picks the adapter and what is read.

#include "fuzzutil.h"
#include "providers/adapter.h"

#include <QDateTime>

namespace {

QByteArray describe(const QList<StreamUpdate> &updates)
{
    QString text, finish, model;
    QByteArray tail;
    for (const StreamUpdate &u : updates) {
        text += u.text;
        if (!u.finishReason.isEmpty())
            finish = u.finishReason;
        if (!u.model.isEmpty())
            model = u.model;
        if (u.usage)
            tail += "usage " + QByteArray::number(u.usage->inputTokens) + ' ' +
                    QByteArray::number(u.usage->outputTokens) + '\n';
        if (u.error)
            tail += "error " + errorClassName(u.error->cls).toUtf8() + '\n';
        if (u.done)
            tail += "done\n";
    }
    return text.toUtf8() + '\0' + finish.toUtf8() + '\0' + model.toUtf8() + '\0' + tail;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::quietQt();
    QByteArrayView input = Fuzz::view(data, size);
    if (input.isEmpty())
        return 0;
    const unsigned char pick = static_cast<unsigned char>(input.front());
    input = input.sliced(1);
    const ProviderKind kinds[] = {ProviderKind::OpenAi, ProviderKind::Anthropic, ProviderKind::Gemini};
    const ProviderAdapter &adapter = ProviderAdapter::forKind(kinds[pick % 3]);
    switch ((pick / 3) % 3) {
    case 0: {
        const ParsedResponse r = adapter.parseResponse(input.toByteArray());
        if (r.usage)
            FUZZ_CHECK(r.usage->inputTokens >= 0 && r.usage->outputTokens >= 0);
        break;
    }
    case 1: {
        // First line: the Retry-After value; the rest: the body. Status from the pick byte.
        const qsizetype eol = input.indexOf('\n');
        const QByteArrayView retryAfter = eol < 0 ? QByteArrayView() : input.first(eol);
        const QByteArrayView body = eol < 0 ? input : input.sliced(eol + 1);
        const HeaderList headers{{QByteArrayLiteral("retry-after"), retryAfter.toByteArray()}};
        static const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
        const int status = 400 + int(pick / 9) % 200;
        const ProviderError e = adapter.classifyHttpError(status, headers, body.toByteArray(), now);
        FUZZ_CHECK(e.isError());
        if (e.retryAfterMs)
            FUZZ_CHECK(*e.retryAfterMs >= 0);
        break;
    }
    default: {
        const Fuzz::Split reads = Fuzz::split(input);
        QList<StreamUpdate> split, once;
        auto a = adapter.streamDecoder();
        Fuzz::forEachRead(reads, [&](QByteArrayView bytes) { split += a->feed(bytes); });
        auto b = adapter.streamDecoder();
        once = b->feed(reads.rest);
        FUZZ_CHECK(describe(split) == describe(once));
        break;
    }
    }
    return 0;
}
