// The main window's layout and the order of a frame (see main_window.hpp): controls first (their
// changes reach this frame's figures), then every figure's input, then the shared query, then
// the figures themselves.
#include "main_window.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "actions.hpp"
#include "lab_ui.hpp"
#include "record_control.hpp"
#include "shell/lesson.hpp"
#include "shell/shell.hpp"

namespace al::gui {
namespace {

// The controls column: 22 em, but never more than this share of the window (presentation mode
// on a small screen would otherwise squeeze the figures).
constexpr float kControlsWidthEm = 22.0f;
constexpr float kControlsMaxShare = 0.3f;

// The controls column never gets narrower than this (it scrolls sideways instead), so no
// widget shrinks to nothing in presentation mode or at a large font on a small window.
constexpr float kControlsMinWidthEm = 17.0f;

// Keys that act anywhere except while typing or in a popup.
void shortcuts(AppState& s) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup)) return;
  const auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (io.KeyCtrl) {
    if (pressed(GLFW_KEY_Q)) s.quit = true;
    // Ctrl+1 ... Ctrl+9: the labs of the lab bar.
    for (std::size_t i = 0; i < s.labs.size() && i < 9; ++i)
      if (pressed(GLFW_KEY_1 + static_cast<int>(i)))
        set_setting(s, "app.lab", name(s.labs[i]->kind()));
  } else {
    if (pressed(GLFW_KEY_F5)) toggle_setting(s, "view.presentation");
    if (pressed(GLFW_KEY_F6)) toggle_setting(s, "view.controls");
    if (pressed(GLFW_KEY_F)) fit_all(s);
  }
  // A lesson's keys (Space among them) come before the lab's.
  if (!lesson_shortcuts(s)) current_lab(s).shortcuts(s);
}

// The lab bar: one selectable per lab, bound to app.lab. (Not a Dear ImGui tab bar: in 1.86 an
// unselected tab of a tab bar at the top of the window took presses anywhere below it, so clicks
// on the Transformer lab's grid never reached the grid.) A lab that does not fit on the line
// begins the next one: in presentation mode the titles are wider than a 1920-pixel window.
void lab_bar(AppState& s) {
  const AppLab shown = s.lab.settings().app_lab;
  const float gap = 2.0f * ImGui::GetStyle().ItemSpacing.x;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  bool first = true;
  for (const auto& lab : s.labs) {
    const AppLab k = lab->kind();
    const std::string label = std::string(title(k)) + "###lab." + std::string(name(k));
    const ImVec2 size(ImGui::CalcTextSize(title(k).data(), title(k).data() + title(k).size()).x,
                      0.0f);
    if (!first && ImGui::GetItemRectMax().x + gap + size.x <= right) ImGui::SameLine(0.0f, gap);
    first = false;
    if (ImGui::Selectable(label.c_str(), k == shown, 0, size) && k != shown)
      set_setting(s, "app.lab", name(k));
    record_control(s, "app.lab." + std::string(name(k)));
  }
  ImGui::Separator();
}

}  // namespace

void main_window(AppState& s) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("Attention Lab", nullptr, flags);
  s.controls.begin_frame();
  menu_bar(s);
  shortcuts(s);
  lab_bar(s);
  LabUi& lab = current_lab(s);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float status_h = ImGui::GetTextLineHeight();
  const float lesson_h = lesson_panel_height(s);
  const float body_h = std::max(1.0f, avail.y - status_h - style.ItemSpacing.y -
                                          (lesson_h > 0 ? lesson_h + style.ItemSpacing.y : 0));
  float figures_x = origin.x;
  if (s.lab.settings().view_controls) {
    const float controls_w = std::min(ImGui::GetFontSize() * kControlsWidthEm,
                                      std::max(1.0f, avail.x * kControlsMaxShare));
    // Narrower than its minimum width, the column scrolls sideways; otherwise its controls fit
    // (buttons wrap, paths are shortened) and a pixel's overflow is clipped, not given a scroll
    // bar that would cover the last control.
    const float min_content = ImGui::GetFontSize() * kControlsMinWidthEm;
    const bool narrow = controls_w - 2 * style.WindowPadding.x < min_content;
    if (narrow) ImGui::SetNextWindowContentSize(ImVec2(min_content, 0.0f));
    ImGui::BeginChild("controls", ImVec2(controls_w, body_h), true,
                      narrow ? ImGuiWindowFlags_HorizontalScrollbar : ImGuiWindowFlags_None);
    // Its visible part: the window less the scroll bars it shows this frame.
    const ImRect inner = ImGui::GetCurrentWindow()->InnerRect;
    s.controls.column = {inner.Min.x, inner.Min.y, inner.Max.x, inner.Max.y};
    lab.controls(s);
    ImGui::EndChild();
    figures_x += controls_w + style.ItemSpacing.x;
  }
  lab.figures(s, fig::Rect{figures_x, origin.y, origin.x + avail.x, origin.y + body_h});

  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + body_h + style.ItemSpacing.y));
  lesson_panel(s);
  status_bar(s);
  path_prompts(s);
  ImGui::End();
}

}  // namespace al::gui
