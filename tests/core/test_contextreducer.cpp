#include "providers/contextreducer.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QList<ChatMessage> conversation(int turns, int wordsPerTurn)
{
    QList<ChatMessage> out{{Role::System, u"You are terse."_s}};
    for (int i = 0; i < turns; ++i) {
        QString text = u"turn %1:"_s.arg(i);
        for (int w = 0; w < wordsPerTurn; ++w)
            text += u" word"_s;
        out << ChatMessage{i % 2 ? Role::Assistant : Role::User, text};
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(ProviderKind)

class TestContextReducer : public QObject
{
    Q_OBJECT

private slots:
    void estimate_perFamily_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<ProviderKind>("family");
        QTest::addColumn<qint64>("tokens");
        QTest::newRow("openai latin") << u"abcdefgh"_s << ProviderKind::OpenAi << qint64(2);
        QTest::newRow("anthropic latin") << u"abcdefg"_s << ProviderKind::Anthropic << qint64(2);
        QTest::newRow("gemini latin") << u"abcdefghi"_s << ProviderKind::Gemini << qint64(3);
        QTest::newRow("cjk one per character") << u"你好世界"_s << ProviderKind::OpenAi << qint64(4);
        QTest::newRow("emoji is one character") << u"😀😀"_s << ProviderKind::OpenAi << qint64(2);
        QTest::newRow("empty") << QString() << ProviderKind::OpenAi << qint64(0);
    }
    void estimate_perFamily()
    {
        QFETCH(QString, text);
        QFETCH(ProviderKind, family);
        QFETCH(qint64, tokens);
        QCOMPARE(ContextReducer::estimateTokens(text, family), tokens);
    }

    // Long conversations, data-driven: the system prompt and the newest turns stay, in order, within budget.
    void reduce_keepsSystemAndNewest_data()
    {
        QTest::addColumn<int>("turns");
        QTest::addColumn<int>("words");
        QTest::addColumn<qint64>("budget");
        QTest::addColumn<ProviderKind>("family");
        QTest::newRow("fits: unchanged") << 4 << 5 << qint64(1000) << ProviderKind::OpenAi;
        QTest::newRow("drops the oldest") << 40 << 20 << qint64(300) << ProviderKind::OpenAi;
        QTest::newRow("200 turns, small budget") << 200 << 50 << qint64(500) << ProviderKind::Anthropic;
        QTest::newRow("one huge turn") << 1 << 5000 << qint64(200) << ProviderKind::Gemini;
        QTest::newRow("1000 turns") << 1000 << 10 << qint64(4000) << ProviderKind::OpenAi;
    }
    void reduce_keepsSystemAndNewest()
    {
        QFETCH(int, turns);
        QFETCH(int, words);
        QFETCH(qint64, budget);
        QFETCH(ProviderKind, family);
        const QList<ChatMessage> in = conversation(turns, words);
        const ContextReducer::Reduced r = ContextReducer::reduce(in, budget, family);
        QVERIFY2(ContextReducer::estimateConversation(r.messages, family) <= budget,
                 qPrintable(QString::number(ContextReducer::estimateConversation(r.messages, family))));
        QCOMPARE(r.messages.first().role, Role::System);
        QCOMPARE(r.messages.first().content, in.first().content);
        QVERIFY(r.messages.size() >= 2); // at least part of the newest turn
        // The kept turns are the newest, in their original order; only the oldest kept may be cut.
        const qsizetype kept = r.messages.size() - 1;
        for (qsizetype i = 1; i < r.messages.size(); ++i) {
            const ChatMessage &original = in.at(in.size() - kept + i - 1);
            if (i == 1 && r.truncated) {
                QVERIFY(r.messages.at(i).content.startsWith(u"…"_s));
                QVERIFY(original.content.endsWith(r.messages.at(i).content.mid(1)));
            } else {
                QCOMPARE(r.messages.at(i).content, original.content);
            }
        }
        QCOMPARE(r.dropped + kept, qsizetype(turns));
        QCOMPARE(r.changed(), ContextReducer::estimateConversation(in, family) > budget);
    }

    void reduce_neverSplitsACharacter()
    {
        // Emoji (surrogate pairs) and a combining accent: a cut must land between graphemes.
        QString text;
        for (int i = 0; i < 300; ++i)
            text += u"😀e\u0301 "_s;
        const QList<ChatMessage> in{{Role::User, text}};
        for (qint64 budget = 20; budget < 200; budget += 7) {
            const ContextReducer::Reduced r = ContextReducer::reduce(in, budget, ProviderKind::OpenAi);
            const QString kept = r.messages.last().content.mid(1); // after the ellipsis
            QVERIFY(!kept.isEmpty());
            QVERIFY2(!kept.front().isLowSurrogate(), "cut inside a surrogate pair");
            QVERIFY2(kept.front() != QChar(0x0301), "cut before a combining mark");
        }
    }

    void minimal_keepsSystemAndLastUserTurn()
    {
        const QList<ChatMessage> in = conversation(7, 3);
        const QList<ChatMessage> out = ContextReducer::minimal(in);
        QCOMPARE(out.size(), 2);
        QCOMPARE(out.at(0).role, Role::System);
        QCOMPARE(out.at(1).role, Role::User);
        QCOMPARE(out.at(1).content, in.at(7).content); // turn 6, the last user turn
    }
};

QTEST_GUILESS_MAIN(TestContextReducer)
#include "test_contextreducer.moc"
