// The bahdanau.* keys' training run (see train_config.hpp).
#include "engine/bahdanau/train_config.hpp"

#include "engine/memory_budget.hpp"

namespace al::bahdanau {

TrainConfig train_config(const BahdanauSettings& s) {
  TrainConfig c = phrases_config();
  c.model.embed_size = c.model.num_hiddens = s.bahdanau_hiddens;
  c.model.num_layers = s.bahdanau_layers;
  c.batch = s.bahdanau_batch;
  c.seed = s.bahdanau_seed;
  c.adam.lr = s.bahdanau_lr;
  return c;
}

std::optional<std::string> check_training(const TrainConfig& c) {
  if (auto e = validate(c)) return e;
  return check_memory(training_working_set(c),
                      "lower bahdanau.batch, bahdanau.hiddens or bahdanau.layers");
}

std::optional<std::string> changed_run_key(const BahdanauSettings& a, const BahdanauSettings& b) {
  if (a.bahdanau_hiddens != b.bahdanau_hiddens) return "bahdanau.hiddens";
  if (a.bahdanau_layers != b.bahdanau_layers) return "bahdanau.layers";
  if (a.bahdanau_batch != b.bahdanau_batch) return "bahdanau.batch";
  if (a.bahdanau_seed != b.bahdanau_seed) return "bahdanau.seed";
  return std::nullopt;
}

}  // namespace al::bahdanau
