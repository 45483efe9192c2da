// Label numbers and counts (see number_format.hpp).
#include "number_format.hpp"

namespace al::fig {

std::string label_number(double v) {
  return significant(v, 4);
}

std::string count(std::size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural.empty() ? singular + "s" : plural);
}

}  // namespace al::fig
