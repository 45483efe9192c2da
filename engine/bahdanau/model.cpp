// The encoder, one decoder step, the teacher-forced pass over a batch and its backward pass.
#include "engine/bahdanau/model.hpp"

#include "engine/rng.hpp"

namespace al::bahdanau {

std::optional<std::string> validate(const Config& c) {
  if (c.embed_size < 1) return "embed_size must be at least 1";
  if (c.num_hiddens < 1) return "num_hiddens must be at least 1";
  if (c.num_layers < 1) return "num_layers must be at least 1";
  if (c.src_vocab.size() == 0) return "src_vocab is empty";
  if (c.tgt_vocab.size() == 0) return "tgt_vocab is empty";
  if (c.tgt_vocab.bos() < 0) return "tgt_vocab has no <bos>";
  return std::nullopt;
}

std::int64_t parameter_count(const Config& c) {
  const std::int64_t E = c.embed_size, H = c.num_hiddens, L = c.num_layers;
  const std::int64_t src = c.src_vocab.size(), tgt = c.tgt_vocab.size();
  // A GRU layer: 3H × (In + H) weights and 2 × 3H biases; layers above the first read H.
  const auto layer = [&](std::int64_t in) { return 3 * H * (in + H) + 6 * H; };
  const auto gru = [&](std::int64_t in) { return layer(in) + (L - 1) * layer(H); };
  const std::int64_t attention = 2 * H * H + H;
  return src * E + gru(E) + attention + tgt * E + gru(E + H) + H * tgt + tgt;
}

template <class S>
void Seq2SeqAttention<S>::init(const Config& c, std::uint64_t seed) {
  config = c;
  Rng rng(seed);
  const int E = c.embed_size, H = c.num_hiddens;
  encoder_embedding.init(c.src_vocab.size(), E, rng);
  encoder_rnn.init(E, H, c.num_layers, rng);
  attention.init(H, H, H, rng);
  decoder_embedding.init(c.tgt_vocab.size(), E, rng);
  decoder_rnn.init(H + E, H, c.num_layers, rng);
  dense.init(H, c.tgt_vocab.size(), true, rng);
}

template <class S>
void Seq2SeqAttention<S>::encode(std::span<const int> ids, int batch, int len,
                                 std::span<const int> valid, EncoderCache& cache) const {
  const int H = config.num_hiddens;
  cache.batch = batch;
  cache.len = len;
  cache.valid.assign(valid.begin(), valid.end());
  cache.ids.resize(ids.size());
  for (int b = 0; b < batch; ++b)
    for (int t = 0; t < len; ++t) cache.ids[t * batch + b] = ids[b * len + t];
  const Mat<S> X = encoder_embedding.forward(cache.ids, S(1));
  const std::vector<Mat<S>> h0(encoder_rnn.layers.size(), Mat<S>::Zero(batch, H));
  const Mat<S> Y = encoder_rnn.forward(X, batch, h0, cache.final, cache.rnn, valid);
  cache.keys.assign(static_cast<std::size_t>(batch), Mat<S>(len, H));
  for (int b = 0; b < batch; ++b)
    for (int t = 0; t < len; ++t) cache.keys[b].row(t) = Y.row(t * batch + b);
}

template <class S>
Mat<S> Seq2SeqAttention<S>::decode_step(const EncoderCache& encoder, std::span<const int> tokens,
                                        std::vector<Mat<S>>& state, StepCache& cache) const {
  const auto B = static_cast<Eigen::Index>(tokens.size());
  const int H = config.num_hiddens, E = config.embed_size;
  cache.tokens.assign(tokens.begin(), tokens.end());
  cache.attention.resize(static_cast<std::size_t>(B));
  cache.x.resize(B, H + E);
  const Mat<S>& query = state.back();
  for (Eigen::Index b = 0; b < B; ++b) {
    const int lens[] = {encoder.valid[b]};
    const Mat<S> q = query.row(b);
    cache.x.row(b).head(H) =
        attention.forward(q, encoder.keys[b], encoder.keys[b], lens, cache.attention[b]).row(0);
  }
  cache.x.rightCols(E) = decoder_embedding.forward(tokens, S(1));
  const std::size_t L = decoder_rnn.layers.size();
  cache.layer_inputs.resize(L);
  cache.layers.resize(L);
  Mat<S> input = cache.x;
  for (std::size_t k = 0; k < L; ++k) {
    const GruLayer<S>& layer = decoder_rnn.layers[k];
    cache.layer_inputs[k] = std::move(input);
    state[k] = layer.step(layer.input_gates(cache.layer_inputs[k]), state[k], cache.layers[k]);
    input = state[k];
  }
  return input;
}

template <class S>
Mat<S> Seq2SeqAttention<S>::forward(const TokenBatch& batch, Cache& cache) const {
  const int B = batch.size, T = batch.tgt_len;
  encode(batch.src, B, batch.src_len, batch.src_valid, cache.encoder);
  std::vector<Mat<S>> state = cache.encoder.final;
  cache.steps.resize(static_cast<std::size_t>(T));
  cache.out.resize(static_cast<Eigen::Index>(B) * T, config.num_hiddens);
  std::vector<int> tokens(static_cast<std::size_t>(B));
  for (int t = 0; t < T; ++t) {
    for (int b = 0; b < B; ++b) tokens[b] = batch.tgt_in[b * T + t];
    const Mat<S> h = decode_step(cache.encoder, tokens, state, cache.steps[t]);
    for (int b = 0; b < B; ++b) cache.out.row(b * T + t) = h.row(b);
  }
  return dense.forward(cache.out);
}

// Back through the steps, last first. dstate[k] carries dL/ds^k_t: from the next step's GRU
// (s_t is its h_prev), from the next step's attention (the top layer's s_t is its query) and,
// added per step, from the dense layer and the layer above.
template <class S>
void Seq2SeqAttention<S>::backward(const Cache& cache, const Mat<S>& dlogits) {
  const EncoderCache& enc = cache.encoder;
  const int B = enc.batch, T = static_cast<int>(cache.steps.size());
  const int H = config.num_hiddens, E = config.embed_size;
  const Mat<S> dout = dense.backward(cache.out, dlogits);
  const std::size_t L = decoder_rnn.layers.size();
  std::vector<Mat<S>> dstate(L, Mat<S>::Zero(B, H));
  std::vector<Mat<S>> dkeys(static_cast<std::size_t>(B), Mat<S>::Zero(enc.len, H));
  Mat<S> dh_prev;
  for (int t = T; t-- > 0;) {
    const StepCache& step = cache.steps[t];
    for (int b = 0; b < B; ++b) dstate[L - 1].row(b) += dout.row(b * T + t);
    Mat<S> dinput;  // dL/d(this step's input of layer k), from layer k's GRU step
    for (std::size_t k = L; k-- > 0;) {
      GruLayer<S>& layer = decoder_rnn.layers[k];
      if (k + 1 < L) dstate[k] += dinput;
      const Mat<S> dGI = layer.step_backward(step.layers[k], dstate[k], dh_prev);
      dstate[k] = dh_prev;
      dinput = layer.input_gates_backward(step.layer_inputs[k], dGI);
    }
    decoder_embedding.backward(step.tokens, dinput.rightCols(E), S(1));
    for (int b = 0; b < B; ++b) {
      const auto g = attention.backward(step.attention[b], dinput.row(b).head(H));
      dkeys[b] += g.dK + g.dV;
      dstate[L - 1].row(b) += g.dQ.row(0);
    }
  }
  Mat<S> dY(static_cast<Eigen::Index>(enc.len) * B, H);
  for (int b = 0; b < B; ++b)
    for (int t = 0; t < enc.len; ++t) dY.row(t * B + b) = dkeys[b].row(t);
  std::vector<Mat<S>> dh0;
  const Mat<S> dX = encoder_rnn.backward(enc.rnn, dY, dstate, dh0);
  encoder_embedding.backward(enc.ids, dX, S(1));
}

template <class S>
void Seq2SeqAttention<S>::zero_grad() {
  visit([](const std::string&, Param<S>& p) { p.zero_grad(); });
}

template <class S>
std::int64_t Seq2SeqAttention<S>::parameter_count() {
  std::int64_t n = 0;
  visit([&](const std::string&, Param<S>& p) { n += p.value.size(); });
  return n;
}

template struct Seq2SeqAttention<float>;
template struct Seq2SeqAttention<double>;

}  // namespace al::bahdanau
