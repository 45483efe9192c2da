// Forward and backward of layer normalisation, one row (token) at a time.
#include "engine/transformer/layer_norm.hpp"

#include <cmath>

namespace al::tf {

template <class S>
void LayerNorm<S>::init(int d, double epsilon) {
  gamma.resize(1, d);
  gamma.value.setOnes();
  beta.resize(1, d);
  eps = epsilon;
}

template <class S>
Mat<S> LayerNorm<S>::forward(const Mat<S>& X, Cache& cache) const {
  const Eigen::Index n = X.rows(), d = X.cols();
  cache.xhat.resize(n, d);
  cache.rstd.resize(n);
  Mat<S> Y(n, d);
  for (Eigen::Index r = 0; r < n; ++r) {
    // Accumulate in double: float rows of a few hundred features lose digits otherwise.
    double mean = 0.0;
    for (Eigen::Index c = 0; c < d; ++c) mean += X(r, c);
    mean /= static_cast<double>(d);
    double var = 0.0;
    for (Eigen::Index c = 0; c < d; ++c) var += (X(r, c) - mean) * (X(r, c) - mean);
    var /= static_cast<double>(d);
    const double rstd = 1.0 / std::sqrt(var + eps);
    cache.rstd(r) = static_cast<S>(rstd);
    for (Eigen::Index c = 0; c < d; ++c) {
      const S xhat = static_cast<S>((X(r, c) - mean) * rstd);
      cache.xhat(r, c) = xhat;
      Y(r, c) = gamma.value(0, c) * xhat + beta.value(0, c);
    }
  }
  return Y;
}

template <class S>
Mat<S> LayerNorm<S>::backward(const Cache& cache, const Mat<S>& dY) {
  const Eigen::Index n = dY.rows(), d = dY.cols();
  gamma.grad.row(0) += (dY.array() * cache.xhat.array()).matrix().colwise().sum();
  beta.grad.row(0) += dY.colwise().sum();
  Mat<S> dX(n, d);
  for (Eigen::Index r = 0; r < n; ++r) {
    double mean_g = 0.0, mean_gx = 0.0;
    for (Eigen::Index c = 0; c < d; ++c) {
      const double g = gamma.value(0, c) * dY(r, c);
      mean_g += g;
      mean_gx += g * cache.xhat(r, c);
    }
    mean_g /= static_cast<double>(d);
    mean_gx /= static_cast<double>(d);
    for (Eigen::Index c = 0; c < d; ++c) {
      const double g = gamma.value(0, c) * dY(r, c);
      dX(r, c) = static_cast<S>(cache.rstd(r) * (g - mean_g - cache.xhat(r, c) * mean_gx));
    }
  }
  return dX;
}

template struct LayerNorm<float>;
template struct LayerNorm<double>;

}  // namespace al::tf
