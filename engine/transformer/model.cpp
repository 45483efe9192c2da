// Forward and backward of the three Transformer architectures over a batch of token ids.
#include "engine/transformer/model.hpp"

#include <cmath>

#include "engine/rng.hpp"
#include "engine/transformer/masked_softmax.hpp"

namespace al::tf {

template <class S>
void Transformer<S>::init(const ModelConfig& c, std::uint64_t seed) {
  config = c;
  Rng rng(seed);
  const int d = c.d_model;
  const bool enc = c.arch != Arch::Decoder, dec = c.arch != Arch::Encoder;
  const bool learned = c.positional == Positional::Learned;
  src_embed = {};
  tgt_embed = {};
  src_pos = {};
  tgt_pos = {};
  if (enc) src_embed.init(c.src_vocab.size(), d, rng);
  if (dec) tgt_embed.init(c.tgt_vocab.size(), d, rng);
  if (learned && enc) src_pos.init(c.max_len, d, rng);
  if (learned && dec) tgt_pos.init(c.max_len, d, rng);
  sinusoid =
      c.positional == Positional::Sinusoidal ? sinusoidal_positions<S>(c.max_len, d) : Mat<S>();
  encoder.assign(enc ? static_cast<std::size_t>(c.num_encoder_layers) : 0, {});
  for (auto& layer : encoder) layer.init(c, rng);
  decoder.assign(
      c.arch == Arch::EncoderDecoder ? static_cast<std::size_t>(c.num_decoder_layers) : 0, {});
  for (auto& layer : decoder) layer.init(c, rng);
  causal.assign(c.arch == Arch::Decoder ? static_cast<std::size_t>(c.num_decoder_layers) : 0, {});
  for (auto& layer : causal) layer.init(c, rng);
  encoder_norm.init(d, c.layer_norm_eps);
  decoder_norm.init(d, c.layer_norm_eps);
  generator.init(d, c.tgt_vocab.size(), true, rng);
}

template <class S>
const Vocab& Transformer<S>::input_vocab() const {
  return config.arch == Arch::Decoder ? config.tgt_vocab : config.src_vocab;
}

template <class S>
S Transformer<S>::embed_scale() const {
  return config.embed_scale ? std::sqrt(static_cast<S>(config.d_model)) : S(1);
}

// X[b·len + t] = scale · E[id] + P[offset + t]
template <class S>
Mat<S> Transformer<S>::embed(const Embedding<S>& table, const Embedding<S>& pos,
                             std::span<const int> ids, int len, int offset) const {
  Mat<S> X = table.forward(ids, embed_scale());
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    const int t = offset + static_cast<int>(r) % len;
    if (config.positional == Positional::Sinusoidal) X.row(r) += sinusoid.row(t);
    if (config.positional == Positional::Learned) X.row(r) += pos.weight.value.row(t);
  }
  return X;
}

// dE[id] += scale · dX[r];  dPos[t] += dX[r]
template <class S>
static void embed_backward(const Transformer<S>& m, Embedding<S>& table, Embedding<S>& pos,
                           std::span<const int> ids, int len, const Mat<S>& dX) {
  table.backward(ids, dX, m.embed_scale());
  if (m.config.positional != Positional::Learned) return;
  for (Eigen::Index r = 0; r < dX.rows(); ++r) pos.weight.grad.row(r % len) += dX.row(r);
}

template <class S>
Mat<S> Transformer<S>::encode(std::span<const int> ids, int batch, int len,
                              std::span<const int> valid, Cache& cache, Dropout* dropout) const {
  cache.src.assign(ids.begin(), ids.end());
  cache.src_len = len;
  cache.src_rows = row_lens_1d(valid, len);
  cache.encoder.resize(encoder.size());
  Mat<S> X = embed(src_embed, src_pos, ids, len);
  cache.src_drop = dropout_mask<S>(dropout, X.rows(), X.cols());
  apply_mask(cache.src_drop, X);  // the book's PositionalEncoding: dropout(X + P)
  for (std::size_t i = 0; i < encoder.size(); ++i)
    X = encoder[i].forward(X, batch, cache.src_rows, cache.encoder[i], dropout);
  cache.memory = config.final_norm ? encoder_norm.forward(X, cache.encoder_norm) : X;
  return cache.memory;
}

