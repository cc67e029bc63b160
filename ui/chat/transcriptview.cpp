#include "chat/transcriptview.h"

#include <QLocale>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <QUrl>

namespace {

QString link(const QString &href, const QString &text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(href, text.toHtmlEscaped());
}

} // namespace

TranscriptView::TranscriptView(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setTextInteractionFlags(Qt::TextBrowserInteraction | Qt::TextSelectableByKeyboard);
    connect(this, &QTextBrowser::anchorClicked, this, &TranscriptView::onAnchor);
    document()->setDocumentMargin(10);
}

QStringList TranscriptView::codeBlocks(const QString &markdown)
{
    static const QRegularExpression fence(QStringLiteral("(?:^|\\n)(```|~~~)[^\\n]*\\n(.*?)\\n\\1"),
                                                         QRegularExpression::DotMatchesEverythingOption);
    QStringList out;
    for (auto it = fence.globalMatch(markdown); it.hasNext();)
        out << it.next().captured(2);
    return out;
}

void TranscriptView::clearConversation()
{
    m_messages.clear();
    m_firstRendered = 0;
    m_answerStart = -1;
    clear();
}

void TranscriptView::showConversation(const QList<StoredMessage> &messages)
{
    m_messages = messages;
    m_firstRendered = std::max(0, int(messages.size()) - InitialWindow);
    renderAll();
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void TranscriptView::renderAll()
{
    clear();
    m_answerStart = -1;
    QTextCursor cursor(document());
    if (m_firstRendered > 0) {
        cursor.insertHtml(QStringLiteral("<p align=\"center\">%1</p>") .arg(
            link(QStringLiteral("us:earlier"), tr("Show %n earlier message(s)", nullptr, m_firstRendered))));
    }
    for (int i = m_firstRendered; i < m_messages.size(); ++i)
        renderMessage(cursor, i);
}

void TranscriptView::renderMessage(QTextCursor &cursor, int index)
{
    const StoredMessage &m = m_messages.at(index);
    if (!document()->isEmpty())
        cursor.insertBlock();
    if (m.role == Role::User) {
        cursor.insertHtml(QStringLiteral("<p><b>%1</b></p>").arg(tr("You").toHtmlEscaped()));
        cursor.insertBlock();
        cursor.insertHtml(m.content.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        return;
    }
    cursor.insertHtml(QStringLiteral("<p><b>%1</b></p>").arg(tr("Understudy").toHtmlEscaped()));
    cursor.insertBlock();
    cursor.insertMarkdown(
        m.content.isEmpty() && m.status == MessageStatus::Incomplete ? tr("*(no text arrived)*") : m.content);
    renderFooter(cursor, index);
}

void TranscriptView::renderFooter(QTextCursor &cursor, int index)
{
    const StoredMessage &m = m_messages.at(index);
    const QLocale locale;
    QStringList facts;
    if (m.source == AnswerSource::Cache)
        facts << QStringLiteral("<b>%1</b>").arg(tr("From the response cache, not a model").toHtmlEscaped());
    else if (m.source == AnswerSource::Rule)
        facts << QStringLiteral("<b>%1</b>").arg(tr("From an operator rule, not a model").toHtmlEscaped());
    if (!m.tier.isEmpty())
        facts << tr("%1 · %2 · %3").arg(m.tier, m.provider, m.model).toHtmlEscaped();
    if (m.latencyMs >= 0)
        facts << tr("%1 ms").arg(locale.toString(m.latencyMs));
    if (m.ttftMs >= 0)
        facts << tr("first token %1 ms").arg(locale.toString(m.ttftMs));
    if (m.usage.total() > 0)
        facts << tr("%1 in / %2 out tokens%3")
                     .arg(locale.toString(m.usage.inputTokens), locale.toString(m.usage.outputTokens),
                          m.usage.estimated ? tr(" (estimated)") : QString());
    if (!m.cost.isZero() || m.usage.total() > 0)
        facts << QStringLiteral("$%1").arg(m.cost.toString(4));
    if (m.level != DegradationLevel::Full)
        facts << tr("level %1").arg(degradationLevelText(m.level));
    QStringList links;
    const QString i = QString::number(index);
    links << link(QStringLiteral("us:copy/") + i, tr("Copy answer"));
    const QStringList blocks = codeBlocks(m.content);
    for (qsizetype n = 0; n < blocks.size(); ++n)
        links << link(QStringLiteral("us:copycode/%1/%2").arg(index).arg(n), tr("Copy code %1").arg(n + 1));
    if (m.fellBack())
        links << link(
            QStringLiteral("us:attempts/") + i,
                           tr("Fallback: %1 — show attempts").arg(m.tier.isEmpty() ? tr("none") : m.tier));
    else if (!m.metaJson.isEmpty())
        links << link(QStringLiteral("us:attempts/") + i, tr("Attempts"));
    QString html = QStringLiteral("<p style=\"color:gray\"><small>%1<br>%2</small></p>") .arg(
        facts.join(QStringLiteral(" · ")), links.join(QStringLiteral(" &nbsp; ")));
    if (m.status != MessageStatus::Complete) {
        html.prepend(QStringLiteral("<p style=\"color:#c62828\"><b>%1</b> %2 %3</p>") .arg(
            tr("Incomplete answer.").toHtmlEscaped(), m.error.toHtmlEscaped(),
            link(QStringLiteral("us:retry/") + i, tr("Retry"))));
    }
    cursor.insertBlock();
    cursor.insertHtml(html);
}

void TranscriptView::appendUserMessage(const QString &text)
{
    StoredMessage m;
    m.role = Role::User;
    m.content = text;
    m_messages << m;
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    renderMessage(cursor, int(m_messages.size()) - 1);
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void TranscriptView::beginAnswer()
{
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    if (!document()->isEmpty())
        cursor.insertBlock();
    cursor.insertHtml(QStringLiteral("<p><b>%1</b></p>").arg(tr("Understudy").toHtmlEscaped()));
    cursor.insertBlock();
    m_answerStart = cursor.position();
}

void TranscriptView::updateAnswer(const QString &markdown, const QString &note)
{
    if (m_answerStart < 0)
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    QTextCursor cursor(document());
    cursor.setPosition(std::min(m_answerStart, document()->characterCount() - 1));
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    if (!note.isEmpty())
        cursor.insertHtml(QStringLiteral("<p><i>%1</i></p>").arg(note.toHtmlEscaped()));
    cursor.insertMarkdown(markdown);
    if (atBottom)
        bar->setValue(bar->maximum());
}

void TranscriptView::finishAnswer(const StoredMessage &answer)
{
    m_messages << answer;
    const int index = int(m_messages.size()) - 1;
    if (m_answerStart >= 0) {
        QTextCursor cursor(document());
        cursor.setPosition(std::min(m_answerStart, document()->characterCount() - 1));
        cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
        cursor.insertMarkdown(answer.content.isEmpty() && answer.status != MessageStatus::Complete
                                  ? tr("*(no text arrived)*")
                                  : answer.content);
        renderFooter(cursor, index);
    }
    m_answerStart = -1;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void TranscriptView::onAnchor(const QUrl &url)
{
    const QString s = url.toString();
    if (s == QLatin1String("us:earlier")) {
        const int before = verticalScrollBar()->maximum();
        m_firstRendered = std::max(0, m_firstRendered - InitialWindow);
        renderAll();
        verticalScrollBar()->setValue(verticalScrollBar()->maximum() - before);
        return;
    }
    const QStringList parts = s.mid(3).split(QLatin1Char('/'));
    const int index = parts.value(1).toInt();
    if (index < 0 || index >= m_messages.size())
        return;
    const QString &what = parts.value(0);
    if (what == QLatin1String("copy"))
        emit copyRequested(m_messages.at(index).content, tr("the answer"));
    else if (what == QLatin1String("copycode"))
        emit copyRequested(codeBlocks(m_messages.at(index).content).value(parts.value(2).toInt()),
                           tr("code block %1").arg(parts.value(2).toInt() + 1));
    else if (what == QLatin1String("attempts"))
        emit attemptsRequested(index);
    else if (what == QLatin1String("retry"))
        emit retryRequested(index);
}
