#pragma once

#include <QWidget>

class ChatEngine;
class ConversationStore;
class DegradationController;
class DrillController;
class DrillPanel;
class HealthMonitor;
class HistoryRecorder;
class LatencyChart;
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
    // Everything but the engine and health may be null: the view then leaves out what needs it
    // (level control, drills, live chart, history).
    HealthView(ChatEngine &engine, HealthMonitor &health, DegradationController *degradation,
               DrillController *drills, HistoryRecorder *history, ConversationStore *store,
               QWidget *parent = nullptr);

    LatencyChart *chart() const { return m_chart; }

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
    LatencyChart *m_chart = nullptr;
    DrillPanel *m_drills = nullptr;
};
