#include "self_attention_settings.hpp"

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"

namespace al {
namespace {

using S = SelfAttentionSettings;

// A typed example is a few dozen tokens at most (sa.input is checked against the task when used).
constexpr std::size_t kMaxInputBytes = 512;

}  // namespace

std::vector<SettingInfo> self_attention_setting_table() {
  return {
      integer_setting("sa.pairs", "key-value pairs in each training sequence of the recall task",
                      &S::sa_pairs, 1, 8),
      integer_setting("sa.keys", "keys of the recall task: the first sa.keys letters a, b, c, ...",
                      &S::sa_keys, 2, 26),
      integer_setting("sa.values",
                      "values of the recall task: the first sa.values digits 0, 1, ...",
                      &S::sa_values, 2, 10),
      integer_setting("sa.dim", "width d of the embeddings and of the query, key and value maps",
                      &S::sa_dim, 2, 32),
      integer_setting("sa.batch", "sequences per training step of the self-attention network",
                      &S::sa_batch, 1, 64),
      integer_setting("sa.seed",
                      "seed of the self-attention network's initial weights, its training "
                      "sequences and its held-out set",
                      &S::sa_seed, 0, kMaxSeed),
      real_setting("sa.lr",
                   "Adam learning rate of the self-attention network (changes a running training)",
                   &S::sa_lr, 1e-5, 1.0),
      real_setting("sa.speed",
                   "steps per second at most while the self-attention training plays (0: as fast "
                   "as it can)",
                   &S::sa_speed, 0.0, 10000.0),
      integer_setting("sa.step_steps", "steps of the self-attention lab's Step button",
                      &S::sa_step_steps, 1, 10000),
      integer_setting("sa.steps",
                      "training steps the command line runs before drawing a self-attention-* "
                      "figure",
                      &S::sa_steps, 0, 3000),
      text_setting("sa.input",
                   "the example the self-attention lab shows: key-value pairs, '?' and a key, "
                   "e.g. 'a 1 b 2 c 3 ? b'",
                   "any text", &S::sa_input, kMaxInputBytes),
  };
}

}  // namespace al
