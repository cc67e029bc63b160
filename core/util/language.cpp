#include "util/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace Language {

namespace {
const QString settingKey = QStringLiteral("language");
} // namespace

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString nativeName(const QString &code)
{
    const QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (locale.language() == QLocale::English)
        name = QStringLiteral("English");
    else if (locale.language() == QLocale::Chinese)
        name = locale.script() == QLocale::TraditionalChineseScript ? QStringLiteral("繁體中文")
                                                                    : QStringLiteral("简体中文");
    return name.isEmpty() ? code : name;
}

QString chosen()
{
    return QSettings().value(settingKey).toString();
}

void choose(const QString &code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(settingKey);
    else
        settings.setValue(settingKey, code);
}

QLocale effectiveLocale()
{
    const QString env = qEnvironmentVariable("UNDERSTUDY_LANGUAGE");
    if (!env.isEmpty())
        return QLocale(env);
    const QString setting = chosen();
    return setting.isEmpty() ? QLocale::system() : QLocale(setting);
}

QLocale install(bool *ok)
{
    const QLocale locale = effectiveLocale();
    QLocale::setDefault(locale);
    auto *app = QCoreApplication::instance();
    auto *own = new QTranslator(app);
    const bool loaded =
        own->load(locale, QStringLiteral("understudy"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    // A language without a translation (or the C locale) reads English, with its plural forms.
    if (loaded || own->load(QStringLiteral(":/i18n/understudy_en.qm")))
        QCoreApplication::installTranslator(own);
    else
        delete own;
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(
                                                                            QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    if (ok)
        *ok = loaded;
    return locale;
}

} // namespace Language
