#include "events/eventlogmodel.h"
#include "events/eventsview.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

StoredEvent makeEvent(qint64 at, const QString &kind, const QString &tier, const QString &summary,
                      const QString &detail = {})
{
    StoredEvent e;
    e.atMs = at;
    e.kind = kind;
    e.tier = tier;
    e.summary = summary;
    e.detail = detail;
    return e;
}

} // namespace

class TestEvents : public QObject
{
    Q_OBJECT

private slots:
    void model_fastPathsAgreeWithTheGeneralOrder()
    {
        EventLogModel model(100);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList kinds = {u"switch"_s, u"attempt"_s, u"breaker"_s};
        QList<StoredEvent> history;
        for (int i = 0; i < 30; ++i)
            history.append(makeEvent(1000 + i * 10, kinds.at(i % 3), i % 2 ? u"balanced"_s : u"flagship"_s,
                                     u"Event %1 Über"_s.arg(29 - i)));
        model.prependHistory(history);
        // Kind: buckets in name order, each in time order; descending reverses both.
        model.sort(EventLogModel::Kind, Qt::AscendingOrder);
        QCOMPARE(model.eventAt(0).kind, u"attempt"_s);
        QCOMPARE(model.eventAt(0).atMs, qint64(1010));
        QCOMPARE(model.eventAt(10).kind, u"breaker"_s);
        QCOMPARE(model.eventAt(29).kind, u"switch"_s);
        QCOMPARE(model.eventAt(29).atMs, qint64(1270));
        model.sort(EventLogModel::Kind, Qt::DescendingOrder);
        QCOMPARE(model.eventAt(0).atMs, qint64(1270));
        QCOMPARE(model.eventAt(29).atMs, qint64(1010));
        // Summary: case-insensitive ("event 10" < "Event 2"), whatever the case of the text.
        model.sort(EventLogModel::Summary, Qt::AscendingOrder);
        QCOMPARE(model.eventAt(0).summary, u"Event 0 Über"_s);
        QCOMPARE(model.eventAt(1).summary, u"Event 1 Über"_s);
        QCOMPARE(model.eventAt(2).summary, u"Event 10 Über"_s);
        // Typing narrows; deleting a character widens again (a full pass, not the narrowed rows).
        model.sort(EventLogModel::Time, Qt::AscendingOrder);
        model.setFilter({}, {}, u"event 1"_s);
        QCOMPARE(model.rowCount(), 11);          // 1, 10..19
        model.setFilter({}, {}, u"EVENT 1 ü"_s); // non-ASCII needle: the case-folding search
        QCOMPARE(model.rowCount(), 1);
        model.setFilter({}, {}, u"event"_s);
        QCOMPARE(model.rowCount(), 30);
        model.setFilter(u"breaker"_s, {}, u"event"_s);
        QCOMPARE(model.rowCount(), 10);
        model.setFilter({}, u"flagship"_s, {}); // kind dropped: wider again
        QCOMPARE(model.rowCount(), 15);
        // An event that arrives out of time order is still sorted by time.
        model.setFilter({}, {}, {});
        model.append(makeEvent(5, u"alert"_s, {}, u"late"_s));
        QCOMPARE(model.eventAt(0).summary, u"late"_s);
        model.sort(EventLogModel::Time, Qt::DescendingOrder);
        QCOMPARE(model.eventAt(30).summary, u"late"_s);
        QCOMPARE(model.eventAt(0).atMs, qint64(1290));
    }

