#pragma once

#include <QWidget>

class ChatEngine;
class EventLogModel;
class QCheckBox;
class QPlainTextEdit;
class QTableView;

// The event log: attempts, tier switches and breaker changes as they happen.
class EventsView final : public QWidget
{
    Q_OBJECT

public:
    EventsView(ChatEngine &engine, QWidget *parent = nullptr);
    EventLogModel *model() const { return m_model; }

private:
    void onRowsInserted();
    void showDetail();

    EventLogModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QCheckBox *m_follow = nullptr;
    QPlainTextEdit *m_detail = nullptr;
};
