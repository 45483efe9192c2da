// The menu bar: files (sessions, CSV points, figures), edits of the points, view options and
// training. Every item records itself as a control ("menu.file.quit") so tests can use it.
#include <imgui.h>

#include <string>

#include "app/gui/actions.hpp"
#include "panels.hpp"
#include "setting_widgets.hpp"

namespace al::gui {
namespace {

bool item(AppState& s, const char* label, const char* name, const char* shortcut = nullptr,
          bool enabled = true, bool selected = false) {
  const bool chosen = ImGui::MenuItem(label, shortcut, selected, enabled);
  record_control(s, name);
  return chosen;
}

bool menu(AppState& s, const char* label, const char* name) {
  const bool open = ImGui::BeginMenu(label);
  record_control(s, name);
  return open;
}

}  // namespace

void menu_bar(AppState& s) {
  if (!ImGui::BeginMenuBar()) return;
  if (menu(s, "File", "menu.file")) {
    if (item(s, "Open session…", "menu.file.open_session"))
      s.prompt_request = PathPrompt::OpenSession;
    if (item(s, "Save session…", "menu.file.save_session"))
      s.prompt_request = PathPrompt::SaveSession;
    ImGui::Separator();
    if (item(s, "Open CSV…", "menu.file.open_csv")) s.prompt_request = PathPrompt::OpenCsv;
    if (item(s, "Export figures…", "menu.file.export_all"))
      s.prompt_request = PathPrompt::ExportAll;
    ImGui::Separator();
    if (item(s, "Quit", "menu.file.quit", "Ctrl+Q")) s.quit = true;
    ImGui::EndMenu();
  }
  if (menu(s, "Edit", "menu.edit")) {
    if (item(s, "Undo points", "menu.edit.undo", "Ctrl+Z", !s.history.undo.empty())) undo_points(s);
    if (item(s, "Redo points", "menu.edit.redo", "Ctrl+Shift+Z", !s.history.redo.empty()))
      redo_points(s);
    ImGui::EndMenu();
  }
  if (menu(s, "View", "menu.view")) {
    const Settings& settings = s.lab.settings();
    if (item(s, "Presentation mode", "menu.view.presentation", "F5", true,
             settings.view_presentation))
      set_setting(s, "view.presentation", settings.view_presentation ? "false" : "true");
    if (item(s, "Controls column", "menu.view.controls", "F6", true, s.show_controls))
      s.show_controls = !s.show_controls;
    if (item(s, "Fit all figures", "menu.view.fit", "F")) fit_all(s);
    if (item(s, "Clear selected query", "menu.view.clear_query", "Esc", settings.view_query >= 0))
      select_query(s, -1);
    ImGui::EndMenu();
  }
  if (menu(s, "Training", "menu.training")) {
    if (item(s, s.playing ? "Pause" : "Play", "menu.training.play", "Space")) toggle_playing(s);
    if (item(s, "+1 epoch", "menu.training.add_one")) add_epochs(s, 1);
    if (item(s, "Reset (train.epochs = 0)", "menu.training.reset")) reset_training(s);
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
}

}  // namespace al::gui
