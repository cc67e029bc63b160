#include "metrics/metrics.h"

#include "engine/chatengine.h"
#include "transport/transport.h"

using namespace Qt::StringLiterals;

Histogram::Histogram(QList<double> bounds)
    : m_bounds(std::move(bounds))
    , m_counts(m_bounds.size() + 1, 0)
{}

QList<double> Histogram::defaultLatencyBounds()
{
    return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
}

void Histogram::observe(double seconds)
{
    qsizetype i = 0;
    while (i < m_bounds.size() && seconds > m_bounds.at(i))
        ++i;
    ++m_counts[i];
    m_sum += seconds;
    ++m_count;
}

MetricsRegistry::MetricsRegistry(ChatEngine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    connect(&engine, &ChatEngine::attemptFinished, this, &MetricsRegistry::onAttempt);
    connect(&engine, &ChatEngine::tierSwitched, this, &MetricsRegistry::onSwitch);
    connect(&engine, &ChatEngine::requestFinished, this, &MetricsRegistry::onRequest);
    connect(&engine.transport(), &Transport::upstreamDispatched, this, &MetricsRegistry::onDispatched);
    connect(&engine.transport(), &Transport::upstreamSaturated, this,
            [this](const QString &provider) { ++m_saturated[provider]; });
}

void MetricsRegistry::onDispatched(const QString &provider, qint64 waitedMs)
{
    auto it = m_queueWait.find(provider);
    if (it == m_queueWait.end())
        it = m_queueWait.insert(provider, Histogram({0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10}));
    it->observe(double(waitedMs) / 1000.0);
}

void MetricsRegistry::onAttempt(const AttemptRecord &a)
{
    if (a.tierTest)
        return; // a Chain editor test of a draft tier: not traffic of the running chain
    TierStats &t = m_tiers[a.tier];
    ++t.attempts[{attemptOutcomeName(a.outcome), errorClassName(a.error)}];
    t.inputTokens += quint64(std::max<qint64>(0, a.usage.inputTokens));
    t.outputTokens += quint64(std::max<qint64>(0, a.usage.outputTokens));
    t.costMicros += a.cost.micros();
    if (a.ttftMs >= 0)
        t.ttft.observe(a.ttftMs / 1000.0);
    if (a.outcome == AttemptRecord::Outcome::Success)
        t.latency.observe(a.durationMs / 1000.0);
}

void MetricsRegistry::onSwitch(const SwitchEvent &e)
{
    ++m_failovers[{e.from, e.to, errorClassName(e.reason)}];
}

void MetricsRegistry::onRequest(const ChatResult &r)
{
    if (r.tierTest)
        return;
    ++m_requests;
    if (r.complete)
        ++m_requestsComplete;
}

void MetricsRegistry::recordRoute(const QString &route, const QString &outcome, qint64 latencyMs,
                                  qint64 ttftMs)
{
    ++m_routeOutcomes[{route, outcome}];
    m_routeLatency[route].observe(latencyMs / 1000.0);
    if (ttftMs >= 0)
        m_routeTtft[route].observe(ttftMs / 1000.0);
}

namespace {

QString escape(QString v)
{
    v.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s).replace(u'\n', u"\\n"_s);
    return v;
}

QString labels(std::initializer_list<std::pair<const char *, QString>> pairs)
{
    QStringList parts;
    for (const auto &[k, v] : pairs)
        parts << QString::fromLatin1(k) + u"=\"" + escape(v) + u'"';
    return u'{' + parts.join(u',') + u'}';
}

void header(QString &out, const char *name, const char *type, const char *help)
{
    out += u"# HELP %1 %2\n# TYPE %1 %3\n"_s.arg(QLatin1StringView(name), QLatin1StringView(help),
                                                 QLatin1StringView(type));
}

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

void histogram(QString &out, const char *name, const QString &labelKey, const QString &labelValue,
               const Histogram &h)
{
    quint64 cumulative = 0;
    const QString base = QString::fromLatin1(name);
    const QString lab = labelKey + u"=\"" + escape(labelValue) + u'"';
    for (qsizetype i = 0; i < h.bounds().size(); ++i) {
        cumulative += h.counts().at(i);
        out += base + u"_bucket{" + lab + u",le=\"" + number(h.bounds().at(i)) + u"\"} " +
               QString::number(cumulative) + u'\n';
    }
    cumulative += h.counts().last();
    out += base + u"_bucket{" + lab + u",le=\"+Inf\"} " + QString::number(cumulative) + u'\n';
    out += base + u"_sum{" + lab + u"} " + number(h.sum()) + u'\n';
    out += base + u"_count{" + lab + u"} " + QString::number(h.count()) + u'\n';
}

} // namespace

