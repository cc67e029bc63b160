#include "transport/networkreply.h"

#include "util/logging.h"

#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace {

TransportFailure failureOf(QNetworkReply::NetworkError error, const QString &text)
{
    using K = TransportFailure::Kind;
    switch (error) {
    case QNetworkReply::NoError:
        return {K::None, {}};
    case QNetworkReply::ConnectionRefusedError:
        return {K::Refused, text};
    case QNetworkReply::RemoteHostClosedError:
        return {K::Reset, text};
    case QNetworkReply::HostNotFoundError:
        return {K::HostNotFound, text};
    case QNetworkReply::TimeoutError:
        return {K::Timeout, text};
    case QNetworkReply::OperationCanceledError:
        return {K::Aborted, text};
    case QNetworkReply::SslHandshakeFailedError:
        return {K::Tls, text};
    default:
        return {K::Other, text};
    }
}

// Errors Qt reports for HTTP error statuses: the exchange itself worked, the status says the rest.
bool isHttpLevelError(QNetworkReply::NetworkError error)
{
    return (error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownContentError) ||
           error == QNetworkReply::ProtocolInvalidOperationError ||
           (error >= QNetworkReply::InternalServerError && error <= QNetworkReply::UnknownServerError);
}

} // namespace

NetworkTransportReply::NetworkTransportReply(QNetworkReply *reply, QObject *parent)
    : TransportReply(parent)
    , m_reply(reply)
{
    reply->setParent(this);
    connect(reply, &QNetworkReply::metaDataChanged, this, &NetworkTransportReply::ensureStarted);
    connect(reply, &QNetworkReply::readyRead, this, &NetworkTransportReply::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &NetworkTransportReply::onFinished);
}

NetworkTransportReply::~NetworkTransportReply()
{
    abort();
}

void NetworkTransportReply::abort()
{
    m_done = true;
    if (m_reply && m_reply->isRunning()) {
        m_reply->disconnect(this); // no signal after abort()
        m_reply->abort();
    }
}

void NetworkTransportReply::ensureStarted()
{
    if (m_started || !m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_started = true;
    HeaderList headers;
    for (const auto &pair : m_reply->rawHeaderPairs())
        headers.append({pair.first, pair.second});
    emit responseStarted(status.toInt(), headers);
}

void NetworkTransportReply::onReadyRead()
{
    ensureStarted();
    if (m_done || !m_reply)
        return;
    const QByteArray data = m_reply->readAll();
    if (!data.isEmpty())
        emit dataReceived(data);
}

void NetworkTransportReply::onFinished()
{
    if (m_done || !m_reply)
        return;
    ensureStarted();
    if (m_reply->bytesAvailable() > 0)
        onReadyRead();
    if (m_done)
        return;
    m_done = true;
    const QNetworkReply::NetworkError error = m_reply->error();
    TransportFailure failure;
    if (!(m_started && isHttpLevelError(error)))
        failure = failureOf(error, m_reply->errorString());
    if (failure.failed())
        qCDebug(lcTransport) << "transport failure" << m_reply->url().host() << error << failure.message;
    emit finished(failure);
}
