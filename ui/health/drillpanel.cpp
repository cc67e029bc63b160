#include "health/drillpanel.h"

#include "config/config.h"
#include "drill/drillcontroller.h"
#include "engine/chatengine.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace {

// The drills on offer: a fault kind and the status it sends, where that matters.
struct Choice
{
    InjectedFault::Kind kind;
    int status;
    const char *text;
};

const Choice Choices[] = {
    {InjectedFault::Kind::Outage, 0, QT_TRANSLATE_NOOP("DrillPanel", "Outage (connection refused)")},
    {InjectedFault::Kind::Status, 429, QT_TRANSLATE_NOOP("DrillPanel", "429 storm with Retry-After")},
    {InjectedFault::Kind::Status, 503, QT_TRANSLATE_NOOP("DrillPanel", "503 storm")},
    {InjectedFault::Kind::Latency, 0, QT_TRANSLATE_NOOP("DrillPanel", "Latency spike")},
    {InjectedFault::Kind::SlowFirstToken, 0, QT_TRANSLATE_NOOP("DrillPanel", "Slow first token")},
    {InjectedFault::Kind::Cut, 0, QT_TRANSLATE_NOOP("DrillPanel", "Streams cut after N chunks")},
    {InjectedFault::Kind::Stall, 0, QT_TRANSLATE_NOOP("DrillPanel", "Streams stall after N chunks")},
};

} // namespace

DrillPanel::DrillPanel(ChatEngine &engine, DrillController &drills, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_drills(drills)
{
    m_tier = new QComboBox(this);
    m_tier->setObjectName(QStringLiteral("drillTierComboBox"));
    m_tier->setAccessibleName(tr("Drill tier"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("drillKindComboBox"));
    m_kind->setAccessibleName(tr("Drill fault"));
    for (int i = 0; i < int(std::size(Choices)); ++i)
        m_kind->addItem(tr(Choices[i].text), i);
    m_duration = new QSpinBox(this);
    m_duration->setObjectName(QStringLiteral("drillDurationSpinBox"));
    m_duration->setAccessibleName(tr("Drill duration"));
    m_duration->setRange(1, 24 * 3600);
    m_duration->setValue(60);
    m_duration->setSuffix(tr(" s"));
    m_paramLabel = new QLabel(this);
    m_param = new QSpinBox(this);
    m_param->setObjectName(QStringLiteral("drillParameterSpinBox"));
    m_paramLabel->setBuddy(m_param);
    m_start = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start drill"), this);
    m_start->setObjectName(QStringLiteral("startDrillButton"));
    m_start->setToolTip(
        tr("Inject the fault into the tier's traffic for the chosen time (in the engine's transport: "
           "during an outage the provider is not called at all)"));
    m_stop = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top selected"), this);
    m_stop->setObjectName(QStringLiteral("stopDrillButton"));
    m_stopAll = new QPushButton(tr("Stop &all drills"), this);
    m_stopAll->setObjectName(QStringLiteral("stopAllDrillsButton"));
    m_active = new QListWidget(this);
    m_active->setObjectName(QStringLiteral("activeDrillsList"));
    m_active->setAccessibleName(tr("Running drills"));
    m_active->setMaximumHeight(64);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("drillMessageLabel"));
    m_message->setWordWrap(true);

    auto *tierLabel = new QLabel(tr("T&ier:"), this);
    tierLabel->setBuddy(m_tier);
    auto *kindLabel = new QLabel(tr("&Fault:"), this);
    kindLabel->setBuddy(m_kind);
    auto *durationLabel = new QLabel(tr("F&or:"), this);
    durationLabel->setBuddy(m_duration);
    auto *form = new QHBoxLayout;
    form->addWidget(tierLabel);
    form->addWidget(m_tier);
    form->addWidget(kindLabel);
    form->addWidget(m_kind);
    form->addWidget(m_paramLabel);
    form->addWidget(m_param);
    form->addWidget(durationLabel);
    form->addWidget(m_duration);
    form->addWidget(m_start);
    form->addStretch();
    form->addWidget(m_stop);
    form->addWidget(m_stopAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_active);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &DrillPanel::updateKind);
    connect(m_start, &QPushButton::clicked, this, &DrillPanel::startDrill);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_active->currentItem())
            m_drills.stop(item->data(Qt::UserRole).toString());
    });
    connect(m_stopAll, &QPushButton::clicked, &m_drills, &DrillController::stopAll);
    connect(m_active, &QListWidget::currentRowChanged, this, &DrillPanel::updateActive);
    connect(&m_drills, &DrillController::drillStarted, this, &DrillPanel::updateActive);
    connect(&m_drills, &DrillController::drillEnded, this, [this](const Drill &d, bool early) {
        m_message->setText(early ? tr("%1 stopped: %2.").arg(d.id, describeDrill(d.spec))
                                 : tr("%1 ended at its deadline: %2.").arg(d.id, describeDrill(d.spec)));
        updateActive();
    });
    connect(&m_engine, &ChatEngine::configChanged, this, &DrillPanel::updateTiers);
    auto *countdown = new QTimer(this);
    countdown->start(1000);
    connect(countdown, &QTimer::timeout, this, [this] {
        if (m_drills.isActive())
            updateActive();
    });
    updateTiers();
    updateKind();
    updateActive();
}

