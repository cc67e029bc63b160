#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QUrl>

// A test client for the gateway: real HTTP over QNAM, answers collected without nested loops.
struct HttpAnswer
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<QByteArray> events; // SSE "data:" payloads, in order (streamed answers)
    qint64 firstEventMs = -1;
    bool finished = false;
    QByteArray header(QByteArrayView name) const;
};

class HttpClient
{
public:
    // Waits up to `timeoutMs` for the whole answer.
    HttpAnswer post(const QUrl &url, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 10'000);
    HttpAnswer get(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                   int timeoutMs = 10'000);
    HttpAnswer send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs);

    // Raw bytes over a plain socket, collected until the server closes or `timeoutMs` passes.
    static QByteArray raw(quint16 port, const QByteArray &bytes, int timeoutMs = 2000);

private:
    QNetworkAccessManager m_nam;
};
