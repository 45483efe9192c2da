// What the Bahdanau lab's views and the bahdanau-alignment / bahdanau-score figures draw from: one
// run of a sentence (engine/bahdanau/run.hpp), the decoder steps shown, the pair (decoder step,
// source position) followed, and the word the mouse is on.
#pragma once

#include "engine/bahdanau/run.hpp"
#include "engine/expected.hpp"
#include "engine/settings.hpp"

namespace al::fig {

// A word of the alignment diagram: a source token (a key) or a step's output token.
struct AlignmentWord {
  enum class Side { None, Source, Output } side = Side::None;
  int index = -1;
  bool operator==(const AlignmentWord&) const = default;
};

struct BahdanauScene {
  const bahdanau::BahdanauRun& run;
  const Settings& settings;
  int steps = 0;  // decoder steps shown, 1 to run.steps.size()
  // The pair followed (hovered, else selected): its heatmap cell and link are outlined, and the
  // score figure takes its additive score apart. Both within the shown steps and the source.
  int step = 0, key = 0;
  AlignmentWord focus;  // only this word's links are drawn (Side::None: every link)
};

// The scene of bahdanau.step (0: all steps) and bahdanau.key, both clamped to the run: the
// followed step is the last shown.
BahdanauScene settings_scene(const bahdanau::BahdanauRun& run, const Settings& s);

// The run the command line's figures draw: the Bahdanau model at model.path on input.src and
// input.tgt ("model.path: set it to a .safetensors file" when it is empty).
Expected<bahdanau::BahdanauRun> run_at_model_path(const Settings& s);

}  // namespace al::fig
