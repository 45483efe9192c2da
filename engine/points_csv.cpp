// The strict reader of `x,y` CSV files. Every problem is reported with the file and line, and
// nothing half-read is ever returned.
#include "points_csv.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "dataset.hpp"

namespace al {
namespace {

constexpr std::size_t kMaxRows = 1000000;
constexpr long kMaxFileBytes = 256L << 20;  // 1e6 rows of two long numbers fit with room to spare

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A field for a message: quoted, shortened, with unprintable bytes shown as '?'.
std::string shown(std::string_view field) {
  constexpr std::size_t kMax = 24;
  std::string out = "'";
  for (std::size_t i = 0; i < field.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(field[i]);
    out += c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c);
  }
  return out + (field.size() > kMax ? "...'" : "'");
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  for (;;) {
    const auto comma = line.find(',');
    fields.push_back(trim(line.substr(0, comma)));
    if (comma == std::string_view::npos) return fields;
    line.remove_prefix(comma + 1);
  }
}

bool is_number(std::string_view field) {
  double v = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
  return !field.empty() && end == field.data() + field.size() &&
         (ec == std::errc() || ec == std::errc::result_out_of_range);
}

// Parses one field; on failure returns the problem, e.g. "y 'abc' is not a number".
std::optional<std::string> parse_field(std::string_view field, const char* what, double& out) {
  if (field.empty()) return std::string(what) + " is empty";
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), out);
  if (ec == std::errc::result_out_of_range)
    return std::string(what) + " " + shown(field) + " is too large or too small for a double";
  if (ec != std::errc() || end != field.data() + field.size())
    return std::string(what) + " " + shown(field) + " is not a number";
  if (!std::isfinite(out)) return std::string(what) + " " + shown(field) + " is not finite";
  return {};
}

}  // namespace

Expected<Points> parse_points_csv(std::string_view text, std::string_view name) {
  const std::string prefix(name);
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

    const auto fields = split_fields(line);
    if (fields.size() != 2)
      return at(line_no, "expected 2 columns (x,y), found " + std::to_string(fields.size()));
    // The header: a first line in which neither field is a number, e.g. `x,y`.
    if (line_no == 1 && !is_number(fields[0]) && !is_number(fields[1])) continue;
    if (p.x.size() == kMaxRows)
      return at(line_no, "more than " + std::to_string(kMaxRows) + " rows");

    double x = 0, y = 0;
    if (auto e = parse_field(fields[0], "x", x)) return at(line_no, *e);
    if (auto e = parse_field(fields[1], "y", y)) return at(line_no, *e);
    p.x.push_back(x);
    p.y.push_back(y);
  }
  if (p.x.empty()) return Error{prefix + ": no data rows"};
  sort_points(p.x, p.y);
  return p;
}

Expected<Points> load_points_csv(const std::string& path) {
  auto fail = [&](const char* what) {
    return Error{path + ": " + what + ": " + std::strerror(errno)};
  };
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return fail("cannot open");

  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
    text.append(buffer, got);
    if (text.size() > static_cast<std::size_t>(kMaxFileBytes))
      return Error{path + ": larger than " + std::to_string(kMaxFileBytes >> 20) + " MB"};
    if (got < sizeof buffer) break;
  }
  if (std::ferror(file.get())) return fail("cannot read");
  return parse_points_csv(text, path);
}

}  // namespace al
