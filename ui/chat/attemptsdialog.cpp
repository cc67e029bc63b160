#include "chat/attemptsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

AttemptsDialog::AttemptsDialog(const QByteArray &resultJson, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("attemptsDialog"));
    setWindowTitle(tr("Attempts and switches"));
    const QJsonObject r = QJsonDocument::fromJson(resultJson).object();
    auto *tree = new QTreeWidget(this);
    tree->setObjectName(QStringLiteral("attemptsTreeWidget"));
    tree->setAccessibleName(tr("Attempts"));
    tree->setRootIsDecorated(false);
    tree->setHeaderLabels({tr("Tier"), tr("Outcome"), tr("Error class"), tr("HTTP"), tr("Started"),
                           tr("First token"), tr("Duration"), tr("Cost"), tr("Detail")});
    const auto ms = [](const QJsonValue &v) {
        return v.isNull() || v.isUndefined() ? QString() : tr("%1 ms").arg(v.toInteger());
    };
    for (const QJsonValue &av : r.value(QStringLiteral("attempts")).toArray()) {
        const QJsonObject a = av.toObject();
        auto *item = new QTreeWidgetItem(tree);
        item->setText(0, a.value(QStringLiteral("tier")).toString());
        item->setText(1, a.value(QStringLiteral("outcome")).toString());
        item->setText(
            2, a.value(QStringLiteral("error_class")).toString().replace(QLatin1Char('_'), QLatin1Char(' ')));
        item->setText(3, a.value(QStringLiteral("http_status")).isNull()
                                 ? QString()
                                 : QString::number(a.value(QStringLiteral("http_status")).toInt()));
        item->setText(4, QStringLiteral("+") + ms(a.value(QStringLiteral("start_offset_ms"))));
        item->setText(5, ms(a.value(QStringLiteral("ttft_ms"))));
        item->setText(6, ms(a.value(QStringLiteral("duration_ms"))));
        item->setText(7,
                      QStringLiteral("$%1").arg(a.value(QStringLiteral("cost_usd")).toDouble(), 0, 'f', 6));
        item->setText(8, a.value(QStringLiteral("detail")).toString());
        item->setToolTip(8, item->text(8));
    }
    for (const QJsonValue &ev : r.value(QStringLiteral("events")).toArray()) {
        const QJsonObject e = ev.toObject();
        auto *item = new QTreeWidgetItem(tree);
        item->setText(0, tr("%1 → %2").arg(e.value(QStringLiteral("from")).toString(),
                                                   e.value(QStringLiteral("to")).toString()));
        item->setText(1, e.value(QStringLiteral("mid_stream")).toBool() ? tr("switch (mid-stream)")
                                                                        : tr("switch"));
        item->setText(
            2, e.value(QStringLiteral("reason")).toString().replace(QLatin1Char('_'), QLatin1Char(' ')));
        item->setText(8, e.value(QStringLiteral("detail")).toString());
    }
    tree->header()->resizeSections(QHeaderView::ResizeToContents);
    auto *summary = new QLabel(this);
    summary->setWordWrap(true);
    summary->setText(
        r.value(QStringLiteral("complete")).toBool()
        ? tr("Answered by %1 (%2).")
              .arg(
                  r.value(QStringLiteral("tier")).toString(), r.value(QStringLiteral("model")).toString())
                  : tr("No complete answer: %1")
                        .arg(r.value(
                            QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString()));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(tree, 1);
    layout->addWidget(buttons);
    resize(900, 320);
}
