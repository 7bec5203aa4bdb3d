#pragma once

#include "clicontext.h"
#include "commandline.h"

namespace idesk::cli {

// sources [--json] | sources add NAME --kind K --url URL [--token-env VAR]
//                    [--ca-file FILE] [--timeout SEC] | sources remove NAME
VoidResult sources(const ParsedCommand &args, Context &ctx);

} // namespace idesk::cli
