// bench_gateway: what the local gateway adds to a request, measured from a client in its own process
// against `understudy-cli gateway` (own process) and the fake upstream (own process).
//   direct:  client -> upstream
//   gateway: client -> gateway -> engine -> upstream
//
// Usage:
//   bench_gateway [N]               overhead p50/p99 at concurrency 1 and 8, non-streamed and streamed,
//                                   and throughput at concurrency 8 (N requests per measurement, 2000)
//   bench_gateway --soak [N]        N non-streamed requests (1,000,000) through one gateway at
//                                   concurrency 1: overhead p50/p99 and the gateway's RSS per 10,000,
//                                   over one kept-alive connection, then a new connection every 100
//   bench_gateway --streams [N]     N concurrent streams (200) whose answers take 3 s: all tiers
//                                   healthy, then the primary at max_connections 4
//   --gateway PATH, --upstream PATH another understudy-cli / bench_fakeupstream (before/after runs)
//   --only keepalive|many           the soak over one kind of connection only
//   --provider KEYS                 extra keys for the primary's provider, e.g. '"streaming":false'
//   --quick                         overhead at concurrency 1, non-streamed only (for profiling)
//   --gateway-no-glib               run the gateway on Qt's own event dispatcher (QT_NO_GLIB=1)

#include "benchutil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>

namespace {

// A keep-alive HTTP/1.1 client on a raw socket: one request at a time, Content-Length or chunked.
// With `reconnectEvery` n > 0, every n-th request asks for Connection: close and the next one opens
// a new connection.
class RawClient : public QObject
{
public:
    RawClient(quint16 port, int reconnectEvery, QObject *parent = nullptr)
        : QObject(parent)
        , m_port(port)
        , m_reconnectEvery(reconnectEvery)
    {
        connect(&m_socket, &QTcpSocket::readyRead, this, &RawClient::onReadyRead);
    }

    // `done(status, totalUs, firstContentUs)` when the whole response has arrived (status 0: failed).
    bool closesAfterNext() const { return m_reconnectEvery > 0 && (m_sent + 1) % m_reconnectEvery == 0; }

    void request(const QByteArray &bytes, std::function<void(int, qint64, qint64)> done)
    {
        ++m_sent;
        m_done = std::move(done);
        m_in.clear();
        m_firstUs = -1;
        m_timer.start();
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_socket.abort();
            m_socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (!m_socket.waitForConnected(5000)) {
                finish(0);
                return;
            }
            m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        }
        m_socket.write(bytes);
    }

private:
    void finish(int status)
    {
        const qint64 total = m_timer.nsecsElapsed() / 1000;
        if (m_reconnectEvery > 0 && m_sent % m_reconnectEvery == 0)
            m_socket.abort();
        if (auto done = std::exchange(m_done, {}))
            done(status, total, m_firstUs);
    }

