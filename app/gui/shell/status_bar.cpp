// The status line: the last frame's CPU time, the shown lab's part (sizes, what the mouse
// points at), and the last
// message (errors in red until the next action succeeds). A message longer than the room left
// is shortened with "…" and shown whole on hover.
#include <imgui.h>

#include <string>

#include "app/gui/lab_ui.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "shell.hpp"

namespace al::gui {
namespace {

void separator() {
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
}

void message(const StatusMessage& status) {
  const bool fresh = ImGui::GetTime() - status.time < kStatusFreshSeconds;
  const ImVec4 color = status.error ? error_color()
                       : fresh      ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                    : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
  elided_text(status.text, Elide::End, color);
}

}  // namespace

void status_bar(AppState& s) {
  ImGui::Text("%.1f ms", s.frame_ms);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("CPU time of the last frame");
  const std::string lab = current_lab(s).status(s);
  if (!lab.empty()) {
    separator();
    ImGui::TextUnformatted(lab.c_str());
  }
  if (!s.status.text.empty()) {
    separator();
    message(s.status);
  }
}

}  // namespace al::gui
