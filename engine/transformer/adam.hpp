// Adam with global-norm gradient clipping (the book's Trainer(gradient_clip_val=1) with Adam):
//   g ← g · min(1, clip / ‖g‖₂) over ALL parameters together
//   m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²
//   θ ← θ − lr · m̂ / (√v̂ + ε),  m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/transformer/tensor.hpp"

namespace al::tf {

struct AdamConfig {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double clip = 1.0;  // ≤ 0: no clipping
};

template <class S>
class Adam {
 public:
  explicit Adam(AdamConfig c = {}) : config_(c) {}
  // Clips and applies the gradients accumulated in `params` (the same parameters in the same order
  // at every step); returns ‖g‖₂ before clipping.
  double step(std::span<Param<S>* const> params);
  // The same over every parameter of a model (Transformer, Seq2SeqAttention), in its visit order.
  template <class Model>
  double step(Model& model) {
    std::vector<Param<S>*> params;
    model.visit([&](const std::string&, Param<S>& p) { params.push_back(&p); });
    return step(std::span<Param<S>* const>(params));
  }
  int steps() const { return t_; }
  AdamConfig& config() { return config_; }

 private:
  AdamConfig config_;
  int t_ = 0;
  std::vector<Mat<S>> m_, v_;  // moments, in the order of the parameters
};

}  // namespace al::tf