    void onReadyRead()
    {
        m_in += m_socket.readAll();
        if (!m_done)
            return;
        if (m_firstUs < 0 && m_in.contains("\"content\":\"t"))
            m_firstUs = m_timer.nsecsElapsed() / 1000;
        const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = m_in.left(headEnd).toLower();
        const int status = m_in.mid(9, 3).toInt();
        bool complete = false;
        const qsizetype cl = head.indexOf("content-length:");
        if (cl >= 0) {
            const qint64 len = head.mid(cl + 15, head.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
            complete = m_in.size() >= headEnd + 4 + len;
        } else {
            complete = m_in.endsWith("\r\n0\r\n\r\n");
        }
        if (complete)
            finish(status);
    }

    quint16 m_port;
    int m_reconnectEvery;
    int m_sent = 0;
    QTcpSocket m_socket;
    QByteArray m_in;
    QElapsedTimer m_timer;
    qint64 m_firstUs = -1;
    std::function<void(int, qint64, qint64)> m_done;
};

QByteArray chatRequest(bool stream, bool close, int serial = 0)
{
    // A distinct prompt per request when asked (serial > 0): nothing can come from a cache.
    const QByteArray prompt = serial > 0 ? "hello " + QByteArray::number(serial) : QByteArray("hello");
    const QByteArray body = "{\"model\":\"model-0\",\"messages\":[{\"role\":\"user\",\"content\":\"" +
                            prompt + "\"}]" + (stream ? ",\"stream\":true}" : "}");
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
           QByteArray(close ? "Connection: close\r\n" : "") +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

struct Samples
{
    QList<qint64> total;
    QList<qint64> first;
    QMap<int, int> statuses;
    qint64 wallUs = 0;
};

// `concurrency` clients, each sending its share of `n` requests back to back.
Samples run(quint16 port, int n, int concurrency, bool stream, int reconnectEvery = 0, bool distinct = false)
{
    Samples s;
    int remaining = n;
    int running = concurrency;
    int serial = 0;
    QEventLoop loop;
    std::vector<std::unique_ptr<RawClient>> clients;
    std::function<void(RawClient *)> next = [&](RawClient *c) {
        if (remaining <= 0) {
            if (--running == 0)
                loop.quit();
            return;
        }
        --remaining;
        c->request(chatRequest(stream, c->closesAfterNext(), distinct ? ++serial : 0),
                   [&, c](int status, qint64 total, qint64 first) {
                       ++s.statuses[status];
                       s.total << total;
                       if (first >= 0)
                           s.first << first;
                       QTimer::singleShot(0, c, [&, c] { next(c); });
                   });
    };
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < concurrency; ++i) {
        clients.push_back(std::make_unique<RawClient>(port, reconnectEvery));
        next(clients.back().get());
    }
    loop.exec();
    s.wallUs = wall.nsecsElapsed() / 1000;
    return s;
}

qint64 rssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

QByteArray metrics(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(2000))
        return {};
    s.write("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray all;
    while (s.waitForReadyRead(2000))
        all += s.readAll();
    return all;
}

// The sum of a metric's samples whose line contains every one of `parts`.
double metric(const QByteArray &text, const QByteArray &name, const QList<QByteArray> &parts = {})
{
    double sum = 0;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.startsWith(QByteArray(name + '{')) && !line.startsWith(QByteArray(name + ' ')))
            continue;
        if (std::all_of(parts.cbegin(), parts.cend(),
                        [&line](const QByteArray &p) { return line.contains(p); }))
            sum += line.mid(line.lastIndexOf(' ') + 1).toDouble();
    }
    return sum;
}

bool gatewayNoGlib = false;
bool quick = false;
QString providerKeys;

struct Processes
{
    QProcess upstream;
    QProcess gateway;
    quint16 upstreamPort = 0;
    quint16 gatewayPort = 0;
    QTemporaryDir dir;

