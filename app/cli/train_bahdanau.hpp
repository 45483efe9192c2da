// `attention-lab train bahdanau --out FILE.safetensors [--set KEY=VALUE]...`: trains the GRU
// encoder-decoder with Bahdanau attention (engine/bahdanau) on the phrase set, on the calling
// thread, with a progress report on stderr; prints the final loss, the loss over the set and the
// book's four test sentences with their translations and BLEU; writes the model file.
// Keys: tf.d_model (embed_size = num_hiddens, as the book), tf.layers (num_layers), tf.steps,
// tf.batch, tf.lr, tf.seed. The engine trains without dropout: tf.dropout must be 0.
#pragma once

#include <string>

#include "engine/bahdanau/training.hpp"
#include "engine/expected.hpp"
#include "engine/settings.hpp"

namespace al::cli {

// The training run the tf.* keys describe; fails with a message naming the key.
Expected<bahdanau::TrainConfig> bahdanau_train_config(const Settings& s);

// Runs it and writes `out` (already checked to be a writable .safetensors path). Returns the
// exit code; bad settings are one line on stderr and exit code 2, before any training.
int train_bahdanau(const Settings& s, const std::string& out);

}  // namespace al::cli
