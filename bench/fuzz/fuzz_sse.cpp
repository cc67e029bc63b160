// The SSE parser (core/providers/sseparser.h): the events of a stream do not depend on how it was
// split into reads, and nothing is buffered beyond its bound.

#include "fuzzutil.h"
#include "providers/sseparser.h"

namespace {

struct Outcome
{
    QList<QByteArray> events; // event, data and id of each, in order
    bool partial = false;
    bool overflowed = false;

    bool operator==(const Outcome &) const = default;
};

Outcome run(const Fuzz::Split &reads)
{
    SseParser parser;
    Outcome out;
    Fuzz::forEachRead(reads, [&](QByteArrayView bytes) {
        for (const SseEvent &e : parser.feed(bytes)) {
            FUZZ_CHECK(e.data.size() <= SseParser::MaxEventBytes);
            out.events.append(e.event + '\0' + e.data + '\0' + e.id);
        }
    });
    out.partial = parser.hasPartialEvent();
    out.overflowed = parser.overflowed();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::quietQt();
    const Fuzz::Split reads = Fuzz::split(Fuzz::view(data, size));
    FUZZ_CHECK(run(reads) == run(Fuzz::whole(reads)));
    return 0;
}
