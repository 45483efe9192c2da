// The kernel-regression lab (see kernel_regression_lab.hpp): the regression plot and the
// attention heatmap on top, training or the kernels below, every knob in the left column.
#include "kernel_regression_lab.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/figure/number_format.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/figure_view.hpp"
#include "app/gui/linking.hpp"
#include "app/gui/record_control.hpp"
#include "app/gui/view_slots.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "panels.hpp"

namespace al::gui {
namespace {

// Shares of the figure area: the top row's height, and the regression plot's part of its width.
constexpr double kTopShare = 0.6;
constexpr double kRegressionShare = 0.55;

// The bottom figure's tabs (view.bottom), in its toolbar row.
BottomView bottom_tabs(AppState& s, const fig::Rect& row) {
  std::vector<std::pair<std::string, std::string>> tabs;
  for (BottomView v : {BottomView::Training, BottomView::Kernels})
    tabs.emplace_back(std::string(name(v)), std::string(title(v)));
  toolbar_tabs(s, row, "bottom_views", "view.bottom", tabs, s.bottom_tab);
  return s.lab.settings().view_bottom;
}

// What the mouse does on each figure, in its toolbar row.
// (Point editing is explained in the controls column.)
constexpr const char* kRegressionHint =
    "hover: follow a query · wheel: zoom · drag: pan · "
    "double-click: fit";
constexpr const char* kAttentionHint = "hover a row: follow that query · click: select it";

void kernel_regression_figures(AppState& s, const fig::Rect& r) {
  const auto [top, lower] = split_rows(r, kTopShare);
  const auto [left, right] = split_columns(top, kRegressionShare);
  const ViewSlot regression = view_slot(left), attention = view_slot(right),
                 bottom = view_slot(lower);

  const bool kernels = bottom_tabs(s, bottom.bar) == BottomView::Kernels;
  FigureView& bottom_view = kernels ? s.kernels : s.training;

  // Input first, through last frame's layouts: edits and the hovered query land in this frame.
  const int regression_query = regression_input(s, regression.figure);
  const int attention_query = attention_input(s, attention.figure);
  if (kernels)
    plain_figure_input(s, s.kernels, bottom.figure);
  else
    plain_figure_input(s, s.training, bottom.figure);
  s.hovered_query = attention_query >= 0 ? attention_query : regression_query;

  // Frames draw without the figures' tables (the attention table has a row per query and key);
  // a CSV export builds the table then (export_view).
  const fig::FigureContext ctx{highlighted_query(s), /*table=*/false};
  regression_panel(s, ctx);
  attention_panel(s, ctx);
  if (kernels)
    plain_figure_panel(s, s.kernels, ctx);
  else
    plain_figure_panel(s, s.training, ctx);

  figure_toolbar(s, s.regression, regression.bar, kRegressionHint);
  figure_toolbar(s, s.attention, attention.bar, kAttentionHint);
  figure_toolbar(s, bottom_view, bottom.bar, nullptr);
}

}  // namespace

void KernelRegressionLab::controls(AppState& s) {
  controls_panel(s);
}

void KernelRegressionLab::figures(AppState& s, const fig::Rect& area) {
  kernel_regression_figures(s, area);
}

void KernelRegressionLab::menus(AppState& s) {
  edit_and_training_menus(s);
}

void KernelRegressionLab::shortcuts(AppState& s) {
  const ImGuiIO& io = ImGui::GetIO();
  const auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (io.KeyCtrl) {
    if (pressed(GLFW_KEY_Z) && io.KeyShift) redo_points(s);
    if (pressed(GLFW_KEY_Z) && !io.KeyShift) undo_points(s);
    if (pressed(GLFW_KEY_Y)) redo_points(s);
    return;
  }
  if (pressed(GLFW_KEY_ESCAPE)) select_query(s, -1);
  if (pressed(GLFW_KEY_SPACE)) toggle_playing(s);
}

std::vector<FigureView*> KernelRegressionLab::views(AppState& s) {
  return {&s.regression, &s.attention, &s.training, &s.kernels};
}

bool KernelRegressionLab::animating(const AppState& s) const {
  return s.playing;
}

void KernelRegressionLab::advance(AppState& s, double dt) {
  // A drag is one Undo step: it is committed once nothing is held (as of the last frame).
  commit_points_history(s, ImGui::IsAnyMouseDown() || ImGui::IsAnyItemActive());
  advance_training(s, dt);
}

std::string KernelRegressionLab::status(const AppState& s) const {
  std::string out = fig::count(s.lab.data().x.size(), "point");
  out += " · ";
  out += fig::count(s.lab.data().queries.size(), "query", "queries");
  const std::string query = query_summary(s);
  if (!query.empty()) {
    out += " | ";
    out += query;
  }
  return out;
}

}  // namespace al::gui
