// bench_gateway: what the local gateway adds to a request, measured from a client in its own process
// against `understudy-cli gateway` (own process) and the fake upstream (own process).
//   direct:  client -> upstream
//   gateway: client -> gateway -> engine -> upstream
// Non-streamed latency and streamed time to first token, p50/p99, at concurrency 1 and 8.
// Usage: bench_gateway [requests per measurement, default 2000]

#include "benchutil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>

namespace {

// A keep-alive HTTP/1.1 client on a raw socket: one request at a time, Content-Length or chunked.
class RawClient : public QObject
{
public:
    RawClient(quint16 port, QObject *parent)
        : QObject(parent)
        , m_port(port)
    {
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(&m_socket, &QTcpSocket::readyRead, this, &RawClient::onReadyRead);
    }

    // Sends; `done(totalUs, firstContentUs)` when the whole response has arrived.
    void request(const QByteArray &bytes, std::function<void(qint64, qint64)> done)
    {
        m_done = std::move(done);
        m_in.clear();
        m_firstUs = -1;
        m_timer.start();
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_socket.connectToHost(QHostAddress::LocalHost, m_port);
            m_socket.waitForConnected(2000);
        }
        m_socket.write(bytes);
    }

private:
    void onReadyRead()
    {
        m_in += m_socket.readAll();
        if (m_firstUs < 0 && m_in.contains("\"content\":\"t"))
            m_firstUs = m_timer.nsecsElapsed() / 1000;
        const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = m_in.left(headEnd).toLower();
        bool complete = false;
        const qsizetype cl = head.indexOf("content-length:");
        if (cl >= 0) {
            const qint64 len = head.mid(cl + 15, head.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
            complete = m_in.size() >= headEnd + 4 + len;
        } else {
            complete = m_in.endsWith("\r\n0\r\n\r\n");
        }
        if (complete) {
            const qint64 total = m_timer.nsecsElapsed() / 1000;
            auto done = std::move(m_done);
            done(total, m_firstUs);
        }
    }

    quint16 m_port;
    QTcpSocket m_socket;
    QByteArray m_in;
    QElapsedTimer m_timer;
    qint64 m_firstUs = -1;
    std::function<void(qint64, qint64)> m_done;
};

QByteArray chatRequest(const QByteArray &path, bool stream)
{
    const QByteArray body =
        QByteArray("{\"model\":\"model-0\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]") +
        (stream ? ",\"stream\":true}" : "}");
    return "POST " + path +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

struct Samples
{
    QList<qint64> total;
    QList<qint64> first;
};

// `concurrency` clients, each sending its share of `n` requests back to back.
Samples run(quint16 port, const QByteArray &request, int n, int concurrency)
{
    Samples s;
    int remaining = n;
    int running = concurrency;
    std::vector<std::unique_ptr<RawClient>> clients;
    std::function<void(RawClient *)> next = [&](RawClient *c) {
        if (remaining <= 0) {
            --running;
            return;
        }
        --remaining;
        c->request(request, [&, c](qint64 total, qint64 first) {
            s.total << total;
            if (first >= 0)
                s.first << first;
            QTimer::singleShot(0, c, [&, c] { next(c); });
        });
    };
    for (int i = 0; i < concurrency; ++i) {
        clients.push_back(std::make_unique<RawClient>(port, nullptr));
        next(clients.back().get());
    }
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (running == 0)
            loop.quit();
    });
    poll.start(5);
    loop.exec();
    return s;
}

// The same request through a QNetworkAccessManager, sequentially: what a Qt client (and the
// gateway's own upstream call) pays for QNAM itself.
Samples runQnam(quint16 port, bool stream, int n)
{
    QNetworkAccessManager nam;
    Samples s;
    const QByteArray body =
        QByteArray("{\"model\":\"model-0\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]") +
        (stream ? ",\"stream\":true}" : "}");
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(port)));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (int i = 0; i < n; ++i) {
        QElapsedTimer t;
        t.start();
        QNetworkReply *reply = nam.post(req, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->readAll();
        s.total << t.nsecsElapsed() / 1000;
        reply->deleteLater();
    }
    return s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::max(20, std::atoi(argv[1])) : 2000;
    const QString bin = QCoreApplication::applicationDirPath();

    QProcess upstream;
    upstream.start(bin + QStringLiteral("/bench_fakeupstream"), {QStringLiteral("6")});
    if (!upstream.waitForReadyRead(5000))
        return 1;
    const quint16 upstreamPort = quint16(upstream.readLine().trimmed().toUInt());

    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("bench.json"));
    QFile f(config);
    if (!f.open(QIODevice::WriteOnly))
        return 1;
    f.write(QStringLiteral("{\"providers\":[{\"id\":\"up\",\"kind\":\"openai\",\"base_url\":\"http://127.0.0.1:%1/v1\","
                           "\"auth\":\"none\"}],\"tiers\":[{\"name\":\"t0\",\"provider\":\"up\",\"model\":\"model-0\"}]}")
            .arg(upstreamPort)
            .toUtf8());
    f.close();
    QProcess gateway;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("understudy.*.info=false"));
    gateway.setProcessEnvironment(env);
    gateway.start(
        bin + QStringLiteral("/understudy-cli"),
                             {QStringLiteral("gateway"),
                                             QStringLiteral("--config"), config,
                                                            QStringLiteral("--listen"),
                                                                           QStringLiteral("127.0.0.1:0")});
    if (!gateway.waitForReadyRead(5000))
        return 1;
    const QByteArray url = gateway.readLine().trimmed(); // http://127.0.0.1:PORT/v1
    const quint16 gatewayPort = quint16(url.mid(url.lastIndexOf(':') + 1).split('/').first().toUInt());

    std::printf(
        "Understudy gateway benchmark: %d requests per measurement; client, gateway and upstream in three\n"
        "processes on 127.0.0.1 (6-token answers).\n\n",
        n);
    for (int concurrency : {1, 8}) {
        for (bool stream : {false, true}) {
            const QByteArray direct = chatRequest("/v1/chat/completions", stream);
            const QByteArray viaGateway = chatRequest("/v1/chat/completions", stream);
            run(upstreamPort, direct, 200, concurrency); // warm up
            run(gatewayPort, viaGateway, 200, concurrency);
            const Samples d = run(upstreamPort, direct, n, concurrency);
            const Samples g = run(gatewayPort, viaGateway, n, concurrency);
            std::printf("concurrency %d, %s\n", concurrency, stream ? "streamed" : "non-streamed");
            Bench::row("direct to upstream, whole answer", d.total);
            if (concurrency == 1)
                Bench::row("direct, through QNAM (the gateway's client)",
                           runQnam(upstreamPort, stream, n).total);
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
            std::printf("\n\n");
        }
    }
    gateway.terminate();
    gateway.waitForFinished(3000);
    upstream.kill();
    upstream.waitForFinished(3000);
    return 0;
}
