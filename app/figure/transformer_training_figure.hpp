// transformer-training: a Transformer learning its task, from the trainer's history
// (engine/transformer/trainer.hpp): the batch loss at every step (left) and the held-out greedy
// accuracy at every evaluation (right: tokens and whole sequences), both over the step. The
// window draws its live trainer's history; `attention-lab figure transformer-training` trains the
// tf.* keys' run for tf.steps steps first (evaluating as the window does).
//
// Its table (the CSV) has one row per step that has a loss point or an evaluation, in step order:
//   step,loss,token_accuracy,heldout_token_accuracy,heldout_sequence_accuracy
// loss and token_accuracy (teacher-forced argmax accuracy) are of that step's batch; the held-out
// columns are filled at evaluation steps only, empty elsewhere. Accuracies are fractions (0 to 1).
// A long run is thinned evenly (Thinned, at most 10 000 points per list) as it is shown.
#pragma once

#include <string>

#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "engine/transformer/trainer.hpp"
#include "figures.hpp"

namespace al::fig {

// `note` goes under the loss plot (why training stopped, e.g. the loss diverged); empty: none.
Figure transformer_training_figure(const tf::TrainerHistory& history, const std::string& note,
                                   const FigureContext& ctx);

// The registry's entry: trains the tf.* keys' run (tf.task, tf.steps, …) on this thread. Fails,
// before training, with a message naming the key (tf.d_model not divisible by tf.heads, a run
// over the memory budget).
Expected<Figure> transformer_training_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
