#pragma once

#include <QLoggingCategory>

// Logging categories of the core. Enable with QT_LOGGING_RULES="understudy.core.*=true".
// Never log a secret: keys are masked by maskSecret() before they reach any message.
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcProviders)
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcGateway)
