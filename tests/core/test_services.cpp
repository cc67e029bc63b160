#include "common/services.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// The object graph both executables build (app/common/services.cpp), tested for what only its
// wiring does: each piece is tested alone elsewhere.
class TestServices : public QObject
{
    Q_OBJECT

private slots:
    // SpendTracker raises a budget alert; the composition root hands it to the router, which
    // triggers it and logs it. Without that one connect() budget alerts would go nowhere.
    void budgetAlert_reachesTheRouter()
    {
        AppServices s;
        s.alerts.setSettings(AlertSettings::defaults());
        s.spend.setBudget(Money::fromDollars(1), false);
        QSignalSpy routed(&s.alerts, &AlertRouter::alertRouted);
        AttemptRecord a;
        a.tier = u"primary"_s;
        a.provider = u"p"_s;
        a.model = u"m"_s;
        a.startedAt = s.clock.wallNow();
        a.usage.inputTokens = 1000;
        a.cost = Money::fromMicros(600'000); // 60 % of the month's $1
        emit s.engine.attemptFinished(a);
        QTRY_COMPARE(routed.size(), 1);
        const Alert alert = routed.first().first().value<Alert>();
        QCOMPARE(alert.kind, AlertKind::Budget);
        QVERIFY2(alert.summary.contains(u"50"_s), qPrintable(alert.summary));
    }
};

QTEST_GUILESS_MAIN(TestServices)
#include "test_services.moc"
