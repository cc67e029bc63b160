#pragma once

#include <QWidget>

class ConversationStore;
class EventLogModel;
class HistoryRecorder;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
struct StoredEvent;

// The event log: attempts, switches, breaker and level changes, health, drills, alerts — live and
// from history — with filters by kind, tier and text, sorting, follow-tail, a detail pane and CSV
// export of the filtered rows.
class EventsView final : public QWidget
{
    Q_OBJECT

public:
    // `history` feeds live events; `store` gives the last day's events at start. Either may be null.
    EventsView(HistoryRecorder *history, ConversationStore *store, QWidget *parent = nullptr);
    EventLogModel *model() const { return m_model; }

    // Writes the filtered rows to `path` (RFC 4180 CSV); false with `error` set when it cannot.
    bool exportCsv(const QString &path, QString *error);

private:
    void applyFilter();
    void onRowsInserted();
    void updateCount(); // "12 of 3,400 events"
    void showDetail();
    void refreshTiers();
    void loadHistory();

    EventLogModel *m_model = nullptr;
    ConversationStore *m_store = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_tier = nullptr;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_follow = nullptr;
    QLabel *m_count = nullptr;
    QPlainTextEdit *m_detail = nullptr;
};
