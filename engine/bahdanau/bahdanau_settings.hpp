// The Bahdanau lab's knobs: the decoding step and key it shows, which model it shows, and the
// training it runs in the window (and `attention-lab train bahdanau` runs, from the same keys:
// engine/bahdanau/train_config.hpp). Their keys, ranges and help are the table in
// bahdanau_settings.cpp. The model file and the sentence are the Transformer lab's model.path,
// input.src, input.tgt and decode.max_steps (the bahdanau-* figures of the command line read them
// too).
#pragma once

#include <cstdint>
#include <vector>

namespace al {

struct SettingInfo;

struct BahdanauSettings {
  // bahdanau.step: the decoder steps the lab shows (0: all), as decode.step in the Transformer
  // lab; bahdanau.key: the source position whose additive score the lab takes apart, from 0.
  int bahdanau_step = 0;
  int bahdanau_key = 0;
  // The lab shows the model training in the window instead of the file at model.path.
  bool bahdanau_show_training = false;
  // The window's training: the book's old-edition model (E = H = 32, 2 layers) and Adam at 0.005
  // with batches of 64 (bahdanau::phrases_config()). hiddens, layers, batch and seed make a new
  // run; lr and speed change a running one.
  int bahdanau_hiddens = 32;  // E = H
  int bahdanau_layers = 2;
  int bahdanau_batch = 64;
  std::uint64_t bahdanau_seed = 1;
  double bahdanau_lr = 5e-3;
  double bahdanau_speed = 0.0;  // epochs per second at most (0: as fast as it can)
  int bahdanau_step_epochs = 10;
  // Epochs `attention-lab train bahdanau` and the bahdanau-training figure train (the window
  // trains until paused). The default makes the shipped model, which translates the book's four
  // test sentences exactly from epoch 68 on (seed 1): room to spare.
  int bahdanau_epochs = 150;

  bool operator==(const BahdanauSettings&) const = default;
};

std::vector<SettingInfo> bahdanau_setting_table();

}  // namespace al
