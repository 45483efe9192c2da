// `attention-lab train bahdanau --out FILE.safetensors [--set KEY=VALUE]...`: trains the GRU
// encoder-decoder with Bahdanau attention (engine/bahdanau) on the phrase set, on the calling
// thread, with a progress report on stderr; prints the final loss, the loss over the set and the
// book's four test sentences with their translations and BLEU; writes the model file.
// Keys: the Bahdanau lab's (engine/bahdanau/train_config.hpp): bahdanau.hiddens (E = H, as the
// book), bahdanau.layers, bahdanau.batch, bahdanau.seed, bahdanau.lr, and bahdanau.epochs; the
// window's training of the same keys gives the same model after as many epochs.
#pragma once

#include <string>

#include "engine/settings.hpp"

namespace al::cli {

// Runs it and writes `out` (already checked to be a writable .safetensors path). Returns the
// exit code; bad settings are one line on stderr and exit code 2, before any training.
int train_bahdanau(const Settings& s, const std::string& out);

}  // namespace al::cli
