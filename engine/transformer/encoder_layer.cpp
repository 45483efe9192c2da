// Forward, backward and incremental step of the encoder block.
#include "engine/transformer/encoder_layer.hpp"

#include "engine/transformer/masked_softmax.hpp"
#include "engine/transformer/sublayers.hpp"

namespace al::tf {

template <class S>
void EncoderLayer<S>::init(const ModelConfig& c, Rng& rng) {
  self_attn.init(c.d_model, c.num_heads, c.attention_bias, rng);
  add_norm1.init(c.d_model, c.layer_norm_eps, c.norm);
  add_norm2.init(c.d_model, c.layer_norm_eps, c.norm);
  ffn.init(c.d_model, c.ffn_hidden, c.d_model, c.activation, rng);
}

template <class S>
Mat<S> EncoderLayer<S>::forward(const Mat<S>& X, int batch, std::span<const int> lens, Cache& cache,
                                Dropout* dropout) const {
  cache.X = X;
  cache.in1 = add_norm1.sublayer_input(X, cache.an1);
  const Mat<S> A = self_attn.forward(cache.in1, cache.in1, batch, lens, cache.attn, dropout);
  cache.Y = add_norm1.output(X, A, cache.an1, dropout);
  cache.in2 = add_norm2.sublayer_input(cache.Y, cache.an2);
  const Mat<S> F = ffn.forward(cache.in2, cache.ffn);
  return add_norm2.output(cache.Y, F, cache.an2, dropout);
}

template <class S>
Mat<S> EncoderLayer<S>::backward(const Cache& cache, const Mat<S>& dZ) {
  const Mat<S> dY = ffn_sublayer_backward(add_norm2, ffn, cache.an2, cache.ffn, dZ);
  return self_attention_sublayer_backward(add_norm1, self_attn, cache.an1, cache.attn, dY);
}

template <class S>
Mat<S> EncoderLayer<S>::step(const Mat<S>& X, typename MultiHeadAttention<S>::KvCache& kv,
                             std::vector<Mat<S>>& weights) const {
  typename AddNorm<S>::Cache an1;
  const int before = kv.size();
  const Mat<S> in1 = add_norm1.sublayer_input(X, an1);
  self_attn.append_kv(kv, in1);
  const std::vector<int> lens = row_lens_causal(1, static_cast<int>(X.rows()), before);
  const Mat<S> A = self_attn.forward_cached(in1, kv, lens, weights);
  return ffn_sublayer_step(add_norm2, ffn, add_norm1.output(X, A, an1));
}

template struct EncoderLayer<float>;
template struct EncoderLayer<double>;

}  // namespace al::tf
