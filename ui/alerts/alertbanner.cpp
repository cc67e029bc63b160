#include "alerts/alertbanner.h"

#include "alerts/alertrouter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

AlertBanner::AlertBanner(AlertRouter &router, QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("alertBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("alertBannerLabel"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *events = new QPushButton(tr("Show &events"), this);
    events->setObjectName(QStringLiteral("alertBannerEventsButton"));
    events->setAccessibleName(tr("Show the alerts in the event log"));
    auto *dismiss = new QPushButton(tr("&Dismiss"), this);
    dismiss->setObjectName(QStringLiteral("alertBannerDismissButton"));
    dismiss->setAccessibleName(tr("Dismiss the alert banner"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 8, 4);
    row->addWidget(m_text, 1);
    row->addWidget(events);
    row->addWidget(dismiss);
    connect(events, &QPushButton::clicked, this, &AlertBanner::showEventsRequested);
    connect(dismiss, &QPushButton::clicked, this, &AlertBanner::dismiss);
    connect(&router, &AlertRouter::routed, this, &AlertBanner::onRouted);
    hide();
}

QString AlertBanner::text() const
{
    return m_text->text();
}

void AlertBanner::dismiss()
{
    m_alerts.clear();
    refresh();
}

void AlertBanner::onRouted(const AlertSink &sink, const Alert &alert)
{
    if (sink.type != AlertSinkType::Banner)
        return;
    const auto same = [&alert](const Alert &a) { return a.key == alert.key; };
    m_alerts.removeIf(same);
    if (!alert.isResolve())
        m_alerts.append(alert);
    refresh();
}

void AlertBanner::refresh()
{
    if (m_alerts.isEmpty()) {
        hide();
        m_text->clear();
        return;
    }
    AlertSeverity worst = AlertSeverity::Info;
    for (const Alert &a : std::as_const(m_alerts))
        worst = std::max(worst, a.severity);
    const Alert &newest = m_alerts.constLast();
    QString text = tr("%1: %2").arg(AlertText::severity(newest.severity), newest.summary);
    if (m_alerts.size() > 1)
        text += u'\n' + tr("%n more alert(s) open.", nullptr, int(m_alerts.size() - 1));
    m_text->setText(text);
    setAccessibleName(text);
    QPalette p = palette();
    const bool bad = worst >= AlertSeverity::Error;
    p.setColor(QPalette::Window, bad ? QColor(250, 215, 210) : QColor(255, 238, 200));
    p.setColor(QPalette::WindowText, QColor(40, 20, 10));
    setPalette(p);
    m_text->setPalette(p);
    show();
}
