// Token embeddings, learned positions and the book's fixed sinusoidal positional encoding
// (D2L §11.6, spec §7):
//   P[i, 2j] = sin(i ω_j),  P[i, 2j+1] = cos(i ω_j),  ω_j = 10000^(−2j/d),  i = 0-based position.
#pragma once

#include <span>
#include <string>

#include "engine/rng.hpp"
#include "engine/transformer/tensor.hpp"

namespace al::tf {

// ω of column c: 10000^(−2⌊c/2⌋/d).
double positional_frequency(int column, int d);
// The table P (max_len, d), computed in double.
template <class S>
Mat<S> sinusoidal_positions(int max_len, int d);

// A lookup table (rows = ids). Used for token embeddings and for learned positions (id = position).
template <class S>
struct Embedding {
  Param<S> weight;  // (count, d)

  // Xavier-uniform over (count, d).
  void init(int count, int d, Rng& rng);
  int count() const { return static_cast<int>(weight.value.rows()); }
  int dim() const { return static_cast<int>(weight.value.cols()); }

  // Y[n] = scale · W[ids[n]]        ids (N) → (N, d)
  Mat<S> forward(std::span<const int> ids, S scale) const;
  // dW[ids[n]] += scale · dY[n]
  void backward(std::span<const int> ids, const Mat<S>& dY, S scale);

  template <class F>
  void visit(const std::string& prefix, F&& f) {
    f(prefix + "weight", weight);
  }
};

}  // namespace al::tf