QByteArray MetricsRegistry::prometheusText() const
{
    QString out;
    header(out, "understudy_requests_total", "counter",
           "Chat requests finished by the engine, by completeness.");
    out += u"understudy_requests_total{complete=\"true\"} %1\n"_s.arg(m_requestsComplete);
    out += u"understudy_requests_total{complete=\"false\"} %1\n"_s.arg(m_requests - m_requestsComplete);

    header(out, "understudy_route_requests_total", "counter",
           "Gateway requests by route and what the client saw (answered, failed, cancelled).");
    for (auto it = m_routeOutcomes.cbegin(); it != m_routeOutcomes.cend(); ++it)
        out += u"understudy_route_requests_total"_s +
               labels({{"route", it.key().first}, {"outcome", it.key().second}}) + u' ' +
               QString::number(it.value()) + u'\n';

    header(
        out, "understudy_attempts_total", "counter",
        "Upstream attempts per tier by outcome and error class (failures charged to the tier that failed).");
    for (auto it = m_tiers.cbegin(); it != m_tiers.cend(); ++it) {
        for (auto a = it->attempts.cbegin(); a != it->attempts.cend(); ++a)
            out += u"understudy_attempts_total"_s +
                   labels({{"tier", it.key()}, {"outcome", a.key().first}, {"error_class", a.key().second}}) +
                   u' ' + QString::number(a.value()) + u'\n';
    }

    header(out, "understudy_failovers_total", "counter", "Tier switches by from, to and reason.");
    for (auto it = m_failovers.cbegin(); it != m_failovers.cend(); ++it)
        out += u"understudy_failovers_total"_s +
               labels({{"from", std::get<0>(it.key())},
                       {"to", std::get<1>(it.key())},
                       {"reason", std::get<2>(it.key())}}) +
               u' ' + QString::number(it.value()) + u'\n';

    header(out, "understudy_breaker_state", "gauge",
           "Circuit breaker per tier: 0 closed, 1 half-open, 2 open.");
    for (const QString &tier : m_engine.config()->strategy.chain()) {
        const TierStateSnapshot s = m_engine.tierState(tier);
        const int v = s.breaker == CircuitBreaker::State::Closed     ? 0
                      : s.breaker == CircuitBreaker::State::HalfOpen ? 1
                                                                     : 2;
        out += u"understudy_breaker_state"_s + labels({{"tier", tier}}) + u' ' + QString::number(v) + u'\n';
    }

    header(
        out, "understudy_upstream_requests", "gauge",
        "Requests per provider now: in flight, waiting for a connection, and the capacity (max_connections, "
        "x100 once the provider speaks HTTP/2).");
    for (const PoolStats &p : m_engine.transport().poolStats()) {
        for (const auto &[state, value] :
             {std::pair{"in_flight", p.inFlight}, std::pair{"waiting", p.waiting},
              std::pair{"capacity", p.capacity}})
            out += u"understudy_upstream_requests"_s +
                   labels({{"provider", p.provider}, {"state", QString::fromLatin1(state)}}) + u' ' +
                   QString::number(value) + u'\n';
    }
    header(out, "understudy_gateway_saturated_total", "counter",
           "Requests refused because every connection to the provider stayed busy beyond its queue's bound "
           "(never sent; not charged to the tier).");
    for (auto it = m_saturated.cbegin(); it != m_saturated.cend(); ++it)
        out += u"understudy_gateway_saturated_total"_s + labels({{"provider", it.key()}}) + u' ' +
               QString::number(it.value()) + u'\n';
    header(
        out, "understudy_upstream_queue_wait_seconds", "histogram",
        "Time requests waited in Understudy for a connection to their provider (not charged to any tier).");
    for (auto it = m_queueWait.cbegin(); it != m_queueWait.cend(); ++it)
        histogram(out, "understudy_upstream_queue_wait_seconds", u"provider"_s, it.key(), it.value());

    header(out, "understudy_tokens_total", "counter",
           "Tokens per tier and direction (estimated where no usage came back).");
    for (auto it = m_tiers.cbegin(); it != m_tiers.cend(); ++it) {
        out += u"understudy_tokens_total"_s + labels({{"tier", it.key()}, {"direction", u"input"_s}}) + u' ' +
               QString::number(it->inputTokens) + u'\n';
        out += u"understudy_tokens_total"_s + labels({{"tier", it.key()}, {"direction", u"output"_s}}) +
               u' ' + QString::number(it->outputTokens) + u'\n';
    }

    header(out, "understudy_cost_usd_total", "counter", "Spend per tier in USD, every attempt included.");
    for (auto it = m_tiers.cbegin(); it != m_tiers.cend(); ++it)
        out += u"understudy_cost_usd_total"_s + labels({{"tier", it.key()}}) + u' ' +
               Money::fromMicros(it->costMicros).toString(6) + u'\n';

    header(out, "understudy_attempt_duration_seconds", "histogram",
           "Duration of successful attempts per tier.");
    for (auto it = m_tiers.cbegin(); it != m_tiers.cend(); ++it)
        histogram(out, "understudy_attempt_duration_seconds", u"tier"_s, it.key(), it->latency);
    header(out, "understudy_ttft_seconds", "histogram", "Time to first token per tier.");
    for (auto it = m_tiers.cbegin(); it != m_tiers.cend(); ++it)
        histogram(out, "understudy_ttft_seconds", u"tier"_s, it.key(), it->ttft);
    header(out, "understudy_route_latency_seconds", "histogram",
           "Gateway request latency per route, as clients saw it.");
    for (auto it = m_routeLatency.cbegin(); it != m_routeLatency.cend(); ++it)
        histogram(out, "understudy_route_latency_seconds", u"route"_s, it.key(), it.value());
    header(out, "understudy_route_ttft_seconds", "histogram",
           "Gateway time to first token per route, as clients saw it.");
    for (auto it = m_routeTtft.cbegin(); it != m_routeTtft.cend(); ++it)
        histogram(out, "understudy_route_ttft_seconds", u"route"_s, it.key(), it.value());
    return out.toUtf8();
}
