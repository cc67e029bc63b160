#include "util/money.h"

#include <QTest>

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("micros");
        QTest::newRow("whole") << "12" << true << qint64(12'000'000);
        QTest::newRow("cents") << "2.50" << true << qint64(2'500'000);
        QTest::newRow("six decimals") << "0.000001" << true << qint64(1);
        QTest::newRow("negative") << "-1.5" << true << qint64(-1'500'000);
        QTest::newRow("leading dot") << ".25" << true << qint64(250'000);
        QTest::newRow("seven decimals refused") << "0.0000001" << false << qint64(0);
        QTest::newRow("exponent refused") << "1e3" << false << qint64(0);
        QTest::newRow("empty") << "" << false << qint64(0);
        QTest::newRow("letters") << "abc" << false << qint64(0);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, micros);
        const auto m = Money::parse(text);
        QCOMPARE(m.has_value(), valid);
        if (valid)
            QCOMPARE(m->micros(), micros);
    }

    void toString_roundsHalfAwayFromZero_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("expected");
        QTest::newRow("half up") << qint64(5'000) << 2 << "0.01";
        QTest::newRow("below half") << qint64(4'999) << 2 << "0.00";
        QTest::newRow("negative half away") << qint64(-5'000) << 2 << "-0.01";
        QTest::newRow("184.50") << qint64(184'500'000) << 2 << "184.50";
        QTest::newRow("four decimals") << qint64(1'760) << 4 << "0.0018";
        QTest::newRow("zero decimals") << qint64(2'500'000) << 0 << "3";
    }
    void toString_roundsHalfAwayFromZero()
    {
        QFETCH(qint64, micros);
        QFETCH(int, decimals);
        QFETCH(QString, expected);
        QCOMPARE(Money::fromMicros(micros).toString(decimals), expected);
    }

    void toLocaleString_followsTheLocale_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        QTest::newRow("en grouping") << qint64(1'346'850'000) << "en_US"
                                     << "1,346.85";
        QTest::newRow("zh grouping") << qint64(1'346'850'000) << "zh_CN"
                                     << "1,346.85";
        QTest::newRow("de separators") << qint64(1'346'850'000) << "de_DE"
                                       << "1.346,85";
        QTest::newRow("negative, rounded") << qint64(-1'234'505'000) << "en_US"
                                           << "-1,234.51";
        QTest::newRow("small") << qint64(5'000) << "en_US"
                               << "0.01";
        QTest::newRow("millions") << qint64(2'000'000'000'000) << "en_US"
                                  << "2,000,000.00";
    }
    void toLocaleString_followsTheLocale()
    {
        QFETCH(qint64, micros);
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        QCOMPARE(Money::fromMicros(micros).toLocaleString(QLocale(locale)), expected);
    }

    void usdText_cnyText_useTheDefaultLocale()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QStringLiteral("de_DE")));
        QCOMPARE(usdText(Money::fromMicros(1'346'850'000)), QStringLiteral("$1.346,85"));
        QLocale::setDefault(QLocale(QStringLiteral("zh_CN")));
        QCOMPARE(cnyText(Money::fromMicros(1'346'850'000)), QStringLiteral("¥1,346.85"));
        QLocale::setDefault(before);
    }

    void costOf_isExact()
    {
        // 10M tokens at $8/M = $80 exactly; 1 token at $0.15/M = 0.15 micro-dollars, rounds to 0.
        QCOMPARE(Money::costOf(10'000'000, *Money::parse(u"8")).micros(), qint64(80'000'000));
        QCOMPARE(Money::costOf(1, *Money::parse(u"0.15")).micros(), qint64(0));
        QCOMPARE(Money::costOf(4, *Money::parse(u"0.15")).micros(), qint64(1)); // 0.6 -> 1
        QCOMPARE(Money::costOf(3'000'000'000LL, *Money::parse(u"15")).micros(), qint64(45'000'000'000LL));
    }

    void fromJsonDouble_refusesExcessPrecision()
    {
        QCOMPARE(Money::fromJsonDouble(2.5)->micros(), qint64(2'500'000));
        QCOMPARE(Money::fromJsonDouble(0.0375)->micros(), qint64(37'500));
        QVERIFY(!Money::fromJsonDouble(0.12345678).has_value());
    }

    void toExactString_keepsTwoDecimals()
    {
        QCOMPARE(Money::fromMicros(8'000'000).toExactString(), QStringLiteral("8.00"));
        QCOMPARE(Money::fromMicros(37'500).toExactString(), QStringLiteral("0.0375"));
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "test_money.moc"
