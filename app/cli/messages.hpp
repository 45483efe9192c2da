// How the command line reports: one line on stderr prefixed with the program name, exit code 2.
#pragma once

#include <string>

namespace al::cli {

inline constexpr int kBadInput = 2;

// Prints "attention-lab: <message>" on stderr and returns kBadInput. The message is made
// printable (engine/user_text.hpp), so it is one line whatever it quotes.
int fail(const std::string& message);

}  // namespace al::cli
