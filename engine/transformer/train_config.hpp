// The training run the tf.* settings keys describe, shared by `attention-lab train`, the
// transformer-training figure and the window's Training section, so all three train the same
// model from the same keys.
#pragma once

#include <optional>
#include <string>

#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "engine/transformer/trainer.hpp"
#include "engine/transformer/training.hpp"

namespace al::tf {

// The run of tf.task with the model (tf.d_model, tf.heads, tf.layers, tf.ffn), tf.seq_len digits
// per sequence, tf.batch, tf.lr, tf.seed and tf.dropout; the rest is reverse_task_config()'s.
// Fails with a message naming the key when the keys do not fit together (tf.d_model not
// divisible by tf.heads) or validate() refuses the run.
Expected<TrainConfig> train_config(const Settings& s);

// Nothing when one training step of `c` fits the memory budget (engine/memory_budget.hpp);
// otherwise one line naming the tf.* keys to lower. `attention-lab train` and the
// transformer-training figure check it before they train.
std::optional<std::string> check_training_memory(const TrainConfig& c);

// The first key train_config() reads whose value differs between `a` and `b` ("tf.d_model"), or
// nothing when both describe the same run.
std::optional<std::string> changed_training_key(const Settings& a, const Settings& b);

// How training that is watched (the window's, and the transformer-training figure that draws the
// same plot) is evaluated: held-out accuracy on 50 sequences every 100 steps, and at `max_steps`.
// The CLI's 200 sequences cost as much as about 28 steps of the reverse model (greedy decoding
// is sequential), which every 100 steps would take a fifth of the training time.
TrainerLimits watched_training_limits(int max_steps);

}  // namespace al::tf
