#include "chain/chainview.h"

#include "chain/chaintablemodel.h"
#include "config/configmanager.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

ChainView::ChainView(ConfigManager &config, QWidget *parent)
    : QWidget(parent)
    , m_config(config)
    , m_model(new ChainTableModel(this))
{
    auto *layout = new QVBoxLayout(this);
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("configSourceLabel"));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("chainTableView"));
    m_table->setAccessibleName(tr("Model chain"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_strategy = new QLabel(this);
    m_strategy->setObjectName(QStringLiteral("strategyLabel"));
    m_strategy->setWordWrap(true);
    m_strategy->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_source);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_strategy);
    connect(&m_config, &ConfigManager::configChanged, this, &ChainView::refresh);
    refresh();
}

void ChainView::refresh()
{
    const ChainConfig &c = m_config.config();
    m_model->setConfig(c);
    m_table->resizeColumnsToContents();
    m_source->setText(m_config.usingBuiltin() ? tr("Built-in simulated chain (no config file loaded)")
                                              : tr("Config file: %1").arg(m_config.path()));
    const Strategy &s = c.strategy;
    QStringList statuses;
    for (int code : s.retry.retryOnStatus)
        statuses << QString::number(code);
    m_strategy->setText(
        tr("Retries: %1 per tier on HTTP %2, backoff factor %3 s, longest wait %4 ms. Request budget: %5 ms. "
           "Stream failover: %6. Content policy: %7. Breaker: opens after %8 consecutive failures or a %9% "
           "failure rate over %10 requests, cooldown %11 ms.")
            .arg(s.retry.maxRetries)
            .arg(statuses.join(QStringLiteral(", ")))
                     .arg(s.retry.backoffFactor)
                     .arg(s.retry.maxWaitMs)
                     .arg(s.requestBudgetMs)
                     .arg(streamFailoverName(s.streamFailover), contentPolicyName(s.contentPolicy))
                     .arg(s.breaker.failureThreshold)
                     .arg(qRound(s.breaker.failureRate * 100))
                     .arg(s.breaker.window)
                     .arg(s.breaker.cooldownMs));
}
