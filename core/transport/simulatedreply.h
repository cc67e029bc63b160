#pragma once

#include "transport/transport.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>

// The built-in simulated provider: answers an OpenAI Chat Completions request in-process, streaming
// token by token with the configured time to first token, speed, error rate and fault. It parses and
// validates the request like a real server, so the engine exercises its real adapter and SSE parser.
class SimulatedTransportReply final : public TransportReply
{
    Q_OBJECT

public:
    SimulatedTransportReply(const TransportRequest &request, quint32 sequence, QObject *parent);
    void abort() override;

private:
    void begin();
    void tick();
    void respondError(int status, const QByteArray &type, const QString &message, int retryAfterSeconds = 0);
    QByteArray chunk(const QJsonObject &delta, const QJsonValue &finishReason) const;
    void finishStream(bool truncated);

    SimulationParams m_params;
    QByteArray m_body;
    bool m_isListing = false; // GET …/models: a health probe or a key test
    quint32 m_seed;
    bool m_streaming = true;
    QString m_model;
    QStringList m_tokens;
    qint64 m_inputTokens = 0;
    int m_next = 0;
    bool m_lengthLimited = false;
    bool m_aborted = false;
    QTimer m_timer;
    QElapsedTimer m_sinceFirstToken;
    QString m_id;
};
