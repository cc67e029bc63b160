#include "alerts/alertsdialog.h"

#include "alerts/alertdispatcher.h"
#include "alerts/alertrouter.h"
#include "secrets/secretstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace {

QString typeText(AlertSinkType type)
{
    switch (type) {
    case AlertSinkType::Banner:
        return AlertsDialog::tr("In-app banner");
    case AlertSinkType::Tray:
        return AlertsDialog::tr("Tray notification");
    case AlertSinkType::Slack:
        return AlertsDialog::tr("Slack");
    case AlertSinkType::PagerDuty:
        return AlertsDialog::tr("PagerDuty");
    case AlertSinkType::Webhook:
        return AlertsDialog::tr("Webhook");
    }
    return {};
}

} // namespace

AlertsDialog::AlertsDialog(AlertRouter &router, AlertDispatcher *dispatcher, SecretStore *secrets,
                           const QString &settingsPath, QWidget *parent)
    : QDialog(parent)
    , m_router(router)
    , m_dispatcher(dispatcher)
    , m_secrets(secrets)
    , m_path(settingsPath)
    , m_draft(router.settings())
{
    setObjectName(QStringLiteral("alertsDialog"));
    setWindowTitle(tr("Alerts"));
    resize(760, 520);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("alertSinkList"));
    m_list->setAccessibleName(tr("Alert sinks"));
    auto *add = new QToolButton(this);
    add->setObjectName(QStringLiteral("addSinkButton"));
    add->setText(tr("&Add"));
    add->setAccessibleName(tr("Add a sink"));
    add->setPopupMode(QToolButton::InstantPopup);
    auto *addMenu = new QMenu(add);
    for (AlertSinkType type : {AlertSinkType::Slack, AlertSinkType::PagerDuty, AlertSinkType::Webhook}) {
        QAction *a = addMenu->addAction(typeText(type), this, [this, type] { addSink(type); });
        a->setObjectName(QStringLiteral("add%1SinkAction").arg(alertSinkTypeName(type)));
    }
    add->setMenu(addMenu);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeSinkButton"));
    m_remove->setAccessibleName(tr("Remove the selected sink"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch();
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("sinkNameEdit"));
    m_name->setAccessibleName(tr("Sink name"));
    m_enabled = new QCheckBox(tr("&Enabled"), this);
    m_enabled->setObjectName(QStringLiteral("sinkEnabledCheck"));
    m_severity = new QComboBox(this);
    m_severity->setObjectName(QStringLiteral("sinkSeverityCombo"));
    m_severity->setAccessibleName(tr("Minimum severity"));
    for (AlertSeverity s :
         {AlertSeverity::Info, AlertSeverity::Warning, AlertSeverity::Error, AlertSeverity::Critical})
        m_severity->addItem(AlertText::severity(s), int(s));
    auto *kindsBox = new QWidget(this);
    auto *kindsLayout = new QVBoxLayout(kindsBox);
    kindsLayout->setContentsMargins(0, 0, 0, 0);
    for (AlertKind kind : allAlertKinds()) {
        auto *check = new QCheckBox(AlertText::kind(kind), kindsBox);
        check->setObjectName(QStringLiteral("sinkKind_%1").arg(alertKindName(kind)));
        kindsLayout->addWidget(check);
        m_kinds.insert(kind, check);
        connect(check, &QCheckBox::toggled, this, &AlertsDialog::updateFromForm);
    }
    m_secretLabel = new QLabel(tr("Webhook &URL:"), this);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("sinkSecretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setAccessibleName(tr("Webhook URL or routing key (kept in the keychain)"));
    m_secretLabel->setBuddy(m_secret);
    m_reveal = new QCheckBox(tr("S&how while typing"), this);
    m_reveal->setObjectName(QStringLiteral("sinkRevealCheck"));
    connect(m_reveal, &QCheckBox::toggled, this,
            [this](bool on) { m_secret->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_reveal);
    m_eventsUrlLabel = new QLabel(tr("Events API &endpoint:"), this);
    m_eventsUrl = new QLineEdit(this);
    m_eventsUrl->setObjectName(QStringLiteral("sinkEventsUrlEdit"));
    m_eventsUrl->setAccessibleName(tr("PagerDuty Events API endpoint"));
    m_eventsUrl->setPlaceholderText(QString(AlertSink::PagerDutyEventsUrl));
    m_eventsUrlLabel->setBuddy(m_eventsUrl);
    m_test = new QPushButton(tr("Send &test alert"), this);
    m_test->setObjectName(QStringLiteral("sendTestAlertButton"));
    m_test->setToolTip(tr("Saves your changes, then sends a test alert to this sink only."));
    m_sinkStatus = new QLabel(this);
    m_sinkStatus->setObjectName(QStringLiteral("sinkStatusLabel"));
    m_sinkStatus->setWordWrap(true);

    auto *sinkForm = new QFormLayout;
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    sinkForm->addRow(nameLabel, m_name);
    sinkForm->addRow(QString(), m_enabled);
    auto *severityLabel = new QLabel(tr("Minimum &severity:"), this);
    severityLabel->setBuddy(m_severity);
    sinkForm->addRow(severityLabel, m_severity);
    sinkForm->addRow(tr("Sends:"), kindsBox);
    sinkForm->addRow(m_secretLabel, secretRow);
    sinkForm->addRow(m_eventsUrlLabel, m_eventsUrl);
    sinkForm->addRow(QString(), m_test);
    sinkForm->addRow(QString(), m_sinkStatus);
    auto *sinkBox = new QGroupBox(tr("Sink"), this);
    sinkBox->setLayout(sinkForm);

    m_perMinute = new QSpinBox(this);
    m_perMinute->setObjectName(QStringLiteral("maxPerMinuteSpin"));
    m_perMinute->setAccessibleName(tr("Most alerts a minute"));
    m_perMinute->setRange(1, 1000);
    m_minSwitches = new QSpinBox(this);
    m_minSwitches->setObjectName(QStringLiteral("minSwitchesSpin"));
    m_minSwitches->setAccessibleName(tr("Switches before a switch alert"));
    m_minSwitches->setRange(1, 1000);
    m_window = new QSpinBox(this);
    m_window->setObjectName(QStringLiteral("switchWindowSpin"));
    m_window->setAccessibleName(tr("Within minutes"));
    m_window->setRange(1, 1440);
    m_window->setSuffix(tr(" min"));
    auto *quiet = new QFormLayout;
    auto *perMinuteLabel = new QLabel(tr("At &most this many alerts a minute:"), this);
    perMinuteLabel->setBuddy(m_perMinute);
    quiet->addRow(perMinuteLabel, m_perMinute);
    auto *switchesLabel = new QLabel(tr("Alert on a tier's &switches after:"), this);
    switchesLabel->setBuddy(m_minSwitches);
    auto *switchRow = new QHBoxLayout;
    switchRow->addWidget(m_minSwitches);
    switchRow->addWidget(new QLabel(tr("switches within"), this));
    switchRow->addWidget(m_window);
    switchRow->addStretch();
    quiet->addRow(switchesLabel, switchRow);
    auto *quietBox = new QGroupBox(tr("Quiet thresholds (resolves always go out)"), this);
    quietBox->setLayout(quiet);

    auto *right = new QVBoxLayout;
    right->addWidget(sinkBox, 1);
    right->addWidget(quietBox);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(right, 5);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("alertsStatusLabel"));
    m_status->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveAlertsButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { save(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *outer = new QVBoxLayout(this);
    outer->addLayout(columns, 1);
    outer->addWidget(m_status);
    outer->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &AlertsDialog::showSink);
    connect(m_remove, &QPushButton::clicked, this, &AlertsDialog::removeCurrentSink);
    connect(m_name, &QLineEdit::textEdited, this, &AlertsDialog::updateFromForm);
    connect(m_enabled, &QCheckBox::toggled, this, &AlertsDialog::updateFromForm);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &AlertsDialog::updateFromForm);
    connect(m_eventsUrl, &QLineEdit::textEdited, this, &AlertsDialog::updateFromForm);
    connect(m_secret, &QLineEdit::textEdited, this, [this](const QString &text) {
        const int i = currentIndex();
        if (i < 0)
            return;
        // The typed secret is kept only until Save writes it to the keychain.
        if (text.isEmpty())
            m_newSecrets.remove(m_draft.sinks.at(i).id);
        else
            m_newSecrets.insert(m_draft.sinks.at(i).id, text.trimmed().toUtf8());
    });
    connect(m_test, &QPushButton::clicked, this, &AlertsDialog::sendTest);
    connect(m_perMinute, &QSpinBox::valueChanged, this, [this](int v) { m_draft.maxPerMinute = v; });
    connect(m_minSwitches, &QSpinBox::valueChanged, this, [this](int v) { m_draft.minSwitches = v; });
    connect(m_window, &QSpinBox::valueChanged, this, [this](int v) { m_draft.switchWindowS = v * 60; });
    if (m_dispatcher) {
        connect(m_dispatcher, &AlertDispatcher::delivered, this,
                [this](const AlertSink &sink, const Alert &, int attempts) {
                    m_lastDelivery.insert(sink.id,
                                          tr("Last alert delivered (%n attempt(s)).", nullptr, attempts));
                    showSink(currentIndex());
                });
        connect(
            m_dispatcher, &AlertDispatcher::deliveryFailed, this,
            [this](const AlertSink &sink, const Alert &, int attempt, const QString &message, int retryInMs) {
                m_lastDelivery.insert(sink.id,
                                      retryInMs >= 0
                                          ? tr("Attempt %1 failed (%2); retrying.").arg(attempt).arg(message)
                                          : tr("Not delivered: %1.").arg(message));
                showSink(currentIndex());
            });
    }
    m_perMinute->setValue(m_draft.maxPerMinute);
    m_minSwitches->setValue(m_draft.minSwitches);
    m_window->setValue(std::max(1, m_draft.switchWindowS / 60));
    fillList();
    m_list->setCurrentRow(0);
}

int AlertsDialog::currentIndex() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_draft.sinks.size() ? row : -1;
}

