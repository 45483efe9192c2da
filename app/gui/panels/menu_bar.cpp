// The menu bar: files (sessions, CSV points, figures) and view options.
#include <imgui.h>

#include "app/gui/actions.hpp"
#include "panels.hpp"

namespace al::gui {

void menu_bar(AppState& s) {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open session…")) s.prompt_request = PathPrompt::OpenSession;
    if (ImGui::MenuItem("Save session…")) s.prompt_request = PathPrompt::SaveSession;
    ImGui::Separator();
    if (ImGui::MenuItem("Open CSV…")) s.prompt_request = PathPrompt::OpenCsv;
    if (ImGui::MenuItem("Export figures…")) s.prompt_request = PathPrompt::ExportAll;
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) s.quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("Presentation mode", "F5", &s.presentation);
    ImGui::MenuItem("Controls column", "F6", &s.show_controls);
    if (ImGui::MenuItem("Fit all figures"))
      for (FigureView* v : {&s.regression, &s.attention, &s.training, &s.kernels})
        v->limits.clear();
    if (ImGui::MenuItem("Clear selected query", "Esc", false, s.lab.settings().view_query >= 0))
      select_query(s, -1);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Training")) {
    if (ImGui::MenuItem(s.playing ? "Pause" : "Play", "Space")) s.playing = !s.playing;
    if (ImGui::MenuItem("+1 epoch")) add_epochs(s, 1);
    if (ImGui::MenuItem("Reset (train.epochs = 0)")) {
      s.playing = false;
      set_setting(s, "train.epochs", "0");
    }
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
}

}  // namespace al::gui
