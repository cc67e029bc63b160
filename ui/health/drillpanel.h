#pragma once

#include <QWidget>

class ChatEngine;
class DrillController;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
struct DrillSpec;

// Outage drills from the Health view: pick a tier, a fault and a duration, start; watch the chain
// respond; stop one drill or all at once. Drills end by themselves at their deadline.
class DrillPanel final : public QWidget
{
    Q_OBJECT

public:
    DrillPanel(ChatEngine &engine, DrillController &drills, QWidget *parent = nullptr);

    // The spec the form describes (tests, automation).
    DrillSpec spec() const;
    bool startDrill();

private:
    void updateTiers();
    void updateKind();
    void updateActive();

    ChatEngine &m_engine;
    DrillController &m_drills;
    QComboBox *m_tier = nullptr;
    QComboBox *m_kind = nullptr;
    QSpinBox *m_duration = nullptr;
    QLabel *m_paramLabel = nullptr;
    QSpinBox *m_param = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_stopAll = nullptr;
    QListWidget *m_active = nullptr;
    QLabel *m_message = nullptr;
};
