// Test helpers: seeded random matrices and central finite differences, to check every backward pass
// against the forward pass it belongs to (in double).
#pragma once

#include <algorithm>
#include <functional>

#include "engine/rng.hpp"
#include "engine/transformer/tensor.hpp"

namespace al::tf::test {

using MatD = Mat<double>;

inline MatD random_mat(Eigen::Index rows, Eigen::Index cols, Rng& rng, double sd = 1.0) {
  MatD m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.normal(0.0, sd);
  return m;
}

// dL/dm by central differences, L evaluated by `loss` after each perturbation of one entry of m:
//   (L(m + h e_i) − L(m − h e_i)) / 2h, truncation error O(h²).
inline MatD numeric_grad(MatD& m, const std::function<double()>& loss, double h = 1e-6) {
  MatD g(m.rows(), m.cols());
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    const double keep = m.data()[i];
    m.data()[i] = keep + h;
    const double up = loss();
    m.data()[i] = keep - h;
    const double down = loss();
    m.data()[i] = keep;
    g.data()[i] = (up - down) / (2 * h);
  }
  return g;
}

// ‖a − b‖ / max(‖a‖, ‖b‖): the relative error of a whole gradient tensor.
inline double rel_error(const MatD& a, const MatD& b) {
  const double scale = std::max({a.norm(), b.norm(), 1e-300});
  return (a - b).norm() / scale;
}

// Σ Y ⊙ G: a scalar loss whose gradient with respect to Y is G.
inline double dot_loss(const MatD& Y, const MatD& G) {
  return (Y.array() * G.array()).sum();
}

inline constexpr double kGradTolerance = 1e-5;

}  // namespace al::tf::test
