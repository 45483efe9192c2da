// The status line: frame time, sizes, what the mouse points at, and the last message (errors in
// red).
#include <imgui.h>

#include "app/gui/linking.hpp"
#include "app/gui/theme.hpp"
#include "panels.hpp"

namespace al::gui {
namespace {

// Messages fade to grey after this many seconds, so a stale one does not look current.
constexpr double kFreshSeconds = 10.0;

void separator() {
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
}

}  // namespace

void status_bar(AppState& s) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::Text("%.1f ms (%.0f fps)", 1000.0f / io.Framerate, io.Framerate);
  separator();
  ImGui::Text("%zu points · %zu queries", s.lab.data().x.size(), s.lab.data().queries.size());
  const std::string query = query_summary(s);
  if (!query.empty()) {
    separator();
    ImGui::TextUnformatted(query.c_str());
  }
  if (!s.status.text.empty()) {
    separator();
    const bool fresh = ImGui::GetTime() - s.status.time < kFreshSeconds;
    const ImVec4 color = s.status.error ? error_color()
                         : fresh        ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                        : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(s.status.text.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace al::gui
