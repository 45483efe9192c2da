// Working-set estimates of the Transformer's runs, in bytes, computed from the shapes alone so
// that a run too large for the memory budget (engine/memory_budget.hpp) is refused before it
// allocates. They count what the code keeps, not an idealised model:
//   - every forward pass records a cache for backward() (the blocks' inputs, Q, K, V, the
//     concatenated heads, LayerNorm's x̂, the FFN's hidden layer before and after the activation,
//     and every query x key attention matrix: B·h·Tq·Tk floats per attention);
//   - training adds gradients and Adam's two moments (3 numbers per parameter), dL/dlogits and
//     the gradients flowing back through one block;
//   - a figure's run adds the attention trace in double and a float copy of it for the heatmaps.
// Measured against peak RSS (tests/transformer/memory_estimate_test.cpp) they are within a few
// per cent once the run is large enough to matter.
#pragma once

#include "engine/transformer/config.hpp"
#include "engine/transformer/training.hpp"

namespace al::tf {

// One training step of `c` (its model, batch, dropout, and the longest sequences its task makes;
// the vocabularies are the task's).
double training_working_set(const TrainConfig& c);

// The background Trainer (trainer.hpp) of `c`: one training step and three more copies of the
// model, the snapshot it published, the next one (copied before it replaces the first) and one
// a reader may still hold.
double trainer_working_set(const TrainConfig& c);

// One sequence through `c` as the transformer figures run it: the model's parameters, a forward
// pass over `src_len` source tokens and `positions` decoder positions (the teacher-forced
// decoder input, or the prompt and everything greedy decoding may add; ignored for an
// encoder-only model), its attention trace and the logits.
double inference_working_set(const ModelConfig& c, int src_len, int positions);

}  // namespace al::tf
