#include "health/downsample.h"

#include <algorithm>

namespace Downsample {

QList<QPointF> minMax(const QList<QPointF> &points, double fromX, double toX, int columns)
{
    QList<QPointF> out;
    if (points.isEmpty() || columns <= 0 || toX <= fromX)
        return out;
    const auto first = std::lower_bound(points.cbegin(), points.cend(), fromX,
                                        [](const QPointF &p, double x) { return p.x() < x; });
    const auto last =
        std::upper_bound(first, points.cend(), toX, [](double x, const QPointF &p) { return x < p.x(); });
    const qsizetype n = last - first;
    if (n <= qsizetype(columns) * 2) { // already few enough: keep them all
        out.reserve(n);
        std::copy(first, last, std::back_inserter(out));
        return out;
    }
    out.reserve(qsizetype(columns) * 2);
    const double width = (toX - fromX) / columns;
    auto it = first;
    while (it != last) {
        const int column = std::min(columns - 1, int((it->x() - fromX) / width));
        const double columnEnd = fromX + (column + 1) * width;
        auto lo = it;
        auto hi = it;
        for (; it != last && (it->x() < columnEnd || column == columns - 1); ++it) {
            if (it->y() < lo->y())
                lo = it;
            if (it->y() > hi->y())
                hi = it;
        }
        if (lo == hi) {
            out << *lo;
        } else if (lo->x() <= hi->x()) {
            out << *lo << *hi;
        } else {
            out << *hi << *lo;
        }
    }
    return out;
}

} // namespace Downsample
