#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

// The interface language of both executables. Chosen by, in order: the UNDERSTUDY_LANGUAGE
// environment variable, the "language" setting (View ▸ Language in the app; effective on restart),
// the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). Translations are embedded at :/i18n.
namespace Language {

// The languages Understudy is translated into, as QLocale names: "en", "zh_CN".
QStringList available();
// A language's name in that language ("English", "简体中文"), as a language menu shows it.
QString nativeName(const QString &code);

// The "language" setting: empty means the system's.
QString chosen();
void choose(const QString &code);

// The locale the interface uses, from the rules above.
QLocale effectiveLocale();

// Installs Understudy's translation and Qt's own (standard buttons and dialogs; from Qt's translations
// folder when the qt6-translations-l10n package is there) for effectiveLocale(), and makes that locale
// QLocale's default so numbers, dates and money follow it. Needs the application object (and its
// organisation and application names, for the setting). Returns the locale; ok is false when the
// language has no Understudy translation (the interface is then English).
QLocale install(bool *ok = nullptr);

} // namespace Language
