// Forward and backward of the fully connected layer.
#include "engine/transformer/linear.hpp"

#include <cmath>

namespace al::tf {

template <class S>
void xavier_uniform(Mat<S>& m, int fan_in, int fan_out, Rng& rng) {
  const double a = std::sqrt(6.0 / (fan_in + fan_out));
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<S>(rng.uniform(-a, a));
}

template <class S>
void Linear<S>::init(int in_features, int out_features, bool with_bias, Rng& rng) {
  weight.resize(out_features, in_features);
  xavier_uniform(weight.value, in_features, out_features, rng);
  if (with_bias) {
    bias.resize(1, out_features);
  } else {
    bias = Param<S>{};
  }
}

// Y = X Wᵀ + b
template <class S>
Mat<S> Linear<S>::forward(const Mat<S>& X) const {
  Mat<S> Y(X.rows(), out());
  Y.noalias() = X * weight.value.transpose();
  if (!bias.empty()) Y.rowwise() += bias.value.row(0);
  return Y;
}

// dX = dY W;  dW += dYᵀ X;  db += Σ_n dY[n, :]
template <class S>
Mat<S> Linear<S>::backward(const Mat<S>& X, const Mat<S>& dY) {
  weight.grad.noalias() += dY.transpose() * X;
  if (!bias.empty()) bias.grad.row(0) += dY.colwise().sum();
  Mat<S> dX(dY.rows(), in());
  dX.noalias() = dY * weight.value;
  return dX;
}

template void xavier_uniform(Mat<float>&, int, int, Rng&);
template void xavier_uniform(Mat<double>&, int, int, Rng&);
template struct Linear<float>;
template struct Linear<double>;

}  // namespace al::tf
