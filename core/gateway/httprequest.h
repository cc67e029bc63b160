#pragma once

#include "providers/chattypes.h"

#include <QByteArray>
#include <QHostAddress>

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    QByteArray path;
    QByteArray query;
    QByteArray version; // "HTTP/1.1"
    HeaderList headers;
    QByteArray body;
    QHostAddress peer;
    bool closeAfter = false; // Connection: close, or HTTP/1.0 without keep-alive

    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};