void AlertsDialog::fillList()
{
    const int row = m_list->currentRow();
    m_list->clear();
    for (const AlertSink &s : std::as_const(m_draft.sinks))
        showInList(new QListWidgetItem(m_list), s);
    m_list->setCurrentRow(std::min(row, int(m_draft.sinks.size()) - 1));
}

void AlertsDialog::showInList(QListWidgetItem *item, const AlertSink &sink) const
{
    item->setText(tr("%1 (%2)").arg(sink.name, typeText(sink.type)));
    item->setForeground(
        palette().color(sink.enabled ? QPalette::Normal : QPalette::Disabled, QPalette::Text));
}

void AlertsDialog::showSink(int index)
{
    m_loading = true;
    const bool valid = index >= 0 && index < m_draft.sinks.size();
    const AlertSink sink = valid ? m_draft.sinks.at(index) : AlertSink{};
    for (QWidget *w : std::initializer_list<QWidget *>{m_name, m_enabled, m_severity, m_test})
        w->setEnabled(valid);
    m_remove->setEnabled(valid && sink.isHttp());
    m_name->setText(sink.name);
    m_enabled->setChecked(sink.enabled);
    m_severity->setCurrentIndex(m_severity->findData(int(sink.minSeverity)));
    for (auto it = m_kinds.begin(); it != m_kinds.end(); ++it) {
        it.value()->setEnabled(valid);
        it.value()->setChecked(sink.kinds.isEmpty() || sink.kinds.contains(it.key()));
    }
    const bool http = valid && sink.isHttp();
    m_secretLabel->setVisible(http);
    m_secret->setVisible(http);
    m_reveal->setVisible(http);
    m_secretLabel->setText(sink.type == AlertSinkType::PagerDuty ? tr("Routing &key:") : tr("Webhook &URL:"));
    m_secret->clear();
    if (http && m_newSecrets.contains(sink.id))
        m_secret->setText(QString::fromUtf8(m_newSecrets.value(sink.id)));
    else if (http)
        showStoredSecret(sink);
    const bool pd = valid && sink.type == AlertSinkType::PagerDuty;
    m_eventsUrlLabel->setVisible(pd);
    m_eventsUrl->setVisible(pd);
    m_eventsUrl->setText(sink.eventsUrl.toString());
    m_sinkStatus->setText(valid ? m_lastDelivery.value(sink.id) : QString());
    m_loading = false;
}

