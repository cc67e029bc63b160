#pragma once

#include "config/config.h"

#include <QAbstractTableModel>

#include <functional>

class ChainDraft;

// One list of the draft config (providers or tiers) as an editable table. Each column reads and
// writes one field; every edit is an undoable step of the draft. The cell named by the draft's
// validation error is highlighted and carries the reason as its tooltip.
class ConfigTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        ChoicesRole = Qt::UserRole + 1, // QStringList: the editor is a combo box of these
        MinimumRole,                    // numeric editors: the valid range
        MaximumRole,
        DecimalsRole,
        ErrorRole, // QString: the validation error of this cell, if any
    };

    struct Column
    {
        QString header;
        QString key; // the config key of the field ("model", "timeouts"): matches validation errors
        std::function<QVariant(const ChainConfig &, int row)> value; // Edit/Display value
        std::function<void(ChainConfig &, int row, const QVariant &)> set;
        std::function<QString(const ChainConfig &, int row)> display = {}; // when the text differs from value
        std::function<QStringList(const ChainConfig &)> choices = {};
        bool checkable = false; // a bool shown as a check box
        double minimum = 0;
        double maximum = 0;
        int decimals = 0;
        QString toolTip = {};
    };

    // `section` is the config key of the list ("providers", "tiers").
    ConfigTableModel(ChainDraft &draft, QString section, std::function<int(const ChainConfig &)> rows,
                     QList<Column> columns, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The cell of the draft's current validation error in this table, if it is here.
    QModelIndex errorIndex() const;

private:
    void onDraftChanged();

    ChainDraft &m_draft;
    QString m_section;
    std::function<int(const ChainConfig &)> m_rows;
    QList<Column> m_columns;
    int m_rowCount = 0;
};
