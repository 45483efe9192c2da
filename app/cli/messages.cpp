// The command line's one-line error report.
#include "messages.hpp"

#include <cstdio>

namespace al::cli {

int fail(const std::string& message) {
  std::fprintf(stderr, "attention-lab: %s\n", message.c_str());
  return kBadInput;
}

}  // namespace al::cli
