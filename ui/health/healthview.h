#pragma once

#include <QWidget>

class ChatEngine;
class DegradationController;
class HealthMonitor;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class TierHealthModel;

// Tier health and the system verdict: status, reasons, recommended tier, the degradation level
// (which the operator can pin), probes, and one row per tier.
class HealthView final : public QWidget
{
    Q_OBJECT

public:
    // `degradation` may be null (no level control).
    HealthView(ChatEngine &engine, HealthMonitor &health, DegradationController *degradation,
               QWidget *parent = nullptr);

private:
    void updateHeader();

    ChatEngine &m_engine;
    HealthMonitor &m_health;
    DegradationController *m_degradation;
    TierHealthModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_reasons = nullptr;
    QLabel *m_level = nullptr;
    QComboBox *m_pin = nullptr;
    QPushButton *m_probe = nullptr;
};
