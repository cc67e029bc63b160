#pragma once

#include "config/config.h"

#include <QAbstractTableModel>
#include <QDialog>

class ChatEngine;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class SecretStore;

// One row per provider: where its key comes from and whether one is stored. Never holds a key:
// a stored key shows as a masked suffix at most.
class KeysModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Provider,
        Kind,
        Key,
        LastTest,
        ColumnCount
    };
    explicit KeysModel(QObject *parent = nullptr);
    void setProviders(const QList<ProviderConfig> &providers);
    const ProviderConfig &provider(int row) const { return m_rows.at(row).provider; }
    void setKeyState(int row, const QString &state);
    void setTestResult(int row, const QString &result);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        ProviderConfig provider;
        QString keyState;
        QString lastTest;
    };
    QList<Row> m_rows;
};

// Tools ▸ API Keys: set, replace, test and delete each provider's key in the OS keychain.
class KeysDialog final : public QDialog
{
    Q_OBJECT

public:
    KeysDialog(ChatEngine &engine, QWidget *parent = nullptr);
    KeysModel *model() const { return m_model; }

    void saveKey();
    void deleteKey();
    void testKey();

signals:
    // A keychain call or a test finished (tests wait on it).
    void settled();

private:
    int currentRow() const;
    void refresh(int row);
    void updateButtons();
    static QString masked(const QByteArray &key);

    ChatEngine &m_engine;
    SecretStore *m_secrets;
    KeysModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_keyEdit = nullptr;
    QCheckBox *m_reveal = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_status = nullptr;
};
