// The menu bar: files (sessions, CSV points, figures) and view options, then the shown lab's own
// menus. Every item records itself as a control ("menu.file.quit") so tests can use it.
#include <imgui.h>

#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "shell.hpp"

namespace al::gui {

void menu_bar(AppState& s) {
  if (!ImGui::BeginMenuBar()) return;
  if (begin_menu(s, "File", "menu.file")) {
    if (menu_item(s, "Open session…", "menu.file.open_session"))
      s.prompt_request = PathPrompt::OpenSession;
    if (menu_item(s, "Save session…", "menu.file.save_session"))
      s.prompt_request = PathPrompt::SaveSession;
    if (menu_item(s, "Open lesson…", "menu.file.open_lesson"))
      s.prompt_request = PathPrompt::OpenLesson;
    ImGui::Separator();
    if (menu_item(s, "Open CSV…", "menu.file.open_csv")) s.prompt_request = PathPrompt::OpenCsv;
    if (menu_item(s, "Export figures…", "menu.file.export_all"))
      s.prompt_request = PathPrompt::ExportAll;
    ImGui::Separator();
    if (menu_item(s, "Quit", "menu.file.quit", "Ctrl+Q")) s.quit = true;
    ImGui::EndMenu();
  }
  if (begin_menu(s, "View", "menu.view")) {
    const Settings& settings = s.lab.settings();
    if (menu_item(s, "Presentation mode", "menu.view.presentation", "F5", true,
                  settings.view_presentation))
      toggle_setting(s, "view.presentation");
    if (menu_item(s, "High contrast", "menu.view.contrast", nullptr, true, settings.view_contrast))
      toggle_setting(s, "view.contrast");
    if (menu_item(s, "Controls column", "menu.view.controls", "F6", true, settings.view_controls))
      toggle_setting(s, "view.controls");
    if (menu_item(s, "Fit all figures", "menu.view.fit", "F")) fit_all(s);
    ImGui::Separator();
    book_figures_menu(s);
    ImGui::EndMenu();
  }
  current_lab(s).menus(s);
  ImGui::EndMenuBar();
}

}  // namespace al::gui
