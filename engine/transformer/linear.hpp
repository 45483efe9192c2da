// A fully connected layer y = x Wᵀ + b with W stored as PyTorch stores it, (out × in), so weights
// exported from a PyTorch state_dict load without transposing. The bias is optional.
#pragma once

#include <string>

#include "engine/rng.hpp"
#include "engine/transformer/tensor.hpp"

namespace al::tf {

template <class S>
struct Linear {
  Param<S> weight;  // (out, in)
  Param<S> bias;    // (1, out), or empty when the layer has no bias

  // Xavier-uniform weights, U(−a, a) with a = √(6 / (in + out)); zero bias.
  void init(int in, int out, bool with_bias, Rng& rng);
  int in() const { return static_cast<int>(weight.value.cols()); }
  int out() const { return static_cast<int>(weight.value.rows()); }

  // Y = X Wᵀ + b        X: (N, in) → Y: (N, out); large products on both cores (row_blocks.hpp)
  Mat<S> forward(const Mat<S>& X) const;
  // Rows [first, first + count) of the same Y, into Y (already (N, out)): for layers that split
  // several products over the cores at once.
  void forward_rows(const Mat<S>& X, Eigen::Index first, Eigen::Index count, Mat<S>& Y) const;
  // dX = dY W,  dW += dYᵀ X,  db += Σ_rows dY        dY: (N, out) → dX: (N, in)
  Mat<S> backward(const Mat<S>& X, const Mat<S>& dY);

  template <class F>
  void visit(const std::string& prefix, F&& f) {
    f(prefix + "weight", weight);
    if (!bias.empty()) f(prefix + "bias", bias);
  }
};

// Fills `m` with Xavier-uniform values for a map from `fan_in` to `fan_out` features.
template <class S>
void xavier_uniform(Mat<S>& m, int fan_in, int fan_out, Rng& rng);

}  // namespace al::tf
