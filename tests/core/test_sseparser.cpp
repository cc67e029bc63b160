#include "providers/sseparser.h"

#include <QTest>

class TestSseParser : public QObject
{
    Q_OBJECT

private:
    static QList<SseEvent> parseAll(const QByteArray &stream)
    {
        SseParser p;
        return p.feed(stream);
    }

private slots:
    void lineEndings_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::newRow("LF") << QByteArray("data: a\n\ndata: b\n\n");
        QTest::newRow("CRLF") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n");
        QTest::newRow("CR") << QByteArray("data: a\r\rdata: b\r\r");
        QTest::newRow("mixed") << QByteArray("data: a\r\n\ndata: b\r\r\n");
    }
    void lineEndings()
    {
        QFETCH(QByteArray, stream);
        const QList<SseEvent> events = parseAll(stream);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).data, QByteArray("a"));
        QCOMPARE(events.at(1).data, QByteArray("b"));
    }

    void commentsAndFields()
    {
        SseParser p;
        const QList<SseEvent> events = p.feed(
            ": OPENROUTER PROCESSING\n\nevent: content_block_delta\nid: 7\ndata: {\"x\":1}\nretry: 10\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).event, QByteArray("content_block_delta"));
        QCOMPARE(events.at(0).id, QByteArray("7"));
        QCOMPARE(events.at(0).data, QByteArray("{\"x\":1}"));
        QCOMPARE(p.commentCount(), 1);
    }

    void multiLineData_joinedWithNewline()
    {
        const QList<SseEvent> events = parseAll("data: line one\ndata:line two\ndata\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).data, QByteArray("line one\nline two\n"));
    }

    void eventWithoutData_isNotDispatched() { QCOMPARE(parseAll("event: ping\n\n").size(), 0); }

    void everySplitPoint_givesTheSameEvents()
    {
        const QByteArray stream =
            "\xEF\xBB\xBF"
            "event: a\r\ndata: {\"t\":\"h\xC3\xA9llo\"}\r\n\r\n: c\r\ndata: [DONE]\r\n\r\n";
        const QList<SseEvent> whole = parseAll(stream);
        QCOMPARE(whole.size(), 2);
        QCOMPARE(whole.at(0).event, QByteArray("a"));
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            SseParser p;
            QList<SseEvent> events = p.feed(stream.left(cut));
            events += p.feed(stream.mid(cut));
            QCOMPARE(events.size(), whole.size());
            for (qsizetype i = 0; i < events.size(); ++i) {
                QCOMPARE(events.at(i).data, whole.at(i).data);
                QCOMPARE(events.at(i).event, whole.at(i).event);
            }
        }
        // And one byte at a time.
        SseParser p;
        QList<SseEvent> events;
        for (char c : stream)
            events += p.feed(QByteArrayView(&c, 1));
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(1).data, QByteArray("[DONE]"));
    }

    void bom_onlyStrippedAtStart()
    {
        const QList<SseEvent> events = parseAll("\xEF\xBB\xBF"
                                                "data: x\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).data, QByteArray("x"));
    }

    void partialEventAtEnd_isReported()
    {
        SseParser p;
        p.feed("data: complete\n\ndata: cut mid-ev");
        QVERIFY(p.hasPartialEvent());
        SseParser q;
        q.feed("data: complete\n\n");
        QVERIFY(!q.hasPartialEvent());
    }

    void endlessLine_stopsAtTheBound()
    {
        // A line that never ends, fed in 1 MiB reads: the parser keeps at most MaxEventBytes and
        // then stops for good, instead of growing with the stream.
        SseParser p;
        p.feed("data: ok\n\n");
        const QByteArray mib(1024 * 1024, 'x');
        int reads = 0;
        while (!p.overflowed() && reads < 64) {
            QVERIFY(p.feed(mib).isEmpty());
            ++reads;
        }
        QVERIFY(p.overflowed());
        QCOMPARE(reads, int(SseParser::MaxEventBytes / mib.size()) + 1);
        QVERIFY(p.feed("\n\ndata: later\n\n").isEmpty());
    }

    void manyDataLines_stopAtTheBound()
    {
        // Short lines that never close the event add up the same way.
        SseParser p;
        const QByteArray line = QByteArray("data: ").append(QByteArray(1000, 'y')).append('\n');
        QByteArray chunk;
        for (int i = 0; i < 1024; ++i)
            chunk += line;
        int reads = 0;
        while (!p.overflowed() && reads < 64) {
            p.feed(chunk);
            ++reads;
        }
        QVERIFY(p.overflowed());
        QVERIFY(reads <= 9);
        // Below the bound, a big event still arrives whole.
        SseParser q;
        QByteArray big("data: ");
        big.append(QByteArray(4 * 1024 * 1024, 'z')).append("\n\n");
        const QList<SseEvent> events = q.feed(big);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).data.size(), 4 * 1024 * 1024);
        QVERIFY(!q.overflowed());
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "test_sseparser.moc"
