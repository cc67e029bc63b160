#pragma once

// The config parser's reading tools, shared by its files (not an API): where each JSON value sits
// in the text, and a reader that type-checks values and keeps the first error with its line.

#include "config/configparser.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <optional>
#include <vector>

namespace ConfigRead {

using namespace Qt::StringLiterals;

// The reasons a config is refused, as the chain editor and the error dialog show them.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ConfigParser)
};

// Where each JSON value starts, by path ("tiers[1].model"), so validation errors can name a line.
// The text is already known to be valid JSON when this runs.
class JsonLineIndex
{
public:
    explicit JsonLineIndex(const QByteArray &text)
    {
        struct Frame
        {
            bool array = false;
            int index = 0;
            QString key;
            QString path;
        };
        std::vector<Frame> stack;
        bool expectKey = false;
        int line = 1;
        int col = 1;
        const auto childPath = [&stack]() -> QString {
            if (stack.empty())
                return {};
            const Frame &f = stack.back();
            if (f.array)
                return f.path + u'[' + QString::number(f.index) + u']';
            return f.path.isEmpty() ? f.key : f.path + u'.' + f.key;
        };
        for (qsizetype i = 0; i < text.size(); ++i, ++col) {
            const char c = text.at(i);
            switch (c) {
            case '\n':
                ++line;
                col = 0;
                break;
            case '{':
            case '[': {
                const QString path = childPath();
                m_pos.insert(path, {line, col});
                stack.push_back(Frame{c == '[', 0, {}, path});
                expectKey = c == '{';
                break;
            }
            case '}':
            case ']':
                if (!stack.empty())
                    stack.pop_back();
                break;
            case ',':
                if (!stack.empty() && stack.back().array)
                    ++stack.back().index;
                else
                    expectKey = true;
                break;
            case ':':
                expectKey = false;
                break;
            case '"': {
                const int startLine = line;
                const int startCol = col;
                QByteArray raw;
                for (++i, ++col; i < text.size() && text.at(i) != '"'; ++i, ++col) {
                    if (text.at(i) == '\\' && i + 1 < text.size()) {
                        ++i;
                        ++col;
                    }
                    raw += text.at(i);
                }
                if (expectKey && !stack.empty() && !stack.back().array)
                    stack.back().key = QString::fromUtf8(raw);
                else
                    m_pos.insert(childPath(), {startLine, startCol});
                break;
            }
            default:
                if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
                    m_pos.insert(childPath(), {line, col});
                    while (i + 1 < text.size() && !QByteArrayView(",}] \t\r\n").contains(text.at(i + 1))) {
                        ++i;
                        ++col;
                    }
                }
                break;
            }
        }
    }

    // The position of `path`, or of its nearest ancestor that has one.
    std::pair<int, int> position(QString path) const
    {
        while (true) {
            const auto it = m_pos.constFind(path);
            if (it != m_pos.constEnd())
                return *it;
            const qsizetype cut = std::max(path.lastIndexOf(u'.'), path.lastIndexOf(u'['));
            if (cut <= 0)
                return m_pos.value(QString(), {0, 0});
            path.truncate(cut);
        }
    }

private:
    QHash<QString, std::pair<int, int>> m_pos;
};

inline QString join(const QString &path, QLatin1StringView key)
{
    return path.isEmpty() ? QString(key) : path + u'.' + key;
}

