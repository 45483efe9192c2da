// `attention-lab train TASK [--set KEY=VALUE]... --out FILE.safetensors`: trains a Transformer on
// a built-in task (copy, reverse, sort, phrases) on the calling thread, with the model and run from
// the tf.* settings keys, reports progress on stderr, prints the final loss and held-out accuracy,
// and writes the model file (atomically).
#pragma once

#include "args.hpp"
#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "engine/transformer/training.hpp"

namespace al::cli {

// The training run the tf.* keys describe for `task`; fails with a message naming the key when
// the keys do not fit together (tf.d_model not divisible by tf.heads).
Expected<tf::TrainConfig> train_config(const Settings& s, tf::TaskKind task);

// Reads the subcommand's arguments from `args` (positioned after "train") and runs it. Returns
// the exit code; bad input is one line on stderr and exit code 2, before any training.
int train_command(ArgReader& args);

}  // namespace al::cli
