// The residual connection around a sublayer, with its LayerNorm placed as configured:
//   post-norm (the book's AddNorm, D2L §11.7):  out = LayerNorm(X + Dropout(F(X)))
//   pre-norm (an option, as PyTorch's norm_first):  out = X + Dropout(F(LayerNorm(X)))
// A layer asks sublayer_input() what F reads, runs F itself, then output() combines; backward runs
// the same two steps in reverse. Dropout (dropout.hpp) acts only in training mode.
#pragma once

#include <string>

#include "engine/transformer/dropout.hpp"
#include "engine/transformer/layer_norm.hpp"

namespace al::tf {

enum class NormPlacement { Post, Pre };

template <class S>
struct AddNorm {
  LayerNorm<S> norm;
  NormPlacement placement = NormPlacement::Post;

  struct Cache {
    typename LayerNorm<S>::Cache ln;
    Mat<S> drop;  // dropout mask of F (empty: none)
  };

  void init(int d, double eps, NormPlacement p) {
    norm.init(d, eps);
    placement = p;
  }

  // What the sublayer reads: X (post-norm) or LayerNorm(X) (pre-norm).
  Mat<S> sublayer_input(const Mat<S>& X, Cache& cache) const;
  // The block output from X and the sublayer's output F: LN(X + F ⊙ M) or X + F ⊙ M, with M a
  // dropout mask in training mode (`dropout` not null) and 1 otherwise.
  Mat<S> output(const Mat<S>& X, const Mat<S>& F, Cache& cache, Dropout* dropout = nullptr) const;
  // Backward of output(): from dOut gives dF (into the sublayer) and the direct dX.
  void output_backward(const Cache& cache, const Mat<S>& dOut, Mat<S>& dX, Mat<S>& dF);
  // Backward of sublayer_input(): adds the sublayer's input gradient dIn into dX.
  void sublayer_input_backward(const Cache& cache, const Mat<S>& dIn, Mat<S>& dX);

  template <class F>
  void visit(const std::string& prefix, F&& f) {
    norm.visit(prefix, f);
  }
};

}  // namespace al::tf
