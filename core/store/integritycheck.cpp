#include "store/integritycheck.h"

#include "util/paths.h"

#include <QCoreApplication>
#include <QFile>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace {

int stopRequested(void *stop)
{
    return static_cast<std::atomic<bool> *>(stop)->load() ? 1 : 0;
}

} // namespace

IntegrityCheck::IntegrityCheck(QObject *parent)
    : QObject(parent)
{}

IntegrityCheck::~IntegrityCheck()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

QString IntegrityCheck::markerPath(const QString &databasePath)
{
    return databasePath + u".check-failed"_s;
}

void IntegrityCheck::start(const QString &path)
{
    if (m_thread.joinable())
        m_thread.join();
    m_stop = false;
    m_running = true;
    QPointer<IntegrityCheck> self(this);
    m_thread = std::thread([this, self, path] {
        const QString connection =
            u"understudy-check-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        bool ok = true;
        QString problem;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
            db.setDatabaseName(path);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
            if (db.open()) {
                const QVariant handle = db.driver()->handle();
                if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
                    if (sqlite3 *raw = *static_cast<sqlite3 *const *>(handle.data()))
                        sqlite3_progress_handler(raw, 10'000, &stopRequested, &m_stop);
                }
                QSqlQuery q(db);
                if (q.exec(u"PRAGMA quick_check"_s) && q.next()) {
                    const QString answer = q.value(0).toString();
                    ok = answer == u"ok";
                    problem = answer;
                } else if (!m_stop) {
                    ok = false;
                    problem = q.lastError().text();
                }
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(connection);
        if (m_stop) {
            m_running = false;
            return; // stopped: neither good nor bad news
        }
        if (!ok)
            AppPaths::writeFileAtomically(markerPath(path), problem.toUtf8());
        m_running = false;
        QMetaObject::invokeMethod(
            this,
            [self, ok, problem] {
                if (self)
                    emit self->finished(ok, problem);
            },
            Qt::QueuedConnection);
    });
}
