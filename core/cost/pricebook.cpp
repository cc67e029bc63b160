#include "cost/pricebook.h"

#include <QFile>
#include <QFileInfo>

PriceBook::PriceBook(const QString &userFile, QObject *parent)
    : QObject(parent)
    , m_userFile(userFile)
{
    m_table = PriceTable::load(userFile, &m_loadError);
    m_edited = !userFile.isEmpty() && QFileInfo::exists(userFile) && m_loadError.isEmpty();
}

bool PriceBook::save(const PriceTable &table, QString *error)
{
    // What is saved must load again: the same rules as a file read from disk.
    const auto check = PriceTable::fromJson(table.toJson(), tr("the price table"));
    if (!check) {
        *error = check.error();
        return false;
    }
    if (!m_userFile.isEmpty() && !table.save(m_userFile, error))
        return false;
    m_table = *check;
    m_edited = true;
    m_loadError.clear();
    emit changed();
    return true;
}

bool PriceBook::resetToShipped(QString *error)
{
    if (!m_userFile.isEmpty() && QFileInfo::exists(m_userFile)) {
        const QString backup = m_userFile + QStringLiteral(".bak");
        QFile::remove(backup);
        if (!QFile::rename(m_userFile, backup)) {
            *error = tr("%1 could not be moved aside").arg(m_userFile);
            return false;
        }
    }
    m_table = PriceTable::shipped();
    m_edited = false;
    m_loadError.clear();
    emit changed();
    return true;
}
