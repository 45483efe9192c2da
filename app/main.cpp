// attention-lab: without arguments it opens the desktop app; `figure ...` and `--list` work with
// no display; `--screenshot FILE` renders the window to PNG and exits.
#include "cli/cli.hpp"

int main(int argc, char** argv) {
  return al::cli::main(argc, argv);
}
