#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// RFC 4180 CSV: every field quoted (quotes doubled), CRLF line ends, UTF-8.
namespace Csv {
QByteArray field(const QString &text);
QByteArray line(const QStringList &fields); // with the CRLF
// Quoted fields may hold commas, quotes and line breaks; LF and CRLF line ends are both read.
QList<QStringList> parse(const QByteArray &csv);
} // namespace Csv
