// Numbers in one-line messages: six significant digits ("0.5", "1e+06", "-0.0123457").
#pragma once

#include <cstdio>
#include <string>

namespace al {

inline std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace al
