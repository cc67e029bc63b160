#include "gateway/httpparser.h"

#include <QTest>

// The gateway's request parser on its own. The fuzz target bench/fuzz/fuzz_http_request.cpp checks
// the same property on random input: the outcome does not depend on how the bytes arrive.

namespace {

// Every request and error the parser reports for `bytes` fed in reads of `step` bytes (0: at once).
QByteArrayList outcome(const QByteArray &bytes, qsizetype step, HttpRequestParser::Limits limits = {})
{
    HttpRequestParser parser(limits);
    QByteArrayList out;
    const qsizetype n = step > 0 ? step : qMax<qsizetype>(1, bytes.size());
    for (qsizetype i = 0; i < bytes.size(); i += n) {
        parser.append(QByteArrayView(bytes).sliced(i, qMin(n, bytes.size() - i)));
        for (;;) {
            const auto s = parser.next();
            if (s == HttpRequestParser::Status::NeedMore)
                break;
            if (s == HttpRequestParser::Status::Error) {
                out.append("error " + QByteArray::number(parser.error().status));
                return out;
            }
            const HttpRequest r = parser.take();
            out.append(r.method + ' ' + r.target + ' ' + r.body);
        }
    }
    return out;
}

} // namespace

class TestHttpParser : public QObject
{
    Q_OBJECT

private slots:
    void headEndsAtItsFirstEmptyLine_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArrayList>("expected");
        // Found by fuzz_http_request: a LF-only head followed, later, by a CRLF CRLF. Read at once,
        // the parser took everything up to the CRLF CRLF as one head (and refused it); read in
        // pieces it saw two requests.
        QTest::newRow("LF head, then CRLF head")
            << QByteArray("GET /a HTTP/1.1\nHost: x\n\nGET /b HTTP/1.1\r\nHost: y\r\n\r\n")
            << QByteArrayList{"GET /a ", "GET /b "};
        QTest::newRow("LF CR LF ends a head")
            << QByteArray("GET /a HTTP/1.1\nHost: x\n\r\nGET /b HTTP/1.1\n\n")
            << QByteArrayList{"GET /a ", "GET /b "};
        QTest::newRow("stray blank lines before requests")
            << QByteArray("\r\n\nGET /a HTTP/1.1\r\n\r\n\r\nGET /b HTTP/1.1\r\n\r\n")
            << QByteArrayList{"GET /a ", "GET /b "};
        QTest::newRow("body after a LF head")
            << QByteArray("POST /p HTTP/1.1\nContent-Length: 4\n\nbody") << QByteArrayList{"POST /p body"};
    }

    void headEndsAtItsFirstEmptyLine()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArrayList, expected);
        for (const qsizetype step : {0, 1, 2, 3, 7})
            QCOMPARE(outcome(bytes, step), expected);
    }

    void limits_doNotDependOnReads_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("expected");
        HttpRequestParser::Limits limits;
        const QByteArray requestLine = "GET / HTTP/1.1\r\nX: ";
        // A head of exactly maxHeaderBytes (64 KiB) is taken, one byte more is 431, however it arrives.
        QByteArray exact =
            requestLine + QByteArray(limits.maxHeaderBytes - requestLine.size() - 1, 'v') + '\r';
        QCOMPARE(exact.size(), limits.maxHeaderBytes);
        QTest::newRow("head at the limit") << exact + "\n\r\n" << QByteArray("GET / ");
        QTest::newRow("head one over") << "x" + exact + "\n\r\n" << QByteArray("error 431");
        // A chunk-size line of 1024 bytes (extensions included) is taken; 1025 is refused.
        const QByteArray chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        const QByteArray ext = "1;" + QByteArray(1022, 'e');
        QTest::newRow("chunk line at the limit") << chunked + ext + "\r\nz\r\n0\r\n\r\n"
                                                 << QByteArray("POST / z");
        QTest::newRow("chunk line one over") << chunked + ext + "e\r\nz\r\n0\r\n\r\n"
                                             << QByteArray("error 400");
        // Trailers count against maxHeaderBytes, every CRLF included (the last one too).
        const QByteArray trailer = "T: " + QByteArray(limits.maxHeaderBytes - 7, 't');
        QTest::newRow("trailer at the limit") << chunked + "0\r\n" + trailer + "\r\n\r\n"
                                              << QByteArray("POST / ");
        QTest::newRow("trailer one over") << chunked + "0\r\n" + trailer + "t\r\n\r\n"
                                          << QByteArray("error 431");
    }

    void limits_doNotDependOnReads()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, expected);
        for (const qsizetype step : {0, 1, 1000, 4096, 65535}) {
            const QByteArrayList got = outcome(bytes, step);
            QVERIFY2(!got.isEmpty(), QByteArray::number(step).constData());
            QCOMPARE(got.front(), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpParser)
#include "test_httpparser.moc"
