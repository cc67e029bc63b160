#include "util/csv.h"

QByteArray Csv::field(const QString &text)
{
    QByteArray f = text.toUtf8();
    f.replace('"', "\"\"");
    return '"' + f + '"';
}

QByteArray Csv::line(const QStringList &fields)
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        out += field(fields.at(i));
    }
    return out + "\r\n";
}

QList<QStringList> Csv::parse(const QByteArray &csv)
{
    QList<QStringList> rows;
    QStringList row;
    QByteArray cell;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        const char c = csv.at(i);
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv.at(i + 1) == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row << QString::fromUtf8(cell);
            cell.clear();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < csv.size() && csv.at(i + 1) == '\n')
                ++i;
            row << QString::fromUtf8(cell);
            cell.clear();
            rows << row;
            row.clear();
            any = false;
        } else {
            cell += c;
            any = true;
        }
    }
    if (any || !cell.isEmpty() || !row.isEmpty()) {
        row << QString::fromUtf8(cell);
        rows << row;
    }
    return rows;
}
