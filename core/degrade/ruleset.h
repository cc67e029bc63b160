#pragma once

#include "config/configparser.h"
#include "providers/chattypes.h"

#include <QRegularExpression>

// Operator rules for the FALLBACK level: when no model can answer, a message matching a pattern gets
// a prepared answer (always labelled as a rule's). File format: docs/degradation.md.
struct FallbackRule
{
    QString name;
    QRegularExpression pattern; // matched against the last user message
    QString answer;
};

class RuleSet
{
public:
    static Result<RuleSet, ConfigError> load(const QString &path);
    static Result<RuleSet, ConfigError> parse(const QByteArray &json, const QString &fileName = {});

    const FallbackRule *match(const QList<ChatMessage> &messages) const;
    int size() const { return int(m_rules.size()); }

private:
    QList<FallbackRule> m_rules;
};
