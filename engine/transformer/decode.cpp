// Greedy decoding: one token per step through the layers' cached step() functions.
#include "engine/transformer/decode.hpp"

namespace al::tf {

namespace {

template <class S>
int argmax(const RowVec<S>& row) {
  Eigen::Index best = 0;
  row.maxCoeff(&best);
  return static_cast<int>(best);
}

// Per layer and head, the weight rows of every step: rows[layer][head][step] (1, keys).
template <class S>
using StepRows = std::vector<std::vector<std::vector<Mat<S>>>>;

// Stacks step rows into (steps, width) matrices, zero-padded past each row (the book's fillna(0)).
template <class S>
void add_step_maps(AttentionTrace& trace, AttentionKind kind, const StepRows<S>& rows, int width,
                   const std::vector<std::string>& queries, const std::vector<std::string>& keys) {
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows[i].size(); ++j) {
      const auto& steps = rows[i][j];
      Mat<double> W = Mat<double>::Zero(static_cast<Eigen::Index>(steps.size()), width);
      for (std::size_t t = 0; t < steps.size(); ++t)
        W.row(t).head(steps[t].cols()) = steps[t].row(0).template cast<double>();
      trace.maps.push_back(
          {kind, static_cast<int>(i), static_cast<int>(j), std::move(W), queries, keys});
    }
}

std::optional<std::string> check_ids(const Vocab& vocab, std::span<const int> ids, int max_len) {
  if (ids.empty()) return "the input sequence is empty";
  if (static_cast<int>(ids.size()) > max_len)
    return "the input has " + std::to_string(ids.size()) + " tokens, more than max_len " +
           std::to_string(max_len);
  for (int id : ids)
    if (id < 0 || id >= vocab.size())
      return "token id " + std::to_string(id) + " is outside the vocabulary of " +
             std::to_string(vocab.size());
  return std::nullopt;
}

template <class S>
Decoded<S> decode_encoder_only(const Transformer<S>& model, std::span<const int> src) {
  const int n = static_cast<int>(src.size());
  TokenBatch batch{1, n, {src.begin(), src.end()}, {n}, 0, {}, {}};
  typename Transformer<S>::Cache cache;
  Decoded<S> out;
  out.logits = model.forward(batch, cache);
  for (int t = 0; t < n; ++t) out.ids.push_back(argmax<S>(out.logits.row(t)));
  out.trace = attention_trace(model, cache);
  return out;
}

}  // namespace

template <class S>
Expected<Decoded<S>> greedy_decode(const Transformer<S>& model, std::span<const int> src,
                                   int max_steps) {
  const ModelConfig& c = model.config;
  const int extra = c.arch == Arch::Decoder ? 1 : 0;  // a decoder-only prompt also holds <bos>
  if (auto e = check_ids(model.input_vocab(), src, c.max_len - extra)) return Error{*e};
  if (max_steps < 1) return Error{"max_steps must be at least 1"};
  if (c.arch == Arch::Encoder) return decode_encoder_only(model, src);

  const int n = static_cast<int>(src.size());
  const int layers = c.num_decoder_layers, heads = c.num_heads;
  Decoded<S> out;
  typename Transformer<S>::Cache enc_cache;
  std::vector<typename DecoderLayer<S>::StepState> cross_states;
  std::vector<typename MultiHeadAttention<S>::KvCache> self_kv;
  std::vector<int> fed;  // the token fed at each position
  if (c.arch == Arch::EncoderDecoder) {
    const std::vector<int> valid = {n};
    const Mat<S> memory = model.encode(src, 1, n, valid, enc_cache);
    out.trace = attention_trace(model, enc_cache);
    for (const auto& layer : model.decoder) cross_states.push_back(layer.start(memory, n));
  } else {
    self_kv.resize(model.causal.size());
    fed.assign(src.begin(), src.end());
  }
  fed.push_back(c.tgt_vocab.bos());
  const int prompt = static_cast<int>(fed.size());

  StepRows<S> self_rows(layers, std::vector<std::vector<Mat<S>>>(heads));
  StepRows<S> cross_rows = self_rows;
  std::vector<RowVec<S>> logits;
  std::vector<Mat<S>> self_w, cross_w;
  for (int p = 0; p < static_cast<int>(fed.size()); ++p) {
    const std::vector<int> token = {fed[static_cast<std::size_t>(p)]};
    Mat<S> x = model.embed(model.tgt_embed, model.tgt_pos, token, 1, p);
    for (int i = 0; i < layers; ++i) {
      if (c.arch == Arch::EncoderDecoder) {
        x = model.decoder[i].step(x, cross_states[i], self_w, cross_w);
        for (int j = 0; j < heads; ++j) cross_rows[i][j].push_back(cross_w[j]);
      } else {
        x = model.causal[i].step(x, self_kv[i], self_w);
      }
      for (int j = 0; j < heads; ++j) self_rows[i][j].push_back(self_w[j]);
    }
    if (p < prompt - 1) continue;  // still reading the prompt
    typename LayerNorm<S>::Cache norm_cache;
    const Mat<S> h = c.final_norm ? model.decoder_norm.forward(x, norm_cache) : x;
    logits.push_back(model.generator.forward(h).row(0));
    const int next = argmax(logits.back());
    out.ids.push_back(next);
    const bool done = next == c.tgt_vocab.eos() || static_cast<int>(out.ids.size()) == max_steps ||
                      static_cast<int>(fed.size()) == c.max_len;
    if (!done) fed.push_back(next);
  }

  out.logits.resize(static_cast<Eigen::Index>(logits.size()), c.tgt_vocab.size());
  for (std::size_t t = 0; t < logits.size(); ++t) out.logits.row(t) = logits[t];
  const std::vector<std::string> queries = c.tgt_vocab.decode(fed);
  const int steps = static_cast<int>(fed.size());
  add_step_maps<S>(out.trace, AttentionKind::DecoderSelf, self_rows, steps, queries, queries);
  if (c.arch == Arch::EncoderDecoder)
    add_step_maps<S>(out.trace, AttentionKind::Cross, cross_rows, n, queries,
                     c.src_vocab.decode({src.begin(), src.end()}));
  return out;
}

Expected<std::vector<int>> source_ids(const Vocab& vocab, const std::vector<std::string>& words) {
  std::vector<int> ids;
  for (const std::string& w : words) {
    const int id = vocab.id(w);
    if (id < 0) return Error{"unknown source token '" + w + "' and the vocabulary has no <unk>"};
    ids.push_back(id);
  }
  if (vocab.eos() >= 0) ids.push_back(vocab.eos());
  return ids;
}

Expected<std::vector<std::string>> translate(const Transformer<float>& model,
                                             std::string_view sentence, int max_steps) {
  auto src = source_ids(model.input_vocab(), tokenize(sentence));
  if (!src) return Error{src.error()};
  auto out = greedy_decode(model, src.value(), max_steps);
  if (!out) return Error{out.error()};
  std::vector<int> ids = out.value().ids;
  if (!ids.empty() && ids.back() == model.output_vocab().eos()) ids.pop_back();
  return model.output_vocab().decode(ids);
}

template Expected<Decoded<float>> greedy_decode(const Transformer<float>&, std::span<const int>,
                                                int);
template Expected<Decoded<double>> greedy_decode(const Transformer<double>&, std::span<const int>,
                                                 int);

}  // namespace al::tf
