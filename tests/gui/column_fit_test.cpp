// The controls column of every lab fits its width, at the window sizes users open and in
// presentation mode: no control runs past its visible right edge (a button half hidden under the
// scroll bar), and the column never scrolls sideways (its sideways scroll bar covers the last
// control and shows a pixel's worth of scrolling). It scrolls sideways only when the window is
// too narrow for the column's minimum width, as in presentation mode at 1600 × 1000. Paths are
// shortened to fit from their start, messages from their end.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "app_driver.hpp"

namespace al::gui {
namespace {

// The controls column's window.
const ImGuiWindow* column_window() {
  for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if ((w->Flags & ImGuiWindowFlags_ChildWindow) &&
        std::string(w->Name).find("/controls_") != std::string::npos)
      return w;
  return nullptr;
}

struct Size {
  int width, height;
  bool presentation;
};

class ColumnFit : public ::testing::TestWithParam<Size> {};

TEST_P(ColumnFit, EveryLabsControlsFitTheColumn) {
  const Size size = GetParam();
  auto app = testing::make_app(size.width, size.height);
  ASSERT_TRUE(app);
  testing::Driver driver{*app, {}, {}};
  AppState& s = app->state();
  if (size.presentation) {
    ASSERT_TRUE(set_setting(s, "view.presentation", "true"));
  }
  std::vector<AppLab> labs;
  for (const auto& lab : s.labs) labs.push_back(lab->kind());
  for (AppLab lab : labs) {
    SCOPED_TRACE(std::string(name(lab)));
    ASSERT_TRUE(set_setting(s, "app.lab", std::string(name(lab))));
    driver.frames(4);
    const ImGuiWindow* window = column_window();
    ASSERT_NE(window, nullptr);
    // Narrower than its minimum width (its content width set), it scrolls sideways.
    if (window->ContentSizeExplicit.x > 0) {
      EXPECT_TRUE(window->ScrollbarX);
      continue;
    }
    EXPECT_FALSE(window->ScrollbarX);
    const fig::Rect& column = s.controls.column;
    for (const auto& [control, r] : s.controls.rects) {
      // The column's controls (not the menus, the lab bar, the figures' toolbars or the status
      // line), wherever the column has scrolled to.
      if (r.x0 < column.x0 || r.x0 >= column.x1 || r.y0 < column.y0 || r.y1 > column.y1) continue;
      EXPECT_LE(r.x1, column.x1) << control << " runs past the column's edge";
    }
  }
}

// Text cut to a width keeps whole UTF-8 characters and the end that matters.
TEST(Elided, KeepsAPathsFileNameAndAMessagesStart) {
  auto app = testing::make_app();
  ASSERT_TRUE(app);
  testing::Driver{*app, {}, {}}.frames(1);
  const std::string path =
      "/home/someone/é/models/" + std::string(60, 'd') + "/phrases.safetensors";
  const float width = ImGui::CalcTextSize("phrases.safetensors").x * 2;
  EXPECT_EQ(elided("short", width, Elide::Start), "short");
  const std::string start = elided(path, width, Elide::Start);
  EXPECT_EQ(start.rfind("…", 0), 0u) << start;
  EXPECT_TRUE(start.ends_with("/phrases.safetensors")) << start;
  EXPECT_LE(ImGui::CalcTextSize(start.c_str()).x, width);
  EXPECT_GT(ImGui::CalcTextSize(start.c_str()).x, width * 0.8) << "cut far more than needed";
  const std::string end = elided(path, width, Elide::End);
  EXPECT_TRUE(end.starts_with("/home/someone/")) << end;
  EXPECT_TRUE(end.ends_with("…")) << end;
  EXPECT_LE(ImGui::CalcTextSize(end.c_str()).x, width);
  // Two-byte characters are never cut in half.
  std::string wide;
  for (int i = 0; i < 100; ++i) wide += "é";
  for (const Elide side : {Elide::Start, Elide::End}) {
    const std::string cut = elided(wide, width, side);
    std::string rest = cut;
    rest.erase(rest.find("…"), std::string("…").size());
    ASSERT_EQ(rest.size() % 2, 0u);
    for (std::size_t i = 0; i < rest.size(); i += 2) EXPECT_EQ(rest.substr(i, 2), "é");
  }
  // No room at all: only the ellipsis.
  EXPECT_EQ(elided(path, 0, Elide::Start), "…");
  EXPECT_EQ(elided(path, 0, Elide::End), "…");
}

INSTANTIATE_TEST_SUITE_P(Sizes, ColumnFit,
                         ::testing::Values(Size{1280, 800, false}, Size{1600, 1000, false},
                                           Size{1920, 1080, true}, Size{1600, 1000, true}));

}  // namespace
}  // namespace al::gui
