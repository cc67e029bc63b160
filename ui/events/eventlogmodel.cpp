#include "events/eventlogmodel.h"

#include <QBrush>
#include <QDateTime>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

EventLogModel::EventLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{}

QStringList EventLogModel::kinds()
{
    return {
        QStringLiteral("attempt"), QStringLiteral("switch"), QStringLiteral("breaker"),
                                                                            QStringLiteral("request"), QStringLiteral("level"),  QStringLiteral("health"),
                                                                                                                                                QStringLiteral("drill"),   QStringLiteral("config"), QStringLiteral("alert")};
}

QString EventLogModel::kindLabel(const QString &kind)
{
    if (kind == QLatin1String("attempt"))
        return tr("Attempt");
    if (kind == QLatin1String("switch"))
        return tr("Switch");
    if (kind == QLatin1String("breaker"))
        return tr("Breaker");
    if (kind == QLatin1String("request"))
        return tr("Request");
    if (kind == QLatin1String("level"))
        return tr("Level");
    if (kind == QLatin1String("health"))
        return tr("Health");
    if (kind == QLatin1String("drill"))
        return tr("Drill");
    if (kind == QLatin1String("config"))
        return tr("Config");
    if (kind == QLatin1String("alert"))
        return tr("Alert");
    return kind;
}

bool EventLogModel::matches(const StoredEvent &e) const
{
    if (!m_kind.isEmpty() && e.kind != m_kind)
        return false;
    if (!m_tier.isEmpty() && e.tier != m_tier)
        return false;
    if (m_text.isEmpty())
        return true;
    return e.summary.contains(m_text, Qt::CaseInsensitive) ||
           e.detail.contains(m_text, Qt::CaseInsensitive) || e.tier.contains(m_text, Qt::CaseInsensitive) ||
           e.drillId.contains(m_text, Qt::CaseInsensitive);
}

bool EventLogModel::lessThan(quint64 a, quint64 b) const
{
    const StoredEvent &x = bySeq(a);
    const StoredEvent &y = bySeq(b);
    int c = 0;
    switch (m_sortColumn) {
    case Kind:
        c = x.kind.compare(y.kind);
        break;
    case Tier:
        c = x.tier.compare(y.tier);
        break;
    case Drill:
        c = x.drillId.compare(y.drillId);
        break;
    case Summary:
        c = x.summary.compare(y.summary, Qt::CaseInsensitive);
        break;
    default:
        break;
    }
    if (c == 0)
        c = x.atMs < y.atMs ? -1 : x.atMs > y.atMs ? 1 : (a < b ? -1 : a > b ? 1 : 0);
    return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
}

void EventLogModel::rebuild()
{
    beginResetModel();
    m_visible.clear();
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (matches(m_rows[i]))
            m_visible.push_back(m_firstSeq + i);
    }
    if (!(m_sortColumn == Time && m_sortOrder == Qt::AscendingOrder)) {
        std::stable_sort(m_visible.begin(), m_visible.end(),
                         [this](quint64 a, quint64 b) { return lessThan(a, b); });
    }
    endResetModel();
}

void EventLogModel::append(const StoredEvent &event)
{
    if (int(m_rows.size()) >= m_capacity) {
        // Take the oldest row out of the view first (views may still read it), then drop it.
        const quint64 gone = m_firstSeq;
        if (!m_visible.empty()) {
            if (m_sortColumn == Time && m_sortOrder == Qt::AscendingOrder) {
                if (m_visible.front() == gone) {
                    beginRemoveRows({}, 0, 0);
                    m_visible.pop_front();
                    endRemoveRows();
                }
            } else {
                const auto it = std::find(m_visible.begin(), m_visible.end(), gone);
                if (it != m_visible.end()) {
                    const int row = int(it - m_visible.begin());
                    beginRemoveRows({}, row, row);
                    m_visible.erase(it);
                    endRemoveRows();
                }
            }
        }
        m_rows.pop_front();
        ++m_firstSeq;
    }
    m_rows.push_back(event);
    const quint64 seq = m_firstSeq + m_rows.size() - 1;
    if (!matches(event))
        return;
    int row = int(m_visible.size());
    if (!(m_sortColumn == Time && m_sortOrder == Qt::AscendingOrder)) {
        const auto it = std::upper_bound(m_visible.begin(), m_visible.end(), seq,
                                         [this](quint64 a, quint64 b) { return lessThan(a, b); });
        row = int(it - m_visible.begin());
    }
    beginInsertRows({}, row, row);
    m_visible.insert(m_visible.begin() + row, seq);
    endInsertRows();
}

