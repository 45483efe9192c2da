// The project's one number formatter (see short_number.hpp).
#include "short_number.hpp"

#include <algorithm>
#include <charconv>

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

std::string significant(double v, int digits) {
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general,
                                    std::clamp(digits, 1, 17));
  return std::string(buf, result.ptr);
}

std::string short_number(double v) {
  return significant(v, 6);
}

}  // namespace al
