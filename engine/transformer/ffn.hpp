// The position-wise feed-forward network of a Transformer layer: the same two-layer MLP applied to
// every row, Linear(d → hidden) → ReLU (or GELU) → Linear(hidden → out), both linear maps with
// bias; out = d inside a Transformer (the book's demo PositionWiseFFN(4, 8) maps 4 features to 8).
// Names follow PyTorch's nn.TransformerEncoderLayer (linear1, linear2).
#pragma once

#include <string>

#include "engine/rng.hpp"
#include "engine/transformer/linear.hpp"

namespace al::tf {

enum class Activation { Relu, Gelu };

// relu(x) = max(x, 0); gelu(x) = x Φ(x) = ½ x (1 + erf(x / √2)) (exact, as PyTorch's default).
template <class S>
S activate(Activation a, S x);
// d activate / dx
template <class S>
S activate_grad(Activation a, S x);

template <class S>
struct PositionWiseFFN {
  Linear<S> linear1;  // d → hidden
  Linear<S> linear2;  // hidden → out
  Activation activation = Activation::Relu;

  struct Cache {
    Mat<S> X;       // (N, in)     input
    Mat<S> hidden;  // (N, hidden) before the activation
    Mat<S> act;     // (N, hidden) after it
  };

  void init(int in, int hidden, int out, Activation a, Rng& rng);

  // H = X W1ᵀ + b1;  A = act(H);  Y = A W2ᵀ + b2        (N, in) → (N, out)
  Mat<S> forward(const Mat<S>& X, Cache& cache) const;
  // dA = dY W2;  dH = dA ⊙ act'(H);  dX = dH W1
  Mat<S> backward(const Cache& cache, const Mat<S>& dY);

  template <class F>
  void visit(const std::string& prefix, F&& f) {
    linear1.visit(prefix + "linear1.", f);
    linear2.visit(prefix + "linear2.", f);
  }
};

}  // namespace al::tf
