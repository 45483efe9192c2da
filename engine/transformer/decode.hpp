// Greedy decoding with key/value caches, and the attention trace of what was decoded.
//   encoder–decoder: encode the source once, then feed <bos>, y1, y2, … one token per step, each
//     step attending to the cached keys/values of earlier steps, until <eos> or max_steps tokens.
//   decoder-only: the prompt (the source ids, then <bos>) goes through the same cached steps, then
//     generation continues as above.
//   encoder-only: one forward pass; the prediction at each source position is its argmax.
// The trace holds the matrices the book draws after translating (F14–F16): the decoder rows are
// the step queries (<bos>, y1, …), self-attention rows padded with 0 past the step, as the book.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expected.hpp"
#include "engine/transformer/model.hpp"
#include "engine/transformer/trace.hpp"

namespace al::tf {

template <class S>
struct Decoded {
  std::vector<int> ids;  // generated tokens, ending with <eos> when it was produced
  Mat<S> logits;         // (steps, vocabulary): the logits each step chose from
  AttentionTrace trace;
};

// `src`: source ids (the prompt of a decoder-only model). Fails with a message on ids outside the
// vocabulary or sequences longer than max_len.
template <class S>
Expected<Decoded<S>> greedy_decode(const Transformer<S>& model, std::span<const int> src,
                                   int max_steps);

// A sentence through a model as the book's predict: tokenize(), source_ids(), greedy decoding of
// at most max_steps tokens; the output tokens before <eos>.
Expected<std::vector<std::string>> translate(const Transformer<float>& model,
                                             std::string_view sentence, int max_steps);

// Source words → ids with the input vocabulary (<unk> for unknown words, an error if there is no
// <unk>), followed by <eos> when the vocabulary has it, as the book feeds sentences.
Expected<std::vector<int>> source_ids(const Vocab& vocab, const std::vector<std::string>& words);

}  // namespace al::tf
