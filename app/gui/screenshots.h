#pragma once

#include <QString>

class MainWindow;

// --screenshot DIR: asks one question in Chat and one in Compare, then saves every view as
// DIR/<view>.png and quits (README screenshots, CI smoke runs). Driven by signals, never by
// pumping the event loop.
namespace Screenshots {
void run(MainWindow &window, const QString &dir);
}
