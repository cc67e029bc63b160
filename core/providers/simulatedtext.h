#pragma once

#include <QString>
#include <QStringList>

// The words of the built-in simulated provider: a plausible Markdown answer to a prompt,
// deterministic for a seed, split into tokens (a word with its trailing space or line break).
namespace SimulatedText {
QStringList answerTokens(const QString &prompt, const QString &model, int approxTokens, quint32 seed);
}
