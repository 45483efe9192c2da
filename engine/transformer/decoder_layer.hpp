// A Transformer decoder block (D2L §11.7 TransformerDecoderBlock, nn.TransformerDecoderLayer):
//   Y = AddNorm1(X, MHA_self(X, X, X, causal))
//   Z = AddNorm2(Y, MHA_cross(Y, M, M, source valid lengths))       M: the encoder's output
//   O = AddNorm3(Z, FFN(Z))
// (pre-norm as in encoder_layer.hpp). step() decodes incrementally with a self-attention key/value
// cache that grows by one row per token and a cross-attention cache computed once from M.
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
struct DecoderLayer {
  MultiHeadAttention<S> self_attn, cross_attn;
  AddNorm<S> add_norm1, add_norm2, add_norm3;
  PositionWiseFFN<S> ffn;

  struct Cache {
    Mat<S> in1, Y, in2, Z, in3;
    typename MultiHeadAttention<S>::Cache self, cross;
    typename AddNorm<S>::Cache an1, an2, an3;
    typename PositionWiseFFN<S>::Cache ffn;
  };

  struct StepState {
    typename MultiHeadAttention<S>::KvCache self_kv, cross_kv;
    std::vector<int> src_valid;  // one entry: the source's valid length (cross-attention mask)
  };

  void init(const ModelConfig& c, Rng& rng);

  // X (B·Tt, d), M (B·Ts, d); self_lens: causal rows (B·Tt); cross_lens: source lengths per row.
  // `dropout`: training mode, dropping both attentions' weights and the three sublayer outputs
  // (null: inference).
  Mat<S> forward(const Mat<S>& X, const Mat<S>& M, int batch, std::span<const int> self_lens,
                 std::span<const int> cross_lens, Cache& cache, Dropout* dropout = nullptr) const;
  // dO → dX; adds the encoder-output gradient into dM (which must be sized like M).
  Mat<S> backward(const Cache& cache, const Mat<S>& dO, Mat<S>& dM);

  // Prepares incremental decoding against one sequence's encoder output M (Ts, d).
  StepState start(const Mat<S>& M, int src_valid) const;
  // One new row x (1, d) → (1, d); records the h self- and cross-attention weight rows.
  Mat<S> step(const Mat<S>& x, StepState& state, std::vector<Mat<S>>& self_weights,
              std::vector<Mat<S>>& cross_weights) const;

  template <class F>
  void visit(const std::string& prefix, F&& f) {
    self_attn.visit(prefix + "self_attn.", f);
    cross_attn.visit(prefix + "multihead_attn.", f);
    ffn.visit(prefix, f);
    add_norm1.visit(prefix + "norm1.", f);
    add_norm2.visit(prefix + "norm2.", f);
    add_norm3.visit(prefix + "norm3.", f);
  }
};

}  // namespace al::tf
