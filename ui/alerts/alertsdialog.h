#pragma once

#include "alerts/alertsettings.h"

#include <QDialog>
#include <QHash>

#include <functional>

class AlertDispatcher;
class AlertRouter;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QSpinBox;
class SecretStore;

// Tools ▸ Alerts: the sinks (banner, tray, Slack, PagerDuty, webhooks), what each takes (kinds and a
// minimum severity), the quiet thresholds, and "Send test alert". Webhook URLs and routing keys go
// straight to the keychain on Save; the dialog shows a masked suffix of a stored one at most.
class AlertsDialog final : public QDialog
{
    Q_OBJECT

public:
    AlertsDialog(AlertRouter &router, AlertDispatcher *dispatcher, SecretStore *secrets,
                 const QString &settingsPath, QWidget *parent = nullptr);

    const AlertSettings &draft() const { return m_draft; }
    // Adds a sink of this type and selects it.
    void addSink(AlertSinkType type);
    void removeCurrentSink();
    // Writes the settings file and the changed secrets, then applies the settings. `done` gets
    // whether everything was saved.
    void save(std::function<void(bool)> done = {});
    // Saves, then sends a test alert to the selected sink.
    void sendTest();
    QString statusText() const;

signals:
    // A save or a test was handed over (tests wait on it).
    void settled();

private:
    int currentIndex() const;
    void fillList();
    void showInList(QListWidgetItem *item, const AlertSink &sink) const;
    // Why what was typed cannot be saved (a URL or endpoint), or empty.
    QString problemBeforeSave() const;
    void showSink(int index);
    void updateFromForm();
    void showStoredSecret(const AlertSink &sink);
    void setStatus(const QString &text, bool problem = false);

    AlertRouter &m_router;
    AlertDispatcher *m_dispatcher;
    SecretStore *m_secrets;
    QString m_path;
    AlertSettings m_draft;
    QHash<QString, QByteArray> m_newSecrets; // sink id -> the URL or key typed, until saved
    QStringList m_removedSecrets;
    QHash<QString, QString> m_lastDelivery; // sink id -> what happened to its last alert
    bool m_loading = false;

    QListWidget *m_list = nullptr;
    QPushButton *m_remove = nullptr;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_enabled = nullptr;
    QComboBox *m_severity = nullptr;
    QHash<AlertKind, QCheckBox *> m_kinds;
    QLabel *m_secretLabel = nullptr;
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_reveal = nullptr;
    QLabel *m_eventsUrlLabel = nullptr;
    QLineEdit *m_eventsUrl = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_sinkStatus = nullptr;
    QSpinBox *m_perMinute = nullptr;
    QSpinBox *m_minSwitches = nullptr;
    QSpinBox *m_window = nullptr;
    QLabel *m_status = nullptr;
};
