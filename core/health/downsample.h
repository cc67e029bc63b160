#pragma once

#include <QList>
#include <QPointF>

// Thinning a long time series for drawing: per pixel column, the lowest and the highest point in the
// order they occur, so every spike stays visible (a day of one-second samples is 86,400 points; a chart
// is ~1,000 pixels wide). Points must be sorted by x.
namespace Downsample {
QList<QPointF> minMax(const QList<QPointF> &points, double fromX, double toX, int columns);
}
