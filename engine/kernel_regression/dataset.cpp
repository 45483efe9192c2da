// The generated training data of the book's Nadaraya–Watson sections, the query grid and the
// target functions.
#include "dataset.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/rng.hpp"

namespace al {

double evaluate(TargetFunction f, double x) {
  switch (f) {
    case TargetFunction::D2lV2:  // the old edition's 2 sin x + x^0.8: x^0.8 is real for x >= 0 only
      return x < 0.0 ? std::numeric_limits<double>::quiet_NaN()
                     : 2.0 * std::sin(x) + std::pow(x, 0.8);
    case TargetFunction::D2lV1:
      return 2.0 * std::sin(x) + x;
    case TargetFunction::Sin:
      return std::sin(x);
    // A jump from 0 to 2 (not 1): with the default noise of 0.5 a unit step would hardly show.
    case TargetFunction::Step:
      return x >= 2.5 ? 2.0 : 0.0;
    case TargetFunction::Abs:
      return std::abs(x - 2.5);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// As the book: x ~ U[x_min, x_max) drawn first, sorted, then y = f(x) + noise * N(0, 1) drawn in
// sorted order, all from one Rng(data.seed).
Dataset generate_dataset(const Settings& s) {
  Dataset d;
  Rng rng(s.data_seed);
  const auto n = static_cast<std::size_t>(std::max(s.data_n_train, 0));
  d.x.resize(n);
  for (double& x : d.x) x = rng.uniform(s.data_x_min, s.data_x_max);
  std::sort(d.x.begin(), d.x.end());
  d.y.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    d.y[i] = evaluate(s.data_function, d.x[i]) + s.data_noise * rng.normal();
  d.queries = query_grid(s.query_min, s.query_max, s.query_step);
  d.truth.resize(d.queries.size());
  for (std::size_t k = 0; k < d.queries.size(); ++k)
    d.truth[k] = evaluate(s.data_function, d.queries[k]);
  d.source = "generated";
  return d;
}

// numpy.arange: count = ceil((hi - lo) / step), x_k = lo + k * step (not a running sum, so no
// drift accumulates). A ratio a hair above a whole number is rounding in the division, not a
// real extra point: arange(1, 1.3, 0.1) would give 4 points with 1.3 last; we give 3.
std::vector<double> query_grid(double lo, double hi, double step) {
  if (!(step > 0.0) || !(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {};
  const double ratio = (hi - lo) / step;
  const double count = std::min(std::ceil(ratio * (1.0 - 1e-9)), static_cast<double>(kMaxQueries));
  std::vector<double> q(static_cast<std::size_t>(count));
  for (std::size_t k = 0; k < q.size(); ++k) q[k] = lo + static_cast<double>(k) * step;
  while (!q.empty() && q.back() >= hi) q.pop_back();
  return q;
}

void sort_points(std::vector<double>& x, std::vector<double>& y) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> sx(x.size()), sy(y.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    sx[i] = x[order[i]];
    sy[i] = y[order[i]];
  }
  x = std::move(sx);
  y = std::move(sy);
}

}  // namespace al
