#include "events/eventlogmodel.h"

#include "util/csv.h"

#include <QBrush>
#include <QDateTime>
#include <QGuiApplication>
#include <QHash>
#include <QPalette>

#include <algorithm>
#include <numeric>
#include <thread>
#include <vector>

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

namespace {

// Case-insensitive search of an ASCII needle (given in lower case): the common case of typing a
// filter, ~10x faster than a general case-folding search for short needles.
bool containsAscii(const QString &haystack, const QString &needle)
{
    const qsizetype n = needle.size();
    const qsizetype end = haystack.size() - n;
    if (end < 0)
        return false;
    const char16_t *h = reinterpret_cast<const char16_t *>(haystack.utf16());
    const char16_t *k = reinterpret_cast<const char16_t *>(needle.utf16());
    const char16_t first = k[0];
    const char16_t firstUpper = first >= u'a' && first <= u'z' ? char16_t(first - 32) : first;
    for (qsizetype i = 0; i <= end; ++i) {
        if (h[i] != first && h[i] != firstUpper)
            continue;
        qsizetype j = 1;
        for (; j < n; ++j) {
            char16_t c = h[i + j];
            if (c >= u'A' && c <= u'Z')
                c = char16_t(c + 32);
            if (c != k[j])
                break;
        }
        if (j == n)
            return true;
    }
    return false;
}

} // namespace

bool EventLogModel::matches(const StoredEvent &e) const
{
    if (!m_kind.isEmpty() && e.kind != m_kind)
        return false;
    if (!m_tier.isEmpty() && e.tier != m_tier)
        return false;
    if (m_text.isEmpty())
        return true;
    if (m_asciiNeedle) {
        return containsAscii(e.summary, m_needle) || containsAscii(e.detail, m_needle) ||
               containsAscii(e.tier, m_needle) || containsAscii(e.drillId, m_needle);
    }
    return m_matcher.indexIn(e.summary) >= 0 || m_matcher.indexIn(e.detail) >= 0 ||
           m_matcher.indexIn(e.tier) >= 0 || m_matcher.indexIn(e.drillId) >= 0;
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

void EventLogModel::rebuild(bool narrowing)
{
    beginResetModel();
    // Narrowing (more text typed, or a kind/tier chosen) only looks at what is visible now.
    std::vector<quint64> candidates;
    const bool fromVisible = narrowing && m_visible.size() < m_rows.size();
    if (fromVisible)
        candidates.assign(m_visible.begin(), m_visible.end());
    const size_t n = fromVisible ? candidates.size() : m_rows.size();
    const auto seqAt = [&](size_t i) { return fromVisible ? candidates[i] : m_firstSeq + i; };
    // A million rows: the two halves are matched on two threads (matching only reads).
    const unsigned threads = n > 100'000 ? 2 : 1;
    std::vector<std::vector<quint64>> parts(threads);
    const auto work = [&](unsigned part) {
        const size_t from = n * part / threads, to = n * (part + 1) / threads;
        std::vector<quint64> &out = parts[part];
        for (size_t i = from; i < to; ++i) {
            const quint64 seq = seqAt(i);
            if (matches(bySeq(seq)))
                out.push_back(seq);
        }
    };
    if (threads == 1) {
        work(0);
    } else {
        std::thread other(work, 1);
        work(0);
        other.join();
    }
    m_visible.clear();
    for (const auto &part : parts)
        m_visible.insert(m_visible.end(), part.begin(), part.end());
    if (fromVisible)
        std::sort(m_visible.begin(), m_visible.end()); // back to ring order before sorting
    sortVisible();
    endResetModel();
}

void EventLogModel::sortVisible()
{
    // m_visible is in ring order here. The ring is in time order as long as events arrived in time
    // order (checked on every append), so the default sort costs nothing.
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    if (m_sortColumn == Time && m_timeOrdered) {
        if (descending)
            std::reverse(m_visible.begin(), m_visible.end());
        return;
    }
    if ((m_sortColumn == Kind || m_sortColumn == Tier || m_sortColumn == Drill) && m_timeOrdered) {
        // Few distinct values: bucket by value (in value order), each bucket already in time order.
        const auto key = [this](quint64 seq) -> const QString & {
            const StoredEvent &e = bySeq(seq);
            return m_sortColumn == Kind ? e.kind : m_sortColumn == Tier ? e.tier : e.drillId;
        };
        QHash<QString, int> bucketOf;
        QStringList values;
        std::vector<int> bucket(m_visible.size());
        for (size_t i = 0; i < m_visible.size(); ++i) {
            const QString &k = key(m_visible[i]);
            auto it = bucketOf.constFind(k);
            if (it == bucketOf.cend()) {
                it = bucketOf.insert(k, int(values.size()));
                values.append(k);
            }
            bucket[i] = it.value();
        }
        QList<int> order(values.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&values](int a, int b) { return values.at(a) < values.at(b); });
        std::vector<int> rank(values.size());
        for (int r = 0; r < order.size(); ++r)
            rank[size_t(order.at(r))] = r;
        std::vector<std::deque<quint64>> buckets(values.size());
        for (size_t i = 0; i < m_visible.size(); ++i)
            buckets[size_t(rank[size_t(bucket[i])])].push_back(m_visible[i]);
        m_visible.clear();
        for (const auto &b : buckets)
            m_visible.insert(m_visible.end(), b.begin(), b.end());
        if (descending)
            std::reverse(m_visible.begin(), m_visible.end());
        return;
    }
    if (m_sortColumn == Summary) {
        // Compare case-folded copies once made, not case-insensitively on every comparison.
        std::vector<std::pair<QString, quint64>> keyed;
        keyed.reserve(m_visible.size());
        for (quint64 seq : m_visible)
            keyed.emplace_back(bySeq(seq).summary.toCaseFolded(), seq);
        const auto less = [this](const std::pair<QString, quint64> &a, const std::pair<QString, quint64> &b) {
            const int c = QStringView(a.first).compare(QStringView(b.first));
            if (c != 0)
                return c < 0;
            return lessThanByTime(a.second, b.second);
        };
        // Two halves on two threads, then one merge.
        const auto middle = keyed.begin() + qsizetype(keyed.size() / 2);
        if (keyed.size() > 100'000) {
            std::thread other([&] { std::sort(middle, keyed.end(), less); });
            std::sort(keyed.begin(), middle, less);
            other.join();
            std::inplace_merge(keyed.begin(), middle, keyed.end(), less);
        } else {
            std::sort(keyed.begin(), keyed.end(), less);
        }
        m_visible.clear();
        for (const auto &k : keyed)
            m_visible.push_back(k.second);
        if (descending)
            std::reverse(m_visible.begin(), m_visible.end());
        return;
    }
    std::sort(m_visible.begin(), m_visible.end(), [this](quint64 a, quint64 b) { return lessThan(a, b); });
}

