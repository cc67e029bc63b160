#pragma once

#include "cost/scenario.h"

#include <QString>

class QImage;

// The migration calculator's one-page PDF report: its inputs, each row and the total (USD and CNY),
// the projection and break-even, the two charts, the date and the price table's version.
namespace ScenarioReport {
// The report as HTML for QTextDocument; the charts are the images at these resource URLs.
QString html(const Scenario &scenario, const ScenarioResult &result, const QString &priceTableVersion,
             const QString &rowsChartImage, const QString &savingsChartImage);
// Lays the report out on one A4 page and writes it atomically.
bool writePdf(const QString &path, const Scenario &scenario, const ScenarioResult &result,
              const QString &priceTableVersion, const QImage &rowsChart, const QImage &savingsChart,
              QString *error);
} // namespace ScenarioReport
