// Forward and backward of the fully connected layer.
#include "engine/transformer/linear.hpp"

#include <cmath>

#include "engine/transformer/matmul.hpp"
#include "engine/transformer/row_blocks.hpp"

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

// Y = X Wᵀ + b, by blocks of rows (row_blocks.hpp)
template <class S>
void Linear<S>::forward_rows(const Mat<S>& X, Eigen::Index first, Eigen::Index count,
                             Mat<S>& Y) const {
  matmul(Y.middleRows(first, count), X.middleRows(first, count), Op::plain, weight.value,
         Op::transposed);
  if (!bias.empty()) Y.middleRows(first, count).rowwise() += bias.value.row(0);
}

template <class S>
Mat<S> Linear<S>::forward(const Mat<S>& X) const {
  Mat<S> Y(X.rows(), out());
  const double work = static_cast<double>(X.rows()) * in() * out();
  for_row_blocks(X.rows(), work,
                 [&](Eigen::Index first, Eigen::Index count) { forward_rows(X, first, count, Y); });
  return Y;
}

// dW += dYᵀ X (by blocks of output features);  db += Σ_n dY[n, :];  dX = dY W (by blocks of rows)
template <class S>
Mat<S> Linear<S>::backward(const Mat<S>& X, const Mat<S>& dY) {
  const double work = static_cast<double>(X.rows()) * in() * out();
  for_row_blocks(out(), work, [&](Eigen::Index o, Eigen::Index n) {
    matmul(weight.grad.middleRows(o, n), dY.middleCols(o, n), Op::transposed, X, Op::plain, S(1),
           true);
  });
  if (!bias.empty()) bias.grad.row(0) += dY.colwise().sum();
  Mat<S> dX(dY.rows(), in());
  for_row_blocks(dY.rows(), work, [&](Eigen::Index r, Eigen::Index n) {
    matmul(dX.middleRows(r, n), dY.middleRows(r, n), Op::plain, weight.value, Op::plain);
  });
  return dX;
}

template void xavier_uniform(Mat<float>&, int, int, Rng&);
template void xavier_uniform(Mat<double>&, int, int, Rng&);
template struct Linear<float>;
template struct Linear<double>;

}  // namespace al::tf
