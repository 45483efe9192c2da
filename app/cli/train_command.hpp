// `attention-lab train TASK [--set KEY=VALUE]... --out FILE.safetensors`: trains a Transformer on
// a built-in task (copy, reverse, sort, phrases) on the calling thread, with the model and run from
// the tf.* settings keys, reports progress on stderr, prints the final loss and held-out accuracy,
// and writes the model file (atomically).
#pragma once

#include "args.hpp"

namespace al::cli {

// Reads the subcommand's arguments from `args` (positioned after "train") and runs it. Returns
// the exit code; bad input is one line on stderr and exit code 2, before any training.
int train_command(ArgReader& args);

}  // namespace al::cli
