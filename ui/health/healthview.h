#pragma once

#include <QWidget>

class ChatEngine;
class TierHealthModel;

// Tier health: breaker states with their cooldowns, and what real traffic saw.
class HealthView final : public QWidget
{
    Q_OBJECT

public:
    HealthView(ChatEngine &engine, QWidget *parent = nullptr);

private:
    TierHealthModel *m_model = nullptr;
};