bool EventLogModel::lessThanByTime(quint64 a, quint64 b) const
{
    const qint64 x = bySeq(a).atMs, y = bySeq(b).atMs;
    return x != y ? x < y : a < b;
}

void EventLogModel::append(const StoredEvent &event)
{
    if (int(m_rows.size()) >= m_capacity) {
        // Take the oldest row out of the view first (views may still read it), then drop it.
        const quint64 gone = m_firstSeq;
        if (!m_visible.empty()) {
            if (m_sortColumn == Time && m_sortOrder == Qt::AscendingOrder && m_timeOrdered) {
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
    if (!m_rows.empty() && event.atMs < m_rows.back().atMs)
        m_timeOrdered = false;
    m_rows.push_back(event);
    const quint64 seq = m_firstSeq + m_rows.size() - 1;
    if (!matches(event))
        return;
    int row = int(m_visible.size());
    if (!(m_sortColumn == Time && m_sortOrder == Qt::AscendingOrder && m_timeOrdered)) {
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
    m_timeOrdered =
        std::is_sorted(m_rows.cbegin(), m_rows.cend(),
                       [](const StoredEvent &a, const StoredEvent &b) { return a.atMs < b.atMs; });
    rebuild(false);
}

void EventLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_visible.clear();
    m_firstSeq = 0;
    m_timeOrdered = true;
    endResetModel();
}

void EventLogModel::setFilter(const QString &kind, const QString &tier, const QString &text)
{
    if (kind == m_kind && tier == m_tier && text == m_text)
        return;
    // Every row the new filter passes also passed the old one: look only at the visible rows.
    const bool narrowing = (m_kind.isEmpty() || kind == m_kind) && (m_tier.isEmpty() || tier == m_tier) &&
                           text.contains(m_text, Qt::CaseInsensitive);
    m_kind = kind;
    m_tier = tier;
    m_text = text;
    // A needle without letters ("503", an id) matches the same either way: the exact search is faster.
    const bool caseless = m_text.toLower() == m_text.toUpper();
    m_matcher = QStringMatcher(m_text, caseless ? Qt::CaseSensitive : Qt::CaseInsensitive);
    m_needle = m_text.toLower();
    m_asciiNeedle = !m_text.isEmpty() &&
                    std::all_of(m_text.cbegin(), m_text.cend(), [](QChar c) { return c.unicode() < 128; });
    rebuild(narrowing);
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
    if (!std::is_sorted(m_visible.begin(), m_visible.end()))
        std::sort(m_visible.begin(), m_visible.end()); // ring order, then the column's order
    sortVisible();
    QModelIndexList after;
    if (!before.isEmpty()) {
        QHash<quint64, int> rowOf;
        for (const quint64 seq : seqs)
            rowOf.insert(seq, -1);
        for (size_t r = 0; r < m_visible.size(); ++r) {
            const auto it = rowOf.find(m_visible[r]);
            if (it != rowOf.end())
                it.value() = int(r);
        }
        for (qsizetype i = 0; i < before.size(); ++i)
            after << index(rowOf.value(seqs.at(i)), before.at(i).column());
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

QByteArray EventLogModel::toCsv() const
{
    QByteArray out = "time,kind,tier,drill,summary,detail\r\n";
    for (const quint64 seq : m_visible) {
        const StoredEvent &e = bySeq(seq);
        out += Csv::field(QDateTime::fromMSecsSinceEpoch(e.atMs).toUTC().toString(Qt::ISODateWithMs)) + ',' +
               Csv::field(e.kind) + ',' + Csv::field(e.tier) + ',' + Csv::field(e.drillId) + ',' +
               Csv::field(e.summary) + ',' + Csv::field(e.detail) + "\r\n";
    }
    return out;
}

QList<QStringList> EventLogModel::parseCsv(const QByteArray &csv)
{
    return Csv::parse(csv);
}
