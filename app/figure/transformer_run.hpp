// One forward pass of a Transformer on the settings' input, as the Transformer figures show it:
// the source is the words of input.src (split on spaces); with input.tgt the decoder is
// teacher-forced on <bos> + its words, without it the model decodes greedily (at most
// decode.max_steps tokens). The result holds every attention matrix and the logits at every
// output position, with the tokens of both.
#pragma once

#include <string>
#include <vector>

#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "engine/transformer/model.hpp"
#include "engine/transformer/trace.hpp"

namespace al::fig {

struct TransformerRun {
  tf::AttentionTrace trace;  // every kind, layer and head
  // (positions, vocabulary): the logits at each output position. Row t belongs to position
  // first_position + t of the decoder input (of the source for an encoder-only model), whose
  // token is position_tokens[t].
  tf::Mat<double> logits;
  int first_position = 0;
  std::vector<std::string> position_tokens;
  std::vector<std::string> source;  // the tokens the encoder read (a decoder-only model's prompt)
  std::vector<std::string> output;  // greedy decoding's tokens (up to <eos>); empty when forced
  bool teacher_forced = false;
  // Set when greedy decoding ended without <eos>, at decode.max_steps or at the model's max_len:
  // one sentence for the figures to show, e.g. "No <eos> in 64 tokens: decoding stopped at
  // decode.max_steps."
  std::string note;
};

// Words of `text`, split on spaces and tabs.
std::vector<std::string> split_words(const std::string& text);

// Runs `model` on input.src / input.tgt of `s`. Fails with a one-line message naming the key:
// an empty source, a word the vocabulary lacks (and it has no <unk>), more tokens than max_len, or
// a run whose estimated working set exceeds the memory budget (memory_budget.hpp), all checked
// before the forward pass.
//   encoder-decoder: source = words + <eos> (when the source vocabulary has it)
//   encoder-only:    source = words (as the built-in tasks feed it); input.tgt must be empty
//   decoder-only:    prompt = words, then <bos> + input.tgt's words (or greedy continuation)
Expected<TransformerRun> run_transformer(const tf::Transformer<float>& model, const Settings& s);

}  // namespace al::fig
