// `attention-lab figure`: writes one figure (PNG, SVG, PDF or its CSV table) with no display,
// and `figure --list`, the catalogue of figures and settings keys.
#pragma once

#include "args.hpp"

namespace al::cli {

// Reads the subcommand's options from `args` (positioned after "figure") and runs it. Returns
// the exit code; errors are one line on stderr.
int figure_command(ArgReader& args);

}  // namespace al::cli
