#include "gateway/gateway.h"

#include "degrade/degradationcontroller.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "gateway/openaiformat.h"
#include "health/healthmonitor.h"
#include "metrics/metrics.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
bool sameToken(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

const HeaderList &jsonHeaders()
{
    static const HeaderList h{{"Content-Type", "application/json"}};
    return h;
}

struct Route
{
    QString name;      // the route's model name, or "*"
    QStringList chain; // tier names
    QString modelOverride;
};

// A config without routes serves everything through one wildcard route over the strategy's chain.
QList<RouteConfig> routesOf(const ChainConfig &config)
{
    return config.routes.isEmpty() ? QList<RouteConfig>{RouteConfig{u"*"_s, {}}} : config.routes;
}

std::optional<Route> resolveRoute(const ChainConfig &config, const QString &model)
{
    const QList<RouteConfig> routes = routesOf(config);
    const RouteConfig *wildcard = nullptr;
    for (const RouteConfig &r : routes) {
        if (r.model == model)
            return Route{r.model, r.chain.isEmpty() ? config.strategy.chain() : r.chain, {}};
        if (r.model == u"*")
            wildcard = &r;
    }
    if (!wildcard)
        return std::nullopt;
    // The wildcard passes the requested name through to its first tier, then falls back as usual.
    return Route{u"*"_s, wildcard->chain.isEmpty() ? config.strategy.chain() : wildcard->chain, model};
}

} // namespace

// One chat completion in flight: relays the run to the client, and the client's departure to the run.
class GatewayExchange final : public QObject
{
public:
    GatewayExchange(Gateway &gateway, MetricsRegistry &metrics, HttpResponder *responder,
                    OpenAiFormat::ClientRequest request, QString route)
        : QObject(responder)
        , m_gateway(gateway)
        , m_metrics(metrics)
        , m_responder(responder)
        , m_request(std::move(request))
        , m_route(std::move(route))
        , m_created(QDateTime::currentSecsSinceEpoch())
    {
        m_timer.start();
        connect(responder, &HttpResponder::clientGone, this, &GatewayExchange::onClientGone);
    }

    ~GatewayExchange() override
    {
        if (m_run) // the connection went away with us: never leave the upstream request open
            m_run->cancel();
        m_gateway.exchangeEnded(m_status);
    }

    void start(ChatEngine &engine, const QStringList &chain, const QString &modelOverride)
    {
        m_request.chat.chain = chain;
        m_request.chat.modelOverride = modelOverride;
        m_model = modelOverride.isEmpty() ? m_request.model : modelOverride;
        engine.start(m_request.chat, [this](ChatRun *run) {
            m_run = run;
            // The engine's id, before anything is sent: one id in the logs, the events and the answer.
            m_requestId = run->requestId();
            m_id = u"chatcmpl-"_s + m_requestId;
            m_level = run->level();
            connect(run, &ChatRun::attemptStarted, this,
                    [this](const QString &tier, const QString &model, int) {
                        m_models.insert(tier, model);
                        if (m_tier.isEmpty() && !m_streaming)
                            m_model = model;
                    });
            // The first token says who answers: with a hedge, the tier that won; after every tier
            // failed, nobody (the cache or a rule).
            connect(run, &ChatRun::firstToken, this, [this, run](const QString &tier) {
                m_source = run->source();
                m_tier = tier;
                m_model = tier.isEmpty() ? run->answerModel() : m_models.value(tier, m_model);
            });
            connect(run, &ChatRun::textDelta, this, &GatewayExchange::onDelta);
            connect(run, &ChatRun::finished, this, &GatewayExchange::onFinished);
        });
    }

private:
    // How the answer was made, for the client (the "understudy" field; the headers say the same).
    QJsonObject label(const QString &tier) const
    {
        QJsonObject o{{u"request_id"_s, m_requestId},
                      {u"level"_s, degradationLevelName(m_level)},
                      {u"source"_s, answerSourceName(m_source)}};
        if (!tier.isEmpty())
            o.insert(u"tier"_s, tier);
        return o;
    }
    QJsonObject label(const ChatResult &result) const
    {
        QJsonObject o = label(result.tier);
        o.insert(u"level"_s, degradationLevelName(result.level));
        o.insert(u"source"_s, answerSourceName(result.source));
        if (result.source != AnswerSource::Model)
            o.insert(u"source_detail"_s, result.sourceDetail);
        return o;
    }

