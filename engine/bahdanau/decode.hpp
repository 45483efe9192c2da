// Running the decoder over one source sentence, step by step with decode_step() (model.hpp):
//   greedy: feed <bos>, then each step's argmax, until <eos> is chosen or max_steps tokens;
//   forced: feed <bos> + the given target (teacher forcing), one step per token fed.
// The source is not padded: the encoder reads its ids only (the book's prediction pads it to
// num_steps, so its decoder starts from a state that has also read padding). Every step's record
// is kept, so a run (run.hpp) can show the attention and score parts of each step.
#pragma once

#include <span>
#include <vector>

#include "engine/bahdanau/model.hpp"
#include "engine/expected.hpp"

namespace al::bahdanau {

template <class S>
struct Decoded {
  std::vector<int> inputs;  // the decoder's input at each step: <bos>, then fed tokens
  std::vector<int> ids;     // each step's argmax (greedy: the output, ending with <eos> if chosen)
  Mat<S> logits;            // (steps, V_tgt)
  typename Seq2SeqAttention<S>::EncoderCache encoder;
  std::vector<typename Seq2SeqAttention<S>::StepCache> steps;
};

// Fails for an empty source, ids outside the vocabularies, or max_steps < 1.
template <class S>
Expected<Decoded<S>> greedy_decode(const Seq2SeqAttention<S>& model, std::span<const int> src,
                                   int max_steps);
template <class S>
Expected<Decoded<S>> teacher_force(const Seq2SeqAttention<S>& model, std::span<const int> src,
                                   std::span<const int> target);

}  // namespace al::bahdanau