inline QString at(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

inline const QStringList &secretFieldNames()
{
    static const QStringList names = {u"api_key"_s, u"apikey"_s,   u"key"_s,    u"secret"_s,
                                      u"token"_s,   u"password"_s, u"bearer"_s, u"access_token"_s};
    return names;
}

inline bool isSecretHeader(const QByteArray &name)
{
    static const QList<QByteArray> names = {
        "authorization", "proxy-authorization", "x-api-key", "x-goog-api-key", "api-key", "cookie"};
    return names.contains(name.toLower());
}

// Recognisable shapes of real provider keys: refused wherever they appear in a config.
inline bool looksLikeKey(const QString &value)
{
    static const QRegularExpression re(
        uR"(^(sk-[A-Za-z0-9_\-]{16,}|sk-ant-[A-Za-z0-9_\-]{8,}|AIza[0-9A-Za-z_\-]{30,}|xox[abpr]-[A-Za-z0-9\-]{10,}|gsk_[A-Za-z0-9]{20,})$)"_s);
    return re.match(value.trimmed()).hasMatch();
}

inline QString literalKeyReason()
{
    return Tr::tr("a literal API key is not allowed in the config file; store it in the OS keychain "
                  "(understudy-cli keys set PROVIDER, or the Keys dialog) or name an environment variable "
                  "with \"api_key_env\"");
}

class Reader
{
public:
    Reader(QString file, const JsonLineIndex *index)
        : m_file(std::move(file))
        , m_index(index)
    {}

    bool failed() const { return m_error.has_value(); }
    const ConfigError &error() const { return *m_error; }

    void fail(const QString &path, const QString &reason)
    {
        if (m_error)
            return; // the first error is the one worth reading
        ConfigError e;
        e.file = m_file;
        e.key = path;
        e.reason = reason;
        if (m_index) {
            const auto [line, col] = m_index->position(path);
            e.line = line;
            e.column = col;
        }
        m_error = e;
    }

    void checkKeys(const QJsonObject &o, const QString &path,
                   std::initializer_list<QLatin1StringView> allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString k = it.key();
            if (k.startsWith(u'_') || k == u"$schema")
                continue;
            if (secretFieldNames().contains(k.toLower()))
                return fail(path.isEmpty() ? k : path + u'.' + k, literalKeyReason());
            bool known = false;
            for (const auto a : allowed)
                known = known || k == a;
            if (!known) {
                QStringList names;
                for (const auto a : allowed)
                    names << QString(a);
                return fail(path.isEmpty() ? k : path + u'.' + k,
                            Tr::tr("unknown key (expected one of: %1)").arg(names.join(u", ")));
            }
        }
    }

    QJsonObject object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject())
            fail(path, Tr::tr("must be an object"));
        return v.toObject();
    }

    QString string(const QJsonObject &o, const QString &path, QLatin1StringView key, const QString &def = {},
                   bool required = false)
    {
        const QJsonValue v = o.value(key);
        const QString p = join(path, key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(p, Tr::tr("is required"));
            return def;
        }
        if (!v.isString()) {
            fail(p, Tr::tr("must be a string"));
            return def;
        }
        return v.toString();
    }

    qint64 integer(const QJsonObject &o, const QString &path, QLatin1StringView key, qint64 def, qint64 min,
                   qint64 max)
    {
        const QJsonValue v = o.value(key);
        const QString p = join(path, key);
        if (v.isUndefined() || v.isNull())
            return def;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || std::floor(d) != d) {
            fail(p, Tr::tr("must be a whole number"));
            return def;
        }
        if (d < static_cast<double>(min) || d > static_cast<double>(max)) {
            fail(p, Tr::tr("must be between %1 and %2").arg(min).arg(max));
            return def;
        }
        return static_cast<qint64>(d);
    }

    double number(const QJsonObject &o, const QString &path, QLatin1StringView key, double def, double min,
                  double max)
    {
        const QJsonValue v = o.value(key);
        const QString p = join(path, key);
        if (v.isUndefined() || v.isNull())
            return def;
        if (!v.isDouble()) {
            fail(p, Tr::tr("must be a number"));
            return def;
        }
        const double d = v.toDouble();
        if (d < min || d > max) {
            fail(p, Tr::tr("must be between %1 and %2").arg(min).arg(max));
            return def;
        }
        return d;
    }

    bool boolean(const QJsonObject &o, const QString &path, QLatin1StringView key, bool def)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return def;
        if (!v.isBool()) {
            fail(join(path, key), Tr::tr("must be true or false"));
            return def;
        }
        return v.toBool();
    }

    // A price in USD per million tokens: a JSON number or a decimal string ("2.50").
    Money price(const QJsonObject &o, const QString &path, QLatin1StringView key)
    {
        const QJsonValue v = o.value(key);
        const QString p = join(path, key);
        if (v.isUndefined() || v.isNull())
            return {};
        std::optional<Money> m;
        if (v.isString())
            m = Money::parse(v.toString());
        else if (v.isDouble())
            m = Money::fromJsonDouble(v.toDouble());
        if (!m) {
            fail(p, Tr::tr("must be an amount in USD per million tokens with at most 6 decimals"));
            return {};
        }
        if (m->isNegative())
            fail(p, Tr::tr("must not be negative"));
        return *m;
    }

    QStringList stringList(const QJsonObject &o, const QString &path, QLatin1StringView key)
    {
        const QJsonValue v = o.value(key);
        const QString p = join(path, key);
        QStringList out;
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            fail(p, Tr::tr("must be an array of strings"));
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString()) {
                fail(at(p, i), Tr::tr("must be a string"));
                return out;
            }
            out << a.at(i).toString();
        }
        return out;
    }

    template <typename Enum, std::size_t N>
    Enum choice(const QJsonObject &o, const QString &path, QLatin1StringView key, Enum def,
                const EnumName<Enum> (&table)[N])
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return def;
        if (const auto value = enumFromName(table, v.toString()))
            return *value;
        fail(join(path, key), Tr::tr("must be one of: %1").arg(enumNames(table).join(u", ")));
        return def;
    }

private:
    QString m_file;
    const JsonLineIndex *m_index = nullptr;
    std::optional<ConfigError> m_error;
};

} // namespace ConfigRead
