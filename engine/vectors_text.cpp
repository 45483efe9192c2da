// Parsing and printing vectors typed as "1,0;0,1" (see vectors_text.hpp).
#include "vectors_text.hpp"

#include <cmath>

#include "setting_table.hpp"
#include "short_number.hpp"

namespace al {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits on `sep`, keeping empty pieces (so "1,,2" is refused for its empty number).
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

}  // namespace

Expected<Vectors> parse_vectors(std::string_view text, const VectorLimits& limits) {
  Vectors v;
  if (trim(text).empty()) return v;
  // A number takes at most 32 characters ("-1.2345678901234567e-300" and spaces): anything
  // longer cannot fit the limits and is refused before it costs a split.
  const double most = 32.0 * limits.max_count * limits.max_dim;
  if (static_cast<double>(text.size()) > most)
    return Error{"more than " + std::to_string(limits.max_count) + " rows of " +
                 std::to_string(limits.max_dim) + " numbers"};
  const auto rows = split(text, ';');
  if (static_cast<int>(rows.size()) > limits.max_count)
    return Error{std::to_string(rows.size()) + " rows: at most " +
                 std::to_string(limits.max_count)};
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto numbers = split(rows[r], ',');
    const auto n = static_cast<int>(numbers.size());
    const std::string row = "row " + std::to_string(r + 1);
    if (n > limits.max_dim)
      return Error{row + " has " + std::to_string(n) + " numbers: at most " +
                   std::to_string(limits.max_dim)};
    if (r == 0) v.dim = n;
    if (n != v.dim) {
      std::string message = row;
      message += " has ";
      message += std::to_string(n);
      message += n == 1 ? " number, row 1 has " : " numbers, row 1 has ";
      message += std::to_string(v.dim);
      message += " (rows are separated by ';', numbers by ',')";
      return Error{message};
    }
    for (std::string_view number : numbers) {
      double x = 0;
      if (auto e = check_real(trim(number), -limits.max_abs, limits.max_abs, x))
        return Error{row + ": " + *e};
      v.values.push_back(x);
    }
  }
  return v;
}

std::string format_vectors(const Vectors& v) {
  std::string out;
  for (int r = 0; r < v.count(); ++r) {
    if (r) out += ';';
    for (int c = 0; c < v.dim; ++c) {
      if (c) out += ',';
      out += shortest_number(v.at(r, c));
    }
  }
  return out;
}

}  // namespace al
