#include "chain/chaindraft.h"

// One edit: the draft before and after it.
class DraftCommand final : public QUndoCommand
{
public:
    DraftCommand(ChainDraft &draft, ChainConfig before, ChainConfig after, const QString &text,
                 const QString &mergeKey)
        : QUndoCommand(text)
        , m_draft(draft)
        , m_mergeKey(mergeKey)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}
    void undo() override { m_draft.set(m_before); }
    void redo() override { m_draft.set(m_after); }
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const DraftCommand *>(other);
        if (next->m_mergeKey != m_mergeKey)
            return false;
        m_after = next->m_after;
        return true;
    }

private:
    ChainDraft &m_draft;
    QString m_mergeKey;
    ChainConfig m_before;
    ChainConfig m_after;
};

ChainDraft::ChainDraft(QObject *parent)
    : QObject(parent)
{}

void ChainDraft::reset(const ChainConfig &config)
{
    m_undo.clear();
    m_base = config;
    set(config);
}

void ChainDraft::change(const QString &text, const std::function<void(ChainConfig &)> &edit,
                        const QString &mergeKey)
{
    ChainConfig after = m_config;
    edit(after);
    if (after == m_config)
        return;
    m_undo.push(new DraftCommand(*this, m_config, after, text, mergeKey));
}

void ChainDraft::set(const ChainConfig &config)
{
    const QString sourceDir = m_config.sourceDir.isEmpty() ? config.sourceDir : m_config.sourceDir;
    m_config = config;
    if (m_config.sourceDir.isEmpty())
        m_config.sourceDir = sourceDir;
    m_error = ConfigParser::validate(m_config);
    emit changed();
}
