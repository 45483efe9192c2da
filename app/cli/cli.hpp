// The command line. `attention-lab` with no subcommand opens the app (options: --set, --session,
// --screenshot, --size); `attention-lab figure NAME --out FILE ...` writes a figure with no
// display; `attention-lab figure --list` prints every figure and every settings key;
// `attention-lab train TASK --out FILE.safetensors ...` trains a Transformer on a built-in task.
#pragma once

namespace al::cli {

// Parses argv and runs; returns the exit code: 0 ok, 2 bad input (one line on stderr).
int main(int argc, char** argv);

}  // namespace al::cli
