#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "providers/simulatedtext.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ChainConfig simulatedChain(const SimulationParams &primary)
{
    ChainConfig c = ChainConfig::builtinSimulated();
    for (ProviderConfig &p : c.providers) {
        p.simulation.ttftMs = 10;
        p.simulation.tokensPerSecond = 3000;
        p.simulation.answerTokens = 30;
        p.timeouts = {300, 500, 300};
    }
    c.providers[0].simulation = primary;
    c.strategy.retry.backoffFactor = 0.01;
    return c;
}

ChatRequest hello()
{
    ChatRequest r;
    r.messages = {{Role::User, u"hello"_s}};
    return r;
}

} // namespace

class TestSimulated : public QObject
{
    Q_OBJECT

private:
    SystemClock m_clock;

    ChatResult run(ChatEngine &engine, const ChatRequest &request, QString *streamed = nullptr)
    {
        ChatRun *r = engine.start(request);
        QSignalSpy finished(r, &ChatRun::finished);
        if (streamed)
            connect(r, &ChatRun::textDelta, this, [streamed](const QString &t) { *streamed += t; });
        if (!finished.wait(10'000)) {
            QTest::qFail("timed out waiting for the request to finish", __FILE__, __LINE__);
            return {};
        }
        return finished.first().first().value<ChatResult>();
    }

private slots:
    void defaultChain_answersTokenByToken()
    {
        Transport transport;
        ChatEngine engine(transport, nullptr, m_clock);
        SimulationParams fast;
        fast.ttftMs = 20;
        fast.tokensPerSecond = 500;
        fast.answerTokens = 40;
        engine.setConfig(simulatedChain(fast));
        ChatRun *r = engine.start(hello());
        QSignalSpy deltas(r, &ChatRun::textDelta);
        QSignalSpy finished(r, &ChatRun::finished);
        QVERIFY(finished.wait(10'000));
        const ChatResult result = finished.first().first().value<ChatResult>();
        QVERIFY(result.complete);
        QCOMPARE(result.tier, u"flagship"_s);
        QCOMPARE(result.model, u"atlas-large"_s);
        QVERIFY(result.content.contains(u"simulated model built into Understudy"_s));
        QVERIFY2(deltas.size() > 5, "the answer streams in pieces");
        QVERIFY(result.usage.outputTokens > 20);
        QVERIFY(!result.usage.estimated);
        QVERIFY(result.cost > Money());
        QVERIFY(result.ttftMs >= 20);
        QCOMPARE(result.finishReason, u"stop"_s);
    }

    void chinesePrompt_getsAChineseAnswerInManyPieces()
    {
        const QStringList tokens =
            SimulatedText::answerTokens(u"如何规划提供商迁移？"_s, u"atlas-large"_s, 60, 7);
        const QString text = tokens.join(QString());
        QVERIFY2(text.contains(u"我会这样处理“**如何规划提供商迁移**”"_s), qPrintable(text.left(80)));
        QVERIFY(text.endsWith(u"*（来自 atlas-large 的模拟回答）*"_s));
        QVERIFY(!text.contains(u"Here is how"_s));
        QVERIFY(tokens.size() > 40); // streamed piece by piece, not as one chunk
        const QStringList english = SimulatedText::answerTokens(u"How to plan a migration?"_s, u"m"_s, 60, 7);
        QVERIFY(english.join(QString()).startsWith(u"Here is how I would approach"_s));
    }

    void statusFault_failsOverToTheNextTier()
    {
        Transport transport;
        ChatEngine engine(transport, nullptr, m_clock);
        SimulationParams down;
        down.fault = SimulationParams::Fault::Status;
        down.faultStatus = 503;
        engine.setConfig(simulatedChain(down));
        const ChatResult result = run(engine, hello());
        QVERIFY(result.complete);
        QCOMPARE(result.tier, u"balanced"_s);
        QVERIFY(result.fellBack());
        QCOMPARE(result.attempts.first().httpStatus, 503);
        QCOMPARE(result.attempts.first().error, ErrorClass::Overloaded);
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.events.first().from, u"flagship"_s);
        QCOMPARE(result.events.first().to, u"balanced"_s);
    }

    void hang_hitsTheFirstByteDeadline()
    {
        Transport transport;
        ChatEngine engine(transport, nullptr, m_clock);
        SimulationParams hang;
        hang.fault = SimulationParams::Fault::Hang;
        engine.setConfig(simulatedChain(hang));
        const ChatResult result = run(engine, hello());
        QVERIFY(result.complete);
        QCOMPARE(result.attempts.first().error, ErrorClass::ConnectTimeout);
        QVERIFY(result.attempts.first().durationMs < 1000);
    }

    void cut_isNeverAComplete_answer()
    {
        Transport transport;
        ChatEngine engine(transport, nullptr, m_clock);
        SimulationParams cut;
        cut.ttftMs = 10;
        cut.tokensPerSecond = 3000;
        cut.fault = SimulationParams::Fault::Cut;
        cut.cutAfterTokens = 5;
        ChainConfig c = simulatedChain(cut);
        c.strategy.streamFailover = StreamFailoverPolicy::Fail;
        engine.setConfig(c);
        const ChatResult result = run(engine, hello());
        QVERIFY(!result.complete);
        QCOMPARE(result.error, ErrorClass::TruncatedStream);
        QVERIFY(!result.content.isEmpty()); // the partial text is kept, marked incomplete
        QVERIFY(result.usage.outputTokens == 0 && result.attempts.first().usage.estimated);
    }

    void maxTokens_endsWithLength()
    {
        Transport transport;
        ChatEngine engine(transport, nullptr, m_clock);
        engine.setConfig(simulatedChain(simulatedChain({}).providers[1].simulation));
        ChatRequest r = hello();
        r.maxTokens = 5;
        const ChatResult result = run(engine, r);
        QVERIFY(result.complete);
        QCOMPARE(result.finishReason, u"length"_s);
        QCOMPARE(result.usage.outputTokens, qint64(5));
    }

    void nonStreaming_provider()
    {
        Transport transport;
        ChatEngine engine(transport, nullptr, m_clock);
        ChainConfig c = simulatedChain(simulatedChain({}).providers[1].simulation);
        c.providers[0].streaming = false;
        engine.setConfig(c);
        const ChatResult result = run(engine, hello());
        QVERIFY(result.complete);
        QCOMPARE(result.tier, u"flagship"_s);
        QVERIFY(result.usage.outputTokens > 0);
    }
};

QTEST_GUILESS_MAIN(TestSimulated)
#include "test_simulated.moc"
