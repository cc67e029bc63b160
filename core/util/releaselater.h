#pragma once

#include <QMetaObject>
#include <QObject>

#include <memory>

// Keeps `object` alive until the event loop's next turn (while `context` lives): a deleteLater()
// for what is not a QObject. For code that may run inside a callback `object` owns — a ClockTimer's —
// and is done with it there.
template <typename T>
void releaseLater(QObject *context, std::shared_ptr<T> object)
{
    QMetaObject::invokeMethod(
        context, [object = std::move(object)] {}, Qt::QueuedConnection);
}
