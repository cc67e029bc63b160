#pragma once

#include "config/configparser.h"

#include <QObject>
#include <QUndoStack>

#include <functional>

// The config being edited in the Chain view: every change is an undoable command, and the draft is
// validated after each one with the same rules as a config file.
class ChainDraft final : public QObject
{
    Q_OBJECT

public:
    explicit ChainDraft(QObject *parent = nullptr);

    const ChainConfig &config() const { return m_config; }
    // Starts afresh from `config` (the running one): no history, not modified.
    void reset(const ChainConfig &config);
    // Applies `edit` to a copy of the draft and pushes it as one undoable step named `text`.
    // Consecutive changes with the same non-empty `mergeKey` (typing in one field) are one step.
    void change(const QString &text, const std::function<void(ChainConfig &)> &edit,
                const QString &mergeKey = {});
    QUndoStack *undoStack() { return &m_undo; }

    const std::optional<ConfigError> &error() const { return m_error; }
    bool isModified() const { return !(m_config == m_base); }
    bool isValid() const { return !m_error.has_value(); }
    // The running config the draft started from.
    const ChainConfig &base() const { return m_base; }

signals:
    void changed();

private:
    friend class DraftCommand;
    void set(const ChainConfig &config);

    ChainConfig m_config;
    ChainConfig m_base;
    std::optional<ConfigError> m_error;
    QUndoStack m_undo;
};
