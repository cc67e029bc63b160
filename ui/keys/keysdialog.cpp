#include "keys/keysdialog.h"

#include "engine/chatengine.h"
#include "secrets/secretstore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

KeysModel::KeysModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void KeysModel::setProviders(const QList<ProviderConfig> &providers)
{
    beginResetModel();
    m_rows.clear();
    for (const ProviderConfig &p : providers)
        m_rows.append({p, tr("…"), QString()});
    endResetModel();
}

void KeysModel::setKeyState(int row, const QString &state)
{
    if (row < 0 || row >= rowCount())
        return;
    m_rows[row].keyState = state;
    emit dataChanged(index(row, Key), index(row, Key));
}

void KeysModel::setTestResult(int row, const QString &result)
{
    if (row < 0 || row >= rowCount())
        return;
    m_rows[row].lastTest = result;
    emit dataChanged(index(row, LastTest), index(row, LastTest));
}

int KeysModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeysModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeysModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (index.column()) {
    case Provider:
        return r.provider.id;
    case Kind:
        return providerKindName(r.provider.kind);
    case Key:
        return r.keyState;
    case LastTest:
        return r.lastTest;
    }
    return {};
}

QVariant KeysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Provider:
        return tr("Provider");
    case Kind:
        return tr("Kind");
    case Key:
        return tr("Key");
    case LastTest:
        return tr("Last test");
    }
    return {};
}

KeysDialog::KeysDialog(ChatEngine &engine, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_secrets(engine.secrets())
{
    setWindowTitle(tr("API Keys"));
    setObjectName(QStringLiteral("keysDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Keys live only in the OS keychain (%1). A stored key is never shown again; "
                                "Test makes the cheapest authenticated call (a models listing).")
                                 .arg(m_secrets ? m_secrets->backendName() : tr("none available")),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_model = new KeysModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("keysTable"));
    m_table->setAccessibleName(tr("Providers and their keys"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto *form = new QFormLayout;
    auto *keyRow = new QHBoxLayout;
    m_keyEdit = new QLineEdit(this);
    m_keyEdit->setObjectName(QStringLiteral("keyEdit"));
    m_keyEdit->setAccessibleName(tr("New key"));
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("Paste a new key to set or replace the selected provider's"));
    m_reveal = new QCheckBox(tr("S&how while typing"), this);
    m_reveal->setObjectName(QStringLiteral("revealKeyCheckBox"));
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_reveal);
    auto *keyLabel = new QLabel(tr("&Key:"), this);
    keyLabel->setBuddy(m_keyEdit);
    form->addRow(keyLabel, keyRow);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    const auto button = [this, buttons](const QString &text, const QString &name) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setAccessibleName(QString(text).remove(u'&'));
        b->setAutoDefault(false);
        buttons->addWidget(b);
        return b;
    };
    m_save = button(tr("&Set / replace"), QStringLiteral("saveKeyButton"));
    m_test = button(tr("&Test"), QStringLiteral("testKeyButton"));
    m_delete = button(tr("&Delete"), QStringLiteral("deleteKeyButton"));
    buttons->addStretch(1);
    auto *close = button(tr("&Close"), QStringLiteral("closeKeysButton"));
    layout->addLayout(buttons);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("keysStatusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(m_reveal, &QCheckBox::toggled, this,
            [this](bool on) { m_keyEdit->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_save, &QPushButton::clicked, this, &KeysDialog::saveKey);
    connect(m_test, &QPushButton::clicked, this, &KeysDialog::testKey);
    connect(m_delete, &QPushButton::clicked, this, &KeysDialog::deleteKey);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_keyEdit, &QLineEdit::textChanged, this, &KeysDialog::updateButtons);

    QList<ProviderConfig> providers;
    if (const auto config = engine.config())
        providers = config->providers;
    m_model->setProviders(providers);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &KeysDialog::updateButtons);
    for (int row = 0; row < m_model->rowCount(); ++row)
        refresh(row);
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    updateButtons();
    resize(720, 420);
}

