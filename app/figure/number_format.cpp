// Number formatting shared by the CSV writer and the figure labels.
#include "number_format.hpp"

#include <charconv>
#include <cstdio>

namespace al::fig {
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
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

}  // namespace al::fig
