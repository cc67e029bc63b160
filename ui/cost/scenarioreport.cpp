#include "cost/scenarioreport.h"

#include <QCoreApplication>
#include <QDate>
#include <QImage>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ScenarioReport {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioReport)
};
} // namespace

QString html(const Scenario &s, const ScenarioResult &r, const QString &priceTableVersion,
             const QString &rowsChartImage, const QString &savingsChartImage)
{
    const auto esc = [](const QString &t) { return t.toHtmlEscaped(); };
    QString h = u"<html><body style='font-family: sans-serif; font-size: 9pt'>"_s;
    h += u"<h2>"_s + esc(Tr::tr("Migration cost report")) +
         (s.title.isEmpty() ? QString() : u": "_s + esc(s.title)) + u"</h2>"_s;
    h +=
        u"<p>"_s +
        esc(Tr::tr("Date %1 · price table %2 · amounts per month in USD, exact, shown rounded half away from "
                   "zero "
                   "to the cent; percentages to 0.1 %.")
                .arg(QDate::currentDate().toString(Qt::ISODate), priceTableVersion)) +
        u"</p>"_s;
    h += u"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>"_s;
    for (const QString &head : {Tr::tr("Workload"), Tr::tr("Model"), Tr::tr("Input tok/mo"),
                                Tr::tr("Output tok/mo"), Tr::tr("$/M in · out now"), Tr::tr("Projected by"),
                                Tr::tr("Now"), Tr::tr("Projected"), Tr::tr("Savings"), Tr::tr("Saved")})
        h += u"<th nowrap>"_s + esc(head) + u"</th>"_s;
    h += u"</tr>"_s;
    const QLocale locale;
    for (qsizetype i = 0; i < s.rows.size(); ++i) {
        const WorkloadRow &w = s.rows.at(i);
        const RowResult &x = r.rows.at(i);
        QString how;
        switch (w.method) {
        case ProjectionMethod::PriceTable:
            how = Tr::tr("price of %1%2")
                      .arg(w.targetModel.isEmpty() ? w.model : w.targetModel,
                           w.targetProvider.isEmpty() ? QString() : Tr::tr(" via %1").arg(w.targetProvider));
            break;
        case ProjectionMethod::Percent:
            how = Tr::tr("%1 %").arg(w.changePercent.toString());
            break;
        case ProjectionMethod::ExchangeRate:
            how = Tr::tr("relay ¥%1 / card ¥%2 per $").arg(w.relayRate.toString(), w.cardRate.toString());
            break;
        }
        if (!x.error.isEmpty())
            how += u" ("_s + x.error + u')';
        const QString pct = percentText(x.savings, x.now, 1);
        h += u"<tr><td>"_s + esc(w.label) + u"</td><td>"_s + esc(w.model) +
             u"</td><td align='right' nowrap>"_s + locale.toString(w.inputTokens) +
             u"</td><td align='right' nowrap>"_s + locale.toString(w.outputTokens) +
             u"</td><td align='right' nowrap>"_s + w.currentInputPerMTok.toExactString() + u" · "_s +
             w.currentOutputPerMTok.toExactString() + u"</td><td>"_s + esc(how) +
             u"</td><td align='right' nowrap>"_s + usdText(x.now) + u"</td><td align='right' nowrap>"_s +
             usdText(x.projected) + u"</td><td align='right' nowrap>"_s + usdText(x.savings) +
             u"</td><td align='right' nowrap>"_s + (pct.isEmpty() ? QString() : pct + u" %"_s) +
             u"</td></tr>"_s;
    }
    const QString pct = percentText(r.savings, r.now, 1);
    h += u"<tr><td colspan='6'><b>"_s + esc(Tr::tr("Total")) + u"</b></td><td align='right' nowrap><b>"_s +
         usdText(r.now) + u"</b></td><td align='right' nowrap><b>"_s + usdText(r.projected) +
         u"</b></td><td align='right' nowrap><b>"_s + usdText(r.savings) +
         u"</b></td><td align='right' nowrap><b>"_s + (pct.isEmpty() ? QString() : pct + u" %"_s) +
         u"</b></td></tr></table>"_s;
    h += u"<p>"_s +
         esc(Tr::tr("In CNY at %1 per USD: now %2, projected %3, savings %4 a month.")
                 .arg(s.cnyPerUsd.toString(), cnyText(toCny(r.now, s.cnyPerUsd)),
                      cnyText(toCny(r.projected, s.cnyPerUsd)), cnyText(toCny(r.savings, s.cnyPerUsd)))) +
         u"<br>"_s;
    const Money total = r.months.isEmpty() ? Money() : r.months.constLast().cumulativeSavings;
    h += esc(Tr::tr("Projection: %1 months, volume growing %2 % a month (compounding); %3 saved in all. "
                    "Migration cost "
                    "%4: %5.")
                 .arg(s.months)
                 .arg(s.growthPercent.toString(), usdText(total), usdText(s.migrationCost),
                      r.breakEvenMonth ? Tr::tr("paid back in month %1").arg(*r.breakEvenMonth)
                                       : Tr::tr("not paid back within %1 months").arg(s.months))) +
         u"</p>"_s;
    for (const QString &e : r.errors)
        h += u"<p style='color:#c62828'>"_s + esc(e) + u"</p>"_s;
    h += u"<table width='100%'><tr><td><img src='"_s + rowsChartImage +
         u"' width='470'></td><td><img src='"_s + savingsChartImage + u"' width='470'></td></tr></table>"_s;
    h += u"</body></html>"_s;
    return h;
}

bool writePdf(const QString &path, const Scenario &scenario, const ScenarioResult &result,
              const QString &priceTableVersion, const QImage &rowsChart, const QImage &savingsChart,
              QString *error)
{
    QTextDocument doc;
    doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("mem:rows.png")), rowsChart);
    doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("mem:savings.png")), savingsChart);
    doc.setHtml(html(scenario, result, priceTableVersion,
                     QStringLiteral("mem:rows.png"), QStringLiteral("mem:savings.png")));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = Tr::tr("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setTitle(Tr::tr("Migration cost report"));
        writer.setCreator(QStringLiteral("Understudy"));
        QPainter painter(&writer);
        // Lay out at a screen-like width, then scale to the page: always one page.
        const QRectF page = painter.viewport();
        doc.setTextWidth(980);
        const QSizeF size = doc.size();
        const double scale = std::min(page.width() / size.width(), page.height() / size.height());
        painter.scale(scale, scale);
        doc.drawContents(&painter);
    }
    if (!file.commit()) {
        *error = Tr::tr("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ScenarioReport
