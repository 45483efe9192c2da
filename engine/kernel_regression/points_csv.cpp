// The strict reader of `x,y` CSV files. Every problem is reported with the file and line, and
// nothing half-read is ever returned.
#include "points_csv.hpp"

#include <algorithm>
#include <charconv>

#include "dataset.hpp"
#include "engine/read_file.hpp"
#include "engine/user_text.hpp"

namespace al {
namespace {

constexpr std::size_t kMaxRows = 1000000;
constexpr std::size_t kMaxFileBytes = std::size_t{256} << 20;  // 1e6 rows of long numbers fit

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The one number format of the file: an optional sign, digits with an optional fraction (or a
// fraction alone: ".5"), an optional exponent. So "1", "+1", "-2.5", "1.", ".5", "1e-3" are
// numbers; hexadecimal, "inf", "nan", "1e" and digit separators are not.
bool is_decimal(std::string_view s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i - from;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// Parses one field; on failure returns the problem, e.g. "y 'abc' is not a number".
std::optional<std::string> parse_field(std::string_view field, const char* what, double& out) {
  if (field.empty()) return std::string(what) + " is empty";
  if (!is_decimal(field))
    return std::string(what) + " " + quote_for_message(field) + " is not a number";
  // from_chars reads every decimal number except one with a leading '+'.
  const std::string_view digits = field.front() == '+' ? field.substr(1) : field;
  if (std::from_chars(digits.data(), digits.data() + digits.size(), out).ec ==
      std::errc::result_out_of_range)
    return std::string(what) + " " + quote_for_message(field) +
           " is too large or too small for a double";
  return {};
}

}  // namespace

Expected<Points> parse_points_csv(std::string_view text, std::string_view name) {
  const std::string prefix = printable(name);
  auto at = [&](std::size_t line, const std::string& problem) {
    return Error{prefix + ":" + std::to_string(line) + ": " + problem};
  };
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark

  Points p;
  std::size_t line_no = 0, blank_line = 0;  // blank_line: the first blank line seen so far
  while (!text.empty()) {
    const auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_no;
    if (line.ends_with('\r')) line.remove_suffix(1);

    for (char c : line)
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
        return at(line_no, "binary data (byte " + std::to_string(static_cast<unsigned char>(c)) +
                               "), not CSV text");
    if (trim(line).empty()) {
      if (blank_line == 0) blank_line = line_no;
      continue;
    }
    // Blank lines may only trail the data.
    if (blank_line != 0) return at(blank_line, "blank line (only allowed after the last row)");

    // Counted rather than split, so a line of a million commas costs no memory.
    const auto columns = std::count(line.begin(), line.end(), ',') + 1;
    if (columns != 2)
      return at(line_no, "expected 2 columns (x,y), found " + std::to_string(columns));
    const auto comma = line.find(',');
    const std::string_view x_field = trim(line.substr(0, comma));
    const std::string_view y_field = trim(line.substr(comma + 1));
    // The header: a first line in which neither field is a number, e.g. `x,y`.
    if (line_no == 1 && !is_decimal(x_field) && !is_decimal(y_field)) continue;
    if (p.x.size() == kMaxRows)
      return at(line_no, "more than " + std::to_string(kMaxRows) + " rows");

    double x = 0, y = 0;
    if (auto e = parse_field(x_field, "x", x)) return at(line_no, *e);
    if (auto e = parse_field(y_field, "y", y)) return at(line_no, *e);
    p.x.push_back(x);
    p.y.push_back(y);
  }
  if (p.x.empty()) return Error{prefix + ": no data rows"};
  sort_points(p.x, p.y);
  return p;
}

Expected<Points> load_points_csv(const std::string& path) {
  auto text = read_regular_file(path, kMaxFileBytes, "a points CSV");
  if (!text) return Error{text.error()};
  return parse_points_csv(text.value(), path);
}

}  // namespace al
