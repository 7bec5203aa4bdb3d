#pragma once

#include <QString>
#include <QStringList>

namespace idesk {

// Runs the window (or, with --screenshot, renders it to a PNG and exits).
// `arguments` are what is left after the global options.
int runGui(int &argc, char **argv, const QString &databasePath, const QStringList &arguments);

// True when a window can be shown: a display server or an explicit Qt platform.
bool hasDisplay();

} // namespace idesk
