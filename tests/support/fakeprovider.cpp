#include "fakeprovider.h"

#include "fakeexchange.h"

using namespace Qt::StringLiterals;

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

FakeProviderServer::FakeProviderServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeProviderServer::onNewConnection);
}

FakeProviderServer::~FakeProviderServer() = default;

bool FakeProviderServer::listen()
{
    m_server.setListenBacklogSize(1024); // a burst of connections, as a real API takes them
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeProviderServer::baseUrl(Format format) const
{
    const QString root = u"http://127.0.0.1:%1"_s.arg(port());
    return QUrl(format == Format::OpenAi ? root + u"/v1"_s : root);
}

int FakeProviderServer::inFlight() const
{
    int n = 0;
    for (const auto &e : m_exchanges)
        n += (e && e->responding()) ? 1 : 0;
    return n;
}

void FakeProviderServer::resetStats()
{
    m_requests.clear();
    m_requestCount = 0;
    m_aborted = 0;
    m_keyInUrl = 0;
}

quint16 FakeProviderServer::unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

void FakeProviderServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_exchanges.removeIf([](const QPointer<FakeExchange> &e) { return e.isNull(); });
        m_exchanges.append(new FakeExchange(*this, socket));
    }
}

void FakeProviderServer::onExchangeDone(FakeExchange *exchange, bool aborted)
{
    Q_UNUSED(exchange)
    if (aborted) {
        ++m_aborted;
        emit clientAborted();
    }
}
