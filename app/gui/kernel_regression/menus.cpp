// The kernel-regression lab's menus: Edit (Undo / Redo of the points) and Training.
#include <imgui.h>

#include "app/gui/actions.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "panels.hpp"

namespace al::gui {

void edit_and_training_menus(AppState& s) {
  if (begin_menu(s, "Edit", "menu.edit")) {
    if (menu_item(s, "Undo points", "menu.edit.undo", "Ctrl+Z", !s.history.undo.empty()))
      undo_points(s);
    if (menu_item(s, "Redo points", "menu.edit.redo", "Ctrl+Shift+Z", !s.history.redo.empty()))
      redo_points(s);
    ImGui::Separator();
    if (menu_item(s, "Clear selected query", "menu.edit.clear_query", "Esc",
                  s.lab.settings().view_query >= 0))
      select_query(s, -1);
    ImGui::EndMenu();
  }
  if (begin_menu(s, "Training", "menu.training")) {
    if (menu_item(s, s.playing ? "Pause" : "Play", "menu.training.play", "Space"))
      toggle_playing(s);
    if (menu_item(s, "+1 epoch", "menu.training.add_one")) add_epochs(s, 1);
    if (menu_item(s, "Reset (train.epochs = 0)", "menu.training.reset")) reset_training(s);
    ImGui::EndMenu();
  }
}

}  // namespace al::gui
