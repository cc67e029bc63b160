#pragma once

#include <QLoggingCategory>

// Logging categories of the views. Enable with QT_LOGGING_RULES="understudy.ui.*=true".
Q_DECLARE_LOGGING_CATEGORY(lcUi)
Q_DECLARE_LOGGING_CATEGORY(lcUiChat)