void DrillPanel::updateTiers()
{
    const QString current = m_tier->currentText();
    m_tier->clear();
    const auto config = m_engine.config();
    for (const QString &name : config->strategy.chain())
        m_tier->addItem(name);
    for (const TierConfig &t : config->tiers) {
        if (m_tier->findText(t.name) < 0)
            m_tier->addItem(t.name);
    }
    const int i = m_tier->findText(current);
    m_tier->setCurrentIndex(i >= 0 ? i : 0);
}

void DrillPanel::updateKind()
{
    const Choice &c = Choices[m_kind->currentData().toInt()];
    switch (c.kind) {
    case InjectedFault::Kind::Status:
        m_paramLabel->setText(tr("&Retry-After:"));
        m_param->setRange(0, 3600);
        m_param->setSuffix(tr(" s"));
        m_param->setSpecialValueText(tr("none"));
        m_param->setValue(c.status == 429 ? 5 : 0);
        break;
    case InjectedFault::Kind::Latency:
    case InjectedFault::Kind::SlowFirstToken:
        m_paramLabel->setText(tr("&Delay:"));
        m_param->setRange(10, 600'000);
        m_param->setSuffix(tr(" ms"));
        m_param->setSpecialValueText({});
        m_param->setValue(3000);
        break;
    case InjectedFault::Kind::Cut:
    case InjectedFault::Kind::Stall:
        m_paramLabel->setText(tr("&After:"));
        m_param->setRange(0, 10'000);
        m_param->setSuffix(tr(" chunks"));
        m_param->setSpecialValueText({});
        m_param->setValue(3);
        break;
    case InjectedFault::Kind::Outage:
        break;
    }
    const bool hasParam = c.kind != InjectedFault::Kind::Outage;
    m_paramLabel->setVisible(hasParam);
    m_param->setVisible(hasParam);
    m_param->setAccessibleName(m_paramLabel->text().remove(u'&').remove(u':'));
}

DrillSpec DrillPanel::spec() const
{
    const Choice &c = Choices[m_kind->currentData().toInt()];
    DrillSpec s;
    s.tier = m_tier->currentText();
    s.kind = c.kind;
    s.durationMs = qint64(m_duration->value()) * 1000;
    switch (c.kind) {
    case InjectedFault::Kind::Status:
        s.status = c.status;
        s.retryAfterSeconds = m_param->value();
        break;
    case InjectedFault::Kind::Latency:
    case InjectedFault::Kind::SlowFirstToken:
        s.delayMs = m_param->value();
        break;
    case InjectedFault::Kind::Cut:
    case InjectedFault::Kind::Stall:
        s.afterChunks = m_param->value();
        break;
    case InjectedFault::Kind::Outage:
        break;
    }
    return s;
}

bool DrillPanel::startDrill()
{
    const auto started = m_drills.start(spec());
    if (!started) {
        m_message->setText(tr("Not started: %1").arg(started.error()));
        return false;
    }
    m_message->setText(tr("Started %1: %2. Watch Chat, Health and Events respond.")
                           .arg(started.value().id, describeDrill(started.value().spec)));
    return true;
}

void DrillPanel::updateActive()
{
    const QString selected =
        m_active->currentItem() ? m_active->currentItem()->data(Qt::UserRole).toString() : QString();
    const QList<Drill> drills = m_drills.active();
    const QSignalBlocker block(m_active);
    m_active->clear();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Drill &d : drills) {
        const qint64 left = std::max<qint64>(0, (d.endsAt.toMSecsSinceEpoch() - now + 999) / 1000);
        auto *item = new QListWidgetItem(tr("%1: %2 — %3 s left").arg(d.id, describeDrill(d.spec)).arg(left),
                                         m_active);
        item->setData(Qt::UserRole, d.id);
        if (d.id == selected)
            m_active->setCurrentItem(item);
    }
    if (!m_active->currentItem() && m_active->count() > 0)
        m_active->setCurrentRow(0);
    m_active->setVisible(!drills.isEmpty());
    if (drills.isEmpty() && m_message->text().isEmpty())
        m_message->setText(tr("No drill is running."));
    m_stop->setEnabled(!drills.isEmpty());
    m_stopAll->setEnabled(!drills.isEmpty());
}
