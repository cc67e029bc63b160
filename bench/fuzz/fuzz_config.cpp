// The config parser (core/config/configparser.h): any bytes give a config or a clear error; a config
// it accepts validates, and survives being written and read back unchanged.

#include "config/configparser.h"
#include "fuzzutil.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::quietQt();
    const QByteArray json = Fuzz::view(data, size).toByteArray();
    const auto parsed = ConfigParser::parse(json, QStringLiteral("fuzz.json"));
    if (!parsed) {
        FUZZ_CHECK(!parsed.error().reason.isEmpty());
        return 0;
    }
    FUZZ_CHECK(!ConfigParser::validate(parsed.value()).has_value());
    const QByteArray written = ConfigParser::toJson(parsed.value());
    const auto again = ConfigParser::parse(written, QStringLiteral("written.json"));
    if (!again) {
        std::fprintf(stderr, "written config does not parse: %s\n%s\n", qPrintable(again.error().toString()),
                     written.constData());
        FUZZ_CHECK(again.ok());
    }
    FUZZ_CHECK(again.value() == parsed.value());
    FUZZ_CHECK(ConfigParser::toJson(again.value()) == written);
    return 0;
}
