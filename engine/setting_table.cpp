#include "setting_table.hpp"

#include <charconv>
#include <cmath>

#include "settings.hpp"
#include "user_text.hpp"

namespace al {
namespace {

std::optional<double> parse_real(std::string_view text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return {};
  return v;
}

std::optional<long long> parse_integer(std::string_view text) {
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return {};
  return v;
}

}  // namespace

std::string range_text(double lo, double hi) {
  std::string out = shortest_number(lo);
  out += " to ";
  out += shortest_number(hi);
  return out;
}

std::optional<std::string> check_real(std::string_view text, double lo, double hi, double& out) {
  auto v = parse_real(text);
  if (!v) return quote_for_message(text) + " is not a finite number";
  if (*v < lo || *v > hi)
    return quote_for_message(text) + " is out of range (" + range_text(lo, hi) + ")";
  out = *v;
  return {};
}

std::optional<std::string> check_integer(std::string_view text, long long lo, long long hi,
                                         long long& out) {
  auto v = parse_integer(text);
  if (!v) return quote_for_message(text) + " is not a whole number";
  if (*v < lo || *v > hi) {
    std::string message = quote_for_message(text);
    message += " is out of range (";
    message += std::to_string(lo);
    message += " to ";
    message += std::to_string(hi);
    return message + ")";
  }
  out = *v;
  return {};
}

std::optional<std::string> check_bool(std::string_view text, bool& out) {
  if (text == "true" || text == "1" || text == "on") return out = true, std::nullopt;
  if (text == "false" || text == "0" || text == "off") return out = false, std::nullopt;
  return quote_for_message(text) + " is not true or false";
}

std::optional<std::string> check_text(std::string_view text, std::size_t max_bytes) {
  if (!is_utf8(text)) return quote_for_message(text) + " is not UTF-8 text";
  if (text.size() > max_bytes)
    return std::to_string(text.size()) + " bytes is longer than " + std::to_string(max_bytes);
  return {};
}

std::string not_one_of(std::string_view text, const std::string& choices) {
  return quote_for_message(text) + " is not one of " + choices;
}

void fill_defaults(std::vector<SettingInfo>& keys) {
  const Settings defaults;
  for (auto& info : keys) info.default_value = info.get(defaults);
}

}  // namespace al
