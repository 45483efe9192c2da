// The tf.* keys as a TrainConfig (see train_config.hpp).
#include "engine/transformer/train_config.hpp"

#include <algorithm>
#include <array>

#include "engine/memory_budget.hpp"
#include "engine/transformer/memory_estimate.hpp"

namespace al::tf {
namespace {

// Every key train_config() reads.
constexpr std::array<const char*, 11> kTrainingKeys = {
    "tf.task", "tf.d_model", "tf.heads",   "tf.layers",  "tf.ffn",       "tf.batch",
    "tf.lr",   "tf.seed",    "tf.seq_len", "tf.dropout", "tf.positional"};

}  // namespace

Expected<TrainConfig> train_config(const Settings& s) {
  if (s.tf_d_model % s.tf_heads != 0)
    return Error{"tf.d_model: " + std::to_string(s.tf_d_model) + " is not divisible by tf.heads (" +
                 std::to_string(s.tf_heads) + ")"};
  TrainConfig c = reverse_task_config();
  c.task.kind = s.tf_task;
  c.task.min_len = c.task.max_len = s.tf_seq_len;
  c.model.d_model = s.tf_d_model;
  c.model.num_heads = s.tf_heads;
  c.model.ffn_hidden = s.tf_ffn;
  c.model.num_encoder_layers = c.model.num_decoder_layers = s.tf_layers;
  c.model.positional = s.tf_positional;
  // Room for the longest sequences the task makes: x + <eos> in, <bos> + y out.
  c.model.max_len = std::max(c.model.max_len, 2 * longest_sequence(c.task) + 2);
  c.batch = s.tf_batch;
  c.adam.lr = s.tf_lr;
  c.seed = s.tf_seed;
  c.dropout = s.tf_dropout;
  if (auto e = validate(c)) return Error{*e};
  return c;
}

std::optional<std::string> check_training_memory(const TrainConfig& c) {
  return check_memory(training_working_set(c),
                      "lower tf.batch, tf.seq_len, tf.heads, tf.d_model, tf.layers or tf.ffn");
}

std::optional<std::string> changed_training_key(const Settings& a, const Settings& b) {
  for (const char* key : kTrainingKeys) {
    const SettingInfo* info = find_setting(key);
    if (info->get(a) != info->get(b)) return key;
  }
  return std::nullopt;
}

TrainerLimits watched_training_limits(int max_steps) {
  return {.max_steps = max_steps, .target_accuracy = 1.1, .eval_every = 100, .eval_examples = 50};
}

}  // namespace al::tf
