#pragma once

// The failover test rig, shared by test_failover and test_failoverpolicy: the real engine and
// adapters in front of the fake provider trio on 127.0.0.1, each row run for every wire format.

#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "mockclock.h"
#include "testutil.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(FakeProviderServer::Format)

namespace FailoverRig {

using namespace Qt::StringLiterals;
using Format = FakeProviderServer::Format;

// Three fake providers "A", "B", "C" as tiers t0, t1, t2 of one chain, all in one wire format.
struct Rig : FakeTrio
{
    explicit Rig(Format f)
        : format(f)
    {
        config = TestUtil::chainOver({&a, &b, &c}, f);
        engine.setJitterSource([] { return 1.0; });
        apply();
    }
    void apply() { engine.setConfig(config); }

    ChatResult ask(ChatRequest request = {}, ChatRun **runOut = nullptr)
    {
        if (request.messages.isEmpty())
            request.messages = {{Role::User, u"hello"_s}};
        ChatRun *run = engine.start(request);
        if (runOut)
            *runOut = run;
        QSignalSpy finished(run, &ChatRun::finished);
        if (!finished.wait(15'000)) {
            QTest::qFail("timed out waiting for the request to finish", __FILE__, __LINE__);
            return {};
        }
        return finished.first().first().value<ChatResult>();
    }

    Format format;
    Transport transport;
    JumpClock clock; // real time; a cooldown is jumped, not slept
    ChatEngine engine{transport, nullptr, clock};
    ChainConfig config;
};

inline QString answer(const char *prefix, int tokens = 6)
{
    QString s;
    for (int i = 0; i < tokens; ++i)
        s += QString::fromLatin1(prefix) + QString::number(i) + u' ';
    return s;
}

inline QJsonArray sentMessages(const RecordedRequest &r, Format f)
{
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    return body.value(f == Format::Gemini ? "contents"_L1 : "messages"_L1).toArray();
}

inline QString roleOf(const QJsonValue &message)
{
    return message.toObject().value("role"_L1).toString();
}

inline void addFormats()
{
    QTest::addColumn<Format>("format");
    QTest::newRow("openai") << Format::OpenAi;
    QTest::newRow("anthropic") << Format::Anthropic;
    QTest::newRow("gemini") << Format::Gemini;
}

inline int overloadStatus(Format f)
{
    return f == Format::Anthropic ? 529 : 503;
}

} // namespace FailoverRig

// A row for every wire format.
#define ALL_FORMATS(test)                                                                                    \
    void test##_data()                                                                                       \
    {                                                                                                        \
        addFormats();                                                                                        \
    }
