// The Bahdanau scene of the settings, for the command line's figures.
#include "bahdanau_scene.hpp"

#include <algorithm>

namespace al::fig {

BahdanauScene settings_scene(const bahdanau::BahdanauRun& run, const Settings& s) {
  const auto total = static_cast<int>(run.steps.size());
  const int steps = s.bahdanau_step == 0 ? total : std::min(s.bahdanau_step, total);
  const auto keys = static_cast<int>(run.source.size());
  return {run, s, steps, steps - 1, std::clamp(s.bahdanau_key, 0, keys - 1), {}};
}

Expected<bahdanau::BahdanauRun> run_at_model_path(const Settings& s) {
  if (s.model_path.empty()) return Error{"model.path: set it to a .safetensors file"};
  auto model = bahdanau::load_model(s.model_path);
  if (!model) return Error{model.error()};
  return bahdanau::run_bahdanau(model.value(), s.input_src, s.input_tgt, s.decode_max_steps);
}

}  // namespace al::fig
