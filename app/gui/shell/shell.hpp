// The shell's parts of the main window: the menu bar, the status line and the path prompts.
// They know labs only through lab_ui.hpp.
#pragma once

#include "app/gui/app_state.hpp"

namespace al::gui {

void menu_bar(AppState& s);
void book_figures_menu(AppState& s);  // View > Book figures
void status_bar(AppState& s);
void path_prompts(AppState& s);  // the popups that ask for a file or folder

}  // namespace al::gui
