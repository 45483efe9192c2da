// The restaurant lab's numerics (seed 003): your preferences q score each restaurant's features k
// (dot q·k or scaled q·k/√d, the scoring lab's engine), the softmax with a temperature weighs the
// restaurants, and the weights rank them and pool their features into the "expected restaurant"
// Σ_i w_i k_i: attention whose values are the keys themselves.
#pragma once

#include <vector>

#include "engine/expected.hpp"
#include "engine/mechanisms/restaurant_settings.hpp"

#include <Eigen/Core>

namespace al::restaurant {

struct Ranking {
  Eigen::VectorXd scores;       // per restaurant, q·k (or q·k/√d)
  Eigen::VectorXd weights;      // softmax(score / T)
  std::vector<int> order;       // restaurants by weight, the largest first (ties: the first listed)
  Eigen::RowVectorXd expected;  // Σ_i w_i k_i, a number per feature
};

// Fails with one line naming the key when the names, features, keys and query do not fit
// together (e.g. "restaurant.query: 3 numbers for 4 features").
Expected<Ranking> rank(const RestaurantSettings& s);

}  // namespace al::restaurant
