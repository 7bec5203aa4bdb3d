#pragma once

#include "clicontext.h"
#include "commandline.h"

namespace idesk::cli {

// diagnose ID --source NAME (--query PROMQL | --pack NAME) [--since DUR]: runs the
// queries concurrently, pins each answer to the incident (with its chart) and prints
// one line per query. Needs a QApplication (charts render through QtWidgets' scene),
// which main() creates offscreen for this command.
VoidResult diagnose(const ParsedCommand &args, Context &ctx);

} // namespace idesk::cli