    void beginStream()
    {
        if (m_streaming || !m_responder)
            return;
        m_streaming = true;
        m_status = 200;
        m_ttftMs = m_timer.elapsed();
        m_responder->startStream(200, {{"Content-Type", "text/event-stream"},
                                       {"Cache-Control", "no-cache"},
                                       {"X-Accel-Buffering", "no"},
                                       {"x-understudy-request-id", m_requestId.toUtf8()},
                                       {"x-understudy-level", degradationLevelName(m_level).toUtf8()},
                                       {"x-understudy-source", answerSourceName(m_source).toUtf8()}});
        m_responder->writeChunk(OpenAiFormat::chunk(
            m_id, m_created, m_model, QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, u""_s}}, {},
            m_request.includeUsage, label(m_tier)));
    }

    void onDelta(const QString &text)
    {
        if (!m_request.stream || !m_responder)
            return;
        beginStream();
        m_responder->writeChunk(
            OpenAiFormat::contentChunk(m_id, m_created, m_model, text, m_request.includeUsage));
    }

    void onFinished(const ChatResult &result)
    {
        m_run = nullptr;
        if (!m_responder)
            return;
        const qint64 latency = m_timer.elapsed();
        if (result.error == ErrorClass::Cancelled && m_clientGone) {
            m_metrics.recordRoute(m_route, u"cancelled"_s, latency, m_ttftMs);
            return;
        }
        if (result.complete) {
            m_metrics.recordRoute(m_route, u"answered"_s, latency, m_request.stream ? m_ttftMs : latency);
            if (!m_request.stream) {
                m_status = 200;
                m_responder->respond(200,
                                     {{"Content-Type", "application/json"},
                                      {"x-understudy-request-id", m_requestId.toUtf8()},
                                      {"x-understudy-tier", result.tier.toUtf8()},
                                      {"x-understudy-level", degradationLevelName(result.level).toUtf8()},
                                      {"x-understudy-source", answerSourceName(result.source).toUtf8()}},
                                     OpenAiFormat::completion(result, m_id, m_created, label(result)));
                return;
            }
            beginStream(); // an empty answer still gets a proper stream
            m_responder->writeChunk(OpenAiFormat::chunk(m_id, m_created, result.model, QJsonObject{},
                                                        OpenAiFormat::finishReason(result.finishReason),
                                                        m_request.includeUsage, label(result)));
            if (m_request.includeUsage)
                m_responder->writeChunk(
                    OpenAiFormat::usageChunk(m_id, m_created, result.model, result.usage));
            m_responder->writeChunk(OpenAiFormat::doneEvent());
            m_responder->endStream();
            return;
        }
        m_metrics.recordRoute(m_route, u"failed"_s, latency, m_ttftMs);
        OpenAiFormat::ClientError error = OpenAiFormat::errorFor(result);
        if (m_streaming) {
            // Bytes are out: the failure goes in-band, and the stream never ends as if complete.
            error.code = error.code.isEmpty() ? u"stream_failed"_s : error.code;
            m_responder->writeChunk(OpenAiFormat::sseEvent(OpenAiFormat::errorBody(error)));
            m_responder->endStream();
            return;
        }
        HeaderList headers{{"Content-Type", "application/json"},
                           {"x-understudy-request-id", m_requestId.toUtf8()}};
        if (error.status == 429 && result.error == ErrorClass::RateLimited)
            headers.append({"Retry-After", QByteArray::number(retryAfterSeconds(result))});
        else if (result.error == ErrorClass::Saturated) // our queue is full: try again in a moment
            headers.append({QByteArray("Retry-After"), QByteArray("1")});
        m_status = error.status;
        m_responder->respond(error.status, headers, OpenAiFormat::errorBody(error));
    }

    // When the earliest rate-limited tier frees up (at least 1 s).
    static qint64 retryAfterSeconds(const ChatResult &result)
    {
        qint64 best = -1;
        for (const AttemptRecord &a : result.attempts) {
            if (a.error == ErrorClass::RateLimited && a.retryAfterMs >= 0)
                best = best < 0 ? a.retryAfterMs : std::min(best, a.retryAfterMs);
        }
        return std::max<qint64>(1, qint64(std::ceil((best < 0 ? 1000 : best) / 1000.0)));
    }

    void onClientGone()
    {
        m_clientGone = true;
        if (m_run) {
            qCDebug(lcGateway) << "client left; cancelling" << m_requestId;
            m_run->cancel(); // the upstream request is aborted at once
        }
    }

    Gateway &m_gateway;
    MetricsRegistry &m_metrics;
    QPointer<HttpResponder> m_responder;
    OpenAiFormat::ClientRequest m_request;
    QString m_route;
    QString m_requestId; // the engine's, the events' and x-understudy-request-id
    QString m_tier;      // the tier whose first token came (empty: none yet, or not a model's answer)
    QHash<QString, QString> m_models; // the model each tier was asked for
    DegradationLevel m_level = DegradationLevel::Full;
    AnswerSource m_source = AnswerSource::Model;
    QString m_id; // the completion's: chatcmpl-<request id>
    qint64 m_created;
    QString m_model;
    QPointer<ChatRun> m_run;
    QElapsedTimer m_timer;
    qint64 m_ttftMs = -1;
    int m_status = 0; // what the client was answered (0: it left first)
    bool m_streaming = false;
    bool m_clientGone = false;
};

