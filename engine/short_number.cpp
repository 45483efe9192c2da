// The project's one number formatter (see short_number.hpp).
#include "short_number.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace al {
namespace {

// std::to_chars without a format is the shortest text that reads back exactly (as the
// "%.<p>g for p = 1..17" search), but also picks plain notation when it is no longer, so 20
// stays "20" rather than "2e+01".
template <class Real>
std::string shortest(Real v) {
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, result.ptr);
}

}  // namespace

std::string shortest_number(double v) {
  return shortest(v);
}

std::string shortest_float(float v) {
  return shortest(v);
}

// Rounding goes through text: `digits` significant digits in scientific notation are the
// correctly rounded decimal, and reading it back gives the double nearest that decimal, whose
// shortest text is the decimal itself without trailing zeros.
std::string significant(double v, int digits) {
  if (!std::isfinite(v)) return shortest(v);
  char buf[64];
  const auto written = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific,
                                     std::clamp(digits, 1, 17) - 1);
  double rounded = v;
  std::from_chars(buf, written.ptr, rounded);
  return shortest(rounded);
}

std::string short_number(double v) {
  return significant(v, 6);
}

}  // namespace al
