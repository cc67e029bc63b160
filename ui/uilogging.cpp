#include "uilogging.h"

Q_LOGGING_CATEGORY(lcUi, "understudy.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUiChat, "understudy.ui.chat", QtInfoMsg)
