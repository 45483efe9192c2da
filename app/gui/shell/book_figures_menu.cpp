// View > Book figures: the book's figures by section (the catalogue of `figure d2l-…`). Choosing
// one applies its preset, the book's settings, on top of the current ones, which shows its lab
// (the preset sets app.lab) with the book's data: the figure, live.
#include <imgui.h>

#include <string>

#include "app/figure/book_figures.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "shell.hpp"

namespace al::gui {
namespace {

void open_book_figure(AppState& s, const fig::FigureInfo& info) {
  Settings next = s.lab.settings();
  if (auto error = apply_settings(next, info.preset)) return show_message(s, *error, true);
  if (auto error = s.lab.update(next)) return show_message(s, *error, true);
  show_message(s, "Book " + info.book + " (" + info.name + "): its settings, live in this lab");
}

// "11.2" of "11.2 F3": the section an entry is listed under.
std::string section_of(const std::string& book) {
  return book.substr(0, book.find(' '));
}

}  // namespace

void book_figures_menu(AppState& s) {
  if (!begin_menu(s, "Book figures", "menu.view.book")) return;
  std::string section;
  for (const fig::FigureInfo& info : fig::book_figures()) {
    if (section_of(info.book) != section) {
      section = section_of(info.book);
      ImGui::TextDisabled("Section %s", section.c_str());
    }
    const std::string label = info.book.substr(section.size() + 1) + "  " + info.name;
    const std::string id = "menu.view.book." + info.name;
    if (menu_item(s, label.c_str(), id.c_str())) open_book_figure(s, info);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.help.c_str());
  }
  ImGui::EndMenu();
}

}  // namespace al::gui