template <class S>
Mat<S> Transformer<S>::forward(const TokenBatch& batch, Cache& cache, Dropout* dropout) const {
  const int B = batch.size;
  cache.batch = B;
  if (config.arch == Arch::Encoder) {
    cache.out = encode(batch.src, B, batch.src_len, batch.src_valid, cache, dropout);
    return generator.forward(cache.out);
  }
  if (config.arch == Arch::EncoderDecoder)
    encode(batch.src, B, batch.src_len, batch.src_valid, cache, dropout);
  cache.tgt = batch.tgt_in;
  cache.tgt_len = batch.tgt_len;
  cache.dec_rows = row_lens_causal(B, batch.tgt_len);
  Mat<S> X = embed(tgt_embed, tgt_pos, batch.tgt_in, batch.tgt_len);
  cache.tgt_drop = dropout_mask<S>(dropout, X.rows(), X.cols());
  apply_mask(cache.tgt_drop, X);
  if (config.arch == Arch::EncoderDecoder) {
    cache.cross_rows = row_lens_1d(batch.src_valid, batch.tgt_len);
    cache.decoder.resize(decoder.size());
    for (std::size_t i = 0; i < decoder.size(); ++i)
      X = decoder[i].forward(X, cache.memory, B, cache.dec_rows, cache.cross_rows, cache.decoder[i],
                             dropout);
  } else {
    cache.causal.resize(causal.size());
    for (std::size_t i = 0; i < causal.size(); ++i)
      X = causal[i].forward(X, B, cache.dec_rows, cache.causal[i], dropout);
  }
  cache.out = config.final_norm ? decoder_norm.forward(X, cache.decoder_norm) : X;
  return generator.forward(cache.out);
}

template <class S>
void Transformer<S>::backward(const Cache& cache, const Mat<S>& dlogits) {
  Mat<S> dX = generator.backward(cache.out, dlogits);
  Mat<S> dMemory;
  if (config.arch == Arch::Encoder) {
    dMemory = std::move(dX);
  } else {
    if (config.final_norm) dX = decoder_norm.backward(cache.decoder_norm, dX);
    if (config.arch == Arch::EncoderDecoder) {
      dMemory = Mat<S>::Zero(cache.memory.rows(), cache.memory.cols());
      for (std::size_t i = decoder.size(); i-- > 0;)
        dX = decoder[i].backward(cache.decoder[i], dX, dMemory);
    } else {
      for (std::size_t i = causal.size(); i-- > 0;) dX = causal[i].backward(cache.causal[i], dX);
    }
    apply_mask(cache.tgt_drop, dX);
    embed_backward(*this, tgt_embed, tgt_pos, cache.tgt, cache.tgt_len, dX);
    if (config.arch == Arch::Decoder) return;
  }
  if (config.final_norm) dMemory = encoder_norm.backward(cache.encoder_norm, dMemory);
  for (std::size_t i = encoder.size(); i-- > 0;)
    dMemory = encoder[i].backward(cache.encoder[i], dMemory);
  apply_mask(cache.src_drop, dMemory);
  embed_backward(*this, src_embed, src_pos, cache.src, cache.src_len, dMemory);
}

template <class S>
void Transformer<S>::zero_grad() {
  visit([](const std::string&, Param<S>& p) { p.zero_grad(); });
}

template <class S>
int Transformer<S>::parameter_count() {
  int n = 0;
  visit([&](const std::string&, Param<S>& p) { n += static_cast<int>(p.value.size()); });
  return n;
}

template struct Transformer<float>;
template struct Transformer<double>;

}  // namespace al::tf
