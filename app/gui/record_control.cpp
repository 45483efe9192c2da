// Control registry (see record_control.hpp).
#include "record_control.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <string>

namespace al::gui {

void record_control(AppState& s, std::string_view name) {
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  s.controls.rects.insert_or_assign(std::string(name), fig::Rect{lo.x, lo.y, hi.x, hi.y});
  const ImGuiID id = ImGui::GetItemID();
  if (id == 0) return;
  const auto [it, inserted] = s.controls.ids.emplace(id, std::string(name));
  if (!inserted && it->second != name)
    s.controls.conflicts.insert(it->second + " and " + std::string(name) + " share an ImGui ID");
}

}  // namespace al::gui