void AlertsDialog::showStoredSecret(const AlertSink &sink)
{
    m_secret->setPlaceholderText(tr("Checking the keychain…"));
    if (!m_secrets) {
        m_secret->setPlaceholderText(tr("No keychain: this sink cannot be used"));
        return;
    }
    const QString id = sink.id;
    m_secrets->read(sink.secretName(), this, [this, id](const SecretResult &r) {
        const int i = currentIndex();
        if (i < 0 || m_draft.sinks.at(i).id != id)
            return;
        if (r.ok())
            m_secret->setPlaceholderText(
                tr("Stored in the keychain (%1); type to replace").arg(maskedKey(r.value)));
        else if (r.status == SecretResult::Status::NotFound)
            m_secret->setPlaceholderText(tr("Not set"));
        else
            m_secret->setPlaceholderText(r.message);
    });
}

void AlertsDialog::updateFromForm()
{
    const int i = currentIndex();
    if (m_loading || i < 0)
        return;
    AlertSink &sink = m_draft.sinks[i];
    const QString name = m_name->text().trimmed();
    if (!name.isEmpty())
        sink.name = name;
    sink.enabled = m_enabled->isChecked();
    sink.minSeverity = AlertSeverity(m_severity->currentData().toInt());
    sink.kinds.clear();
    bool all = true;
    for (AlertKind kind : allAlertKinds()) {
        if (m_kinds.value(kind)->isChecked())
            sink.kinds.append(kind);
        else
            all = false;
    }
    if (all)
        sink.kinds.clear(); // every kind, including ones a later version adds
    sink.eventsUrl = QUrl(m_eventsUrl->text().trimmed());
    showInList(m_list->item(i), sink);
}

