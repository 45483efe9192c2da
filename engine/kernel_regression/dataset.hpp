// Training points (keys x, values y), the query grid, and the true function: the data every
// estimator pools over. Points are always kept sorted by x, so heatmap columns are sorted keys.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/expected.hpp"
#include "engine/settings.hpp"

namespace al {

struct Dataset {
  std::vector<double> x;        // training inputs (keys), ascending
  std::vector<double> y;        // training targets (values)
  std::vector<double> queries;  // query grid, ascending
  std::vector<double> truth;    // f(query); NaN where f is undefined or unknown (user data)
  std::string source;           // "generated", "csv <path>" or "edited"
};

// f(x) for the target functions; NaN outside the function's domain (x^0.8 for x < 0).
double evaluate(TargetFunction f, double x);

// Generates the dataset the settings describe (data.*), deterministically for data.seed.
Dataset generate_dataset(const Settings& s);

// The query grid query_min, query_min + step, ... (< query_max), as numpy.arange does, but at
// most kMaxQueries points.
inline constexpr int kMaxQueries = 1000000;
std::vector<double> query_grid(double lo, double hi, double step);

// Sorts the points by x (stable), keeping each y with its x.
void sort_points(std::vector<double>& x, std::vector<double>& y);

}  // namespace al
