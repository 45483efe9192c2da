// The sublayer steps that encoder and decoder blocks share: the self-attention sublayer's
// backward pass, and the position-wise FFN sublayer's backward pass and incremental step. Each
// sublayer is  out = AddNorm(X, F(in)),  in = AddNorm's sublayer_input(X)  (add_norm.hpp).
#pragma once

#include "engine/transformer/add_norm.hpp"
#include "engine/transformer/ffn.hpp"
#include "engine/transformer/multi_head_attention.hpp"

namespace al::tf {

// dOut → dX of  out = AddNorm(X, MHA(in, in, in)), accumulating the attention's and the norm's
// parameter gradients.
template <class S>
Mat<S> self_attention_sublayer_backward(AddNorm<S>& add_norm, MultiHeadAttention<S>& attn,
                                        const typename AddNorm<S>::Cache& an,
                                        const typename MultiHeadAttention<S>::Cache& attn_cache,
                                        const Mat<S>& dOut) {
  Mat<S> dX, dA, dQ, dKV;
  add_norm.output_backward(an, dOut, dX, dA);
  attn.backward(attn_cache, dA, dQ, dKV);
  dQ += dKV;  // queries, keys and values all read `in`
  add_norm.sublayer_input_backward(an, dQ, dX);
  return dX;
}

// dOut → dY of  out = AddNorm(Y, FFN(in)), accumulating the FFN's and the norm's parameter
// gradients.
template <class S>
Mat<S> ffn_sublayer_backward(AddNorm<S>& add_norm, PositionWiseFFN<S>& ffn,
                             const typename AddNorm<S>::Cache& an,
                             const typename PositionWiseFFN<S>::Cache& ffn_cache,
                             const Mat<S>& dOut) {
  Mat<S> dY, dF;
  add_norm.output_backward(an, dOut, dY, dF);
  add_norm.sublayer_input_backward(an, ffn.backward(ffn_cache, dF), dY);
  return dY;
}

// Y → AddNorm(Y, FFN(in)) at inference, keeping nothing for a backward pass.
template <class S>
Mat<S> ffn_sublayer_step(const AddNorm<S>& add_norm, const PositionWiseFFN<S>& ffn,
                         const Mat<S>& Y) {
  typename AddNorm<S>::Cache an;
  typename PositionWiseFFN<S>::Cache ffn_cache;
  const Mat<S> F = ffn.forward(add_norm.sublayer_input(Y, an), ffn_cache);
  return add_norm.output(Y, F, an);
}

}  // namespace al::tf
