// Reading and writing training points as CSV: one `x,y` row per point, an optional header line.
// Files come from outside, so the reader is strict: every problem is reported as
// "<file>:<line>: <problem>" and nothing is returned.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/expected.hpp"

namespace al {

struct Points {
  std::vector<double> x, y;
};

// Parses CSV text; `name` is used in messages. Numbers are decimal: an optional sign, digits with
// an optional fraction (or a fraction alone), an optional exponent ("+1", "-2.5", ".5", "1.",
// "1e-3"). Rejects: empty input, a wrong number of columns, any other field (hexadecimal, "inf",
// "nan", "1,5" as one field), a number beyond a double, more than 1 000 000 rows.
Expected<Points> parse_points_csv(std::string_view text, std::string_view name);
// Reads a regular file of at most 256 MB (read_file.hpp), then parses it.
Expected<Points> load_points_csv(const std::string& path);

}  // namespace al