    void model_filterSortAndEvict()
    {
        EventLogModel model(5);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(makeEvent(1000, u"attempt"_s, u"flagship"_s, u"atlas failed: overloaded"_s));
        model.append(makeEvent(2000, u"switch"_s, u"balanced"_s, u"flagship → balanced"_s));
        model.append(makeEvent(3000, u"breaker"_s, u"flagship"_s, u"breaker closed → open"_s));
        model.append(makeEvent(4000, u"attempt"_s, u"balanced"_s, u"borealis answered"_s, u"HTTP 200"_s));
        QCOMPARE(model.rowCount(), 4);
        model.setFilter(u"attempt"_s, {}, {});
        QCOMPARE(model.rowCount(), 2);
        model.setFilter({}, u"flagship"_s, {});
        QCOMPARE(model.rowCount(), 2);
        model.setFilter({}, {}, u"http 200"_s); // detail matches, case ignored
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.eventAt(0).summary, u"borealis answered"_s);
        model.setFilter({}, {}, {});
        model.sort(EventLogModel::Summary, Qt::AscendingOrder);
        QCOMPARE(model.eventAt(0).summary, u"atlas failed: overloaded"_s);
        QCOMPARE(model.eventAt(3).summary, u"flagship → balanced"_s);
        model.sort(EventLogModel::Time, Qt::DescendingOrder);
        QCOMPARE(model.eventAt(0).atMs, qint64(4000));
        // A live event lands in its sorted place; the oldest is dropped past the capacity.
        model.append(makeEvent(5000, u"level"_s, {}, u"FULL → MINIMAL"_s));
        model.append(makeEvent(6000, u"health"_s, {}, u"system degraded"_s));
        QCOMPARE(model.totalCount(), 5);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.eventAt(0).atMs, qint64(6000));
        QCOMPARE(model.eventAt(4).atMs, qint64(2000)); // 1000 was evicted
        model.sort(EventLogModel::Time, Qt::AscendingOrder);
        model.append(makeEvent(7000, u"drill"_s, u"flagship"_s, u"drill-1 started"_s));
        QCOMPARE(model.eventAt(4).atMs, qint64(7000));
        QCOMPARE(model.eventAt(0).atMs, qint64(3000));
        QCOMPARE(model.tiers(), QStringList({u"balanced"_s, u"flagship"_s}));
    }

    void csv_roundTripsWithQuotesCommasAndNewlines()
    {
        EventLogModel model;
        model.append(
            makeEvent(1000, u"attempt"_s, u"flagship"_s, u"a \"quoted\", comma"_s, u"line one\nline two"_s));
        model.append(makeEvent(2000, u"switch"_s, u"balanced"_s, u"plain"_s));
        const QByteArray csv = model.toCsv();
        QVERIFY(csv.contains("\"a \"\"quoted\"\", comma\""));
        QVERIFY(csv.endsWith("\r\n"));
        const QList<QStringList> rows = EventLogModel::parseCsv(csv);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0),
                 QStringList({u"time"_s, u"kind"_s, u"tier"_s, u"drill"_s, u"summary"_s, u"detail"_s}));
        QCOMPARE(rows.at(1).at(4), u"a \"quoted\", comma"_s);
        QCOMPARE(rows.at(1).at(5), u"line one\nline two"_s);
        QCOMPARE(rows.at(2).at(1), u"switch"_s);
    }

    void view_filtersAndExportsTheFilteredRows()
    {
        EventsView view(nullptr, nullptr);
        view.show();
        for (int i = 0; i < 50; ++i)
            view.model()->append(makeEvent(1000 + i, i % 5 ? u"attempt"_s : u"switch"_s,
                                           i % 2 ? u"a"_s : u"b"_s, u"event %1"_s.arg(i)));
        auto *kind = view.findChild<QComboBox *>(u"eventKindFilter"_s);
        kind->setCurrentIndex(kind->findData(u"switch"_s));
        QCOMPARE(view.model()->rowCount(), 10);
        auto *text = view.findChild<QLineEdit *>(u"eventTextFilter"_s);
        QTest::keyClicks(text, u"event 4"_s);
        QTRY_COMPARE(view.model()->rowCount(), 2); // "event 40", "event 45"
        QTemporaryDir dir;
        QString error;
        QVERIFY(view.exportCsv(dir.filePath(u"e.csv"_s), &error));
        QFile f(dir.filePath(u"e.csv"_s));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = EventLogModel::parseCsv(f.readAll());
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(1).at(4), u"event 40"_s);
        QCOMPARE(rows.at(2).at(4), u"event 45"_s);
    }
};

QTEST_MAIN(TestEvents)
#include "test_events.moc"
