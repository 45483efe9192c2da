// The fixture of the every-control walk: every control of the window, used as a user would —
// clicked, typed into, dragged, chosen from its combo or menu — each checked for doing what it
// says. A walk records every control that appears on screen; one that appeared and was not used
// fails it, so a new control needs a check. No two controls may share an ImGui ID (they would
// steal each other's clicks: a click on one such pair aborted the app inside Dear ImGui).
//
// Each lab has a walk of its own (every_control_<lab>_test.cpp). The menus and the lab bar are
// always on screen: the shell's walk (with the kernel-regression lab) uses them all, and the
// other walks leave them to it.
#pragma once

#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app_driver.hpp"

namespace al::gui {

class EveryControl : public testing::AppTest {
 protected:
  void SetUp() override {
    // Files the prompts write (sessions, exports) land in a folder of the test's own.
    dir = std::filesystem::temp_directory_path() / ("al-every-control-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    old_dir = std::filesystem::current_path();
    std::filesystem::current_path(dir);
    AppTest::SetUp();
    driver->after_frame = [this] {
      if (watching)
        for (const auto& [name, rect] : s().controls.rects) seen.insert(name);
      for (const std::string& c : s().controls.conflicts) ADD_FAILURE() << c;
      s().controls.conflicts.clear();
    };
    driver->frames(2);
  }

  void TearDown() override {
    for (const std::string& name : seen)
      if (!used.count(name) && !exempt(name))
        ADD_FAILURE() << "control '" << name << "' appeared but was not tested";
    std::filesystem::current_path(old_dir);
    std::filesystem::remove_all(dir);
  }

  // The menu bar and the lab bar, on screen in every lab.
  static bool shell_control(const std::string& name) {
    return name.starts_with("menu.") || name.starts_with("app.lab.");
  }
  // View > Book figures has a walk of its own (every_control_book_figures_test.cpp).
  static bool book_menu_control(const std::string& name) {
    return name.starts_with("menu.view.book");
  }
  bool exempt(const std::string& name) const {
    if (book_menu_control(name)) return !walks_book_menu;
    return leaves_shell && shell_control(name);
  }

  AppState& s() { return app->state(); }
  const Settings& settings() { return s().lab.settings(); }

  // Shows a lab from the lab bar; the walk watches the controls from then on.
  void show_lab(const std::string& name) {
    use("app.lab." + name);
    driver->frames(3);
    EXPECT_EQ(find_setting("app.lab")->get(settings()), name);
    watching = true;
  }

  FigureView& lab_view(const std::string& name) {
    for (FigureView* v : current_lab(s()).views(s()))
      if (v->name == name) return *v;
    ADD_FAILURE() << "no view " << name;
    return *current_lab(s()).views(s()).front();
  }

  fig::Vec2 center(const std::string& name) {
    // A frame first: the last action may have moved the controls (a line of text that appears,
    // a font size that changed), and rects are those of the last frame.
    driver->frames(1);
    if (!name.starts_with("menu.") && !name.starts_with("export.") &&
        !name.starts_with("compare.") && !name.starts_with("prompt.") &&
        !name.starts_with("view.bottom.") && !name.starts_with("view.tf_bottom.") &&
        !name.starts_with("app.lab.") && !name.starts_with("lesson."))
      driver->scroll_to(name);
    const auto it = s().controls.rects.find(name);
    if (it == s().controls.rects.end()) {
      ADD_FAILURE() << "no control named " << name << " on screen";
      for (const auto& [n, r] : s().controls.rects) std::cerr << "  on screen: " << n << "\n";
      return {-1, -1};
    }
    const fig::Rect& r = it->second;
    return testing::whole({(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2});
  }
  // A point of the control at fraction `f` of its width (sliders).
  fig::Vec2 along(const std::string& name, double f) {
    driver->scroll_to(name);
    const fig::Rect& r = s().controls.rects.at(name);
    return testing::whole({r.x0 + f * r.width(), (r.y0 + r.y1) / 2});
  }
  void use(const std::string& name) {
    used.insert(name);
    driver->tap(center(name));
    driver->frames(1);
  }
  // Opens a combo and picks one of its entries.
  void choose(const std::string& key, const std::string& choice) {
    use(key);
    use(key + "=" + choice);
    EXPECT_EQ(find_setting(key)->get(settings()), choice) << key;
  }
  // Types into a field and leaves it by clicking on the status line (focus loss applies it).
  void type_into(const std::string& name, const std::string& text) {
    use(name);
    driver->type(text);
    click_elsewhere();
  }
  void click_elsewhere() {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    driver->click(testing::whole({size.x / 2, size.y - 4}));
  }
  // Opens a menu of the menu bar and clicks one of its items.
  void menu_item(const std::string& menu, const std::string& item) {
    use(menu);
    driver->frames(1);
    use(item);
  }
  // Every entry of a settings combo, ending on the value it had.
  void choose_each(const std::string& key) {
    const std::string original = find_setting(key)->get(settings());
    const std::string range = find_setting(key)->range;
    std::size_t start = 0;
    while (start <= range.size()) {
      const std::size_t bar = std::min(range.find('|', start), range.size());
      const std::string choice = range.substr(start, bar - start);
      if (choice != original) choose(key, choice);
      start = bar + 1;
    }
    choose(key, original);
  }
  // Types a path into the open prompt (its text is selected on opening) and confirms it.
  void answer_prompt(const std::string& path) {
    driver->frames(2);
    // The prompt opens with its path selected; after a click elsewhere in it (the format combo)
    // a click on the path selects it again. Either way typing replaces it.
    if (!ImGui::GetIO().WantTextInput) use("prompt.path");
    used.insert("prompt.path");
    driver->type(path);
    use("prompt.ok");
    EXPECT_EQ(s().prompt_open, PathPrompt::None) << s().prompt_path;
  }
  // Closes the open prompt with its Cancel button.
  void cancel_prompt() {
    driver->frames(2);
    use("prompt.cancel");
    EXPECT_EQ(s().prompt_open, PathPrompt::None);
  }
  void toggles(const std::string& key) {
    const std::string before = find_setting(key)->get(settings());
    use(key);
    EXPECT_NE(find_setting(key)->get(settings()), before) << key;
    use(key);
    EXPECT_EQ(find_setting(key)->get(settings()), before) << key;
  }
  // Integer fields with − and + buttons: each value typed, then stepped up and back down.
  void typed_steppers(const std::vector<std::pair<std::string, std::string>>& values) {
    for (const auto& [key, value] : values) {
      type_into(key, value);
      EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
      use(key + ".plus");
      EXPECT_NE(find_setting(key)->get(settings()), value) << key;
      use(key + ".minus");
      EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
    }
  }
  // Collapsible sections: each folded and unfolded.
  void fold_each(const std::vector<std::string>& sections) {
    for (const std::string& section : sections) {
      use(section);
      use(section);
    }
  }
  // The controls every figure view has, under its toolbar: Export in every format, saved where
  // its File field says, and A/B.
  void view_toolbar(const std::string& view) {
    for (const char* format : {"SVG", "PDF", "CSV", "PNG"}) {
      use("export." + view);
      driver->frames(2);
      use("export." + view + ".format");
      use("export." + view + ".format=" + format);
      if (std::string(format) == "PNG") {
        used.insert("export." + view + ".scale");
        driver->click(along("export." + view + ".scale", 0.05));
      }
      use("export." + view + ".save");
      EXPECT_FALSE(s().status.error) << s().status.text;
    }
    for (const char* ext : {".png", ".svg", ".pdf", ".csv"})
      EXPECT_TRUE(std::filesystem::exists(dir / (view + ext))) << view << ext;
    use("export." + view);
    driver->frames(2);
    used.insert("export." + view + ".path");
    use("export." + view + ".cancel");
    compare_walk(view);
  }
  // A/B: snapshot A, pin B and unpin it, take A again, clear; the view compares and then shows
  // its own figure again.
  void compare_walk(const std::string& view) {
    const auto item = [&](const std::string& entry) {
      use("compare." + view);
      driver->frames(2);
      use("compare." + view + "." + entry);
    };
    item("snapshot");
    EXPECT_TRUE(lab_view(view).compare.active()) << view;
    item("pin");
    EXPECT_TRUE(lab_view(view).compare.b.has_value()) << view;
    item("pin");
    item("snapshot");
    item("clear");
    EXPECT_FALSE(lab_view(view).compare.active()) << view;
  }

  std::set<std::string> seen, used;
  bool leaves_shell = true;      // the shell's walk sets it to false: it uses the menus and lab bar
  bool walks_book_menu = false;  // the book figures' walk sets it: it uses their menu
  // Whether the controls on screen are recorded as seen: from when the walk shows its lab (the
  // app opens on another).
  bool watching = false;
  std::filesystem::path dir, old_dir;
};

}  // namespace al::gui
