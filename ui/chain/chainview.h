#pragma once

#include <QWidget>

class ChainTableModel;
class ConfigManager;
class QLabel;
class QTableView;

// The model chain: the tiers in failover order and the strategy that walks them.
class ChainView final : public QWidget
{
    Q_OBJECT

public:
    ChainView(ConfigManager &config, QWidget *parent = nullptr);

private:
    void refresh();

    ConfigManager &m_config;
    ChainTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_strategy = nullptr;
    QLabel *m_source = nullptr;
};
