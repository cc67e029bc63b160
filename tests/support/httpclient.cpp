#include "httpclient.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>

QByteArray HttpAnswer::header(QByteArrayView name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

HttpAnswer HttpClient::post(const QUrl &url, const QByteArray &body,
                            const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    return send("POST", url, body, headers, timeoutMs);
}

HttpAnswer HttpClient::get(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers,
                           int timeoutMs)
{
    return send("GET", url, {}, headers, timeoutMs);
}

HttpAnswer HttpClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                            const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto &[k, v] : headers)
        req.setRawHeader(k, v);
    QNetworkReply *reply = method == "GET" ? m_nam.get(req) : m_nam.sendCustomRequest(req, method, body);
    HttpAnswer answer;
    QElapsedTimer t;
    t.start();
    QByteArray pending;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        const QByteArray data = reply->readAll();
        answer.body += data;
        pending += data;
        qsizetype end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            const QByteArray frame = pending.left(end);
            pending.remove(0, end + 2);
            for (const QByteArray &line : frame.split('\n')) {
                if (line.startsWith("data: ")) {
                    if (answer.firstEventMs < 0)
                        answer.firstEventMs = t.elapsed();
                    answer.events << line.mid(6);
                }
            }
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, reply, [&] { answer.finished = true; });
    [[maybe_unused]] const bool done = QTest::qWaitFor([&] { return answer.finished; }, timeoutMs);
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &pair : reply->rawHeaderPairs())
        answer.headers.append(pair);
    reply->disconnect();
    if (!answer.finished)
        reply->abort(); // the client gives up: the connection closes
    reply->deleteLater();
    return answer;
}

QByteArray HttpClient::raw(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    // Event-driven, so a server in the same thread keeps running while we wait.
    QTcpSocket socket;
    QByteArray out;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&] { socket.write(bytes); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { out += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { closed = true; });
    socket.connectToHost(QHostAddress::LocalHost, port);
    [[maybe_unused]] const bool done = QTest::qWaitFor([&] { return closed; }, timeoutMs);
    out += socket.readAll();
    socket.disconnect();
    socket.abort(); // past the timeout the client leaves
    return out;
}
