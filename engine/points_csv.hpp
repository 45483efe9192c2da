// Reading and writing training points as CSV: one `x,y` row per point, an optional header line.
// Files come from outside, so the reader is strict: every problem is reported as
// "<file>:<line>: <problem>" and nothing is returned.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expected.hpp"

namespace al {

struct Points {
  std::vector<double> x, y;
};

// Parses CSV text; `name` is used in messages. Rejects: empty input, a wrong number of columns,
// a field that is not a number, NaN or infinity, more than 1 000 000 rows.
Expected<Points> parse_points_csv(std::string_view text, std::string_view name);
Expected<Points> load_points_csv(const std::string& path);

}  // namespace al
