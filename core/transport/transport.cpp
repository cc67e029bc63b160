#include "transport/transport.h"

#include "transport/faultreply.h"
#include "transport/networkreply.h"
#include "transport/simulatedreply.h"
#include "util/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

Transport::Transport(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    // No cache, no cookies, no redirects: a redirect must never carry a key to another host.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_nam->setCookieJar(nullptr);
}

Transport::~Transport() = default;

TransportReply *Transport::send(const TransportRequest &request, QObject *owner)
{
    const auto it = m_faults.constFind(request.tier);
    if (it != m_faults.constEnd()) {
        qCDebug(lcTransport) << "drill fault on tier" << request.tier << int(it->kind);
        return new FaultTransportReply(
            *it, [this, request](QObject *inner) { return sendUpstream(request, inner); }, owner);
    }
    return sendUpstream(request, owner);
}

TransportReply *Transport::sendUpstream(const TransportRequest &request, QObject *owner)
{
    ++m_upstreamRequests;
    if (request.simulation)
        return new SimulatedTransportReply(request, ++m_simulationCounter, owner);

    QNetworkRequest req(request.url);
    for (const auto &[name, value] : request.headers)
        req.setRawHeader(name, value);
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Understudy/" UNDERSTUDY_VERSION));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setTransferTimeout(0); // deadlines are the engine's: connect, first token, idle, budget
    QNetworkReply *reply = request.method == "GET"
                               ? m_nam->get(req)
                               : m_nam->sendCustomRequest(req, request.method, request.body);
    return new NetworkTransportReply(reply, owner);
}

void Transport::injectFault(const QString &tier, const InjectedFault &fault)
{
    m_faults.insert(tier, fault);
}

void Transport::clearFault(const QString &tier)
{
    m_faults.remove(tier);
}

std::optional<InjectedFault> Transport::fault(const QString &tier) const
{
    const auto it = m_faults.constFind(tier);
    if (it == m_faults.constEnd())
        return std::nullopt;
    return *it;
}