void EventLogModel::prependHistory(const QList<StoredEvent> &events)
{
    if (events.isEmpty())
        return;
    std::deque<StoredEvent> rows;
    const qsizetype room = std::max<qsizetype>(0, m_capacity - qsizetype(m_rows.size()));
    for (qsizetype i = std::max<qsizetype>(0, events.size() - room); i < events.size(); ++i)
        rows.push_back(events.at(i));
    for (StoredEvent &e : m_rows)
        rows.push_back(std::move(e));
    m_rows = std::move(rows);
    m_firstSeq = 0;
    rebuild();
}

void EventLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_visible.clear();
    m_firstSeq = 0;
    endResetModel();
}

void EventLogModel::setFilter(const QString &kind, const QString &tier, const QString &text)
{
    if (kind == m_kind && tier == m_tier && text == m_text)
        return;
    m_kind = kind;
    m_tier = tier;
    m_text = text;
    rebuild();
}

QStringList EventLogModel::tiers() const
{
    QSet<QString> set;
    for (const StoredEvent &e : m_rows) {
        if (!e.tier.isEmpty())
            set.insert(e.tier);
    }
    QStringList out(set.cbegin(), set.cend());
    out.sort();
    return out;
}

const StoredEvent &EventLogModel::eventAt(int row) const
{
    return bySeq(m_visible.at(size_t(row)));
}

void EventLogModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QList<quint64> seqs;
    for (const QModelIndex &i : before)
        seqs << m_visible.at(size_t(i.row()));
    if (column == Time && order == Qt::AscendingOrder)
        std::sort(m_visible.begin(), m_visible.end());
    else
        std::stable_sort(m_visible.begin(), m_visible.end(),
                         [this](quint64 a, quint64 b) { return lessThan(a, b); });
    QModelIndexList after;
    for (qsizetype i = 0; i < before.size(); ++i) {
        const auto it = std::find(m_visible.begin(), m_visible.end(), seqs.at(i));
        after << index(int(it - m_visible.begin()), before.at(i).column());
    }
    changePersistentIndexList(before, after);
    emit layoutChanged();
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoredEvent &e = eventAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(e.atMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        case Kind:
            return kindLabel(e.kind);
        case Tier:
            return e.tier;
        case Drill:
            return e.drillId;
        case Summary:
            return e.summary;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return e.detail.isEmpty() ? QVariant() : QVariant(e.detail);
    case ProblemRole:
        return e.problem;
    case Qt::ForegroundRole:
        if (e.problem && index.column() == Summary) {
            const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
            return QBrush(dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x20, 0x20));
        }
        return {};
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Kind:
        return tr("Kind");
    case Tier:
        return tr("Tier");
    case Drill:
        return tr("Drill");
    case Summary:
        return tr("What happened");
    default:
        return {};
    }
}

namespace {

QByteArray csvField(const QString &s)
{
    QByteArray f = s.toUtf8();
    f.replace('"', "\"\"");
    return '"' + f + '"';
}

} // namespace

QByteArray EventLogModel::toCsv() const
{
    QByteArray out = "time,kind,tier,drill,summary,detail\r\n";
    for (const quint64 seq : m_visible) {
        const StoredEvent &e = bySeq(seq);
        out += csvField(QDateTime::fromMSecsSinceEpoch(e.atMs).toUTC().toString(Qt::ISODateWithMs)) + ',' +
               csvField(e.kind) + ',' + csvField(e.tier) + ',' + csvField(e.drillId) + ',' +
               csvField(e.summary) + ',' + csvField(e.detail) + "\r\n";
    }
    return out;
}

QList<QStringList> EventLogModel::parseCsv(const QByteArray &csv)
{
    QList<QStringList> rows;
    QStringList row;
    QByteArray field;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        const char c = csv.at(i);
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv.at(i + 1) == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row << QString::fromUtf8(field);
            field.clear();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < csv.size() && csv.at(i + 1) == '\n')
                ++i;
            row << QString::fromUtf8(field);
            field.clear();
            rows << row;
            row.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.isEmpty() || !row.isEmpty()) {
        row << QString::fromUtf8(field);
        rows << row;
    }
    return rows;
}