QString KeysDialog::masked(const QByteArray &key)
{
    const QString suffix = maskedKey(key);
    return suffix.size() > 1 ? tr("set (%1)").arg(suffix) : tr("set");
}

int KeysDialog::currentRow() const
{
    return m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
}

void KeysDialog::updateButtons()
{
    const int row = currentRow();
    const bool keychain = row >= 0 && m_model->provider(row).auth == AuthMode::Keychain &&
                          m_model->provider(row).kind != ProviderKind::Simulated && m_secrets;
    m_save->setEnabled(keychain && !m_keyEdit->text().trimmed().isEmpty());
    m_delete->setEnabled(keychain);
    m_keyEdit->setEnabled(keychain);
    m_test->setEnabled(row >= 0);
}

void KeysDialog::refresh(int row)
{
    const ProviderConfig &p = m_model->provider(row);
    // Where the engine looks for the key: by the provider's auth, as ChatEngine::resolveKey does.
    if (p.auth == AuthMode::None) {
        m_model->setKeyState(row, tr("no key needed"));
        return;
    }
    if (p.auth == AuthMode::Env) {
        m_model->setKeyState(row, qEnvironmentVariableIsSet(qPrintable(p.apiKeyEnv))
                                      ? tr("from $%1").arg(p.apiKeyEnv)
                                      : tr("$%1 is not set").arg(p.apiKeyEnv));
        return;
    }
    if (!m_secrets) {
        m_model->setKeyState(row, tr("no keychain"));
        return;
    }
    m_secrets->read(p.keyName(), this, [this, row](const SecretResult &r) {
        m_model->setKeyState(row, r.ok() ? masked(r.value)
                                  : r.status == SecretResult::Status::NotFound
                                      ? tr("no key")
                                      : tr("unknown: %1").arg(r.message));
        emit settled();
    });
}

void KeysDialog::saveKey()
{
    const int row = currentRow();
    if (row < 0 || !m_secrets)
        return;
    QByteArray key = m_keyEdit->text().trimmed().toUtf8();
    m_keyEdit->clear(); // the field does not keep it
    if (key.isEmpty())
        return;
    const QString id = m_model->provider(row).id;
    m_status->setText(tr("Storing the key for %1…").arg(id));
    m_secrets->write(m_model->provider(row).keyName(), key, this, [this, row, id](const SecretResult &r) {
        m_status->setText(r.ok() ? tr("The key for %1 is in the keychain.").arg(id)
                                 : tr("The key for %1 was not stored: %2").arg(id, r.message));
        refresh(row);
        emit settled();
    });
    key.fill('\0');
}

void KeysDialog::deleteKey()
{
    const int row = currentRow();
    if (row < 0 || !m_secrets)
        return;
    const QString id = m_model->provider(row).id;
    m_secrets->remove(m_model->provider(row).keyName(), this, [this, row, id](const SecretResult &r) {
        m_status->setText(r.ok() || r.status == SecretResult::Status::NotFound
                              ? tr("No key for %1 in the keychain now.").arg(id)
                              : tr("The key for %1 was not deleted: %2").arg(id, r.message));
        refresh(row);
        emit settled();
    });
}

void KeysDialog::testKey()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const QString id = m_model->provider(row).id;
    QString tier;
    if (const auto config = m_engine.config())
        if (const TierConfig *t = config->firstTierOf(id))
            tier = t->name;
    if (tier.isEmpty()) {
        m_model->setTestResult(row, tr("no tier uses this provider"));
        emit settled();
        return;
    }
    m_model->setTestResult(row, tr("testing…"));
    m_engine.probeTier(tier, this, [this, row](const ChatEngine::ProbeResult &r) {
        m_model->setTestResult(row, r.ok                          ? tr("accepted (%1 ms)").arg(r.latencyMs)
                                    : r.error == ErrorClass::Auth ? tr("rejected: %1").arg(r.message)
                                                                  : tr("unreachable: %1").arg(r.message));
        emit settled();
    });
}
