#include "providers/simulatedtext.h"

#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

QString topicOf(const QString &prompt)
{
    QString t = prompt.simplified();
    t.remove(QRegularExpression(u"[`*_#>\\[\\]]"_s));
    const QStringList words = t.split(u' ', Qt::SkipEmptyParts);
    QString topic = words.mid(0, 8).join(u' ');
    if (words.size() > 8)
        topic += u"…";
    while (!topic.isEmpty() && QStringView(u".?!,;:").contains(topic.back()))
        topic.chop(1);
    return topic.isEmpty() ? u"your question"_s : topic;
}

const QStringList &fillers()
{
    static const QStringList s = {
        u"Start from the outcome you need and work backwards to the smallest change that gets there."_s,
        u"Measure before and after, so the effect is a number rather than an impression."_s,
        u"Keep the failure path as simple as the happy path: it runs when you are least able to debug it."_s,
        u"Write the decision down with the reason, because the next person will ask why."_s,
        u"Prefer a boring, well-understood mechanism over a clever one that only you can maintain."_s,
        u"Check the edges first: empty input, the largest input, and input that arrives twice."_s,
        u"A small experiment today is worth more than a perfect plan next month."_s,
        u"If two options look equal, pick the one that is easier to undo."_s,
        u"Make the slow part visible before you try to make it fast."_s,
        u"Budget time for the unknowns; they are usually where the real work is."_s,
    };
    return s;
}

} // namespace

namespace SimulatedText {

QStringList answerTokens(const QString &prompt, const QString &model, int approxTokens, quint32 seed)
{
    QRandomGenerator rng(seed);
    const QString topic = topicOf(prompt);
    const QString lower = prompt.toLower();
    QString text;
    if (lower.startsWith(u"hello") || lower.startsWith(u"hi") || lower.startsWith(u"你好")) {
        text =
            u"Hello! I am **%1**, a simulated model built into Understudy. I answer without a network or a "
            u"key, "
            u"so you can try the failover chain, drills and charts before you connect a real provider.\n\n"_s
                .arg(model);
    } else {
        text = u"Here is how I would approach **%1**.\n\n"_s.arg(topic);
        text += u"1. **Clarify the goal.** Say what a good answer looks like before choosing a method.\n"_s;
        text += u"2. **Check the constraints.** Time, cost and risk decide more than taste does.\n"_s;
        text += u"3. **Decide and verify.** Pick one option, then test it against the goal.\n\n"_s;
    }
    if (lower.contains(u"code") || lower.contains(u"function") || lower.contains(u"```")) {
        text += u"A minimal sketch:\n\n```cpp\nint answer(int question)\n{\n    return question * 2; // "
                u"simulated\n}\n"
                u"```\n\n"_s;
    }
    const QStringList &pool = fillers();
    qsizetype words = text.count(u' ');
    while (words < approxTokens - 8) {
        const QString &sentence = pool.at(rng.bounded(qsizetype(pool.size())));
        text += sentence + u' ';
        words += sentence.count(u' ') + 1;
    }
    text += u"\n\n*(simulated answer from %1)*"_s.arg(model);

    QStringList tokens;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u' ' || text.at(i) == u'\n') {
            tokens << text.mid(start, i + 1 - start);
            start = i + 1;
        }
    }
    if (start < text.size())
        tokens << text.mid(start);
    return tokens;
}

} // namespace SimulatedText
