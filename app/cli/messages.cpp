// The command line's one-line error report.
#include "messages.hpp"

#include <cstdio>

#include "engine/user_text.hpp"

namespace al::cli {
namespace {

// Room for a message that quotes a few values, each already shortened where it was quoted.
constexpr std::size_t kMaxMessageBytes = 1000;

}  // namespace

int fail(const std::string& message) {
  // The last guard of "one line": text quoted anywhere without quote_for_message still cannot
  // break the line or flood the terminal. Escaping is idempotent, so quoted text is unchanged.
  std::fprintf(stderr, "attention-lab: %s\n", printable(message, kMaxMessageBytes).c_str());
  return kBadInput;
}

}  // namespace al::cli
