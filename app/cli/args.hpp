// Reading the command line: options as "--name VALUE" or "--name=VALUE", and strict parsers for
// their values. Every problem becomes one message naming the option and the bad text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/expected.hpp"

namespace al::cli {

// Walks argv left to right.
class ArgReader {
 public:
  explicit ArgReader(std::vector<std::string> args) : args_(std::move(args)) {}

  bool done() const { return pos_ >= args_.size(); }
  // The next argument; for "--name=value" only "--name" (the value waits for value()).
  std::string next();
  // The value of the option just read: its "=value" part, else the following argument.
  Expected<std::string> value(const std::string& option, std::string_view what);

 private:
  std::vector<std::string> args_;
  std::size_t pos_ = 0;
  std::optional<std::string> inline_value_;
};

// "KEY=VALUE" from --set.
Expected<std::pair<std::string, std::string>> parse_assignment(const std::string& option,
                                                               const std::string& text);

// Options that several commands read the same way, called right after next() returned the option;
// each gives the one-line error, or nothing when it stored the value.
// The value of `option` (`what` describes it) into `to`.
std::optional<std::string> read_value(ArgReader& args, const std::string& option,
                                      std::string_view what, std::string& to);
// The KEY=VALUE of `option` (--set, --a) appended to `to`.
std::optional<std::string> read_assignment(ArgReader& args, const std::string& option,
                                           std::vector<std::pair<std::string, std::string>>& to);

// A finite number in [lo, hi], the whole text.
Expected<double> parse_number(const std::string& option, const std::string& text, double lo,
                              double hi);
// "WxH" with each side in [lo, hi] pixels.
Expected<std::pair<int, int>> parse_size(const std::string& option, const std::string& text, int lo,
                                         int hi);

}  // namespace al::cli
