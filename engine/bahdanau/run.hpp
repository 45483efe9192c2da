// One sentence through a Bahdanau model, as the figures (and the lab) show it: the source words
// (input.src, split on spaces) + <eos> go through the encoder unpadded; with target words
// (input.tgt) the decoder is teacher-forced on <bos> + them, without them it decodes greedily
// (at most decode.max_steps tokens). For every decoder step the run holds the attention weights
// over the source, the context vector, the logits and the additive score part by part:
//   q = s_{t′−1}  →  W_q q  →  tanh(W_q q + W_k k_j)  →  score_j = w_vᵀ tanh(…)  →  softmax.
// Failures are one line naming the settings key (input.src, input.tgt, decode.max_steps).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/bahdanau/model_file.hpp"
#include "engine/expected.hpp"

namespace al::bahdanau {

struct StepParts {
  RowVec<double> query;             // (H) s_{t′−1}: the decoder's previous top-layer state
  RowVec<double> query_projection;  // (H) W_q q
  Mat<double> features;             // (T_src, H) tanh(W_q q + W_k k_j), one row per key
  RowVec<double> scores;            // (T_src) w_vᵀ features_j
  RowVec<double> weights;           // (T_src) softmax of the scores (every key is valid)
  RowVec<double> context;           // (H) Σ_j weights_j k_j
};

struct BahdanauRun {
  std::vector<std::string> source;   // the tokens the encoder read: words (or <unk>) + <eos>
  std::vector<bool> source_unknown;  // source[i] is <unk>, standing for a word the vocabulary lacks
  // The decoder's input at each step (the query token): <bos>, then the forced or chosen tokens.
  std::vector<std::string> decoder_tokens;
  std::vector<std::string> output;  // greedy decoding's tokens before <eos>; empty when forced
  // Each step's most likely next token (the argmax of its logits): what greedy decoding chose,
  // also when forced.
  std::vector<std::string> chosen;
  bool teacher_forced = false;
  // Set when greedy decoding ended without <eos>: one sentence to show.
  std::string note;
  Mat<double> keys;            // (T_src, H) encoder outputs: the keys and the values
  Mat<double> key_projection;  // (T_src, H) W_k k_j, the same at every step
  RowVec<double> w_v;          // (H) the score's weights: score_j = w_vᵀ features_j
  Mat<double> weights;         // (steps, T_src): the alignment, a row per decoder step
  Mat<double> logits;          // (steps, V_tgt)
  std::vector<StepParts> steps;
};

Expected<BahdanauRun> run_bahdanau(const Model& model, std::string_view source,
                                   std::string_view target, int max_steps);

// A sentence as the book's predict: tokenize() (lowercase, a space before punctuation), + <eos>,
// greedy decoding of at most max_steps tokens; the output tokens before <eos>.
Expected<std::vector<std::string>> translate(const Model& model, std::string_view sentence,
                                             int max_steps);

// The working set of one run of `c` in bytes (the model, the steps' records and the trace in
// double), checked against the memory budget before a run allocates.
double run_working_set(const Config& c, int src_len, int steps);

}  // namespace al::bahdanau
