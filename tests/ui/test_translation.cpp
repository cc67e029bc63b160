// The Simplified Chinese interface: every view and dialog, built with the zh_CN translation installed,
// is searched for English words in what a person reads (menus, actions, buttons, labels, tab and
// group titles, headers, placeholders, tooltips, accessible names, chart axes). Names the user or the
// config gave (tiers, providers, models, files) and a short list of proper names and key names are
// allowed. Also: the English plural forms, and the language setting.

#include "alerts/alertsdialog.h"
#include "chat/attemptsdialog.h"
#include "common/appsetup.h"
#include "common/services.h"
#include "gateway/gateway.h"
#include "keys/keysdialog.h"
#include "mainwindow.h"
#include "util/language.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextDocument>
#include <QTranslator>
#include <QValueAxis>

using namespace Qt::StringLiterals;

// A translation 40 % longer than the English source in every string (pseudo-localisation), as German
// or French would be: placeholders and mnemonics kept, padding appended.
class LongerTranslator final : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *, const char *source, const char *, int) const override
    {
        const QString s = QString::fromUtf8(source);
        if (Qt::mightBeRichText(s))
            return s;
        return s + QString(s.size() * 2 / 5, u'x');
    }
};

class TestTranslation : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppServices> m_services;
    std::unique_ptr<Gateway> m_gateway;
    std::unique_ptr<MainWindow> m_window;
    QSet<QString> m_allowed;

    // Proper names, formats, units and key names that stay as they are in Chinese, as in docs/glossary.md.
    static QSet<QString> properNames()
    {
        return {u"Understudy"_s,
                u"OpenAI"_s,
                u"Anthropic"_s,
                u"Gemini"_s,
                u"Slack"_s,
                u"PagerDuty"_s,
                u"OpenRouter"_s,
                u"DeepSeek"_s,
                u"vLLM"_s,
                u"Ollama"_s,
                u"Qt"_s,
                u"LLM"_s,
                u"API"_s,
                u"SDK"_s,
                u"JSON"_s,
                u"CSV"_s,
                u"PDF"_s,
                u"PNG"_s,
                u"Markdown"_s,
                u"URL"_s,
                u"HTTP"_s,
                u"HTTPS"_s,
                u"TLS"_s,
                u"USD"_s,
                u"CNY"_s,
                u"token"_s,
                u"tokens"_s,
                u"Ctrl"_s,
                u"Alt"_s,
                u"Shift"_s,
                u"Enter"_s,
                u"Esc"_s,
                u"Delete"_s,
                u"Home"_s,
                u"End"_s,
                u"Left"_s,
                u"Right"_s,
                u"Up"_s,
                u"Down"_s,
                u"Tab"_s,
                u"Events"_s /* PagerDuty "Events API v2" */,
                u"Webhook"_s,
                u"webhook"_s,
                u"Retry"_s,
                u"After"_s /* Retry-After */,
                u"Bearer"_s,
                u"ms"_s,
                u"ID"_s,
                u"GNOME"_s,
                u"Keyring"_s,
                u"KWallet"_s,
                u"Secret"_s,
                u"Service"_s /* the Secret Service */};
    }

    // English words left in `text` once markup, placeholders, paths, numbers and allowed names are out.
    QStringList englishWords(const QString &text) const
    {
        QString t = text;
        if (Qt::mightBeRichText(t)) {
            QTextDocument doc;
            doc.setHtml(t);
            t = doc.toPlainText();
        }
        static const QRegularExpression paths(
            u"\\S*[/\\\\]\\S*|\\S+\\.(json|csv|pdf|png|sqlite|qm|bak)\\b|\\*\\.\\w+"_s);
        static const QRegularExpression shortcuts(u"\\b(F\\d+|[A-Z])\\b"_s);
        t.remove(paths);
        t.remove(shortcuts);
        QStringList words;
        static const QRegularExpression word(u"[A-Za-z][A-Za-z]+"_s);
        for (auto it = word.globalMatch(t); it.hasNext();) {
            const QString w = it.next().captured();
            if (!m_allowed.contains(w) && !properNames().contains(w))
                words << w;
        }
        return words;
    }

    // The app's services as the GUI's main() hands them to the window.
    UiServices uiServices() const
    {
        AppServices &s = *m_services;
        return {s.engine,  s.config,   s.health,  &s.store, &s.degradation, m_gateway.get(),
                &s.drills, &s.history, &s.prices, &s.spend, &s.alerts,      &s.alertDelivery};
    }

    void check(QStringList &problems, const QString &where, const QString &text) const
    {
        if (text.isEmpty())
            return;
        const QStringList words = englishWords(text);
        if (!words.isEmpty())
            problems << u"%1: \"%2\" (%3)"_s.arg(where, text.left(120), words.join(u", "));
    }

    void scanActions(QStringList &problems, const QString &where, const QList<QAction *> &actions) const
    {
        for (QAction *a : actions) {
            // Each language is offered by its own name ("English", "简体中文").
            if (a->isSeparator() || (a->objectName().startsWith(u"languageAction_"_s) &&
                                     a->objectName() != u"languageAction_system"_s))
                continue;
            check(problems, where + u" action"_s, a->text());
            check(problems, where + u" action tooltip"_s,
                  a->toolTip() == QString(a->text()).remove(u'&') ? QString() : a->toolTip());
            if (a->menu())
                scanActions(problems, where + u" ▸ "_s + a->text(), a->menu()->actions());
        }
    }

    // What a person reads in `root` and below.
    static bool paneShown(const MainWindow &window, int pane)
    {
        const auto *stack = window.findChild<QStackedWidget *>(u"paneStack"_s);
        return stack && stack->currentIndex() == pane && stack->currentWidget()->isVisible();
    }

    QStringList scan(QWidget *root) const
    {
        QStringList problems;
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *w : std::as_const(widgets)) {
            const QString where = QString::fromLatin1(w->metaObject()->className()) + u' ' + w->objectName();
            check(problems, where + u" title"_s, w->isWindow() ? w->windowTitle() : QString());
            check(problems, where + u" tooltip"_s, w->toolTip());
            check(problems, where + u" accessible name"_s, w->accessibleName());
            check(problems, where + u" accessible description"_s, w->accessibleDescription());
            check(problems, where + u" what's this"_s, w->whatsThis());
            if (auto *b = qobject_cast<QAbstractButton *>(w))
                check(problems, where, b->text());
            if (auto *l = qobject_cast<QLabel *>(w))
                check(problems, where, l->text());
            if (auto *g = qobject_cast<QGroupBox *>(w))
                check(problems, where, g->title());
            if (auto *e = qobject_cast<QLineEdit *>(w))
                check(problems, where + u" placeholder"_s, e->placeholderText());
            if (auto *e = qobject_cast<QPlainTextEdit *>(w))
                check(problems, where + u" placeholder"_s, e->placeholderText());
            if (auto *s = qobject_cast<QSpinBox *>(w)) {
                check(problems, where + u" suffix"_s, s->suffix());
                check(problems, where + u" prefix"_s, s->prefix());
            }
            if (auto *s = qobject_cast<QAbstractSpinBox *>(w))
                check(problems, where + u" special value"_s, s->specialValueText());
            if (auto *c = qobject_cast<QComboBox *>(w)) {
                for (int i = 0; i < c->count(); ++i)
                    check(problems, where + u" item"_s, c->itemText(i));
            }
            if (auto *t = qobject_cast<QTabWidget *>(w)) {
                for (int i = 0; i < t->count(); ++i) {
                    check(problems, where + u" tab"_s, t->tabText(i));
                    check(problems, where + u" tab tooltip"_s, t->tabToolTip(i));
                }
            }
            if (auto *list = qobject_cast<QListWidget *>(w)) {
                for (int i = 0; i < list->count(); ++i)
                    check(problems, where + u" item"_s, list->item(i)->text());
            }
            if (auto *v = qobject_cast<QAbstractItemView *>(w); v && v->model()) {
                for (int i = 0; i < v->model()->columnCount(); ++i) {
                    check(problems, where + u" header"_s,
                          v->model()->headerData(i, Qt::Horizontal).toString());
                    check(problems, where + u" header tooltip"_s,
                          v->model()->headerData(i, Qt::Horizontal, Qt::ToolTipRole).toString());
                }
            }
            if (auto *cv = qobject_cast<QChartView *>(w)) {
                check(problems, where + u" chart title"_s, cv->chart()->title());
                for (QAbstractAxis *axis : cv->chart()->axes())
                    check(problems, where + u" axis"_s, axis->titleText());
            }
            if (auto *m = qobject_cast<QMenu *>(w))
                check(problems, where + u" menu"_s, m->title());
            scanActions(problems, where, w->actions());
        }
        problems.removeDuplicates();
        return problems;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("UNDERSTUDY_LANGUAGE", "zh_CN");
        AppSetup::initIdentity();
        bool ok = false;
        const QLocale locale = Language::install(&ok);
        QVERIFY(ok);
        QCOMPARE(locale.name(), u"zh_CN"_s);
        QCOMPARE(QLocale().name(), u"zh_CN"_s); // numbers and dates follow the interface language
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"文件(&F)"_s);

        m_services = std::make_unique<AppServices>();
        m_gateway = std::make_unique<Gateway>(m_services->engine, m_services->metrics);
        AppServices &s = *m_services;
        m_window = std::make_unique<MainWindow>(uiServices());
        QVERIFY(s.loadConfig(QStringLiteral(UNDERSTUDY_TEST_FIXTURES "/fast-simulated.json"), false).ok);
        const ChainConfig &config = s.config.config();
        QStringList names;
        for (const TierConfig &t : config.tiers)
            names << t.name << t.model.split(u'-') << t.label.split(u'-');
        for (const ProviderConfig &p : config.providers)
            names << p.id.split(u'-');
        // Values of the config file, named in tooltips as they are written there.
        for (ProviderKind k :
             {ProviderKind::OpenAi, ProviderKind::Anthropic, ProviderKind::Gemini, ProviderKind::Simulated})
            names << providerKindName(k);
        for (AuthMode m : {AuthMode::Keychain, AuthMode::Env, AuthMode::None})
            names << authModeName(m);
        names << streamFailoverName(StreamFailoverPolicy::Continue);
        m_allowed = QSet<QString>(names.begin(), names.end());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_gateway.reset();
        m_services.reset();
    }

    void mainWindow_everyViewAndMenu_hasNoEnglishLeft()
    {
        for (int i = 0; i < MainWindow::PaneCount; ++i) {
            m_window->showPane(i);
            QTRY_VERIFY(paneShown(*m_window, i)); // what a pane fills in when shown is there too
        }
        QStringList problems = scan(m_window.get());
        scanActions(problems, u"menu bar"_s, m_window->menuBar()->actions());
        if (!problems.isEmpty())
            QFAIL(qPrintable(u"English left in the zh_CN interface:\n"_s + problems.join(u'\n')));
    }

    void dialogs_haveNoEnglishLeft()
    {
        QStringList problems;
        {
            KeysDialog dialog(m_services->engine, m_window.get());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            problems << scan(&dialog);
        }
        {
            AlertsDialog dialog(m_services->alerts, &m_services->alertDelivery, m_services->engine.secrets(),
                                QStringLiteral(UNDERSTUDY_TEST_FIXTURES "/alerts.json"), m_window.get());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            problems << scan(&dialog);
        }
        if (!problems.isEmpty())
            QFAIL(qPrintable(u"English left in the zh_CN dialogs:\n"_s + problems.join(u'\n')));
    }

    // The main window and the dialogs still fit a 1366×768 screen with every string 40 % longer, and
    // in Chinese: the layouts grow with their texts instead of cutting them.
    void layouts_fitTheScreenWithLongerStrings_data()
    {
        QTest::addColumn<bool>("longer");
        QTest::newRow("zh_CN") << false;
        QTest::newRow("40 % longer") << true;
    }
    void layouts_fitTheScreenWithLongerStrings()
    {
        QFETCH(bool, longer);
        LongerTranslator longerTranslator;
        if (longer)
            QCoreApplication::installTranslator(&longerTranslator);
        const QSize screen(1366, 768);
        QStringList problems;
        {
            AppServices &s = *m_services;
            MainWindow window(uiServices());
            window.resize(screen);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            for (int i = 0; i < MainWindow::PaneCount; ++i) {
                window.showPane(i);
                QTRY_VERIFY(paneShown(window, i));
                const QSize min = window.minimumSizeHint();
                qInfo("pane %d: minimum %dx%d", i, min.width(), min.height());
                if (min.width() > screen.width() || min.height() > screen.height())
                    problems << u"pane %1 needs %2×%3"_s.arg(i).arg(min.width()).arg(min.height());
            }
            KeysDialog keys(s.engine, &window);
            AlertsDialog alerts(s.alerts, &s.alertDelivery, s.engine.secrets(),
                                QStringLiteral(UNDERSTUDY_TEST_FIXTURES "/alerts.json"), &window);
            for (QDialog *dialog : {static_cast<QDialog *>(&keys), static_cast<QDialog *>(&alerts)}) {
                const QSize min = dialog->minimumSizeHint();
                qInfo("%s: minimum %dx%d", dialog->metaObject()->className(), min.width(), min.height());
                if (min.width() > screen.width() || min.height() > screen.height())
                    problems << u"%1 needs %2×%3"_s.arg(QLatin1String(dialog->metaObject()->className()))
                                    .arg(min.width())
                                    .arg(min.height());
            }
        }
        if (longer)
            QCoreApplication::removeTranslator(&longerTranslator);
        if (!problems.isEmpty())
            QFAIL(qPrintable(problems.join(u'\n')));
    }

    void englishTranslation_givesPluralForms()
    {
        QTranslator english;
        QVERIFY(english.load(u":/i18n/understudy_en.qm"_s));
        QCOMPARE(english.translate("LatencyChart", "%n switch(es)", nullptr, 1), u"%n switch"_s);
        QCOMPARE(english.translate("LatencyChart", "%n switch(es)", nullptr, 3), u"%n switches"_s);
        QCOMPARE(english.translate("MainWindow", "%n request(s) in flight", nullptr, 2),
                 u"%n requests in flight"_s);
    }

    void languageMenu_choosingALanguage_isKeptForTheNextStart()
    {
        Language::choose({});
        QMenu *menu = m_window->findChild<QMenu *>(u"languageMenu"_s);
        QVERIFY(menu);
        QAction *english = m_window->findChild<QAction *>(u"languageAction_en"_s);
        QAction *chinese = m_window->findChild<QAction *>(u"languageAction_zh_CN"_s);
        QVERIFY(english && chinese);
        QCOMPARE(chinese->text(), u"简体中文"_s);
        english->trigger();
        QCOMPARE(Language::chosen(), u"en"_s);
        qunsetenv("UNDERSTUDY_LANGUAGE");
        QCOMPARE(Language::effectiveLocale().name(), u"en_US"_s);
        chinese->trigger();
        QCOMPARE(Language::effectiveLocale().name(), u"zh_CN"_s);
        m_window->findChild<QAction *>(u"languageAction_system"_s)->trigger();
        QCOMPARE(Language::chosen(), QString());
        qputenv("UNDERSTUDY_LANGUAGE", "zh_CN");
    }

    // Last: it installs English over the Chinese translation for the rest of the process.
    void languageWithoutTranslation_readsEnglishWithItsPlurals()
    {
        qputenv("UNDERSTUDY_LANGUAGE", "de_DE");
        bool ok = true;
        QCOMPARE(Language::install(&ok).name(), u"de_DE"_s);
        QVERIFY(!ok); // no German translation
        QCOMPARE(QCoreApplication::translate("LatencyChart", "%n switch(es)", nullptr, 1), u"1 switch"_s);
        QCOMPARE(QCoreApplication::translate("LatencyChart", "%n switch(es)", nullptr, 2), u"2 switches"_s);
        qputenv("UNDERSTUDY_LANGUAGE", "zh_CN");
    }
};

QTEST_MAIN(TestTranslation)
#include "test_translation.moc"
