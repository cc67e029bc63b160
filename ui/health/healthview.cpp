#include "health/healthview.h"

#include "degrade/degradationcontroller.h"
#include "engine/chatengine.h"
#include "health/drillpanel.h"
#include "health/healthmonitor.h"
#include "health/latencychart.h"
#include "health/tierhealthmodel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

HealthView::HealthView(ChatEngine &engine, HealthMonitor &health, DegradationController *degradation,
                       DrillController *drills, HistoryRecorder *history, ConversationStore *store,
                       QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_health(health)
    , m_degradation(degradation)
    , m_model(new TierHealthModel(health, this))
{
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("systemStatusLabel"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont big = m_status->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_status->setFont(big);
    m_reasons = new QLabel(this);
    m_reasons->setObjectName(QStringLiteral("healthReasonsLabel"));
    m_reasons->setWordWrap(true);
    m_reasons->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_level = new QLabel(this);
    m_level->setObjectName(QStringLiteral("degradationLevelLabel"));

    m_pin = new QComboBox(this);
    m_pin->setObjectName(QStringLiteral("pinLevelComboBox"));
    m_pin->setAccessibleName(tr("Degradation level"));
    m_pin->setToolTip(
        tr("Automatic follows system health; any other choice pins the level for every request."));
    m_pin->addItem(tr("Automatic"), QString());
    m_pin->addItem(tr("Pinned: full"), degradationLevelName(DegradationLevel::Full));
    m_pin->addItem(tr("Pinned: reduced"), degradationLevelName(DegradationLevel::Reduced));
    m_pin->addItem(tr("Pinned: minimal"), degradationLevelName(DegradationLevel::Minimal));
    m_pin->addItem(tr("Pinned: fallback (no model calls)"), degradationLevelName(DegradationLevel::Fallback));
    m_pin->setEnabled(degradation != nullptr);
    m_probe = new QPushButton(tr("&Probe now"), this);
    m_probe->setObjectName(QStringLiteral("probeNowButton"));
    m_probe->setToolTip(tr("Ask every provider for its models listing now: no tokens, no cost"));
    auto *reset = new QPushButton(tr("&Reset breaker"), this);
    reset->setObjectName(QStringLiteral("resetBreakerButton"));
    reset->setToolTip(tr("Close the selected tier's breaker and forget its rate limit"));
    reset->setEnabled(false);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("tierHealthTableView"));
    m_table->setAccessibleName(tr("Tier health"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto *levelRow = new QHBoxLayout;
    auto *levelCaption = new QLabel(tr("&Level:"), this);
    levelCaption->setBuddy(m_pin);
    levelRow->addWidget(m_level, 1);
    levelRow->addWidget(levelCaption);
    levelRow->addWidget(m_pin);
    levelRow->addWidget(m_probe);
    levelRow->addWidget(reset);
    m_chart = new LatencyChart(history, store, this);
    m_chart->setObjectName(QStringLiteral("latencyChart"));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("healthSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    // The table shows every tier without scrolling; the chart takes the rest.
    const int rows = std::max(3, m_model->rowCount());
    split->setSizes({m_table->horizontalHeader()->sizeHint().height() +
                         rows * m_table->verticalHeader()->defaultSectionSize() + 6,
                     400});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_reasons);
    layout->addLayout(levelRow);
    layout->addWidget(split, 1);
    if (drills) {
        auto *box = new QGroupBox(tr("Outage &drills"), this);
        box->setObjectName(QStringLiteral("drillBox"));
        m_drills = new DrillPanel(engine, *drills, box);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->addWidget(m_drills);
        layout->addWidget(box);
    }

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, reset,
            [reset](const QModelIndex &current) { reset->setEnabled(current.isValid()); });
    connect(reset, &QPushButton::clicked, this, [this] {
        const QString tier = m_model->tierAt(m_table->currentIndex().row());
        if (!tier.isEmpty())
            m_engine.resetTier(tier);
        m_model->refresh();
    });
    connect(m_probe, &QPushButton::clicked, this, [this] {
        m_probe->setEnabled(false);
        m_health.probeNow(true, [this] { m_probe->setEnabled(true); });
    });
    connect(m_pin, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_degradation)
            return;
        m_degradation->pin(degradationLevelFromName(m_pin->currentData().toString()));
    });
    if (degradation)
        connect(degradation, &DegradationController::levelChanged, this, &HealthView::updateHeader);
    connect(&health, &HealthMonitor::healthChanged, this, &HealthView::updateHeader);
    auto *timer = new QTimer(this); // cooldowns count down, windows slide
    timer->start(1000);
    connect(timer, &QTimer::timeout, m_model, &TierHealthModel::refresh);
    connect(timer, &QTimer::timeout, this, &HealthView::updateHeader);
    // Columns follow their contents as they change (a status or breaker state, in any language, is
    // never cut); the reason takes the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(m_model->columnCount() - 1, QHeaderView::Stretch);
    updateHeader();
}

void HealthView::updateHeader()
{
    const SystemHealth &h = m_model->health();
    QString status;
    switch (h.status) {
    case HealthStatus::Healthy:
        status = tr("System healthy");
        break;
    case HealthStatus::Degraded:
        status = tr("System degraded");
        break;
    case HealthStatus::Critical:
        status = tr("System critical: no tier can answer");
        break;
    }
    if (!h.recommendedTier.isEmpty())
        status += tr(" — recommended tier: %1").arg(h.recommendedTier);
    m_status->setText(status);
    m_status->setAccessibleName(status);
    m_reasons->setText(h.reasons.isEmpty() ? tr("Every tier is answering normally.")
                                           : h.reasons.join(QLatin1Char('\n')));
    if (m_degradation) {
        m_level->setText(tr("Degradation level for normal requests: %1%2")
                             .arg(degradationLevelText(m_degradation->systemLevel()),
                                  m_degradation->pinned() ? tr(" (pinned)") : QString()));
    } else {
        m_level->clear();
    }
}
