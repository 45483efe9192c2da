// Controls report themselves each frame (see ControlRegistry in app_state.hpp).
#pragma once

#include <string_view>

#include "app_state.hpp"

namespace al::gui {

// Records the last ImGui item as the control `name`: its rectangle (tests use every control by
// name) and its ImGui ID (an ID already used this frame by another control is a conflict: the
// two widgets would steal each other's clicks).
void record_control(AppState& s, std::string_view name);

}  // namespace al::gui
