// bench_fakeupstream: the fake provider server as its own process, for benchmarks that need the
// upstream, the gateway and the client in separate processes. Prints its port, then serves.
// Usage: bench_fakeupstream [tokens] [inter-token ms]

#include "fakeprovider.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    FakeProviderServer server;
    FakeFault f;
    f.tokens = argc > 1 ? std::atoi(argv[1]) : 6;
    f.interTokenMs = argc > 2 ? std::atoi(argv[2]) : 0;
    server.setFault(f);
    server.setRecording(false); // a soak sends millions
    if (!server.listen())
        return 1;
    std::printf("%d\n", int(server.port()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