Gateway::Gateway(ChatEngine &engine, MetricsRegistry &metrics, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_metrics(metrics)
    , m_server(engine.clock())
{
    m_server.setHandler(
        [this](const HttpRequest &request, HttpResponder *responder) { handle(request, responder); });
}

Gateway::~Gateway()
{
    stop();
}

Result<bool, QString> Gateway::start(const Options &options)
{
    stop();
    QHostAddress address;
    if (options.host == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(options.host))
        return Result<bool, QString>::failure(u"\"%1\" is not an IP address"_s.arg(options.host));
    if (!address.isLoopback() && !options.allowRemote)
        return Result<bool, QString>::failure(
            u"refusing to listen on %1: the gateway listens on loopback only (127.0.0.1 or ::1); use "
            u"--allow-remote with a token to accept other hosts"_s.arg(options.host));
    if (!address.isLoopback() && options.token.isEmpty())
        return Result<bool, QString>::failure(u"a gateway reachable from other hosts needs a token"_s);
    HttpServer::Limits limits = options.limits;
    limits.maxBodyBytes = options.maxBodyBytes;
    m_server.setLimits(limits);
    if (!m_server.listen(address, options.port))
        return Result<bool, QString>::failure(
            u"cannot listen on %1:%2: %3"_s.arg(options.host).arg(options.port).arg(m_server.errorString()));
    m_options = options;
    qCInfo(lcGateway).noquote() << "gateway listening on" << listenAddress();
    emit runningChanged(true);
    return true;
}

void Gateway::stop()
{
    if (!m_server.isListening())
        return;
    m_server.close();
    emit runningChanged(false);
}

QString Gateway::listenAddress() const
{
    const QHostAddress a = m_server.address();
    const QString host =
        a.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + a.toString() + u']' : a.toString();
    return host + u':' + QString::number(m_server.port());
}

void Gateway::reply(HttpResponder *responder, const HttpRequest &request, int status, const QByteArray &body,
                    HeaderList headers)
{
    if (headers.isEmpty())
        headers = jsonHeaders();
    responder->respond(status, headers, body);
    emit requestHandled(QString::fromLatin1(request.method), QString::fromLatin1(request.path), status);
}

namespace {
OpenAiFormat::ClientError clientError(int status, const QString &message, const QString &code = {},
                                      const QString &param = {})
{
    OpenAiFormat::ClientError e;
    e.status = status;
    e.message = message;
    e.code = code;
    e.param = param;
    return e;
}
} // namespace

void Gateway::replyError(HttpResponder *responder, const HttpRequest &request,
                         const OpenAiFormat::ClientError &error, HeaderList headers)
{
    reply(responder, request, error.status, OpenAiFormat::errorBody(error), std::move(headers));
}

bool Gateway::hostAllowed(QByteArrayView hostHeader) const
{
    // DNS rebinding: a web page's own name made to resolve to 127.0.0.1 reaches this port with its
    // cookies-free fetch() carrying that name in Host. IP addresses and "localhost" cannot be a
    // page's rebound name; other names must be allowed by hand.
    const QByteArray host = hostHeader.toByteArray().trimmed().toLower();
    if (host.isEmpty())
        return false;
    QByteArray name = host;
    QByteArray port;
    if (host.startsWith('[')) {
        const qsizetype end = host.indexOf(']');
        if (end < 0)
            return false;
        name = host.mid(1, end - 1);
        const QByteArray rest = host.mid(end + 1);
        if (!rest.isEmpty() && !rest.startsWith(':'))
            return false;
        port = rest.mid(1);
    } else if (const qsizetype colon = host.lastIndexOf(':'); colon >= 0) {
        name = host.left(colon);
        port = host.mid(colon + 1);
    }
    if (!port.isEmpty()) {
        bool ok = false;
        if (port.toUInt(&ok) != m_server.port() || !ok)
            return false;
    }
    if (name == "localhost" || !QHostAddress(QString::fromLatin1(name)).isNull())
        return true;
    for (const QString &allowed : m_options.allowHosts) {
        if (allowed.toLower().toUtf8() == name)
            return true;
    }
    return false;
}

void Gateway::preflight(const HttpRequest &request, HttpResponder *responder)
{
    // Only for an allowed Origin (checked by the caller): the methods and headers a page may use.
    QByteArray wanted = request.header("access-control-request-headers").toLower();
    for (const char c : std::as_const(wanted)) { // a header list, nothing else
        if (!(c == ',' || c == ' ' || c == '-' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            wanted.clear();
            break;
        }
    }
    HeaderList headers{{"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
                       {"Access-Control-Allow-Headers",
                        wanted.isEmpty() ? QByteArray("authorization, content-type") : wanted},
                       {"Access-Control-Max-Age", "600"}};
    responder->respond(204, headers, {});
    emit requestHandled(QString::fromLatin1(request.method), QString::fromLatin1(request.path), 204);
}

void Gateway::handle(const HttpRequest &request, HttpResponder *responder)
{
    const QByteArray &path = request.path;
    // Browser defence first, for every path: a page on another site can reach this port, but it
    // cannot choose the Host its request names nor leave out its Origin.
    if (!hostAllowed(request.header("host")))
        return replyError(
            responder, request,
            clientError(
                403,
                u"The Host header \"%1\" does not name this gateway: use 127.0.0.1, localhost or [::1] "
                u"(or allow a name with --allow-host)."_s.arg(
                    QString::fromLatin1(request.header("host").left(200))),
                u"host_not_allowed"_s));
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty()) {
        if (!m_options.allowOrigins.contains(QString::fromLatin1(origin)))
            return replyError(
                responder, request,
                clientError(403,
                            u"Requests from web pages are refused (Origin %1). Allow an origin "
                            u"with --allow-origin."_s.arg(QString::fromLatin1(origin.left(200))),
                            u"origin_not_allowed"_s));
        responder->addHeaders({{"Access-Control-Allow-Origin", origin}, {"Vary", "Origin"}});
        if (request.method == "OPTIONS")
            return preflight(request, responder);
    }
    if (request.method == "OPTIONS")
        return reply(responder, request, 204, {}, {{"Allow", "GET, HEAD, POST, OPTIONS"}});
    const auto methodNotAllowed = [&](const QByteArray &allow) {
        replyError(responder, request,
                   clientError(405, u"Method %1 is not allowed on %2"_s.arg(
                                        QString::fromLatin1(request.method), QString::fromLatin1(path))),
                   {{"Content-Type", "application/json"}, {"Allow", allow}});
    };
    if (path == "/healthz") {
        if (request.method != "GET" && request.method != "HEAD")
            return methodNotAllowed("GET");
        return handleHealth(responder);
    }
    if (!m_options.token.isEmpty()) {
        // The scheme is case-insensitive (RFC 9110 §11.1): "Bearer", "bearer", "BEARER".
        const QByteArray auth = request.header("authorization");
        const bool bearer = auth.size() > 7 && auth.left(7).compare("bearer ", Qt::CaseInsensitive) == 0;
        if (!bearer || !sameToken(auth.mid(7).trimmed(), m_options.token)) {
            return replyError(responder, request,
                              clientError(401,
                                          u"Missing or wrong bearer token for this Understudy gateway."_s,
                                          u"invalid_api_key"_s),
                              {{"Content-Type", "application/json"}, {"WWW-Authenticate", "Bearer"}});
        }
    }
    if (path == "/v1/chat/completions" || path == "/chat/completions") {
        if (request.method != "POST")
            return methodNotAllowed("POST");
        return handleChat(request, responder);
    }
    if (path == "/v1/models" || path == "/models") {
        if (request.method != "GET")
            return methodNotAllowed("GET");
        return handleModels(responder);
    }
    if (path == "/metrics") {
        if (request.method != "GET")
            return methodNotAllowed("GET");
        return reply(responder, request, 200, m_metrics.prometheusText(),
                     {{"Content-Type", "text/plain; version=0.0.4; charset=utf-8"}});
    }
    replyError(
        responder, request,
        clientError(
            404,
            u"Unknown path %1. This gateway serves /v1/chat/completions, /v1/models, /healthz and /metrics."_s
                .arg(QString::fromLatin1(path))));
}

void Gateway::handleChat(const HttpRequest &request, HttpResponder *responder)
{
    // JSON only: a "simple" cross-site form or text/plain POST is what a page can send without a
    // CORS preflight, and no client of this API sends anything but application/json.
    const QByteArray type = request.header("content-type").toLower();
    const QByteArray mediaType = type.left(type.indexOf(';') < 0 ? type.size() : type.indexOf(';')).trimmed();
    if (mediaType != "application/json")
        return replyError(responder, request, clientError(415, u"Content-Type must be application/json."_s));
    auto parsed = OpenAiFormat::parseRequest(request.body);
    if (!parsed)
        return replyError(responder, request, parsed.error());
    OpenAiFormat::ClientRequest client = std::move(parsed).value();
    // The header wins over the body's metadata.priority (a proxy may set it for a whole app).
    if (const QByteArray priority = request.header("x-understudy-priority"); !priority.isEmpty()) {
        const std::optional<Priority> p = priorityFromName(QString::fromLatin1(priority).trimmed().toLower());
        if (!p)
            return replyError(responder, request,
                              clientError(400, u"x-understudy-priority must be high, normal or low."_s));
        client.chat.priority = *p;
    }
    const std::shared_ptr<const ChainConfig> config = m_engine.config();
    const std::optional<Route> route = resolveRoute(*config, client.model);
    if (!route) {
        QStringList names;
        for (const RouteConfig &r : routesOf(*config))
            names << r.model;
        return replyError(responder, request,
                          clientError(404,
                                      u"The model `%1` has no route on this gateway (routes: %2)."_s.arg(
                                          client.model, names.join(u", ")),
                                      u"model_not_found"_s, u"model"_s));
    }
    auto *exchange = new GatewayExchange(*this, m_metrics, responder, std::move(client), route->name);
    ++m_active;
    exchange->start(m_engine, route->chain, route->modelOverride);
}

void Gateway::exchangeEnded(int status)
{
    --m_active;
    emit requestHandled(u"POST"_s, u"/v1/chat/completions"_s, status);
}

void Gateway::handleModels(HttpResponder *responder)
{
    const std::shared_ptr<const ChainConfig> config = m_engine.config();
    QJsonArray data;
    QStringList seen;
    const auto add = [&](const QString &id, const QString &owner) {
        if (seen.contains(id))
            return;
        seen << id;
        data.append(
            QJsonObject{{u"id"_s, id}, {u"object"_s, u"model"_s}, {u"created"_s, 0}, {u"owned_by"_s, owner}});
    };
    for (const RouteConfig &r : routesOf(*config)) {
        if (r.model != u"*") {
            add(r.model, u"understudy"_s);
            continue;
        }
        // The wildcard answers any name; list what its chain serves.
        for (const QString &tierName : r.chain.isEmpty() ? config->strategy.chain() : r.chain) {
            if (const TierConfig *t = config->tier(tierName))
                add(t->model, t->provider);
        }
    }
    responder->respond(200, jsonHeaders(),
                       QJsonDocument(QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, data}})
                           .toJson(QJsonDocument::Compact));
}

