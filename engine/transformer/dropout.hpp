// Inverted dropout, where the book puts it (spec §4, §7, §8): on the attention weights before
// they multiply V (the weights a trace records are taken before it), on embeddings plus positions
// (dropout(X + P)), and on every sublayer's output before the residual add
// (LayerNorm(X + Dropout(Y))). Not inside the FFN, where PyTorch's nn.Transformer also drops and
// the book does not.
//
// While training, each unit is kept with probability 1 − p and scaled by 1/(1 − p), or zeroed:
//   forward:   Y = X ⊙ M,   M_ij = [u_ij ≥ p] / (1 − p),   u_ij ~ U[0, 1)
//   backward:  dX = dY ⊙ M  (the same mask)
// so E[Y] = X and inference uses X as it is. Masks are drawn from a seeded Rng in the order of the
// forward pass, never inside a parallel loop: a training run is reproducible, and two Dropouts
// with the same p and seed draw the same masks (how a finite-difference check holds them fixed).
//
// Forward passes take a `Dropout*`: null (their default) is inference. So is p = 0, which draws
// nothing, so every number is bit-identical to a pass without dropout.
#pragma once

#include <cstdint>

#include "engine/rng.hpp"
#include "engine/transformer/tensor.hpp"

namespace al::tf {

class Dropout {
 public:
  Dropout(double p, std::uint64_t seed) : p_(p), rng_(seed) {}  // 0 ≤ p < 1
  double p() const { return p_; }

  // A fresh mask M (rows, cols), drawn row by row.
  template <class S>
  Mat<S> draw(Eigen::Index rows, Eigen::Index cols);

 private:
  double p_;
  Rng rng_;
};

// Training mode with units to drop.
inline bool dropping(const Dropout* d) {
  return d != nullptr && d->p() > 0;
}

// The mask for a (rows, cols) unit block: drawn when dropping, empty (no dropout) otherwise.
template <class S>
Mat<S> dropout_mask(Dropout* d, Eigen::Index rows, Eigen::Index cols);

// X ⊙= M, for the forward pass and the backward pass alike; an empty mask leaves X as it is.
template <class S>
void apply_mask(const Mat<S>& mask, Mat<S>& X);

}  // namespace al::tf
