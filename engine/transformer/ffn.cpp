// Forward and backward of the position-wise feed-forward network.
#include "engine/transformer/ffn.hpp"

#include <cmath>
#include <numbers>

namespace al::tf {

template <class S>
S activate(Activation a, S x) {
  if (a == Activation::Relu) return x > S(0) ? x : S(0);
  return S(0.5) * x * (S(1) + std::erf(x / std::numbers::sqrt2_v<S>));
}

// relu'(x) = [x > 0];  gelu'(x) = Φ(x) + x φ(x) with φ the standard normal density.
template <class S>
S activate_grad(Activation a, S x) {
  if (a == Activation::Relu) return x > S(0) ? S(1) : S(0);
  const S cdf = S(0.5) * (S(1) + std::erf(x / std::numbers::sqrt2_v<S>));
  const S pdf =
      std::exp(S(-0.5) * x * x) * std::numbers::inv_sqrtpi_v<S> / std::numbers::sqrt2_v<S>;
  return cdf + x * pdf;
}

template <class S>
void PositionWiseFFN<S>::init(int in, int hidden, int out, Activation a, Rng& rng) {
  linear1.init(in, hidden, true, rng);
  linear2.init(hidden, out, true, rng);
  activation = a;
}

template <class S>
Mat<S> PositionWiseFFN<S>::forward(const Mat<S>& X, Cache& cache) const {
  cache.X = X;
  cache.hidden = linear1.forward(X);
  cache.act = cache.hidden.unaryExpr([a = activation](S h) { return activate(a, h); });
  return linear2.forward(cache.act);
}

template <class S>
Mat<S> PositionWiseFFN<S>::backward(const Cache& cache, const Mat<S>& dY) {
  Mat<S> dH = linear2.backward(cache.act, dY);
  dH.array() *=
      cache.hidden.unaryExpr([a = activation](S h) { return activate_grad(a, h); }).array();
  return linear1.backward(cache.X, dH);
}

template float activate(Activation, float);
template double activate(Activation, double);
template float activate_grad(Activation, float);
template double activate_grad(Activation, double);
template struct PositionWiseFFN<float>;
template struct PositionWiseFFN<double>;

}  // namespace al::tf
