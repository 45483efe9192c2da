#include "bahdanau_settings.hpp"

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"

namespace al {
namespace {

using S = BahdanauSettings;

}  // namespace

std::vector<SettingInfo> bahdanau_setting_table() {
  return {
      integer_setting(
          "bahdanau.step",
          "decoder steps the Bahdanau lab shows (0: all), one more with the Right arrow",
          &S::bahdanau_step, 0, 9999),
      integer_setting("bahdanau.key",
                      "source position (key) whose additive score the Bahdanau lab takes apart, "
                      "from 0",
                      &S::bahdanau_key, 0, 9999),
      bool_setting("bahdanau.show_training",
                   "the Bahdanau lab shows the model training in the window (false: the file at "
                   "model.path, or the shipped model when that is not a Bahdanau model)",
                   &S::bahdanau_show_training),
      integer_setting("bahdanau.hiddens",
                      "embedding size E and hidden size H of the Bahdanau model the window trains",
                      &S::bahdanau_hiddens, 1, 1024),
      integer_setting("bahdanau.layers", "GRU layers of the encoder and of the decoder",
                      &S::bahdanau_layers, 1, 8),
      integer_setting("bahdanau.batch", "sentence pairs per training step of the Bahdanau model",
                      &S::bahdanau_batch, 1, 4096),
      integer_setting("bahdanau.seed", "seed of the Bahdanau model's initial weights and batches",
                      &S::bahdanau_seed, 0, kMaxSeed),
      real_setting("bahdanau.lr",
                   "Adam learning rate of the Bahdanau training (changes a running training)",
                   &S::bahdanau_lr, 1e-6, 1.0),
      real_setting("bahdanau.speed",
                   "epochs per second at most while the Bahdanau training plays (0: as fast as "
                   "it can)",
                   &S::bahdanau_speed, 0.0, 1000.0),
      integer_setting("bahdanau.step_epochs", "epochs of the Bahdanau lab's +N epochs button",
                      &S::bahdanau_step_epochs, 1, 100000),
      integer_setting("bahdanau.epochs",
                      "epochs of `attention-lab train bahdanau` and of the bahdanau-training "
                      "figure (an epoch: as many batches as cover the phrase set once)",
                      &S::bahdanau_epochs, 1, 100000),
  };
}

}  // namespace al
