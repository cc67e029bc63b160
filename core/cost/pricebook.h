#pragma once

#include "cost/pricetable.h"

#include <QObject>

// The price table in use: the user's edited copy (in their data folder) when there is a valid one,
// else the shipped table. The calculator and the engine's cost accounting both read it.
class PriceBook final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PriceBook)

public:
    // An empty `userFile` keeps edits in memory only (tests).
    explicit PriceBook(const QString &userFile, QObject *parent = nullptr);

    const PriceTable &table() const { return m_table; }
    QString userFile() const { return m_userFile; }
    bool isEdited() const { return m_edited; }
    // Why the user's file was not used (it is left on disk untouched); empty when it was, or none.
    QString loadError() const { return m_loadError; }

    // Validates, writes the user's copy atomically, and takes it into use.
    bool save(const PriceTable &table, QString *error);
    // Back to the shipped table; the user's copy is kept as <file>.bak.
    bool resetToShipped(QString *error);

signals:
    void changed();

private:
    QString m_userFile;
    PriceTable m_table;
    bool m_edited = false;
    QString m_loadError;
};
