#include "cost/calculatorview.h"

#include "cost/scenariomodel.h"
#include "cost/scenarioreport.h"
#include "util/paths.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QScatterSeries>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace {

// The "Projected by" column: a combo box of the three methods.
class MethodDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        if (index.column() != ScenarioModel::Method)
            return QStyledItemDelegate::createEditor(parent, option, index);
        auto *combo = new QComboBox(parent);
        combo->setAccessibleName(CalculatorView::tr("Projected by"));
        for (const auto m :
             {ProjectionMethod::PriceTable, ProjectionMethod::Percent, ProjectionMethod::ExchangeRate})
            combo->addItem(ScenarioModel::methodLabel(m), int(m));
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->setCurrentIndex(combo->findData(index.data(Qt::EditRole)));
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            model->setData(index, combo->currentData(), Qt::EditRole);
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

double dollarsOf(Money m)
{
    return m.toDouble(); // for drawing only; every figure shown as text is exact
}

} // namespace

CalculatorView::CalculatorView(std::function<const PriceTable &()> prices, const QString &autosavePath,
                               QWidget *parent)
    : QWidget(parent)
    , m_prices(std::move(prices))
    , m_autosavePath(autosavePath)
{
    m_model = new ScenarioModel(m_prices, this);
    buildUi();
    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(500);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &CalculatorView::autosave);
    connect(m_model, &ScenarioModel::resultChanged, this, &CalculatorView::onResultChanged);
    connect(m_model, &ScenarioModel::editRejected, this,
            [this](const QString &reason) { m_errors->setText(reason); });

    Scenario start = exampleScenario();
    if (!m_autosavePath.isEmpty() && QFileInfo::exists(m_autosavePath)) {
        if (auto loaded = Scenario::load(m_autosavePath))
            start = std::move(loaded).value();
    }
    setScenario(start);
}

Scenario CalculatorView::exampleScenario()
{
    Scenario s;
    s.title = tr("Move three workloads to a relay at a tenth of the price");
    const auto row = [](const QString &label, const QString &model, qint64 tokens, qint64 priceMicros) {
        WorkloadRow w;
        w.label = label;
        w.model = model;
        w.inputTokens = tokens;
        w.currentInputPerMTok = Money::fromMicros(priceMicros);
        w.method = ProjectionMethod::Percent;
        w.changePercent = Decimal6::fromInt(-90);
        return w;
    };
    s.rows = {row(tr("Support bot"), QStringLiteral("gpt-4o"), 10'000'000, 8'000'000),
                  row(tr("Code review"), QStringLiteral("claude-sonnet-4-5"), 5'000'000, 15'000'000),
                      row(tr("Summaries"), QStringLiteral("gemini-2.5-flash"), 20'000'000, 2'500'000)};
    s.migrationCost = Money::fromDollars(500);
    return s;
}

