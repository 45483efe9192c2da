// The restaurant lab's numerics (see restaurant.hpp).
#include "restaurant.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "engine/mechanisms/scoring.hpp"

namespace al::restaurant {
namespace {

std::string mismatch(const char* key, std::size_t n, const char* what, std::size_t m,
                     const char* of) {
  std::string out = key;
  out += ": ";
  out += std::to_string(n);
  out += ' ';
  out += what;
  out += " for ";
  out += std::to_string(m);
  out += ' ';
  out += of;
  return out;
}

}  // namespace

Expected<Ranking> rank(const RestaurantSettings& s) {
  const Vectors& k = s.restaurant_keys;
  const auto n = static_cast<std::size_t>(k.count()), f = s.restaurant_features.size();
  if (s.restaurant_names.size() != n)
    return Error{mismatch("restaurant.names", s.restaurant_names.size(), "names", n,
                          "rows of restaurant.keys")};
  if (static_cast<std::size_t>(k.dim) != f)
    return Error{mismatch("restaurant.keys", static_cast<std::size_t>(k.dim), "numbers a row", f,
                          "features")};
  if (s.restaurant_query.size() != f)
    return Error{mismatch("restaurant.query", s.restaurant_query.size(), "numbers", f, "features")};

  scoring::Problem p;
  p.Q = Eigen::Map<const scoring::Mat>(s.restaurant_query.data(), 1, k.dim);
  p.K = Eigen::Map<const scoring::Mat>(k.values.data(), k.count(), k.dim);
  p.values = Eigen::VectorXd::Zero(k.count());
  p.function = s.restaurant_function;
  p.temperature = s.restaurant_temperature;
  p.valid_len = k.count();
  const scoring::Result r = scoring::score(p);

  Ranking out;
  out.scores = r.scores.row(0).transpose();
  out.weights = r.weights.row(0).transpose();
  out.order.resize(n);
  std::iota(out.order.begin(), out.order.end(), 0);
  std::stable_sort(out.order.begin(), out.order.end(),
                   [&](int a, int b) { return out.weights[a] > out.weights[b]; });
  out.expected = r.weights.row(0) * p.K;
  return out;
}

}  // namespace al::restaurant
