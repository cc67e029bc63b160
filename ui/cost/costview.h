#pragma once

#include <QWidget>

class ChatEngine;
class QLabel;

// Spend of this session, per tier. The migration calculator arrives in a later release.
class CostView final : public QWidget
{
    Q_OBJECT

public:
    CostView(ChatEngine &engine, QWidget *parent = nullptr);

private:
    QLabel *m_summary = nullptr;
};
