#pragma once

#include <QDialog>

// The attempts and switches behind one answer: tier, outcome, error class, HTTP status, timings.
class AttemptsDialog final : public QDialog
{
    Q_OBJECT

public:
    // `resultJson`: the stored result (ResultJson::toJson of a ChatResult).
    AttemptsDialog(const QByteArray &resultJson, QWidget *parent = nullptr);
};
