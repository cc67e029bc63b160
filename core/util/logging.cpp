#include "util/logging.h"

Q_LOGGING_CATEGORY(lcConfig, "understudy.core.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "understudy.core.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProviders, "understudy.core.providers", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransport, "understudy.core.transport", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "understudy.core.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGateway, "understudy.core.gateway", QtInfoMsg)
