// Layer normalisation over the feature axis of every row (token), as PyTorch's nn.LayerNorm(d):
// biased variance, eps inside the square root (1e-5 by default), learnable gain γ and shift β.
#pragma once

#include <string>

#include "engine/transformer/tensor.hpp"

namespace al::tf {

template <class S>
struct LayerNorm {
  Param<S> gamma;  // (1, d), starts at 1
  Param<S> beta;   // (1, d), starts at 0
  double eps = 1e-5;

  struct Cache {
    Mat<S> xhat;     // (N, d) normalised input, before γ and β
    RowVec<S> rstd;  // (N)    1 / √(var + eps) per row
  };

  void init(int d, double epsilon = 1e-5);
  int dim() const { return static_cast<int>(gamma.value.cols()); }

  // μ = mean(x), σ² = mean((x − μ)²), x̂ = (x − μ) / √(σ² + eps), y = γ ⊙ x̂ + β     (N, d) → (N, d)
  Mat<S> forward(const Mat<S>& X, Cache& cache) const;
  // g = γ ⊙ dy;  dx = rstd · (g − mean(g) − x̂ · mean(g ⊙ x̂));  dγ += Σ dy ⊙ x̂;  dβ += Σ dy
  Mat<S> backward(const Cache& cache, const Mat<S>& dY);

  template <class F>
  void visit(const std::string& prefix, F&& f) {
    f(prefix + "weight", gamma);
    f(prefix + "bias", beta);
  }
};

}  // namespace al::tf
