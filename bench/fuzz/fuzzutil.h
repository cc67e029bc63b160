#pragma once

// Shared by the fuzz targets: the libFuzzer entry point, a quiet Qt, a way to split one input into
// reads, and a check that aborts (so libFuzzer, and the replay test, see it as a crash).

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace Fuzz {

inline QByteArrayView view(const uint8_t *data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Qt's warnings are expected for bad input; they would only slow the fuzzer down.
inline void quietQt()
{
    static const bool once = [] {
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &msg) {
            if (type == QtFatalMsg) {
                std::fprintf(stderr, "qFatal: %s\n", qPrintable(msg));
                std::abort();
            }
        });
        return true;
    }();
    Q_UNUSED(once);
}

// A property the code promises; its failure is a finding.
#define FUZZ_CHECK(cond)                                                                                     \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);              \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (0)

// The first byte of the input picks where the rest is split into two reads (and sometimes more),
// so the fuzzer explores read boundaries as well as content.
struct Split
{
    QByteArrayView rest;
    qsizetype cut = 0;
    qsizetype step = 0; // 0: two reads; otherwise reads of this many bytes
};

inline Split split(QByteArrayView input)
{
    Split s;
    if (input.isEmpty())
        return s;
    const unsigned char b = static_cast<unsigned char>(input.front());
    s.rest = input.sliced(1);
    if (b & 0x80)
        s.step = (b & 0x0f) + 1;
    else
        s.cut = s.rest.isEmpty() ? 0 : qsizetype(b) % (s.rest.size() + 1);
    return s;
}

// The same bytes as one read.
inline Split whole(const Split &s)
{
    Split w;
    w.rest = s.rest;
    w.cut = s.rest.size();
    return w;
}

// Calls feed(piece) for each read of `s`.
template <typename Feed>
void forEachRead(const Split &s, Feed &&feed)
{
    if (s.step > 0) {
        for (qsizetype i = 0; i < s.rest.size(); i += s.step)
            feed(s.rest.sliced(i, qMin(s.step, s.rest.size() - i)));
    } else {
        feed(s.rest.first(s.cut));
        feed(s.rest.sliced(s.cut));
    }
}

} // namespace Fuzz
