#pragma once

#include "transport/transport.h"

#include <QPointer>

class QNetworkReply;

// A TransportReply over a QNetworkReply it owns.
class NetworkTransportReply final : public TransportReply
{
    Q_OBJECT

public:
    NetworkTransportReply(QNetworkReply *reply, QObject *parent);
    ~NetworkTransportReply() override;
    void abort() override;

private:
    void ensureStarted();
    void onReadyRead();
    void onFinished();

    QPointer<QNetworkReply> m_reply;
    bool m_started = false;
    bool m_done = false;
};
