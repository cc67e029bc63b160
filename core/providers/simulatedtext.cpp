#include "providers/simulatedtext.h"

#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

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

// A prompt written in Chinese gets a Chinese answer.
bool isChinese(const QString &prompt)
{
    return std::any_of(prompt.cbegin(), prompt.cend(),
                       [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}

QString chineseTopicOf(const QString &prompt)
{
    QString t = prompt.simplified();
    t.remove(QRegularExpression(u"[`*_#>\\[\\]]"_s));
    if (t.size() > 24)
        t = t.left(24) + u"…";
    while (!t.isEmpty() && QStringView(u".?!,;:。？！，；：").contains(t.back()))
        t.chop(1);
    return t;
}

const QStringList &chineseFillers()
{
    static const QStringList s = {
        u"从你需要的结果出发，倒推出能达到它的最小改动。"_s,
        u"改动前后都要度量，让效果成为数字而不是印象。"_s,
        u"让失败路径和正常路径一样简单：它总在你最难排查的时候运行。"_s,
        u"把决定和理由写下来，因为下一个人一定会问为什么。"_s,
        u"宁可选无聊但人人都懂的机制，也不要只有你能维护的巧妙方案。"_s,
        u"先检查边界：空输入、最大的输入，以及重复到达的输入。"_s,
        u"今天的一个小实验，胜过下个月的完美计划。"_s,
        u"两个方案看起来一样时，选更容易撤销的那个。"_s,
        u"先让慢的部分可见，再设法让它变快。"_s,
        u"为未知留出时间；真正的工作通常就在那里。"_s,
    };
    return s;
}

QString chineseAnswer(const QString &prompt, const QString &model, int approxTokens, QRandomGenerator &rng)
{
    QString text;
    if (prompt.trimmed().startsWith(u"你好")) {
        text =
            u"你好！我是 **%1**，Understudy 内置的模拟模型。我无需网络或密钥即可应答，你可以在连接真实提供商"
            u"之前先试用故障转移模型链、演练和图表。\n\n"_s.arg(model);
    } else {
        text = u"我会这样处理“**%1**”：\n\n"_s.arg(chineseTopicOf(prompt));
        text += u"1. **明确目标。** 在选择方法之前，先说清楚好的答案是什么样子。\n"_s;
        text += u"2. **检查约束。** 时间、成本和风险比偏好更重要。\n"_s;
        text += u"3. **决定并验证。** 选定一个方案，再对照目标检验。\n\n"_s;
    }
    if (prompt.contains(u"代码") || prompt.contains(u"```")) {
        text += u"一个最小示例：\n\n```cpp\nint answer(int question)\n{\n    return question * 2; // "
                u"simulated\n}\n```\n\n"_s;
    }
    const QStringList &pool = chineseFillers();
    while (text.size() / 2 < approxTokens - 8) // about two characters a token
        text += pool.at(rng.bounded(qsizetype(pool.size())));
    text += u"\n\n*（来自 %1 的模拟回答）*"_s.arg(model);
    return text;
}

// Chinese has no spaces to split at: pieces of two characters, a line break ends a piece.
QStringList chineseTokens(const QString &text)
{
    QStringList tokens;
    QString piece;
    for (QChar c : text) {
        piece += c;
        if (c == u'\n' || piece.size() >= 2) {
            tokens << piece;
            piece.clear();
        }
    }
    if (!piece.isEmpty())
        tokens << piece;
    return tokens;
}

} // namespace

namespace SimulatedText {

QStringList answerTokens(const QString &prompt, const QString &model, int approxTokens, quint32 seed)
{
    QRandomGenerator rng(seed);
    if (isChinese(prompt))
        return chineseTokens(chineseAnswer(prompt, model, approxTokens, rng));
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
