// The self-attention lab's knobs: the associative-recall task, the network's width, its training
// in the window (and on the command line, for sa.steps steps), and the example it shows. Their
// keys, ranges and help are the table in self_attention_settings.cpp.
//
// The ranges bound what a figure of the command line costs: it trains sa.steps steps of sa.batch
// sequences of 2·sa.pairs + 2 tokens through a width of sa.dim (about 9 s at the largest values on
// a busy two-core machine, 0.2 s at the defaults).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace al {

struct SettingInfo;

struct SelfAttentionSettings {
  // The task: sa.pairs key-value pairs per sequence, keys from the first sa.keys letters, values
  // from the first sa.values digits. A new task, width, batch or seed starts training again.
  int sa_pairs = 4;
  int sa_keys = 8;
  int sa_values = 8;
  int sa_dim = 16;
  int sa_batch = 32;
  std::uint64_t sa_seed = 1;
  // Adam's learning rate and the window's pace: both reach a running training.
  double sa_lr = 0.01;
  double sa_speed = 20.0;  // steps per second at most (0: as fast as it can): the defaults learn
                           // in about 100 steps, five seconds to watch
  int sa_step_steps = 10;  // the Step button's number of steps
  // Steps the command line trains before it draws a figure.
  int sa_steps = 300;
  // The example whose attention the lab shows (and the command line's figures draw): pairs, '?'
  // and a key, separated by spaces.
  std::string sa_input = "b 5 e 2 a 7 g 0 ? a";

  bool operator==(const SelfAttentionSettings&) const = default;
};

std::vector<SettingInfo> self_attention_setting_table();

}  // namespace al
