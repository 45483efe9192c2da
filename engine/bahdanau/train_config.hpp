// The training run the bahdanau.* settings keys describe, shared by `attention-lab train
// bahdanau`, the bahdanau-training figure and the Bahdanau lab's Training section, so all three
// train the same model from the same keys: after the same number of epochs the window's model and
// the command line's file are the same model.
#pragma once

#include <optional>
#include <string>

#include "engine/bahdanau/bahdanau_settings.hpp"
#include "engine/bahdanau/training.hpp"

namespace al::bahdanau {

// phrases_config() with E = H = bahdanau.hiddens, bahdanau.layers, bahdanau.batch, bahdanau.seed
// and Adam at bahdanau.lr.
TrainConfig train_config(const BahdanauSettings& s);

// Nothing when `c` passes validate() and one training step fits the memory budget
// (engine/memory_budget.hpp); otherwise one line, naming the bahdanau.* keys to lower.
std::optional<std::string> check_training(const TrainConfig& c);

// The first key of train_config() other than bahdanau.lr whose value differs between `a` and `b`
// ("bahdanau.hiddens"): a change that makes a new run, while a new learning rate reaches a running
// one. Nothing when both describe the same run.
std::optional<std::string> changed_run_key(const BahdanauSettings& a, const BahdanauSettings& b);

}  // namespace al::bahdanau
