// One input through a Transformer, as the window, the figures and the tests run it: the source
// words (split on spaces) become token ids; with target words the decoder is teacher-forced on
// <bos> + them, without them the model decodes greedily (at most max_steps tokens). The result
// holds every attention matrix, the logits at every output position and the tokens of both, and
// keeps the forward pass they came from, so that any one query can be followed from its raw
// scores to the head's output row (query_steps) and the run shown as it was after t decoded tokens
// (at_step).
//
// Both ways end in one teacher-forced forward pass over the whole decoder input (greedy decoding
// first finds that input with its key/value cache). The trace, the logits and query_steps() then
// all read one record of one pass, so they agree with each other to the last bit, and the cache
// that query_steps() needs costs no second pass when a query is chosen; inference_working_set()
// counts it. The pass equals greedy decoding's own steps (causal masking; tested to 1e-12 in
// double, model_test.cpp).
//
// Failures are one line naming the settings key the value came from (input.src, input.tgt,
// decode.max_steps, attention.kind, attention.layer, attention.head, attention.query).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expected.hpp"
#include "engine/transformer/model.hpp"
#include "engine/transformer/trace.hpp"

namespace al::tf {

// Words of `text`, split on spaces and tabs.
std::vector<std::string> split_words(std::string_view text);
// The words joined by single spaces (a run's tokens as one line of text).
std::string join_words(const std::vector<std::string>& words);
// Ids of `words` in `vocab`, <unk> for unknown words; without <unk>, an unknown word fails as
// "<key>: 'word' is not in the model's <side> vocabulary, which has no <unk>".
Expected<std::vector<int>> word_ids(const Vocab& vocab, const std::vector<std::string>& words,
                                    const std::string& key, const std::string& side);

struct TransformerRun {
  Arch arch = Arch::EncoderDecoder;
  AttentionTrace trace;  // every kind, layer and head
  // (positions, vocabulary): the logits at each output position. Row t belongs to position
  // first_position + t of the decoder input (of the source for an encoder-only model), whose
  // token is position_tokens[t].
  Mat<double> logits;
  int first_position = 0;
  std::vector<std::string> position_tokens;
  std::vector<std::string> source;  // the tokens the encoder read (a decoder-only model's prompt)
  // source_unknown[i]: source[i] is <unk>, standing for a word the vocabulary lacks.
  std::vector<bool> source_unknown;
  // The decoder's input token at each position: (a decoder-only model's prompt,) <bos>, then the
  // forced or decoded tokens. Empty for an encoder-only model.
  std::vector<std::string> decoder_tokens;
  std::vector<std::string> output;  // greedy decoding's tokens (up to <eos>); empty when forced
  bool teacher_forced = false;
  // Set when greedy decoding ended without <eos>, at max_steps or at the model's max_len: one
  // sentence to show, e.g. "No <eos> in 64 tokens: decoding stopped at decode.max_steps."
  std::string note;
  // The forward pass the trace and the logits come from (shared by the runs at_step() makes).
  std::shared_ptr<const Transformer<float>::Cache> cache;

  // Output positions of a decoding model (logits rows); 0 for an encoder-only model.
  int steps() const;
  // The run as it was after t of its steps, 1 ≤ t ≤ steps(): the first first_position + t decoder
  // positions of every decoder map (rows, and columns of decoder self-attention), the first t
  // logits rows and output tokens; the encoder's maps whole. Causal masking makes this exactly
  // what decoding (or forcing) only t tokens gives: no position sees a later one. The note is
  // kept at t = steps() only.
  Expected<TransformerRun> at_step(int t) const;
};

// Runs `model` on `source` and `target` (input.src and input.tgt; an empty target decodes
// greedily, at most `max_steps` tokens: decode.max_steps). Fails with a one-line message naming
// the key: an empty source, a word the vocabulary lacks (and it has no <unk>), more tokens than
// max_len, max_steps < 1, or a run whose estimated working set exceeds the memory budget
// (memory_budget.hpp), all checked before the forward pass.
//   encoder-decoder: source = words + <eos> (when the source vocabulary has it)
//   encoder-only:    source = words (as the built-in tasks feed it); the target must be empty
//   decoder-only:    prompt = words, then <bos> + the target's words (or greedy continuation)
Expected<TransformerRun> run_transformer(const Transformer<float>& model, std::string_view source,
                                         std::string_view target, int max_steps);

// Nothing when `run` has attention of `kind`; else "attention.kind: this encoder model has no
// cross attention (use encoder-self)".
std::optional<std::string> check_kind(const TransformerRun& run, AttentionKind kind);

// Nothing when `run` has the map (kind, layer, head) of a model with `num_heads` heads; else the
// check_kind() message or "attention.layer: 2 is out of range (this model has 2 encoder-self
// layers: 0 to 1)", likewise for attention.head.
std::optional<std::string> check_map(const TransformerRun& run, int num_heads, AttentionKind kind,
                                     int layer, int head);

// One key of a query, on the way from its score to its weight (D2L §11.3, spec §1.4):
//   score = q·k,  scaled = score / √(d/h),  masked = scaled, or −10⁶ where the key is masked,
//   weight = softmax over the keys of masked (exactly 0 at a masked key, in float and double).
// The scores are recomputed from the pass's Q and K (explain_query); the weight is the one the
// pass computed and the trace holds, so it is the heatmaps' number exactly (the softmax of
// `masked` equals it to float rounding).
struct KeyScore {
  int key = 0;
  std::string token;
  double score = 0.0, scaled = 0.0, masked = 0.0, weight = 0.0;
};

// Query `query` of (kind, layer, head) in a run, all 0-based: every key's scores and weight, the
// head's value rows and its output row, output = Σ_k weight_k · values.row(k) (before W_o), as
// the forward pass computed it.
struct QuerySteps {
  AttentionKind kind = AttentionKind::EncoderSelf;
  int layer = 0, head = 0, query = 0;
  std::string query_token;
  double scale = 1.0;  // 1/√(d/h)
  int valid_len = 0;   // keys 0 … valid_len − 1 are visible to the query, the others masked
  std::vector<KeyScore> keys;
  Mat<double> values;     // (keys, d/h)
  RowVec<double> output;  // (d/h)
};

// `model` must be the one `run` was made with. The keys are those of the run's map (at_step()
// leaves out later decoder positions). Fails, naming the key, for a kind the model lacks
// (attention.kind) or a layer, head or query beyond it (attention.layer, attention.head,
// attention.query).
Expected<QuerySteps> query_steps(const Transformer<float>& model, const TransformerRun& run,
                                 AttentionKind kind, int layer, int head, int query);

// Sampling temperatures top_k_tokens() accepts: 0.05 (nearly the argmax) to 10 (nearly uniform
// over a small vocabulary).
inline constexpr double kMinTemperature = 0.05, kMaxTemperature = 10.0;

struct TokenChance {
  int id = 0;
  std::string token;
  double probability = 0.0;
};

// The k most probable next tokens under softmax(logits / temperature), most probable first (ties:
// lower id first); k larger than the vocabulary gives every token. `logits` is one row of a
// run's logits, `vocab` the model's output vocabulary. Fails for k < 1 or a temperature outside
// [kMinTemperature, kMaxTemperature].
Expected<std::vector<TokenChance>> top_k_tokens(const RowVec<double>& logits, const Vocab& vocab,
                                                int k, double temperature);

}  // namespace al::tf
