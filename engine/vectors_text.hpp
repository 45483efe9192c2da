// Vectors typed as text, for settings such as `scoring.keys`: rows separated by ';' and the
// numbers of a row by ',', so "1,0;0,1" is two vectors of dimension 2. Spaces around numbers are
// allowed; every row has the same number of numbers. The one parser and printer of that form.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expected.hpp"

namespace al {

// `count()` vectors of dimension `dim`, row by row: values[r * dim + c].
struct Vectors {
  int dim = 0;
  std::vector<double> values;

  int count() const { return dim > 0 ? static_cast<int>(values.size()) / dim : 0; }
  double at(int row, int col) const {
    return values[static_cast<std::size_t>(row) * static_cast<std::size_t>(dim) +
                  static_cast<std::size_t>(col)];
  }
  double& at(int row, int col) {
    return values[static_cast<std::size_t>(row) * static_cast<std::size_t>(dim) +
                  static_cast<std::size_t>(col)];
  }
  bool empty() const { return values.empty(); }
  bool operator==(const Vectors&) const = default;
};

// What a setting accepts: at most `max_count` rows of at most `max_dim` numbers, each within
// ±`max_abs`. Text longer than what those allow is refused before it is split.
struct VectorLimits {
  int max_count = 64;
  int max_dim = 64;
  double max_abs = 1e6;
};

// Parses `text`; empty text (or only spaces) gives no vectors. The error names the row and the
// number at fault, e.g. "row 2 has 3 numbers, row 1 has 2", without the key.
Expected<Vectors> parse_vectors(std::string_view text, const VectorLimits& limits);

// The shortest text that parses back to `v` exactly: "1,0;0,1" (empty for no vectors).
std::string format_vectors(const Vectors& v);

}  // namespace al
