// Linking helpers (see linking.hpp).
#include "linking.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "app/figure/number_format.hpp"

namespace al::gui {

int nearest_index(const std::vector<double>& sorted, double x) {
  if (sorted.empty()) return -1;
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), x);
  if (it == sorted.begin()) return 0;
  if (it == sorted.end()) return static_cast<int>(sorted.size()) - 1;
  const auto i = static_cast<int>(it - sorted.begin());
  return x - sorted[i - 1] <= sorted[i] - x ? i - 1 : i;
}

std::vector<int> top_entries(const WeightMatrix& m, int row, int k) {
  if (row < 0 || row >= m.rows()) return {};
  std::vector<int> order(static_cast<std::size_t>(m.cols()));
  std::iota(order.begin(), order.end(), 0);
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(std::max(k, 0)), order.size());
  std::partial_sort(
      order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
      [&](int a, int b) { return m(row, a) != m(row, b) ? m(row, a) > m(row, b) : a < b; });
  order.resize(n);
  while (!order.empty() && !(m(row, order.back()) > 0)) order.pop_back();
  return order;
}

int highlighted_query(const AppState& s) {
  const int q = s.hovered_query >= 0 ? s.hovered_query : s.lab.settings().view_query;
  return q < static_cast<int>(s.lab.data().queries.size()) ? q : -1;
}

std::string query_summary(const AppState& s) {
  const int q = highlighted_query(s);
  if (q < 0) return "";
  const Dataset& d = s.lab.data();
  const Estimator e = s.lab.settings().attention_estimator;
  const Estimate& estimate = s.lab.estimate(e);
  using fig::label_number;
  // Appended piece by piece: chained operator+ gives GCC 12 a false -Wrestrict.
  std::string out = "query ";
  out += std::to_string(q);
  out += ": x = ";
  out += label_number(d.queries[q]);
  if (q < estimate.prediction.size()) {
    const double p = estimate.prediction[q];
    out += " · ";
    out += name(e);
    out += ' ';
    out += std::isfinite(p) ? label_number(p) : std::string("undefined");
  }
  const std::vector<int> top = top_entries(estimate.weights, q, 3);
  if (!top.empty()) {
    out += " · top keys";
    for (int k : top) {
      if (k >= static_cast<int>(d.x.size())) break;
      out += ' ';
      out += std::to_string(k);
      out += " (x = ";
      out += label_number(d.x[k]);
      out += ", ";
      out += label_number(estimate.weights(q, k));
      out += ')';
    }
  }
  return out;
}

}  // namespace al::gui