void CalculatorView::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *buttons = new QHBoxLayout;
    const auto button = [this, buttons](const QString &text, const QString &name, const QString &tip) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setAccessibleName(QString(text).remove(u'&').remove(QStringLiteral("…")));
        b->setToolTip(tip);
        buttons->addWidget(b);
        return b;
    };
    auto *add = button(tr("&Add row"), QStringLiteral("addWorkloadButton"), tr("Add a workload row"));
    auto *remove =
        button(tr("&Remove row"), QStringLiteral("removeWorkloadButton"), tr("Remove the selected row"));
    m_fromUsage =
        button(tr("From my &usage"),
               QStringLiteral("fromUsageButton"),
                              tr("Fill the rows from what was spent over the last 30 days, per model"));
    m_fromUsage->hide();
    buttons->addSpacing(12);
    auto *open =
        button(tr("&Open…"), QStringLiteral("openScenarioButton"), tr("Open a scenario (JSON or CSV)"));
    auto *save = button(tr("&Save…"), QStringLiteral("saveScenarioButton"), tr("Save the scenario as JSON"));
    auto *csv = button(tr("Export &CSV…"), QStringLiteral("exportScenarioCsvButton"),
                                                          tr("Export the rows and results as CSV"));
    auto *pdf = button(
        tr("Export &PDF…"),
        QStringLiteral("exportScenarioPdfButton"),
                       tr("A one-page PDF report: inputs, results, charts, date and price table version"));
    buttons->addStretch(1);
    layout->addLayout(buttons);

    auto *settings = new QHBoxLayout;
    const auto labelled = [this, settings](const QString &text, QWidget *field, const QString &name) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        field->setObjectName(name);
        field->setAccessibleName(QString(text).remove(u'&').remove(u':'));
        settings->addWidget(label);
        settings->addWidget(field);
    };
    m_title = new QLineEdit(this);
    m_title->setPlaceholderText(tr("Scenario title"));
    labelled(tr("&Title:"), m_title, QStringLiteral("scenarioTitleEdit"));
    m_months = new QSpinBox(this);
    m_months->setRange(1, Scenario::MaxMonths);
    m_months->setSuffix(tr(" months"));
    labelled(tr("&Over:"), m_months, QStringLiteral("projectionMonthsSpinBox"));
    m_growth = new QLineEdit(this);
    m_growth->setToolTip(tr("Monthly volume growth in percent, compounding (e.g. 5 or -2.5)"));
    m_growth->setMaximumWidth(70);
    labelled(tr("&Growth %/mo:"), m_growth, QStringLiteral("growthEdit"));
    m_migrationCost = new QLineEdit(this);
    m_migrationCost->setToolTip(tr("One-time migration cost in USD"));
    m_migrationCost->setMaximumWidth(100);
    labelled(tr("&Migration cost $:"), m_migrationCost, QStringLiteral("migrationCostEdit"));
    m_cnyRate = new QLineEdit(this);
    m_cnyRate->setToolTip(tr("CNY per USD, for the amounts shown in CNY"));
    m_cnyRate->setMaximumWidth(70);
    labelled(tr("¥ &per $:"), m_cnyRate, QStringLiteral("cnyRateEdit"));
    layout->addLayout(settings);
    m_settingsError = new QLabel(this);
    m_settingsError->setObjectName(QStringLiteral("scenarioSettingsError"));
    m_settingsError->setStyleSheet(QStringLiteral("color: #c62828"));
    m_settingsError->hide();
    layout->addWidget(m_settingsError);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("calculatorSplitter"));
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("scenarioTable"));
    m_table->setAccessibleName(tr("Workload rows"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new MethodDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *results = new QWidget(split);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    m_totals = new QLabel(results);
    m_totals->setObjectName(QStringLiteral("scenarioTotalsLabel"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_totals->setWordWrap(true);
    resultsLayout->addWidget(m_totals);
    m_errors = new QLabel(results);
    m_errors->setObjectName(QStringLiteral("scenarioErrorsLabel"));
    m_errors->setStyleSheet(QStringLiteral("color: #c62828"));
    m_errors->setWordWrap(true);
    resultsLayout->addWidget(m_errors);

    auto *charts = new QHBoxLayout;
    auto *rowsChart = new QChart;
    rowsChart->setTitle(tr("Cost per month: now and projected"));
    m_bars = new QBarSeries(rowsChart);
    m_nowSet = new QBarSet(tr("Now"));
    m_projectedSet = new QBarSet(tr("Projected"));
    m_bars->append(m_nowSet);
    m_bars->append(m_projectedSet);
    rowsChart->addSeries(m_bars);
    auto *categories = new QBarCategoryAxis(rowsChart);
    rowsChart->addAxis(categories, Qt::AlignBottom);
    m_bars->attachAxis(categories);
    auto *rowsY = new QValueAxis(rowsChart);
    rowsY->setLabelFormat(QStringLiteral("$%.0f"));
    rowsChart->addAxis(rowsY, Qt::AlignLeft);
    m_bars->attachAxis(rowsY);
    m_rowsChart = new QChartView(rowsChart, results);
    m_rowsChart->setObjectName(QStringLiteral("costPerRowChart"));
    m_rowsChart->setAccessibleName(tr("Cost per row, now and projected"));
    m_rowsChart->setRenderHint(QPainter::Antialiasing);
    m_rowsChart->setMinimumHeight(220);
    charts->addWidget(m_rowsChart, 1);

    auto *savingsChart = new QChart;
    savingsChart->setTitle(tr("Cumulative savings"));
    m_cumulative = new QLineSeries(savingsChart);
    m_cumulative->setName(tr("Cumulative savings"));
    m_cumulative->setPointsVisible(true);
    m_migrationLine = new QLineSeries(savingsChart);
    m_migrationLine->setName(tr("Migration cost"));
    QPen dashed(QColor(0xc6, 0x28, 0x28));
    dashed.setStyle(Qt::DashLine);
    dashed.setWidth(2);
    m_migrationLine->setPen(dashed);
    m_breakEven = new QScatterSeries(savingsChart);
    m_breakEven->setName(tr("Break-even"));
    m_breakEven->setMarkerSize(14);
    m_breakEven->setColor(QColor(0x2e, 0x7d, 0x32));
    savingsChart->addSeries(m_cumulative);
    savingsChart->addSeries(m_migrationLine);
    savingsChart->addSeries(m_breakEven);
    auto *monthAxis = new QValueAxis(savingsChart);
    monthAxis->setTitleText(tr("Month"));
    monthAxis->setLabelFormat(QStringLiteral("%d"));
    auto *moneyAxis = new QValueAxis(savingsChart);
    moneyAxis->setLabelFormat(QStringLiteral("$%.0f"));
    savingsChart->addAxis(monthAxis, Qt::AlignBottom);
    savingsChart->addAxis(moneyAxis, Qt::AlignLeft);
    for (QAbstractSeries *s : savingsChart->series()) {
        s->attachAxis(monthAxis);
        s->attachAxis(moneyAxis);
    }
    m_savingsChart = new QChartView(savingsChart, results);
    m_savingsChart->setObjectName(QStringLiteral("cumulativeSavingsChart"));
    m_savingsChart->setAccessibleName(tr("Cumulative savings over the projection, with the migration cost"));
    m_savingsChart->setRenderHint(QPainter::Antialiasing);
    m_savingsChart->setMinimumHeight(220);
    charts->addWidget(m_savingsChart, 1);
    resultsLayout->addLayout(charts, 1);
    split->addWidget(m_table);
    split->addWidget(results);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    split->restoreState(QSettings().value(QStringLiteral("CostCalculator/splitter")).toByteArray());
    connect(split, &QSplitter::splitterMoved, this,
            [split] { QSettings().setValue(QStringLiteral("CostCalculator/splitter"), split->saveState()); });

    connect(add, &QPushButton::clicked, this, [this] {
        WorkloadRow w;
        w.label = tr("Workload %1").arg(m_model->rowCount() + 1);
        w.model = QStringLiteral("gpt-4o");
        w.currentInputPerMTok = Money::fromMicros(2'500'000);
        w.currentOutputPerMTok = Money::fromMicros(10'000'000);
        w.inputTokens = 1'000'000;
        w.method = ProjectionMethod::Percent;
        w.changePercent = Decimal6::fromInt(-50);
        m_model->addRow(w);
        m_table->setCurrentIndex(m_model->index(m_model->rowCount() - 1, ScenarioModel::Label));
        m_table->setFocus();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentIndex().isValid())
            m_model->removeRow(m_table->currentIndex().row());
    });
    connect(m_fromUsage, &QPushButton::clicked, this, [this] {
        if (!m_usageSource)
            return;
        m_usageSource(this, [this](const QList<ModelUsage> &usage) {
            if (usage.isEmpty()) {
                m_errors->setText(tr("Nothing was spent in the last 30 days: no rows to fill."));
                return;
            }
            if (m_model->rowCount() > 0 &&
                QMessageBox::question(this, tr("Replace the rows?"),
                                      tr("Replace the %1 rows with last month's usage (%2 models)? Save the "
                                         "scenario first to keep it.")
                                          .arg(m_model->rowCount())
                                          .arg(usage.size())) != QMessageBox::Yes)
                return;
            fillFromUsage(usage);
        });
    });
    connect(open, &QPushButton::clicked, this, &CalculatorView::openFile);
    connect(save, &QPushButton::clicked, this, &CalculatorView::saveFile);
    connect(csv, &QPushButton::clicked, this, &CalculatorView::exportCsvFile);
    connect(pdf, &QPushButton::clicked, this, &CalculatorView::exportPdfFile);
    for (QLineEdit *e : {m_title, m_growth, m_migrationCost, m_cnyRate})
        connect(e, &QLineEdit::textEdited, this, &CalculatorView::applySettings);
    connect(m_months, &QSpinBox::valueChanged, this, &CalculatorView::applySettings);

    setTabOrder(add, remove);
    setTabOrder(remove, open);
    setTabOrder(open, save);
    setTabOrder(save, csv);
    setTabOrder(csv, pdf);
    setTabOrder(pdf, m_title);
    setTabOrder(m_title, m_months);
    setTabOrder(m_months, m_growth);
    setTabOrder(m_growth, m_migrationCost);
    setTabOrder(m_migrationCost, m_cnyRate);
    setTabOrder(m_cnyRate, m_table);
}

void CalculatorView::setUsageSource(UsageSource source)
{
    m_usageSource = std::move(source);
    m_fromUsage->setVisible(bool(m_usageSource));
}

void CalculatorView::fillFromUsage(const QList<ModelUsage> &usage)
{
    Scenario s = m_model->scenario();
    s.rows.clear();
    for (const ModelUsage &u : usage) {
        WorkloadRow w;
        w.label = tr("%1 (tier %2)").arg(u.model, u.tier);
        w.model = u.model;
        w.inputTokens = u.inputTokens;
        w.outputTokens = u.outputTokens;
        w.currentInputPerMTok = u.inputPricePerMTok;
        w.currentOutputPerMTok = u.outputPricePerMTok;
        w.method = ProjectionMethod::PriceTable;
        s.rows.append(w);
    }
    if (s.title.isEmpty() || s.title == exampleScenario().title)
        s.title = tr("Usage of the last 30 days");
    setScenario(s);
}

void CalculatorView::setScenario(const Scenario &scenario)
{
    m_loading = true;
    m_title->setText(scenario.title);
    m_months->setValue(scenario.months);
    m_growth->setText(scenario.growthPercent.toString());
    m_migrationCost->setText(scenario.migrationCost.toString(2));
    m_cnyRate->setText(scenario.cnyPerUsd.toString());
    m_settingsError->hide();
    m_loading = false;
    m_model->setScenario(scenario);
}

Scenario CalculatorView::scenario() const
{
    return m_model->scenario();
}

void CalculatorView::applySettings()
{
    if (m_loading)
        return;
    Scenario s = m_model->scenario();
    QStringList problems;
    s.title = m_title->text().trimmed();
    s.months = m_months->value();
    const auto growth = Decimal6::parse(m_growth->text().isEmpty() ? QStringLiteral("0") : m_growth->text());
    if (growth && growth->e6() >= -100'000'000 && growth->e6() <= 100'000'000)
        s.growthPercent = *growth;
    else
        problems << tr("Growth is a percentage from -100 to 100, like 5 or -2.5.");
    const auto cost =
        Money::parse(m_migrationCost->text().isEmpty() ? QStringLiteral("0") : m_migrationCost->text());
    if (cost && !cost->isNegative())
        s.migrationCost = *cost;
    else
        problems << tr("The migration cost is an amount in USD, like 1500 or 99.90.");
    const auto rate = Decimal6::parse(m_cnyRate->text());
    if (rate && rate->e6() > 0)
        s.cnyPerUsd = *rate;
    else
        problems << tr("The rate is CNY per USD, above zero, like 7.3.");
    m_growth->setProperty("invalid", !growth);
    m_settingsError->setText(problems.join(u' '));
    m_settingsError->setVisible(!problems.isEmpty());
    m_model->setSettings(s); // the valid fields apply; an invalid one keeps its last good value
}

QString CalculatorView::totalsText() const
{
    return m_totals->text();
}

void CalculatorView::onResultChanged()
{
    const Scenario &s = m_model->scenario();
    const ScenarioResult &r = m_model->result();
    const QString pct = percentText(r.savings, r.now, 1);
    QString text =
        tr("<b>Per month: now %1, projected %2, savings %3 (%4 %)</b> · in CNY at %5: %6 → %7, saving %8")
            .arg(usdText(r.now), usdText(r.projected), usdText(r.savings), pct.isEmpty() ? tr("–") : pct,
                 s.cnyPerUsd.toString(), cnyText(toCny(r.now, s.cnyPerUsd)),
                 cnyText(toCny(r.projected, s.cnyPerUsd)), cnyText(toCny(r.savings, s.cnyPerUsd)));
    const Money total = r.months.isEmpty() ? Money() : r.months.constLast().cumulativeSavings;
    text += u"<br>"_s +
            tr("Over %1 months at %2 % growth a month: %3 saved.")
                .arg(s.months)
                .arg(s.growthPercent.toString(), usdText(total)) +
            u' ';
    if (r.breakEvenMonth)
        text += tr("A migration cost of %1 is paid back in month %2.")
                    .arg(usdText(s.migrationCost))
                    .arg(*r.breakEvenMonth);
    else
        text += tr("A migration cost of %1 is not paid back within %2 months.")
                    .arg(usdText(s.migrationCost))
                    .arg(s.months);
    text += u"<br><small>"_s +
            tr("Exact amounts, shown rounded half away from zero to the cent; percentages to 0.1 %. Price "
               "table %1.")
                .arg(m_prices().version.toHtmlEscaped()) +
            u"</small>"_s;
    m_totals->setText(text);
    m_errors->setText(r.errors.join(u'\n'));
    updateCharts();
    if (!m_loading && !m_autosavePath.isEmpty())
        m_autosaveTimer.start();
}

void CalculatorView::updateCharts()
{
    const Scenario &s = m_model->scenario();
    const ScenarioResult &r = m_model->result();
    QStringList labels;
    QList<qreal> now;
    QList<qreal> projected;
    double top = 0;
    for (qsizetype i = 0; i < s.rows.size(); ++i) {
        const WorkloadRow &w = s.rows.at(i);
        QString label = w.label.isEmpty() ? w.model : w.label;
        // Categories must be unique for the axis.
        while (labels.contains(label))
            label += u' ';
        labels << label;
        now << dollarsOf(r.rows.at(i).now);
        projected << dollarsOf(r.rows.at(i).projected);
        top = std::max({top, now.last(), projected.last()});
    }
    m_nowSet->remove(0, m_nowSet->count());
    m_nowSet->append(now);
    m_projectedSet->remove(0, m_projectedSet->count());
    m_projectedSet->append(projected);
    QChart *rows = m_rowsChart->chart();
    if (auto *axis = qobject_cast<QBarCategoryAxis *>(rows->axes(Qt::Horizontal).value(0))) {
        axis->clear();
        axis->append(labels);
    }
    if (auto *axis = qobject_cast<QValueAxis *>(rows->axes(Qt::Vertical).value(0))) {
        axis->setRange(0, top > 0 ? top * 1.1 : 1);
        axis->applyNiceNumbers();
    }

    QList<QPointF> cumulative;
    double low = 0;
    double high = dollarsOf(s.migrationCost);
    for (const MonthResult &m : r.months) {
        const double v = dollarsOf(m.cumulativeSavings);
        cumulative << QPointF(m.month, v);
        low = std::min(low, v);
        high = std::max(high, v);
    }
    m_cumulative->replace(cumulative);
    const int months = int(r.months.size());
    m_migrationLine->replace(
        {QPointF(1, dollarsOf(s.migrationCost)), QPointF(std::max(months, 2), dollarsOf(s.migrationCost))});
    if (r.breakEvenMonth)
        m_breakEven->replace(
            {QPointF(*r.breakEvenMonth, dollarsOf(r.months.at(*r.breakEvenMonth - 1).cumulativeSavings))});
    else
        m_breakEven->clear();
    QChart *savings = m_savingsChart->chart();
    if (auto *axis = qobject_cast<QValueAxis *>(savings->axes(Qt::Horizontal).value(0))) {
        axis->setRange(1, std::max(months, 2));
        axis->setTickCount(std::min(std::max(months, 2), 13));
    }
    if (auto *axis = qobject_cast<QValueAxis *>(savings->axes(Qt::Vertical).value(0))) {
        axis->setRange(low, high > low ? high * 1.05 : low + 1);
        axis->applyNiceNumbers();
    }
}

void CalculatorView::autosave()
{
    AppPaths::ensureParentDir(m_autosavePath);
    AppPaths::writeFileAtomically(m_autosavePath, m_model->scenario().toJson());
}

bool CalculatorView::loadScenario(const QString &path, QString *error)
{
    const auto loaded = Scenario::load(path);
    if (!loaded) {
        *error = loaded.error();
        return false;
    }
    setScenario(*loaded);
    return true;
}

namespace {
bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    if (const auto written = AppPaths::writeFileAtomically(path, data); !written) {
        *error = CalculatorView::tr("%1: cannot be written: %2").arg(path, written.error());
        return false;
    }
    return true;
}
} // namespace

bool CalculatorView::saveScenario(const QString &path, QString *error) const
{
    return writeFile(path, m_model->scenario().toJson(), error);
}

bool CalculatorView::exportCsv(const QString &path, QString *error) const
{
    return writeFile(path, scenarioToCsv(m_model->scenario(), m_model->result()), error);
}

bool CalculatorView::exportPdf(const QString &path, QString *error) const
{
    // The charts at a fixed size, whatever the window's size.
    const auto render = [](QChartView *view) {
        QImage image(QSize(900, 560), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        const QRectF oldGeometry = view->chart()->geometry();
        view->chart()->resize(image.size());
        view->chart()->scene()->render(&p, QRectF(QPointF(0, 0), image.size()),
                                       QRectF(QPointF(0, 0), image.size()));
        view->chart()->setGeometry(oldGeometry);
        return image;
    };
    return ScenarioReport::writePdf(path, m_model->scenario(), m_model->result(), m_prices().version,
                                    render(m_rowsChart), render(m_savingsChart), error);
}

void CalculatorView::openFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(),
                                                      tr("Scenarios (*.json *.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadScenario(path, &error))
        QMessageBox::warning(this, tr("Scenario not opened"), tr("Nothing was changed.\n\n%1").arg(error));
}

void CalculatorView::saveFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save scenario"), QStringLiteral("scenario.json"), tr("Scenarios (*.json)"));
    QString error;
    if (!path.isEmpty() && !saveScenario(path, &error))
        QMessageBox::warning(this, tr("Scenario not saved"), error);
}

void CalculatorView::exportCsvFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export CSV"), QStringLiteral("scenario.csv"), tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error))
        QMessageBox::warning(this, tr("CSV not exported"), error);
}

void CalculatorView::exportPdfFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export PDF report"),
        QStringLiteral("migration-report-%1.pdf").arg(QDate::currentDate().toString(Qt::ISODate)),
                       tr("PDF files (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !exportPdf(path, &error))
        QMessageBox::warning(this, tr("PDF not exported"), error);
}
