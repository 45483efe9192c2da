// The scoring lab's learned parameters, shown and edited: additive scoring's W_q, W_k and w_v (a
// row per hidden unit) or general scoring's W, as the engine resolves them (typed, or random from
// scoring.seed). Dragging an entry types every parameter of the function into its settings key
// (scoring.w_q, .w_k, .w_v or .w), so a later seed no longer changes them; Randomise draws new
// ones from the next seed.
#pragma once

#include "app/gui/app_state.hpp"

namespace al::gui {

void parameter_table(AppState& s);

}  // namespace al::gui
