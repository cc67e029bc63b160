#pragma once

#include <QStringList>

// One small file per subcommand, each a thin shell over a core service.
struct CliCommand
{
    const char *name;
    const char *summary;                 // translated with the "understudy-cli" context
    int (*run)(const QStringList &args); // args[0] is "understudy-cli <name>"
};

int runAlerts(const QStringList &args);
int runChat(const QStringList &args);
int runCost(const QStringList &args);
int runDrill(const QStringList &args);
int runGateway(const QStringList &args);
int runKeys(const QStringList &args);
int runHealth(const QStringList &args);
