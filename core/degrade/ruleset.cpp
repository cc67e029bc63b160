#include "degrade/ruleset.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

Result<RuleSet, ConfigError> RuleSet::parse(const QByteArray &json, const QString &fileName)
{
    using R = Result<RuleSet, ConfigError>;
    const auto fail = [&](const QString &key, const QString &reason) {
        return R::failure(ConfigError{fileName, 0, 0, key, reason});
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail({}, QCoreApplication::translate("ConfigParser", "not valid JSON: %1 at offset %2")
                            .arg(pe.errorString())
                            .arg(pe.offset));
    const QJsonArray rules = doc.object().value("rules"_L1).toArray();
    if (!doc.isObject() || !doc.object().value("rules"_L1).isArray())
        return fail(u"rules"_s, u"must be an array of {\"pattern\", \"answer\"} objects"_s);
    RuleSet set;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString path = u"rules[%1]"_s.arg(i);
        const QJsonObject o = rules.at(i).toObject();
        FallbackRule rule;
        rule.name =
            o.value("name"_L1).toString(QCoreApplication::translate("ConfigParser", "rule %1").arg(i + 1));
        rule.pattern = QRegularExpression(o.value("pattern"_L1).toString(),
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::UseUnicodePropertiesOption);
        rule.answer = o.value("answer"_L1).toString();
        if (o.value("pattern"_L1).toString().isEmpty())
            return fail(path + u".pattern", QCoreApplication::translate("ConfigParser", "is required"));
        if (!rule.pattern.isValid())
            return fail(path + u".pattern",
                        QCoreApplication::translate("ConfigParser", "not a valid regular expression: %1")
                            .arg(rule.pattern.errorString()));
        if (rule.answer.trimmed().isEmpty())
            return fail(path + u".answer", QCoreApplication::translate("ConfigParser", "must not be empty"));
        set.m_rules << rule;
    }
    return set;
}

Result<RuleSet, ConfigError> RuleSet::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<RuleSet, ConfigError>::failure(ConfigError{
            path,
            0,
            0,
            {},
            QCoreApplication::translate("ConfigParser", "cannot be read: %1").arg(f.errorString())});
    return parse(f.readAll(), path);
}

const FallbackRule *RuleSet::match(const QList<ChatMessage> &messages) const
{
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        if (messages.at(i).role != Role::User)
            continue;
        for (const FallbackRule &rule : m_rules) {
            if (rule.pattern.match(messages.at(i).content).hasMatch())
                return &rule;
        }
        return nullptr;
    }
    return nullptr;
}