void Gateway::handleHealth(HttpResponder *responder)
{
    const std::shared_ptr<const ChainConfig> config = m_engine.config();
    QJsonArray tiers;
    int available = 0;
    const qint64 now = m_engine.clock().nowMs();
    for (const QString &tier : config->strategy.chain()) {
        const TierStateSnapshot s = m_engine.tierState(tier);
        const bool usable = s.breaker != CircuitBreaker::State::Open && s.rateLimitedUntilMs <= now;
        available += usable ? 1 : 0;
        QJsonObject o{
            {u"tier"_s, tier}, {u"breaker"_s, breakerStateName(s.breaker)}, {u"available"_s, usable}};
        if (s.breaker == CircuitBreaker::State::Open)
            o.insert(u"reopens_in_ms"_s, std::max<qint64>(0, s.openUntilMs - now));
        tiers.append(o);
    }
    QString status = available == 0 ? u"down"_s : available < tiers.size() ? u"degraded"_s : u"ok"_s;
    QJsonObject body{{u"tiers"_s, tiers}};
    if (m_health) {
        // The same verdict as the Health view, the health alert and `understudy-cli health`.
        const SystemHealth h = m_health->lastHealth();
        status = h.status == HealthStatus::Healthy    ? u"ok"_s
                 : h.status == HealthStatus::Degraded ? u"degraded"_s
                                                      : u"down"_s;
        body.insert(u"reasons"_s, QJsonArray::fromStringList(h.reasons));
        if (!h.recommendedTier.isEmpty())
            body.insert(u"recommended_tier"_s, h.recommendedTier);
    }
    if (m_degradation)
        body.insert(u"level"_s, degradationLevelName(m_degradation->systemLevel()));
    body.insert(u"status"_s, status);
    responder->respond(status == u"down" ? 503 : 200, jsonHeaders(),
                       QJsonDocument(body).toJson(QJsonDocument::Compact));
}