    bool start(const QString &upstreamBin, const QStringList &upstreamArgs, const QString &gatewayBin,
               const QString &extraProviderJson = {})
    {
        upstream.start(upstreamBin, upstreamArgs);
        if (!upstream.waitForReadyRead(5000))
            return false;
        upstreamPort = quint16(upstream.readLine().trimmed().toUInt());
        const QString config = dir.filePath(QStringLiteral("bench.json"));
        QFile f(config);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(QStringLiteral("{\"providers\":[{\"id\":\"up\",\"kind\":\"openai\",\"base_url\":\"http://127.0.0.1:%1/v1\","
                               "\"auth\":\"none\"%2},{\"id\":\"up2\",\"kind\":\"openai\",\"base_url\":\"http://127.0.0.1:%1/v1\","
                               "\"auth\":\"none\"}],\"tiers\":[{\"name\":\"t0\",\"provider\":\"up\",\"model\":\"model-0\"},"
                               "{\"name\":\"t1\",\"provider\":\"up2\",\"model\":\"model-1\"}],"
                               "\"strategy\":{\"primary\":\"t0\",\"fallback_chain\":[\"t1\"]}}")
                .arg(upstreamPort)
                .arg(extraProviderJson)
                .toUtf8());
        f.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("understudy.*.info=false"));
        // The gateway runs as it ships (GLib's event dispatcher) unless asked otherwise.
        env.remove(QStringLiteral("QT_NO_GLIB"));
        if (gatewayNoGlib)
            env.insert(QStringLiteral("QT_NO_GLIB"), QStringLiteral("1"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        gateway.setProcessEnvironment(env);
        gateway.setProcessChannelMode(QProcess::SeparateChannels);
        gateway.start(
            gatewayBin,
            {QStringLiteral("gateway"), QStringLiteral("--config"), config,
                                                       QStringLiteral("--listen"),
                                                                      QStringLiteral("127.0.0.1:0")});
        if (!gateway.waitForReadyRead(5000))
            return false;
        const QByteArray url = gateway.readLine().trimmed(); // http://127.0.0.1:PORT/v1
        gatewayPort = quint16(url.mid(url.lastIndexOf(':') + 1).split('/').first().toUInt());
        return gatewayPort != 0;
    }

    ~Processes()
    {
        gateway.terminate();
        gateway.waitForFinished(5000);
        upstream.kill();
        upstream.waitForFinished(3000);
    }
};

void overhead(const QString &upstreamBin, const QString &gatewayBin, int n)
{
    Processes p;
    if (!p.start(upstreamBin, {QStringLiteral("6")}, gatewayBin, providerKeys))
        return;
    std::printf(
        "Understudy gateway benchmark: %d requests per measurement; client, gateway and upstream in three\n"
        "processes on 127.0.0.1 (6-token answers, one kept-alive connection per client).\n\n",
        n);
    for (int concurrency : {1, 8}) {
        for (bool stream : {false, true}) {
            if (quick && (concurrency != 1 || stream))
                continue;
            run(p.upstreamPort, 200, concurrency, stream); // warm up
            run(p.gatewayPort, 200, concurrency, stream);
            const Samples d = run(p.upstreamPort, n, concurrency, stream);
            const Samples g = run(p.gatewayPort, n, concurrency, stream);
            std::printf("concurrency %d, %s\n", concurrency, stream ? "streamed" : "non-streamed");
            Bench::row("direct to upstream, whole answer", d.total);
            Bench::row("through the gateway, whole answer", g.total);
            if (stream) {
                Bench::row("direct to upstream, first token", d.first);
                Bench::row("through the gateway, first token", g.first);
            }
            std::printf("  => gateway adds p50 %+.3f ms, p99 %+.3f ms",
                        Bench::ms(Bench::percentile(g.total, 50) - Bench::percentile(d.total, 50)),
                        Bench::ms(Bench::percentile(g.total, 99) - Bench::percentile(d.total, 99)));
            if (stream)
                std::printf("; to the first token p50 %+.3f ms",
                            Bench::ms(Bench::percentile(g.first, 50) - Bench::percentile(d.first, 50)));
            std::printf("\n  throughput: direct %.0f req/s, through the gateway %.0f req/s (%d of %d "
                        "answered 200)\n\n",
                        n / (d.wallUs / 1e6), n / (g.wallUs / 1e6), g.statuses.value(200), n);
        }
    }
}

void soak(const QString &upstreamBin, const QString &gatewayBin, int n, const QString &only)
{
    const int batch = 10'000;
    const int directPerBatch = 1'000;
    // "Many": a new connection every 100 requests, 10,000 connections over a million requests (a new
    // one for each request would measure the kernel's ephemeral ports filling with TIME_WAIT instead).
    constexpr int ManyEvery = 100;
    for (const bool reconnect : {false, true}) {
        if ((only == QLatin1String("keepalive") && reconnect) ||
            (only == QLatin1String("many") && !reconnect))
            continue;
        Processes p;
        if (!p.start(upstreamBin, {QStringLiteral("6")}, gatewayBin, providerKeys))
            return;
        std::printf(
            "Soak: %d non-streamed requests through one gateway at concurrency 1, %s.\n"
            "Per %d: the gateway's latency p50/p99, the upstream's (%d direct requests) and the difference;\n"
            "the gateway's resident memory.\n\n",
            n, reconnect ? "a new connection every 100 requests" : "over one kept-alive connection", batch,
            directPerBatch);
        std::printf("%10s %9s %9s %9s %9s %10s %10s %9s %9s\n", "requests", "gw p50", "gw p99", "up p50",
                    "up p99", "+p50 ms", "+p99 ms", "req/s", "RSS MB");
        const qint64 pid = p.gateway.processId();
        QList<double> firstOverhead;
        double firstRss = 0;
        double lastRss = 0;
        QList<double> lastOverhead;
        int sent = 0;
        int bad = 0;
        while (sent < n) {
            const int count = std::min(batch, n - sent);
            // Gateway and direct requests interleaved in tenths, so whatever the machine does
            // meanwhile (TIME_WAIT sockets piling up, another process) weighs on both alike.
            Samples g;
            Samples d;
            for (int part = 0; part < 10; ++part) {
                const Samples gp = run(p.gatewayPort, count / 10 + (part < count % 10 ? 1 : 0), 1, false,
                                       reconnect ? ManyEvery : 0);
                const Samples dp =
                    run(p.upstreamPort, directPerBatch / 10, 1, false, reconnect ? ManyEvery : 0);
                g.total += gp.total;
                g.wallUs += gp.wallUs;
                for (auto it = gp.statuses.cbegin(); it != gp.statuses.cend(); ++it)
                    g.statuses[it.key()] += it.value();
                d.total += dp.total;
            }
            sent += count;
            bad += count - g.statuses.value(200);
            const double o50 = Bench::ms(Bench::percentile(g.total, 50) - Bench::percentile(d.total, 50));
            const double o99 = Bench::ms(Bench::percentile(g.total, 99) - Bench::percentile(d.total, 99));
            const double rss = double(rssKb(pid)) / 1024.0;
            if (firstOverhead.isEmpty()) {
                firstOverhead = {o50, o99};
                firstRss = rss;
            }
            lastOverhead = {o50, o99};
            lastRss = rss;
            std::printf("%10d %9.3f %9.3f %9.3f %9.3f %+10.3f %+10.3f %9.0f %9.1f\n", sent,
                        Bench::ms(Bench::percentile(g.total, 50)), Bench::ms(Bench::percentile(g.total, 99)),
                        Bench::ms(Bench::percentile(d.total, 50)), Bench::ms(Bench::percentile(d.total, 99)),
                        o50, o99, count / (g.wallUs / 1e6), rss);
            std::fflush(stdout);
        }
        std::printf("\n  => last %d vs first %d: overhead p50 %+.3f -> %+.3f ms, p99 %+.3f -> %+.3f ms; RSS "
                    "%.1f -> %.1f MB "
                    "(x%.2f); %d requests not answered 200\n\n",
                    batch, batch, firstOverhead.value(0), lastOverhead.value(0), firstOverhead.value(1),
                    lastOverhead.value(1), firstRss, lastRss, firstRss > 0 ? lastRss / firstRss : 0.0, bad);
    }
}

// `n` concurrent streamed requests with distinct prompts; first token and completion per client.
void streams(const QString &upstreamBin, const QString &gatewayBin, int n)
{
    // 30 tokens, 100 ms apart: every answer takes 3 s.
    const QStringList slow{QStringLiteral("30"), QStringLiteral("100")};
    for (const QString &limits : {QString(), QStringLiteral(",\"max_connections\":4")}) {
        Processes p;
        if (!p.start(upstreamBin, slow, gatewayBin, limits))
            return;
        std::printf("%d concurrent streams, every tier healthy, answers taking 3 s%s\n", n,
                    limits.isEmpty() ? ", default connection limits" : ", the primary at max_connections 4");
        const Samples d = run(p.upstreamPort, n, n, true);
        const Samples g = run(p.gatewayPort, n, n, true, 0, true);
        const QByteArray m = metrics(p.gatewayPort);
        Bench::row("direct to upstream, first token", d.first);
        Bench::row("through the gateway, first token", g.first);
        Bench::row("through the gateway, whole answer", g.total);
        QStringList statuses;
        for (auto it = g.statuses.cbegin(); it != g.statuses.cend(); ++it)
            statuses << QStringLiteral("%1 x HTTP %2").arg(it.value()).arg(it.key());
        std::printf(
            "  clients: %s; answered by the primary: %.0f, by the fallback: %.0f\n",
            qPrintable(statuses.join(QStringLiteral(", "))),
                       metric(m, "understudy_attempts_total", {"tier=\"t0\"", "outcome=\"success\""}),
                       metric(m, "understudy_attempts_total", {"tier=\"t1\"", "outcome=\"success\""}));
        std::printf(
            "  primary: failed attempts %.0f, saturated (never sent) %.0f, failovers %.0f, breaker state "
            "%.0f; "
            "waited for a connection: %.0f requests, %.1f s in all\n",
            metric(m, "understudy_attempts_total", {"tier=\"t0\"", "outcome=\"failed\""}),
            metric(m, "understudy_gateway_saturated_total", {"provider=\"up\""}),
            metric(m, "understudy_failovers_total"), metric(m, "understudy_breaker_state", {"tier=\"t0\""}),
            metric(m, "understudy_upstream_queue_wait_seconds_bucket", {"provider=\"up\"", "le=\"+Inf\""}) -
                metric(m, "understudy_upstream_queue_wait_seconds_bucket",
                       {"provider=\"up\"", "le=\"0.001\""}),
            metric(m, "understudy_upstream_queue_wait_seconds_sum", {"provider=\"up\""}));
        std::printf("  => first token p50: gateway %+.1f ms over direct\n\n",
                    Bench::ms(Bench::percentile(g.first, 50) - Bench::percentile(d.first, 50)));
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // The client (this process) and the fake upstream are measuring tools: Qt's own event
    // dispatcher keeps them as light as they can be, whatever the gateway runs on.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const QString bin = QCoreApplication::applicationDirPath();
    QString gatewayBin = bin + QStringLiteral("/understudy-cli");
    QString upstreamBin = bin + QStringLiteral("/bench_fakeupstream");
    QString only;
    QString mode = QStringLiteral("overhead");
    int n = -1;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--gateway") && i + 1 < args.size())
            gatewayBin = args.at(++i);
        else if (a == QLatin1String("--upstream") && i + 1 < args.size())
            upstreamBin = args.at(++i);
        else if (a == QLatin1String("--only") && i + 1 < args.size())
            only = args.at(++i);
        else if (a == QLatin1String("--provider") && i + 1 < args.size())
            providerKeys = u',' + args.at(++i);
        else if (a == QLatin1String("--quick"))
            quick = true;
        else if (a == QLatin1String("--gateway-no-glib"))
            gatewayNoGlib = true;
        else if (a == QLatin1String("--soak"))
            mode = QStringLiteral("soak");
        else if (a == QLatin1String("--streams"))
            mode = QStringLiteral("streams");
        else
            n = a.toInt();
    }
    if (mode == QLatin1String("soak"))
        soak(upstreamBin, gatewayBin, n > 0 ? n : 1'000'000, only);
    else if (mode == QLatin1String("streams"))
        streams(upstreamBin, gatewayBin, n > 0 ? n : 200);
    else
        overhead(upstreamBin, gatewayBin, n > 0 ? std::max(20, n) : 2000);
    return 0;
}
