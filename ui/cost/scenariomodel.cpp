#include "cost/scenariomodel.h"

#include <QBrush>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

ScenarioModel::ScenarioModel(std::function<const PriceTable &()> prices, QObject *parent)
    : QAbstractTableModel(parent)
    , m_prices(std::move(prices))
{
    recalculate();
}

QString ScenarioModel::methodLabel(ProjectionMethod method)
{
    switch (method) {
    case ProjectionMethod::PriceTable:
        return tr("Price table");
    case ProjectionMethod::Percent:
        return tr("Percent change");
    case ProjectionMethod::ExchangeRate:
        return tr("Exchange rate");
    }
    return {};
}

void ScenarioModel::setScenario(const Scenario &scenario)
{
    beginResetModel();
    m_scenario = scenario;
    m_result = calculate(m_scenario, m_prices());
    endResetModel();
    emit resultChanged();
}

void ScenarioModel::setSettings(const Scenario &settings)
{
    const QList<WorkloadRow> rows = m_scenario.rows;
    m_scenario = settings;
    m_scenario.rows = rows;
    recalculate();
}

void ScenarioModel::recalculate()
{
    m_result = calculate(m_scenario, m_prices());
    if (!m_scenario.rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit resultChanged();
}

void ScenarioModel::addRow(const WorkloadRow &row)
{
    const int at = rowCount();
    beginInsertRows({}, at, at);
    m_scenario.rows.append(row);
    endInsertRows();
    recalculate();
}

void ScenarioModel::removeRow(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_scenario.rows.removeAt(row);
    endRemoveRows();
    recalculate();
}

int ScenarioModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_scenario.rows.size());
}

int ScenarioModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool ScenarioModel::usesColumn(const WorkloadRow &row, int column) const
{
    switch (column) {
    case TargetModel:
    case TargetProvider:
        return row.method == ProjectionMethod::PriceTable;
    case ChangePercent:
        return row.method == ProjectionMethod::Percent;
    case RelayRate:
    case CardRate:
        return row.method == ProjectionMethod::ExchangeRate;
    default:
        return true;
    }
}

int ScenarioModel::overflowColumn(const QString &key)
{
    if (key == u"input_tokens")
        return InputTokens;
    if (key == u"output_tokens")
        return OutputTokens;
    if (key == u"change_percent")
        return ChangePercent;
    if (key == u"relay_rate")
        return RelayRate;
    if (key == u"target_model")
        return TargetModel;
    return -1;
}

QVariant ScenarioModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const WorkloadRow &w = m_scenario.rows.at(index.row());
    const RowResult *r = index.row() < m_result.rows.size() ? &m_result.rows.at(index.row()) : nullptr;
    const int c = index.column();
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        if (!usesColumn(w, c))
            return QString();
        const bool edit = role == Qt::EditRole;
        const QLocale locale;
        switch (c) {
        case Label:
            return w.label;
        case Model:
            return w.model;
        case InputTokens:
            return edit ? QString::number(w.inputTokens) : locale.toString(w.inputTokens);
        case OutputTokens:
            return edit ? QString::number(w.outputTokens) : locale.toString(w.outputTokens);
        case CurrentInput:
            return w.currentInputPerMTok.toExactString();
        case CurrentOutput:
            return w.currentOutputPerMTok.toExactString();
        case Method:
            return edit ? QVariant(int(w.method)) : QVariant(methodLabel(w.method));
        case TargetModel:
            return w.targetModel.isEmpty() && !edit ? w.model : w.targetModel;
        case TargetProvider:
            return w.targetProvider;
        case ChangePercent:
            return w.changePercent.toString();
        case RelayRate:
            return w.relayRate.toString();
        case CardRate:
            return w.cardRate.toString();
        case Now:
            return r ? usdText(r->now) : QString();
        case Projected:
            return r ? usdText(r->projected) : QString();
        case Savings:
            return r ? usdText(r->savings) : QString();
        case SavedPercent: {
            const QString p = r ? percentText(r->savings, r->now, 1) : QString();
            return p.isEmpty() ? QString() : p + QStringLiteral(" %");
        }
        }
    }
    if (role == Qt::TextAlignmentRole && c != Label && c != Model && c != Method && c != TargetModel &&
        c != TargetProvider)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    // The input that made an amount overflow is marked where it was typed.
    const bool overflowCell = r && !r->overflowKey.isEmpty() && c == overflowColumn(r->overflowKey);
    if (role == Qt::ToolTipRole) {
        if (r && !r->error.isEmpty() && (c >= FirstResultColumn || overflowCell))
            return r->error;
        if (c == TargetModel)
            return tr("The model to price from the table (empty: the row's own model)");
        if (c == TargetProvider)
            return tr("The provider or relay in the price table (needed when several list the model)");
        if (c == ChangePercent)
            return tr("-90 means 90 % cheaper");
        if (c == RelayRate)
            return tr("CNY the relay bills per USD of list price");
        if (c == CardRate)
            return tr("CNY per USD on a card");
    }
    if (role == Qt::ForegroundRole && r && !r->error.isEmpty() && (c >= FirstResultColumn || overflowCell))
        return QBrush(QColor(0xc6, 0x28, 0x28));
    if (role == Qt::BackgroundRole && overflowCell)
        return QBrush(QColor(0xff, 0xeb, 0xee));
    if (role == Qt::ForegroundRole && !usesColumn(w, c))
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    return {};
}

