#pragma once

#include "cost/pricetable.h"
#include "cost/scenario.h"
#include "cost/spendtracker.h"

#include <QTimer>
#include <QWidget>

#include <functional>

class QBarSeries;
class QBarSet;
class QChartView;
class QLabel;
class QLineEdit;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QTableView;
class ScenarioModel;

// The migration cost calculator: workload rows with their current and projected prices, totals in
// USD and CNY, a projection over N months with the break-even month, and two charts. Scenarios open
// and save as JSON, export to CSV and to a one-page PDF report. The working scenario is kept in the
// data folder as you edit, so closing the app loses nothing.
class CalculatorView final : public QWidget
{
    Q_OBJECT

public:
    // `prices` gives the current price table; `autosavePath` (may be empty) keeps the working scenario.
    CalculatorView(std::function<const PriceTable &()> prices, const QString &autosavePath,
                   QWidget *parent = nullptr);

    ScenarioModel *model() const { return m_model; }

    using UsageSource =
        std::function<void(QObject *context, std::function<void(const QList<ModelUsage> &)> done)>;
    // Where "From my usage" reads the last 30 days' spend per model; without one the button is hidden.
    void setUsageSource(UsageSource source);
    // Replaces the rows with one per model used: its tokens and the tier's current price, projected
    // from the price table (the same model until a target is chosen).
    void fillFromUsage(const QList<ModelUsage> &usage);
    void setScenario(const Scenario &scenario);
    Scenario scenario() const;

    // JSON or CSV (by extension); a bad file is refused with its key and reason and nothing changes.
    bool loadScenario(const QString &path, QString *error);
    bool saveScenario(const QString &path, QString *error) const;
    bool exportCsv(const QString &path, QString *error) const;
    bool exportPdf(const QString &path, QString *error) const;

    // For tests and the report: what the charts show.
    QBarSet *nowBars() const { return m_nowSet; }
    QBarSet *projectedBars() const { return m_projectedSet; }
    QLineSeries *cumulativeSeries() const { return m_cumulative; }
    QScatterSeries *breakEvenSeries() const { return m_breakEven; }
    QString totalsText() const;

    // The worked example: three workloads moving to a tenth of the price.
    static Scenario exampleScenario();

private:
    void buildUi();
    void onResultChanged();
    void applySettings();
    void updateCharts();
    void autosave();
    void openFile();
    void saveFile();
    void exportCsvFile();
    void exportPdfFile();

    std::function<const PriceTable &()> m_prices;
    UsageSource m_usageSource;
    QPushButton *m_fromUsage = nullptr;
    QString m_autosavePath;
    ScenarioModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_title = nullptr;
    QSpinBox *m_months = nullptr;
    QLineEdit *m_growth = nullptr;
    QLineEdit *m_migrationCost = nullptr;
    QLineEdit *m_cnyRate = nullptr;
    QLabel *m_settingsError = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_errors = nullptr;
    QChartView *m_rowsChart = nullptr;
    QChartView *m_savingsChart = nullptr;
    QBarSeries *m_bars = nullptr;
    QBarSet *m_nowSet = nullptr;
    QBarSet *m_projectedSet = nullptr;
    QLineSeries *m_cumulative = nullptr;
    QLineSeries *m_migrationLine = nullptr;
    QScatterSeries *m_breakEven = nullptr;
    QTimer m_autosaveTimer;
    bool m_loading = false;
};
