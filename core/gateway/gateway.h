#pragma once

#include "gateway/httpserver.h"
#include "util/result.h"

#include <QObject>

namespace OpenAiFormat {
struct ClientError;
}

class ChatEngine;
class DegradationController;
class HealthMonitor;
class MetricsRegistry;

// The local OpenAI-compatible endpoint: any app on this machine gets the failover chain.
//   POST /v1/chat/completions (streaming and not), GET /v1/models, GET /healthz, GET /metrics
// Listens on loopback only unless told otherwise; can require a bearer token.
class Gateway final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Gateway)

public:
    struct Options
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 8088;
        bool allowRemote = false; // listen on a non-loopback address (a token is then required)
        QByteArray token;         // when set, every route but /healthz needs "Authorization: Bearer <token>"
        qsizetype maxBodyBytes = 4 * 1024 * 1024;
        // Browser defence (docs/gateway.md): the Host a request names must be an IP address,
        // "localhost", or one of these names; a request with an Origin is refused unless it is one of
        // these origins ("https://app.example:8443"), which then get CORS answers.
        QStringList allowHosts;
        QStringList allowOrigins;
        HttpServer::Limits limits; // connections, deadlines, sizes (maxBodyBytes above wins)
    };

    Gateway(ChatEngine &engine, MetricsRegistry &metrics, QObject *parent = nullptr);
    ~Gateway() override;
    // What /healthz reports: the health verdict and the level a normal request gets (both optional,
    // not owned; without them, the breakers alone).
    void setHealth(const HealthMonitor *health, const DegradationController *degradation)
    {
        m_health = health;
        m_degradation = degradation;
    }

    Result<bool, QString> start(const Options &options);
    void stop();
    bool isRunning() const { return m_server.isListening(); }
    quint16 port() const { return m_server.port(); }
    QString listenAddress() const; // "127.0.0.1:8088"
    int activeRequests() const { return m_active; }
    const HttpServer &server() const { return m_server; }

signals:
    void runningChanged(bool running);
    void requestHandled(const QString &method, const QString &path, int status);

private:
    friend class GatewayExchange;
    void exchangeEnded(int status); // status 0: the client left before it was answered
    void handle(const HttpRequest &request, HttpResponder *responder);
    void handleChat(const HttpRequest &request, HttpResponder *responder);
    void handleModels(HttpResponder *responder);
    void handleHealth(HttpResponder *responder);
    bool hostAllowed(QByteArrayView host) const;
    void preflight(const HttpRequest &request, HttpResponder *responder);
    void reply(HttpResponder *responder, const HttpRequest &request, int status, const QByteArray &body,
               HeaderList headers = {});
    // An OpenAI-style error answer ({"error": {...}}) with the error's status.
    void replyError(HttpResponder *responder, const HttpRequest &request,
                    const OpenAiFormat::ClientError &error, HeaderList headers = {});

    ChatEngine &m_engine;
    MetricsRegistry &m_metrics;
    const HealthMonitor *m_health = nullptr;
    const DegradationController *m_degradation = nullptr;
    HttpServer m_server;
    Options m_options;
    int m_active = 0;
};
