// Forward, backward and incremental step of the decoder block.
#include "engine/transformer/decoder_layer.hpp"

#include "engine/transformer/sublayers.hpp"

namespace al::tf {

template <class S>
void DecoderLayer<S>::init(const ModelConfig& c, Rng& rng) {
  self_attn.init(c.d_model, c.num_heads, c.attention_bias, rng);
  cross_attn.init(c.d_model, c.num_heads, c.attention_bias, rng);
  add_norm1.init(c.d_model, c.layer_norm_eps, c.norm);
  add_norm2.init(c.d_model, c.layer_norm_eps, c.norm);
  add_norm3.init(c.d_model, c.layer_norm_eps, c.norm);
  ffn.init(c.d_model, c.ffn_hidden, c.d_model, c.activation, rng);
}

template <class S>
Mat<S> DecoderLayer<S>::forward(const Mat<S>& X, const Mat<S>& M, int batch,
                                std::span<const int> self_lens, std::span<const int> cross_lens,
                                Cache& cache, Dropout* dropout) const {
  cache.in1 = add_norm1.sublayer_input(X, cache.an1);
  const Mat<S> A = self_attn.forward(cache.in1, cache.in1, batch, self_lens, cache.self, dropout);
  cache.Y = add_norm1.output(X, A, cache.an1, dropout);
  cache.in2 = add_norm2.sublayer_input(cache.Y, cache.an2);
  const Mat<S> C = cross_attn.forward(cache.in2, M, batch, cross_lens, cache.cross, dropout);
  cache.Z = add_norm2.output(cache.Y, C, cache.an2, dropout);
  cache.in3 = add_norm3.sublayer_input(cache.Z, cache.an3);
  const Mat<S> F = ffn.forward(cache.in3, cache.ffn);
  return add_norm3.output(cache.Z, F, cache.an3, dropout);
}

template <class S>
Mat<S> DecoderLayer<S>::backward(const Cache& cache, const Mat<S>& dO, Mat<S>& dM) {
  const Mat<S> dZ = ffn_sublayer_backward(add_norm3, ffn, cache.an3, cache.ffn, dO);
  Mat<S> dY, dC, dIn2, dMem;
  add_norm2.output_backward(cache.an2, dZ, dY, dC);
  cross_attn.backward(cache.cross, dC, dIn2, dMem);
  dM += dMem;
  add_norm2.sublayer_input_backward(cache.an2, dIn2, dY);
  return self_attention_sublayer_backward(add_norm1, self_attn, cache.an1, cache.self, dY);
}

template <class S>
typename DecoderLayer<S>::StepState DecoderLayer<S>::start(const Mat<S>& M, int src_valid) const {
  StepState state;
  cross_attn.append_kv(state.cross_kv, M);
  state.src_valid = {src_valid};
  return state;
}

template <class S>
Mat<S> DecoderLayer<S>::step(const Mat<S>& x, StepState& state, std::vector<Mat<S>>& self_weights,
                             std::vector<Mat<S>>& cross_weights) const {
  typename AddNorm<S>::Cache an1, an2;
  // The cache holds only this token and earlier ones: no causal mask needed (the book's inference).
  const Mat<S> in1 = add_norm1.sublayer_input(x, an1);
  self_attn.append_kv(state.self_kv, in1);
  const Mat<S> Y =
      add_norm1.output(x, self_attn.forward_cached(in1, state.self_kv, {}, self_weights), an1);
  const Mat<S> in2 = add_norm2.sublayer_input(Y, an2);
  const Mat<S> Z = add_norm2.output(
      Y, cross_attn.forward_cached(in2, state.cross_kv, state.src_valid, cross_weights), an2);
  return ffn_sublayer_step(add_norm3, ffn, Z);
}

template struct DecoderLayer<float>;
template struct DecoderLayer<double>;

}  // namespace al::tf