bool ScenarioModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || !(flags(index) & Qt::ItemIsEditable))
        return false;
    WorkloadRow &w = m_scenario.rows[index.row()];
    const QString text = value.toString().trimmed();
    const auto refuse = [this](const QString &reason) {
        emit editRejected(reason);
        return false;
    };
    const auto tokens = [&](qint64 &field) {
        bool ok = false;
        const qint64 n = QLocale().toLongLong(text, &ok);
        const qint64 plain = ok ? n : text.toLongLong(&ok);
        if (!ok || plain < 0)
            return refuse(tr("Tokens must be a whole number, 0 or more."));
        field = plain;
        return true;
    };
    const auto price = [&](Money &field) {
        const auto m = Money::parse(text);
        if (!m || m->isNegative())
            return refuse(
                tr("A price is an amount in USD per million tokens, like 2.50 (at most 6 decimals)."));
        field = *m;
        return true;
    };
    const auto rate = [&](Decimal6 &field, bool positive) {
        const auto d = Decimal6::parse(text);
        if (!d || d->e6() < 0 || (positive && d->e6() == 0))
            return refuse(tr("A rate is a number above zero, like 7.3."));
        field = *d;
        return true;
    };
    bool ok = true;
    switch (index.column()) {
    case Label:
        w.label = text;
        break;
    case Model:
        w.model = text;
        break;
    case InputTokens:
        ok = tokens(w.inputTokens);
        break;
    case OutputTokens:
        ok = tokens(w.outputTokens);
        break;
    case CurrentInput:
        ok = price(w.currentInputPerMTok);
        break;
    case CurrentOutput:
        ok = price(w.currentOutputPerMTok);
        break;
    case Method: {
        const int m = value.toInt();
        if (m < 0 || m > int(ProjectionMethod::ExchangeRate))
            return refuse(tr("Unknown method."));
        w.method = ProjectionMethod(m);
        break;
    }
    case TargetModel:
        w.targetModel = text == w.model ? QString() : text;
        break;
    case TargetProvider:
        w.targetProvider = text;
        break;
    case ChangePercent: {
        const auto d = Decimal6::parse(text.endsWith(u'%') ? text.chopped(1).trimmed() : text);
        if (!d || d->e6() < -100'000'000)
            return refuse(tr("A change is a percentage from -100, like -90 (90 % cheaper) or 15."));
        w.changePercent = *d;
        break;
    }
    case RelayRate:
        ok = rate(w.relayRate, false);
        break;
    case CardRate:
        ok = rate(w.cardRate, true);
        break;
    default:
        return false;
    }
    if (!ok)
        return false;
    recalculate();
    return true;
}

Qt::ItemFlags ScenarioModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() < FirstResultColumn && usesColumn(m_scenario.rows.at(index.row()), index.column()))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ScenarioModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section + 1;
        return {};
    }
    if (role == Qt::ToolTipRole && section >= FirstResultColumn)
        return tr("Per month, in USD; exact, shown rounded half away from zero to the cent");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Label:
        return tr("Workload");
    case Model:
        return tr("Model");
    case InputTokens:
        return tr("Input tokens/mo");
    case OutputTokens:
        return tr("Output tokens/mo");
    case CurrentInput:
        return tr("Input $/M now");
    case CurrentOutput:
        return tr("Output $/M now");
    case Method:
        return tr("Projected by");
    case TargetModel:
        return tr("Target model");
    case TargetProvider:
        return tr("Target provider");
    case ChangePercent:
        return tr("Change %");
    case RelayRate:
        return tr("Relay ¥/$");
    case CardRate:
        return tr("Card ¥/$");
    case Now:
        return tr("Now");
    case Projected:
        return tr("Projected");
    case Savings:
        return tr("Savings");
    case SavedPercent:
        return tr("Saved");
    }
    return {};
}
