// The status line: the last frame's CPU time, the shown lab's part (sizes, what the mouse
// points at), and the last
// message (errors in red until the next action succeeds). A message longer than the room left
// is shortened with "…" and shown whole on hover.
#include <imgui.h>

#include <string>

#include "app/gui/lab_ui.hpp"
#include "app/gui/theme.hpp"
#include "shell.hpp"

namespace al::gui {
namespace {

void separator() {
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
}

// The longest prefix of `text` (whole UTF-8 characters) that fits `width` with "…" appended.
std::string shortened(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const float ellipsis = ImGui::CalcTextSize("…").x;
  std::size_t end = text.size();
  while (end > 0) {
    do --end;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
    if (ImGui::CalcTextSize(text.c_str(), text.c_str() + end).x + ellipsis <= width) break;
  }
  return text.substr(0, end) + "…";
}

void message(const StatusMessage& status) {
  const bool fresh = ImGui::GetTime() - status.time < kStatusFreshSeconds;
  const ImVec4 color = status.error ? error_color()
                       : fresh      ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                    : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
  const std::string shown = shortened(status.text, ImGui::GetContentRegionAvail().x);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(shown.c_str());
  ImGui::PopStyleColor();
  if (shown != status.text && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    ImGui::TextUnformatted(status.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
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
