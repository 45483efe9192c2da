// Option scanning and value parsing for the command line.
#include "args.hpp"

#include <charconv>
#include <cmath>

#include "app/figure/number_format.hpp"
#include "engine/settings.hpp"
#include "engine/user_text.hpp"

namespace al::cli {

std::string ArgReader::next() {
  inline_value_.reset();
  std::string arg = args_[pos_++];
  const std::size_t eq = arg.find('=');
  if (arg.starts_with("--") && eq != std::string::npos) {
    inline_value_ = arg.substr(eq + 1);
    arg.resize(eq);
  }
  return arg;
}

Expected<std::string> ArgReader::value(const std::string& option, std::string_view what) {
  if (inline_value_) {
    std::string v = std::move(*inline_value_);
    inline_value_.reset();
    return v;
  }
  if (done()) return Error{option + " needs a value (" + std::string(what) + ")"};
  return args_[pos_++];
}

Expected<std::pair<std::string, std::string>> parse_assignment(const std::string& option,
                                                               const std::string& text) {
  auto kv = split_assignment(text);
  if (!kv) return Error{option + " expects KEY=VALUE, got " + quote_for_message(text)};
  return *kv;
}

std::optional<std::string> read_value(ArgReader& args, const std::string& option,
                                      std::string_view what, std::string& to) {
  auto v = args.value(option, what);
  if (!v) return v.error();
  to = std::move(v.value());
  return std::nullopt;
}

std::optional<std::string> read_assignment(ArgReader& args, const std::string& option,
                                           std::vector<std::pair<std::string, std::string>>& to) {
  auto v = args.value(option, "KEY=VALUE");
  if (!v) return v.error();
  auto kv = parse_assignment(option, v.value());
  if (!kv) return kv.error();
  to.push_back(std::move(kv.value()));
  return std::nullopt;
}

Expected<double> parse_number(const std::string& option, const std::string& text, double lo,
                              double hi) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  const std::string range =
      " (" + fig::shortest_number(lo) + " to " + fig::shortest_number(hi) + ")";
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    return Error{option + ": " + quote_for_message(text) + " is not a number" + range};
  if (v < lo || v > hi)
    return Error{option + ": " + quote_for_message(text) + " is out of range" + range};
  return v;
}

Expected<std::pair<int, int>> parse_size(const std::string& option, const std::string& text, int lo,
                                         int hi) {
  const Error error{option + ": " + quote_for_message(text) + " is not WxH with each side " +
                    std::to_string(lo) + " to " + std::to_string(hi) + " pixels (e.g. 1600x1000)"};
  const std::size_t x = text.find('x');
  if (x == std::string::npos) return error;
  const auto side = [&](std::string_view s) -> std::optional<int> {
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || s[0] == '-' || s[0] == '+' || ec != std::errc() ||
        end != s.data() + s.size() || v < lo || v > hi)
      return std::nullopt;
    return v;
  };
  const std::string_view all(text);
  const auto w = side(all.substr(0, x)), h = side(all.substr(x + 1));
  if (!w || !h) return error;
  return std::pair{*w, *h};
}

}  // namespace al::cli
