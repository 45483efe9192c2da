// Running a Transformer on one input: token ids per architecture, greedy decoding or teacher
// forcing, one forward pass over the whole decoder input, its trace and logits; a run cut to its
// first steps; one query's scores; the most probable next tokens.
#include "engine/transformer/run.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/memory_budget.hpp"
#include "engine/short_number.hpp"
#include "engine/transformer/decode.hpp"
#include "engine/transformer/memory_estimate.hpp"

namespace al::tf {

Expected<std::vector<int>> word_ids(const Vocab& vocab, const std::vector<std::string>& words,
                                    const std::string& key, const std::string& side) {
  std::vector<int> ids;
  for (const std::string& w : words) {
    const int id = vocab.id(w);
    if (id < 0)
      return Error{key + ": '" + w + "' is not in the model's " + side +
                   " vocabulary, which has no <unk>"};
    ids.push_back(id);
  }
  return ids;
}

namespace {

std::optional<std::string> check_length(const std::string& what, std::size_t tokens, int max_len) {
  if (tokens <= static_cast<std::size_t>(max_len)) return std::nullopt;
  return what + " " + std::to_string(tokens) + " tokens, more than the model's max_len " +
         std::to_string(max_len);
}

// Refuses a run whose working set (the model, the forward pass over `positions` decoder positions
// and its attention trace) would not fit the memory budget, before anything is allocated.
std::optional<std::string> check_memory_of_run(const ModelConfig& c, std::size_t src_len,
                                               std::size_t positions) {
  return check_memory(
      inference_working_set(c, static_cast<int>(src_len), static_cast<int>(positions)),
      "shorten input.src or input.tgt, lower decode.max_steps, or use a smaller model.path");
}

std::vector<int> concat(std::vector<int> a, const std::vector<int>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The forward pass over `src` (encoder) and `decoder_in` (decoder, prompt included for a
// decoder-only model), kept with its trace and logits.
TransformerRun forward_run(const Transformer<float>& model, const std::vector<int>& src,
                           const std::vector<int>& decoder_in) {
  const ModelConfig& c = model.config;
  TokenBatch batch;
  batch.size = 1;
  if (c.arch != Arch::Decoder) {
    batch.src = src;
    batch.src_len = static_cast<int>(src.size());
    batch.src_valid = {batch.src_len};
  }
  batch.tgt_in = decoder_in;
  batch.tgt_len = static_cast<int>(decoder_in.size());
  auto cache = std::make_shared<Transformer<float>::Cache>();
  TransformerRun run;
  run.arch = c.arch;
  run.logits = model.forward(batch, *cache).cast<double>();
  run.trace = attention_trace(model, *cache);
  run.cache = std::move(cache);
  run.decoder_tokens = c.tgt_vocab.decode(decoder_in);
  return run;
}

Expected<TransformerRun> teacher_forced(const Transformer<float>& model,
                                        const std::vector<int>& src,
                                        const std::vector<std::string>& tgt_words) {
  const ModelConfig& c = model.config;
  if (c.arch == Arch::Encoder)
    return Error{
        "input.tgt: an encoder-only model has no decoder to teacher-force (leave it empty)"};
  auto tgt = word_ids(c.tgt_vocab, tgt_words, "input.tgt", "target");
  if (!tgt) return Error{tgt.error()};
  // Decoder input: <bos> + target (encoder-decoder); prompt + <bos> + target (decoder-only).
  std::vector<int> decoder_in = concat({c.tgt_vocab.bos()}, tgt.value());
  if (c.arch == Arch::Decoder) decoder_in = concat(src, decoder_in);
  if (auto e = check_length("input.tgt: the decoder input has", decoder_in.size(), c.max_len))
    return Error{*e};
  if (auto e = check_memory_of_run(c, src.size(), decoder_in.size())) return Error{*e};
  TransformerRun run = forward_run(model, src, decoder_in);
  run.position_tokens = run.decoder_tokens;
  run.teacher_forced = true;
  return run;
}

// Why greedy decoding of `ids` ended, when it was not at <eos>.
std::string stop_note(const ModelConfig& c, const std::vector<int>& ids, int max_steps) {
  if (ids.empty() || ids.back() == c.tgt_vocab.eos()) return "";
  if (static_cast<int>(ids.size()) == max_steps)
    return "No <eos> in " + std::to_string(max_steps) + (max_steps == 1 ? " token" : " tokens") +
           ": decoding stopped at decode.max_steps.";
  return "No <eos> before the model's max_len (" + std::to_string(c.max_len) +
         "): decoding stopped there.";
}

Expected<TransformerRun> greedy(const Transformer<float>& model, const std::vector<int>& src,
                                int max_steps) {
  const ModelConfig& c = model.config;
  // Decoder positions: <bos> and every token fed back, after the prompt of a decoder-only model;
  // never more than max_len.
  const std::size_t prompt = c.arch == Arch::Decoder ? src.size() : 0;
  const std::size_t positions =
      std::min(prompt + static_cast<std::size_t>(max_steps), static_cast<std::size_t>(c.max_len));
  if (auto e = check_memory_of_run(c, src.size(), positions)) return Error{*e};
  std::vector<int> ids;
  {  // the decoder's own trace goes before the forward pass makes the run's
    auto decoded = greedy_decode(model, src, max_steps);
    if (!decoded) return Error{"input.src: " + decoded.error()};
    ids = std::move(decoded.value().ids);
  }
  if (c.arch == Arch::Encoder) {  // one output per source position
    TransformerRun run = forward_run(model, src, {});
    run.position_tokens = c.src_vocab.decode(src);
    run.output = c.tgt_vocab.decode(ids);
    return run;
  }
  // Position p read <bos> (p = 0 after the prompt) or the token step p - 1 chose; the last token
  // chosen is read by no position.
  std::vector<int> decoder_in = concat({c.tgt_vocab.bos()}, ids);
  decoder_in.pop_back();
  if (c.arch == Arch::Decoder) decoder_in = concat(src, decoder_in);
  TransformerRun run = forward_run(model, src, decoder_in);
  run.first_position = static_cast<int>(prompt);
  run.logits = run.logits.bottomRows(static_cast<Eigen::Index>(ids.size())).eval();
  run.position_tokens.assign(run.decoder_tokens.begin() + run.first_position,
                             run.decoder_tokens.end());
  for (int id : ids) {
    if (id == c.tgt_vocab.eos()) break;
    run.output.push_back(c.tgt_vocab.token(id));
  }
  run.note = stop_note(c, ids, max_steps);
  return run;
}

// The first n elements of v.
template <class T>
std::vector<T> prefix(const std::vector<T>& v, std::size_t n) {
  return {v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(n, v.size()))};
}

// "attention.layer: 2 is out of range (this model has 2 decoder-self layers: 0 to 1)"
std::string out_of_range(const std::string& key, int value, int count, const std::string& what) {
  return key + ": " + std::to_string(value) + " is out of range (" + what + ": 0 to " +
         std::to_string(count - 1) + ")";
}

}  // namespace

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += ch;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

int TransformerRun::steps() const {
  return arch == Arch::Encoder ? 0 : static_cast<int>(logits.rows());
}

Expected<TransformerRun> TransformerRun::at_step(int t) const {
  if (arch == Arch::Encoder) return Error{"an encoder-only model has no decoding steps"};
  if (t < 1 || t > steps())
    return Error{"step " + std::to_string(t) + " is out of range (1 to " + std::to_string(steps()) +
                 ")"};
  const auto positions = static_cast<std::size_t>(first_position + t);
  const auto rows = static_cast<Eigen::Index>(positions);
  TransformerRun r;
  r.arch = arch;
  for (const AttentionMap& m : trace.maps) {
    if (m.kind == AttentionKind::EncoderSelf) {
      r.trace.maps.push_back(m);
      continue;
    }
    const bool self = m.kind == AttentionKind::DecoderSelf;
    const Eigen::Index cols = self ? rows : m.weights.cols();
    r.trace.maps.push_back({m.kind, m.layer, m.head, m.weights.topLeftCorner(rows, cols),
                            prefix(m.query_tokens, positions),
                            self ? prefix(m.key_tokens, positions) : m.key_tokens});
  }
  r.logits = logits.topRows(t);
  r.first_position = first_position;
  r.position_tokens = prefix(position_tokens, static_cast<std::size_t>(t));
  r.source = source;
  r.source_unknown = source_unknown;
  r.decoder_tokens = prefix(decoder_tokens, positions);
  r.output = prefix(output, static_cast<std::size_t>(t));
  r.teacher_forced = teacher_forced;
  if (t == steps()) r.note = note;
  r.cache = cache;
  return r;
}

Expected<TransformerRun> run_transformer(const Transformer<float>& model, std::string_view source,
                                         std::string_view target, int max_steps) {
  const ModelConfig& c = model.config;
  if (max_steps < 1)
    return Error{"decode.max_steps: " + std::to_string(max_steps) + " is less than 1"};
  const std::vector<std::string> words = split_words(source);
  if (words.empty())
    return Error{"input.src: no words (give the source sentence, e.g. \"i'm home .\")"};
  const Vocab& vocab = model.input_vocab();
  auto ids = word_ids(vocab, words, "input.src", c.arch == Arch::Decoder ? "target" : "source");
  if (!ids) return Error{ids.error()};
  std::vector<int> src = ids.value();
  std::vector<bool> unknown;
  for (const std::string& w : words) unknown.push_back(!vocab.contains(w));
  if (c.arch == Arch::EncoderDecoder && vocab.eos() >= 0) {
    src.push_back(vocab.eos());
    unknown.push_back(false);
  }
  // A decoder-only prompt is followed by <bos> in the same sequence.
  const int room = c.max_len - (c.arch == Arch::Decoder ? 1 : 0);
  if (auto e = check_length("input.src: the source has", src.size(), room)) return Error{*e};

  const std::vector<std::string> tgt_words = split_words(target);
  auto run =
      tgt_words.empty() ? greedy(model, src, max_steps) : teacher_forced(model, src, tgt_words);
  if (run) {
    run.value().source = vocab.decode(src);
    run.value().source_unknown = std::move(unknown);
  }
  return run;
}

std::optional<std::string> check_kind(const TransformerRun& run, AttentionKind kind) {
  if (run.trace.layers(kind) > 0) return std::nullopt;
  std::string kinds;
  for (AttentionKind k :
       {AttentionKind::EncoderSelf, AttentionKind::DecoderSelf, AttentionKind::Cross})
    if (run.trace.layers(k) > 0) kinds += (kinds.empty() ? "" : " or ") + std::string(name(k));
  return "attention.kind: this " + std::string(name(run.arch)) + " model has no " +
         std::string(name(kind)) + " attention (use " + kinds + ")";
}

std::optional<std::string> check_map(const TransformerRun& run, int num_heads, AttentionKind kind,
                                     int layer, int head) {
  if (auto e = check_kind(run, kind)) return e;
  const int layers = run.trace.layers(kind);
  if (layer < 0 || layer >= layers)
    return out_of_range("attention.layer", layer, layers,
                        "this model has " + std::to_string(layers) + " " + name(kind) +
                            (layers == 1 ? " layer" : " layers"));
  if (head < 0 || head >= num_heads)
    return out_of_range(
        "attention.head", head, num_heads,
        "this model has " + std::to_string(num_heads) + (num_heads == 1 ? " head" : " heads"));
  return std::nullopt;
}

Expected<QuerySteps> query_steps(const Transformer<float>& model, const TransformerRun& run,
                                 AttentionKind kind, int layer, int head, int query) {
  if (auto e = check_map(run, model.config.num_heads, kind, layer, head)) return Error{*e};
  const AttentionMap& m = *run.trace.find(kind, layer, head);
  const auto queries = static_cast<int>(m.weights.rows());
  if (query < 0 || query >= queries)
    return Error{out_of_range("attention.query", query, queries,
                              std::string(name(kind)) + " has " + std::to_string(queries) +
                                  (queries == 1 ? " query" : " queries"))};

  const auto e = explain_query(model, *run.cache, kind, layer, head, 0, query);
  QuerySteps q;
  q.kind = kind;
  q.layer = layer;
  q.head = head;
  q.query = query;
  q.query_token = m.query_tokens[static_cast<std::size_t>(query)];
  q.scale = e.scale;
  // A run cut by at_step() has fewer decoder keys than the pass; the later ones are masked.
  const auto keys = static_cast<int>(m.weights.cols());
  q.valid_len = std::min(e.valid_len, keys);
  for (int k = 0; k < keys; ++k)
    q.keys.push_back({k, m.key_tokens[static_cast<std::size_t>(k)], e.raw(k), e.scaled(k),
                      e.masked(k), m.weights(query, k)});
  q.values = e.values.topRows(keys).cast<double>();
  q.output = e.output.cast<double>();
  return q;
}

Expected<std::vector<TokenChance>> top_k_tokens(const RowVec<double>& logits, const Vocab& vocab,
                                                int k, double temperature) {
  if (k < 1) return Error{"k " + std::to_string(k) + " is less than 1"};
  if (!(temperature >= kMinTemperature && temperature <= kMaxTemperature))
    return Error{"temperature " + short_number(temperature) + " is out of range (" +
                 short_number(kMinTemperature) + " to " + short_number(kMaxTemperature) + ")"};
  // p_i = exp((z_i − max z) / T) / Σ_j exp((z_j − max z) / T): the softmax of z / T with its
  // largest exponent 0, so no logit and no temperature in range overflows.
  const RowVec<double> e = ((logits.array() - logits.maxCoeff()) / temperature).exp().matrix();
  const double total = e.sum();
  std::vector<int> order(static_cast<std::size_t>(logits.size()));
  std::iota(order.begin(), order.end(), 0);
  const auto n = std::min(order.size(), static_cast<std::size_t>(k));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
                    [&](int a, int b) { return e(a) > e(b) || (e(a) == e(b) && a < b); });
  std::vector<TokenChance> top;
  for (std::size_t i = 0; i < n; ++i)
    top.push_back({order[i], vocab.token(order[i]), e(order[i]) / total});
  return top;
}

}  // namespace al::tf
