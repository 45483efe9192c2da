// The one full-viewport window (Dear ImGui 1.86 has no docking): the controls column on the
// left, the figures on the right (regression and attention on top, training or kernels below),
// the status line at the bottom. Every size is a multiple of the font size or a share of the
// window, so the layout scales with the font and the presentation mode.
#pragma once

#include "app_state.hpp"

namespace al::gui {

void main_window(AppState& s);

}  // namespace al::gui
