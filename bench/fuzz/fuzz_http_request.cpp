// The gateway's HTTP/1.1 request parser (core/gateway/httpparser.h) on arbitrary bytes, with small
// limits so the fuzzer reaches them. Checks: no request has a body over the limit or an empty method,
// every error is a 4xx/5xx, and the outcome does not depend on how the bytes were split into reads.

#include "fuzzutil.h"
#include "gateway/httpparser.h"

namespace {

struct Outcome
{
    QByteArray log; // one line per request or error, in order

    bool operator==(const Outcome &) const = default;
};

Outcome run(const HttpRequestParser::Limits &limits, const Fuzz::Split &reads)
{
    HttpRequestParser parser(limits);
    Outcome out;
    bool failed = false;
    Fuzz::forEachRead(reads, [&](QByteArrayView bytes) {
        if (failed)
            return;
        parser.append(bytes);
        for (int guard = 0; guard < 100000; ++guard) {
            const HttpRequestParser::Status s = parser.next();
            if (s == HttpRequestParser::Status::NeedMore)
                return;
            if (s == HttpRequestParser::Status::Error) {
                const int status = parser.error().status;
                FUZZ_CHECK(status >= 400 && status <= 599);
                FUZZ_CHECK(parser.error().unreadBody >= 0);
                out.log += "error " + QByteArray::number(status) + '\n';
                failed = true;
                return;
            }
            const HttpRequest r = parser.take();
            FUZZ_CHECK(!r.method.isEmpty());
            FUZZ_CHECK(r.target.startsWith('/'));
            FUZZ_CHECK(r.body.size() <= limits.maxBodyBytes);
            FUZZ_CHECK(r.headers.size() <= limits.maxHeaders);
            out.log += r.method + ' ' + r.target + ' ' + QByteArray::number(r.headers.size()) + ' ' +
                       QByteArray::number(r.body.size()) + ' ' + r.body.toHex() + '\n';
        }
        FUZZ_CHECK(false && "next() made no progress");
    });
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::quietQt();
    const Fuzz::Split reads = Fuzz::split(Fuzz::view(data, size));
    HttpRequestParser::Limits limits;
    limits.maxHeaderBytes = 256;
    limits.maxBodyBytes = 512;
    limits.maxHeaders = 8;

    const Outcome split = run(limits, reads);
    const Outcome once = run(limits, Fuzz::whole(reads));
    if (!(split == once)) {
        std::fprintf(stderr, "split:\n%s\nwhole:\n%s\n", split.log.constData(), once.log.constData());
        FUZZ_CHECK(split == once);
    }
    return 0;
}
