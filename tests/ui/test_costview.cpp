// The migration calculator view: edits flow to totals and both charts; CSV and PDF exports.
#include "cost/calculatorview.h"
#include "cost/costview.h"
#include "cost/pricebook.h"
#include "cost/pricetableview.h"
#include "cost/scenariomodel.h"
#include "cost/spendview.h"
#include "engine/chatengine.h"
#include "mockclock.h"
#include "transport/transport.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCostView : public QObject
{
    Q_OBJECT

    PriceTable m_prices = PriceTable::shipped();
    std::function<const PriceTable &()> prices()
    {
        return [this]() -> const PriceTable & { return m_prices; };
    }

    static QString run(const QString &program, const QStringList &args)
    {
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(20'000) || p.exitCode() != 0) {
            QTest::qFail("the PDF tool did not finish, or failed", __FILE__, __LINE__);
            return {};
        }
        return QString::fromUtf8(p.readAllStandardOutput());
    }

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        QStandardPaths::setTestModeEnabled(true);
        // Amounts are written the interface locale's way; these tests read English ones.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void model_passesTheModelTester()
    {
        ScenarioModel model(prices());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScenario(CalculatorView::exampleScenario());
        model.addRow(WorkloadRow{});
        QVERIFY(model.setData(model.index(3, ScenarioModel::InputTokens), u"1000"_s));
        QVERIFY(!model.setData(model.index(3, ScenarioModel::InputTokens), u"-1"_s)); // refused
        QVERIFY(!model.setData(model.index(3, ScenarioModel::CurrentInput), u"1.1234567"_s));
        // A column the row's method does not use is not editable.
        QVERIFY(!(model.flags(model.index(0, ScenarioModel::CardRate)) & Qt::ItemIsEditable));
        QVERIFY(!(model.flags(model.index(0, ScenarioModel::Now)) & Qt::ItemIsEditable));
        model.removeRow(3);
        QCOMPARE(model.rowCount(), 3);
        // An amount beyond $4 trillion: the field that made it so is marked, with the reason.
        QVERIFY(model.setData(model.index(0, ScenarioModel::InputTokens), u"1000000000000000"_s));
        QVERIFY(model.setData(model.index(0, ScenarioModel::CurrentInput), u"10000"_s));
        const QModelIndex tokens = model.index(0, ScenarioModel::InputTokens);
        QVERIFY(model.data(tokens, Qt::BackgroundRole).isValid());
        QVERIFY(model.data(tokens, Qt::ToolTipRole).toString().contains(u"$4 trillion"_s));
        QVERIFY(!model.data(model.index(1, ScenarioModel::InputTokens), Qt::BackgroundRole).isValid());
        QVERIFY(!model.data(model.index(0, ScenarioModel::Now), Qt::DisplayRole).toString().contains(u'-'));
    }

    void editingARow_updatesTotalsAndBothCharts()
    {
        QTemporaryDir dir;
        CalculatorView view(prices(), dir.filePath(u"calc.json"_s));
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.totalsText().contains(u"$184.50"_s));
        QVERIFY(view.totalsText().contains(u"90.0 %"_s));
        QVERIFY(view.totalsText().contains(u"¥1,346.85"_s));
        QCOMPARE(view.nowBars()->count(), 3);
        QCOMPARE(view.nowBars()->at(0), 80.0);
        QCOMPARE(view.cumulativeSeries()->count(), 12);
        QCOMPARE(view.cumulativeSeries()->at(11).y(), 12 * 184.5);
        QCOMPARE(view.breakEvenSeries()->count(), 1);
        QCOMPARE(view.breakEvenSeries()->at(0).x(), 3.0); // $500 reached in month 3

        // Type 20,000,000 into the first row's input tokens, as a user does.
        auto *table = view.findChild<QTableView *>(u"scenarioTable"_s);
        QVERIFY(table);
        const QModelIndex cell = view.model()->index(0, ScenarioModel::InputTokens);
        table->setFocus();
        table->setCurrentIndex(cell);
        QTest::keyClick(table, Qt::Key_F2);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, u"20000000"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        // $160 now, $16 projected: savings 144 + 67.50 + 45 = 256.50 a month.
        QTRY_VERIFY(view.totalsText().contains(u"$256.50"_s));
        QCOMPARE(view.nowBars()->at(0), 160.0);
        QCOMPARE(view.projectedBars()->at(0), 16.0);
        QCOMPARE(view.cumulativeSeries()->at(11).y(), 12 * 256.5);
        QCOMPARE(view.breakEvenSeries()->at(0).x(), 2.0);

        // Settings: a bigger migration cost moves the break-even month, and none is shown when never reached.
        auto *cost = view.findChild<QLineEdit *>(u"migrationCostEdit"_s);
        cost->setFocus();
        cost->selectAll();
        QTest::keyClicks(cost, u"100000"_s);
        QVERIFY(view.totalsText().contains(u"not paid back within 12"_s));
        QCOMPARE(view.breakEvenSeries()->count(), 0);
        auto *months = view.findChild<QSpinBox *>(u"projectionMonthsSpinBox"_s);
        months->setValue(24);
        QCOMPARE(view.cumulativeSeries()->count(), 24);
        // Bad input is refused with the reason, and the last good value stays.
        cost->selectAll();
        QTest::keyClicks(cost, u"12,5"_s); // each key applies: "12" did, "12," is refused
        QVERIFY(view.findChild<QLabel *>(u"scenarioSettingsError"_s)->isVisibleTo(&view));
        QCOMPARE(view.scenario().migrationCost, Money::fromDollars(12));
    }

    void workingScenario_survivesARestart()
    {
        QTemporaryDir dir;
        const QString autosave = dir.filePath(u"calc.json"_s);
        {
            CalculatorView view(prices(), autosave);
            QVERIFY(view.model()->setData(view.model()->index(1, ScenarioModel::Label), u"Reviews, night"_s));
            QTRY_VERIFY(QFile::exists(autosave));
        }
        CalculatorView again(prices(), autosave);
        QCOMPARE(again.scenario().rows.at(1).label, u"Reviews, night"_s);
    }

    void csv_roundTrips_andABrokenFileChangesNothing()
    {
        QTemporaryDir dir;
        CalculatorView view(prices(), {});
        Scenario s = CalculatorView::exampleScenario();
        s.rows[0].method = ProjectionMethod::ExchangeRate;
        s.rows[1].method = ProjectionMethod::PriceTable;
        s.rows[1].targetModel = u"claude-haiku-4-5"_s;
        s.rows[1].label = u"Code review, \"fast\""_s;
        s.growthPercent = Decimal6::fromInt(3);
        view.setScenario(s);
        const QString path = dir.filePath(u"s.csv"_s);
        QString error;
        QVERIFY2(view.exportCsv(path, &error), qPrintable(error));
        const Money savings = view.model()->result().savings;

        view.setScenario(Scenario());
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY2(view.loadScenario(path, &error), qPrintable(error));
        QCOMPARE(view.model()->rowCount(), 3);
        QCOMPARE(view.scenario().rows.at(1).label, s.rows.at(1).label);
        QCOMPARE(view.model()->result().savings, savings);

        QFile broken(dir.filePath(u"broken.json"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"format\":\"understudy-scenario\",\"version\":1,\"rows\":[{\"model\":3}]}");
        broken.close();
        QVERIFY(!view.loadScenario(broken.fileName(), &error));
        QVERIFY2(error.contains(u"rows[0].model"_s), qPrintable(error));
        QCOMPARE(view.model()->rowCount(), 3); // unchanged
    }

    void spendTab_showsTiersProvidersSavingsAndBudget()
    {
        Transport transport;
        MockClock clock;
        ChatEngine engine(transport, nullptr, clock);
        SpendTracker tracker(engine, nullptr, clock);
        SpendView view(tracker);
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto spend = [&](const QString &tier, qint64 micros, qint64 primaryMicros) {
            SpendRecord r;
            r.atMs = clock.wallNow().toMSecsSinceEpoch();
            r.tier = tier;
            r.provider = u"prov-"_s + tier;
            r.inputTokens = 1000;
            r.cost = Money::fromMicros(micros);
            r.primaryCost = Money::fromMicros(primaryMicros);
            tracker.record(r);
        };
        spend(u"flagship"_s, 3'000'000, 3'000'000);
        spend(u"economy"_s, 1'000'000, 6'000'000);
        // The view refreshes at once, then at most every 250 ms while spend keeps changing.
        QTRY_COMPARE(view.model()->rowCount(), 5); // total, 2 tiers, 2 providers
        QTRY_COMPARE(view.model()->index(0, SpendModel::Month).data().toString(), u"$4.00"_s);
        QTRY_VERIFY2(view.savingsText().contains(u"$9.00"_s) &&
                         view.savingsText().contains(u"saved $5.00 (55.6 %)"_s),
                     qPrintable(view.savingsText()));

        QSignalSpy alerts(&tracker, &SpendTracker::budgetAlert);
        auto *budget = view.findChild<QLineEdit *>(u"monthlyBudgetEdit"_s);
        budget->setText(u"5"_s);
        emit budget->editingFinished();
        QCOMPARE(tracker.budget(), Money::fromDollars(5));
        QCOMPARE(view.findChild<QProgressBar *>(u"budgetProgressBar"_s)->value(), 800);
        QCOMPARE(alerts.size(), 1); // 80 % of the new budget already spent: said once
        QCOMPARE(QSettings().value(u"cost/monthly_budget_usd"_s).toString(), u"5.00"_s);
        spend(u"economy"_s, 1'500'000, 1'500'000);
        QCOMPARE(alerts.size(), 2);
        QTRY_VERIFY(view.findChild<QLabel *>(u"budgetLabel"_s)->text().contains(u"over budget"_s));
    }

    void fromMyUsage_fillsTheRows()
    {
        CalculatorView view(prices(), {});
        ModelUsage u;
        u.model = u"claude-sonnet-4-5"_s;
        u.tier = u"flagship"_s;
        u.inputTokens = 2'000'000;
        u.outputTokens = 500'000;
        u.inputPricePerMTok = Money::fromDollars(3);
        u.outputPricePerMTok = Money::fromDollars(15);
        // The button asks the tracker (here a stand-in) for the last 30 days.
        auto *button = view.findChild<QPushButton *>(u"fromUsageButton"_s);
        QVERIFY(button && button->isHidden()); // no usage source: no button
        int days = 0;
        view.setUsageSource([&](QObject *, std::function<void(const QList<ModelUsage> &)> done) {
            ++days;
            done({u});
        });
        QVERIFY(!button->isHidden());
        view.setScenario(Scenario()); // no rows: nothing to confirm replacing
        button->click();
        QCOMPARE(days, 1);
        QCOMPARE(view.model()->rowCount(), 1);
        // $6 + $7.50 now; projected at the table's price of the same model until a target is chosen.
        QCOMPARE(view.model()->result().now, Money::fromMicros(13'500'000));
        QCOMPARE(view.model()->result().projected, view.model()->result().now);
        QVERIFY(
            view.model()->setData(view.model()->index(0, ScenarioModel::TargetModel), u"claude-haiku-4-5"_s));
        // Haiku: $1 / $5 → $2 + $2.50 = $4.50; saved $9.00.
        QCOMPARE(view.model()->result().savings, Money::fromDollars(9));
    }

    void priceTable_editSaveAndReset_repricesTheCalculator()
    {
        QTemporaryDir dir;
        const QString userFile = dir.filePath(u"prices.json"_s);
        PriceBook book(userFile);
        Transport transport;
        MockClock clock;
        ChatEngine engine(transport, nullptr, clock);
        CostView cost(engine, &book, nullptr);
        PriceTableView *prices = cost.priceTableView();
        QAbstractItemModelTester tester(prices->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        CalculatorView *calc = cost.calculator();
        Scenario s;
        WorkloadRow w;
        w.model = u"claude-haiku-4-5"_s;
        w.inputTokens = 1'000'000;
        w.currentInputPerMTok = Money::fromDollars(3);
        s.rows = {w}; // projected at the table's Haiku price
        calc->setScenario(s);
        QCOMPARE(calc->model()->result().projected, Money::fromDollars(1));

        int row = -1;
        for (int r = 0; r < prices->model()->rowCount(); ++r)
            if (prices->model()->index(r, PriceTableModel::Model).data().toString() == u"claude-haiku-4-5"_s)
                row = r;
        QVERIFY(row >= 0);
        const QModelIndex input = prices->model()->index(row, PriceTableModel::Input);
        QVERIFY(!prices->model()->setData(input, u"cheap"_s)); // refused, with the reason shown
        QVERIFY(!prices->findChild<QLabel *>(u"priceTableErrorLabel"_s)->text().isEmpty());
        QVERIFY(prices->model()->setData(input, u"0.80"_s));
        auto *save = prices->findChild<QPushButton *>(u"savePricesButton"_s);
        QVERIFY(save->isEnabled());
        save->click();
        QCOMPARE(calc->model()->result().projected, Money::fromMicros(800'000));
        QVERIFY(book.isEdited());
        QVERIFY(QFile::exists(userFile));
        QCOMPARE(PriceBook(userFile).table().find(u"claude-haiku-4-5"_s)->inputPerMTok,
                 Money::fromMicros(800'000));
        QVERIFY(PriceTable::shipped().find(u"claude-haiku-4-5"_s)->inputPerMTok == Money::fromDollars(1));

        QVERIFY(prices->resetToShipped());
        QCOMPARE(calc->model()->result().projected, Money::fromDollars(1));
        QVERIFY(!QFile::exists(userFile));
        QVERIFY(QFile::exists(userFile + u".bak"_s)); // the user's edits are kept aside
    }

    void pdf_isOnePage_withTheTotals()
    {
        QTemporaryDir dir;
        dir.setAutoRemove(qEnvironmentVariableIsEmpty("KEEP_REPORT"));
        CalculatorView view(prices(), {});
        view.resize(1000, 700);
        const QString path = dir.filePath(u"report.pdf"_s);
        QString error;
        QVERIFY2(view.exportPdf(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
        const QString pdfinfo = QStandardPaths::findExecutable(u"pdfinfo"_s);
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        QVERIFY2(!pdfinfo.isEmpty() && !pdftotext.isEmpty(),
                 "poppler-utils is needed (scripts/deps installs it)");
        const QString info = run(pdfinfo, {path});
        QVERIFY2(info.contains(QRegularExpression(u"Pages:\\s+1\\n"_s)), qPrintable(info));
        const QString text = run(pdftotext, {u"-layout"_s, path, u"-"_s});
        QVERIFY2(text.contains(u"$184.50"_s), qPrintable(text));
        QVERIFY(text.contains(u"90.0 %"_s));
        QVERIFY(text.contains(u"¥1,346.85"_s));
        QVERIFY(text.contains(m_prices.version));
        QVERIFY(text.contains(QDate::currentDate().toString(Qt::ISODate)));
    }
};

QTEST_MAIN(TestCostView)
#include "test_costview.moc"
