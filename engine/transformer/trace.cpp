// Collecting attention matrices and token strings from a recorded forward pass.
#include "engine/transformer/trace.hpp"

#include <algorithm>

namespace al::tf {

const char* name(AttentionKind k) {
  switch (k) {
    case AttentionKind::EncoderSelf:
      return "encoder-self";
    case AttentionKind::DecoderSelf:
      return "decoder-self";
    case AttentionKind::Cross:
      return "cross";
  }
  return "";
}

const AttentionMap* AttentionTrace::find(AttentionKind kind, int layer, int head) const {
  for (const AttentionMap& m : maps)
    if (m.kind == kind && m.layer == layer && m.head == head) return &m;
  return nullptr;
}

int AttentionTrace::layers(AttentionKind kind) const {
  int n = 0;
  for (const AttentionMap& m : maps)
    if (m.kind == kind) n = std::max(n, m.layer + 1);
  return n;
}

namespace {

// The mean of the maps of `kind` grouped by `group` (their layer or their head), one map per
// group in increasing order, the other index set to −1.
template <class Group>
std::vector<AttentionMap> mean_maps(const AttentionTrace& trace, AttentionKind kind, Group group,
                                    bool by_layer) {
  std::vector<AttentionMap> means;
  std::vector<int> counts;
  for (const AttentionMap& m : trace.maps) {
    if (m.kind != kind) continue;
    const auto g = static_cast<std::size_t>(group(m));
    if (g >= means.size()) {
      means.resize(g + 1);
      counts.resize(g + 1, 0);
    }
    AttentionMap& mean = means[g];
    if (counts[g]++ == 0) {
      mean = {kind,
              by_layer ? m.layer : -1,
              by_layer ? -1 : m.head,
              Mat<double>::Zero(m.weights.rows(), m.weights.cols()),
              m.query_tokens,
              m.key_tokens};
    }
    mean.weights += m.weights;
  }
  for (std::size_t g = 0; g < means.size(); ++g) means[g].weights /= counts[g];
  return means;
}

std::vector<std::string> tokens_of(const Vocab& vocab, const std::vector<int>& ids, int b,
                                   int len) {
  std::vector<std::string> out;
  for (int t = 0; t < len; ++t)
    out.push_back(vocab.token(ids[static_cast<std::size_t>(b * len + t)]));
  return out;
}

template <class S>
void add_maps(AttentionTrace& trace, AttentionKind kind, int layer,
              const typename MultiHeadAttention<S>::Cache& attn, int heads, int b,
              const std::vector<std::string>& queries, const std::vector<std::string>& keys) {
  for (int j = 0; j < heads; ++j)
    trace.maps.push_back(
        {kind, layer, j, attn.weight(b, j, heads).template cast<double>(), queries, keys});
}

template <class S>
const typename MultiHeadAttention<S>::Cache& attention_cache(
    const Transformer<S>& model, const typename Transformer<S>::Cache& cache, AttentionKind kind,
    int layer) {
  const auto i = static_cast<std::size_t>(layer);
  if (kind == AttentionKind::EncoderSelf) return cache.encoder.at(i).attn;
  if (kind == AttentionKind::Cross) return cache.decoder.at(i).cross;
  if (model.config.arch == Arch::Decoder) return cache.causal.at(i).attn;
  return cache.decoder.at(i).self;
}

}  // namespace

std::vector<AttentionMap> mean_over_heads(const AttentionTrace& trace, AttentionKind kind) {
  return mean_maps(
      trace, kind, [](const AttentionMap& m) { return m.layer; }, true);
}

std::vector<AttentionMap> mean_over_layers(const AttentionTrace& trace, AttentionKind kind) {
  return mean_maps(
      trace, kind, [](const AttentionMap& m) { return m.head; }, false);
}

template <class S>
AttentionTrace attention_trace(const Transformer<S>& model,
                               const typename Transformer<S>::Cache& cache, int b) {
  AttentionTrace trace;
  const int h = model.config.num_heads;
  const ModelConfig& c = model.config;
  if (c.arch != Arch::Decoder) {
    const auto src = tokens_of(c.src_vocab, cache.src, b, cache.src_len);
    for (std::size_t i = 0; i < cache.encoder.size(); ++i)
      add_maps<S>(trace, AttentionKind::EncoderSelf, static_cast<int>(i), cache.encoder[i].attn, h,
                  b, src, src);
  }
  if (c.arch == Arch::Encoder) return trace;
  const auto tgt = tokens_of(c.tgt_vocab, cache.tgt, b, cache.tgt_len);
  for (std::size_t i = 0; i < cache.causal.size(); ++i)
    add_maps<S>(trace, AttentionKind::DecoderSelf, static_cast<int>(i), cache.causal[i].attn, h, b,
                tgt, tgt);
  for (std::size_t i = 0; i < cache.decoder.size(); ++i)
    add_maps<S>(trace, AttentionKind::DecoderSelf, static_cast<int>(i), cache.decoder[i].self, h, b,
                tgt, tgt);
  if (c.arch == Arch::EncoderDecoder) {
    const auto src = tokens_of(c.src_vocab, cache.src, b, cache.src_len);
    for (std::size_t i = 0; i < cache.decoder.size(); ++i)
      add_maps<S>(trace, AttentionKind::Cross, static_cast<int>(i), cache.decoder[i].cross, h, b,
                  tgt, src);
  }
  return trace;
}

template <class S>
QueryExplanation<S> explain_query(const Transformer<S>& model,
                                  const typename Transformer<S>::Cache& cache, AttentionKind kind,
                                  int layer, int head, int b, int query) {
  const auto& attn = attention_cache(model, cache, kind, layer);
  const auto& mha = kind == AttentionKind::EncoderSelf   ? model.encoder.at(layer).self_attn
                    : kind == AttentionKind::Cross       ? model.decoder.at(layer).cross_attn
                    : model.config.arch == Arch::Decoder ? model.causal.at(layer).self_attn
                                                         : model.decoder.at(layer).self_attn;
  QueryExplanation<S> e{mha.explain(attn, b, head, query), {}, {}};
  // Head j owns columns [j·d/h, (j+1)·d/h) of V and of the concatenated heads (the book's layout).
  const int dh = mha.head_dim(), tk = attn.tk(), tq = attn.tq();
  e.values = attn.V.block(b * tk, head * dh, tk, dh);
  e.output = attn.heads.block(b * tq + query, head * dh, 1, dh);
  return e;
}

template AttentionTrace attention_trace(const Transformer<float>&, const Transformer<float>::Cache&,
                                        int);
template AttentionTrace attention_trace(const Transformer<double>&,
                                        const Transformer<double>::Cache&, int);
template QueryExplanation<float> explain_query(const Transformer<float>&,
                                               const Transformer<float>::Cache&, AttentionKind, int,
                                               int, int, int);
template QueryExplanation<double> explain_query(const Transformer<double>&,
                                                const Transformer<double>::Cache&, AttentionKind,
                                                int, int, int, int);

}  // namespace al::tf
