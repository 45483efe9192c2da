// A Transformer encoder block (D2L §11.7 TransformerEncoderBlock, PyTorch
// nn.TransformerEncoderLayer):
//   Y = AddNorm1(X, MHA(X, X, X))      Z = AddNorm2(Y, FFN(Y))
// (pre-norm: Y = X + MHA(LN1 X), Z = Y + FFN(LN2 Y)). With a causal mask it is also the block of a
// decoder-only (GPT-style) model, so it has an incremental step() with a key/value cache.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/rng.hpp"
#include "engine/transformer/add_norm.hpp"
#include "engine/transformer/config.hpp"
#include "engine/transformer/dropout.hpp"
#include "engine/transformer/ffn.hpp"
#include "engine/transformer/multi_head_attention.hpp"

namespace al::tf {

template <class S>
struct EncoderLayer {
  MultiHeadAttention<S> self_attn;
  AddNorm<S> add_norm1, add_norm2;
  PositionWiseFFN<S> ffn;

  struct Cache {
    Mat<S> X, in1, Y, in2;  // block input, attention input, after AddNorm1, FFN input; (B·T, d)
    typename MultiHeadAttention<S>::Cache attn;
    typename AddNorm<S>::Cache an1, an2;
    typename PositionWiseFFN<S>::Cache ffn;
  };

  void init(const ModelConfig& c, Rng& rng);

  // (B·T, d) → (B·T, d); `lens` masks keys per query row (valid lengths, or causal), or is empty.
  // `dropout`: training mode, dropping attention weights and both sublayer outputs (null:
  // inference).
  Mat<S> forward(const Mat<S>& X, int batch, std::span<const int> lens, Cache& cache,
                 Dropout* dropout = nullptr) const;
  // dZ → dX, accumulating every parameter gradient.
  Mat<S> backward(const Cache& cache, const Mat<S>& dZ);

  // Causal incremental form: the new rows X (n, d) of one sequence attend to everything cached
  // before them and to themselves (causally); their keys and values are appended to `kv`.
  // `weights` receives the h attention matrices (n, kv.size()).
  Mat<S> step(const Mat<S>& X, typename MultiHeadAttention<S>::KvCache& kv,
              std::vector<Mat<S>>& weights) const;

  template <class F>
  void visit(const std::string& prefix, F&& f) {
    self_attn.visit(prefix + "self_attn.", f);
    ffn.visit(prefix, f);
    add_norm1.visit(prefix + "norm1.", f);
    add_norm2.visit(prefix + "norm2.", f);
  }
};

}  // namespace al::tf