void AlertsDialog::addSink(AlertSinkType type)
{
    AlertSink sink;
    sink.type = type;
    sink.id = m_draft.uniqueId(alertSinkTypeName(type));
    sink.name = typeText(type);
    // Tier outages by default; level and health summarise the same outage system-wide (opt in).
    sink.kinds = {AlertKind::Switch, AlertKind::Breaker, AlertKind::Budget};
    m_draft.sinks.append(sink);
    m_removedSecrets.removeAll(sink.secretName());
    fillList();
    m_list->setCurrentRow(int(m_draft.sinks.size()) - 1);
    m_secret->setFocus();
}

void AlertsDialog::removeCurrentSink()
{
    const int i = currentIndex();
    if (i < 0 || !m_draft.sinks.at(i).isHttp())
        return;
    const AlertSink sink = m_draft.sinks.takeAt(i);
    m_newSecrets.remove(sink.id);
    m_removedSecrets.append(sink.secretName());
    fillList();
    showSink(currentIndex());
}

void AlertsDialog::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
}

QString AlertsDialog::statusText() const
{
    return m_status->text();
}

QString AlertsDialog::problemBeforeSave() const
{
    for (auto it = m_newSecrets.cbegin(); it != m_newSecrets.cend(); ++it) {
        const AlertSink *sink = m_draft.sink(it.key());
        if (!sink || sink->type == AlertSinkType::PagerDuty)
            continue;
        if (const QString problem = AlertDispatcher::urlProblem(QUrl(QString::fromUtf8(it.value())));
            !problem.isEmpty())
            return tr("The URL of %1 is not used: %2.").arg(sink->name, problem);
    }
    for (const AlertSink &sink : m_draft.sinks) {
        if (sink.type != AlertSinkType::PagerDuty || sink.eventsUrl.isEmpty())
            continue;
        if (const QString problem = AlertDispatcher::urlProblem(sink.eventsUrl); !problem.isEmpty())
            return tr("The endpoint of %1 is not used: %2.").arg(sink.name, problem);
    }
    return {};
}

void AlertsDialog::save(std::function<void(bool)> done)
{
    updateFromForm();
    const auto refuse = [this, &done](const QString &message) {
        setStatus(message, true);
        if (done)
            done(false);
        emit settled();
    };
    // Check what was typed before anything is written.
    if (const QString problem = problemBeforeSave(); !problem.isEmpty())
        return refuse(problem);
    if (const auto saved = m_draft.save(m_path); !saved)
        return refuse(tr("The alert settings were not saved: %1").arg(saved.error()));
    m_router.setSettings(m_draft);
    if ((!m_newSecrets.isEmpty() || !m_removedSecrets.isEmpty()) && !m_secrets)
        return refuse(tr("Saved, but there is no keychain to keep the URLs and keys in."));
    // The secrets: written (or removed) one by one; the dialog lets go of each at once.
    struct Pending
    {
        int left = 0;
        QStringList problems;
        std::function<void(bool)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    const auto finished = [this, pending] {
        if (--pending->left > 0)
            return;
        if (pending->problems.isEmpty())
            setStatus(tr("Saved. Alerts now go where this page says."));
        else
            setStatus(tr("Saved, but: %1").arg(pending->problems.join(u"; ")), true);
        showSink(currentIndex());
        if (pending->done)
            pending->done(pending->problems.isEmpty());
        emit settled();
    };
    pending->left = 1 + int(m_newSecrets.size() + m_removedSecrets.size());
    for (auto it = m_newSecrets.cbegin(); it != m_newSecrets.cend(); ++it) {
        const QString name = it.key();
        m_secrets->write(m_draft.sink(name)->secretName(), it.value(), this,
                         [pending, finished, name](const SecretResult &r) {
                             if (!r.ok())
                                 pending->problems << tr("%1: %2").arg(name, r.message);
                             finished();
                         });
    }
    for (const QString &name : std::as_const(m_removedSecrets)) {
        m_secrets->remove(name, this, [pending, finished](const SecretResult &r) {
            if (!r.ok() && r.status != SecretResult::Status::NotFound)
                pending->problems << r.message;
            finished();
        });
    }
    for (auto &secret : m_newSecrets)
        secret.fill('\0');
    m_newSecrets.clear();
    m_removedSecrets.clear();
    m_secret->clear();
    finished();
}

void AlertsDialog::sendTest()
{
    const int i = currentIndex();
    if (i < 0)
        return;
    const QString id = m_draft.sinks.at(i).id;
    save([this, id](bool ok) {
        if (!ok)
            return;
        m_router.sendTest(id);
        const AlertSink *sink = m_draft.sink(id);
        setStatus(sink && sink->isHttp()
                      ? tr("Test alert sent to %1; its result shows under the sink.").arg(sink->name)
                      : tr("Test alert shown."));
    });
}
