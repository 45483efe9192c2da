// The left column: every knob of the lab, grouped as the lesson goes (data, kernel, training,
// view). Each widget is bound to a settings key and shows it in its tooltip.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/linking.hpp"
#include "app/gui/theme.hpp"
#include "panels.hpp"
#include "setting_widgets.hpp"

namespace al::gui {
namespace {

void help_text(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

// data.n_train on a logarithmic drag, applied when released: each value regenerates the data
// and retrains, which is too slow to do on every pixel of a drag over 100 000 points.
void n_train_drag(AppState& s) {
  int value = s.n_train_edit.value_or(s.lab.settings().data_n_train);
  ImGui::DragInt("Points", &value, 0.5f, 1, 100000, "%d",
                 ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  if (ImGui::IsItemActive()) s.n_train_edit = value;
  if (ImGui::IsItemDeactivatedAfterEdit()) set_setting(s, "data.n_train", std::to_string(value));
  if (!ImGui::IsItemActive()) s.n_train_edit.reset();
  bound_item(s, "data.n_train");
}

void data_section(AppState& s) {
  if (!ImGui::CollapsingHeader("Data", ImGuiTreeNodeFlags_DefaultOpen)) return;
  choice_combo(s, "Preset", "data.preset");
  choice_combo(s, "Function", "data.function");
  int_input(s, "Seed", "data.seed");
  n_train_drag(s);
  linear_slider(s, "Noise", "data.noise", 0.0f, 3.0f, "%.2f");
  if (ImGui::Button("Regenerate")) s.lab.regenerate();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Draw the points again from the data.* settings (drops your edits)");
  ImGui::SameLine();
  if (ImGui::Button("Open CSV…")) s.prompt_request = PathPrompt::OpenCsv;
  bound_item(s, "data.csv");
  if (!s.lab.settings().data_csv.empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Generated")) set_setting(s, "data.csv", "");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go back to generated points (data.csv = \"\")");
  }
  const Dataset& d = s.lab.data();
  ImGui::TextWrapped("%s · %zu points · %zu queries", d.source.c_str(), d.x.size(),
                     d.queries.size());
  help_text("On the plot: click to add a point, drag one to move it, right-click to delete.");
}

void kernel_section(AppState& s) {
  if (!ImGui::CollapsingHeader("Kernel", ImGuiTreeNodeFlags_DefaultOpen)) return;
  choice_combo(s, "Kernel", "kernel");
  log_slider(s, "w", "kernel.w", 0.001f, 1000.0f, "%.3g");
  ImGui::Text("σ = 1/w = %.3g", 1.0 / s.lab.settings().kernel_w);
}

void playback_buttons(AppState& s) {
  if (ImGui::Button(s.playing ? "Pause###play" : "Play###play")) {
    s.playing = !s.playing;
    s.epoch_accumulator = 0;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Train train.speed epochs per second (Space)");
  ImGui::SameLine();
  if (ImGui::Button("+1 epoch")) add_epochs(s, 1);
  bound_item(s, "train.epochs");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) {
    s.playing = false;
    set_setting(s, "train.epochs", "0");
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to w0 (train.epochs = 0)");

  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt("##epochs_per_click", &s.epochs_per_click, 0, 0);
  s.epochs_per_click = std::clamp(s.epochs_per_click, 1, 100000);
  ImGui::SameLine();
  char add_n[48];
  std::snprintf(add_n, sizeof add_n, "+%d epochs###add_n", s.epochs_per_click);
  if (ImGui::Button(add_n)) add_epochs(s, s.epochs_per_click);
  bound_item(s, "train.epochs");
}

void w0_input(AppState& s) {
  bool random = !s.lab.settings().train_w0.has_value();
  if (ImGui::Checkbox("Random w0", &random))
    set_setting(s, "train.w0",
                random ? std::string("random") : format_number(s.lab.trainer().w0()));
  bound_item(s, "train.w0");
  if (random) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%.3g)", s.lab.trainer().w0());
    return;
  }
  double w0 = *s.lab.settings().train_w0;
  if (ImGui::InputDouble("w0", &w0, 0.0, 0.0, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue))
    set_setting(s, "train.w0", w0);
  bound_item(s, "train.w0");
}

void training_section(AppState& s) {
  if (!ImGui::CollapsingHeader("Training (learned w)", ImGuiTreeNodeFlags_DefaultOpen)) return;
  playback_buttons(s);
  log_slider(s, "Learning rate", "train.lr", 0.001f, 100.0f, "%.3g");
  log_slider(s, "Speed", "train.speed", 0.1f, 1000.0f, "%.3g epochs/s");
  int_input(s, "Batch", "train.batch");
  w0_input(s);

  const ParametricTrainer& t = s.lab.trainer();
  ImGui::Text("Epoch %d · w = %.4g · σ = %.3g", t.epoch(), t.w(), 1.0 / std::abs(t.w()));
  if (!t.history().empty())
    ImGui::Text("Loss (epoch %d): %.5g", t.history().back().epoch, t.history().back().loss);
  if (!s.lab.training_message().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, error_color());
    ImGui::TextWrapped("%s", s.lab.training_message().c_str());
    ImGui::PopStyleColor();
  }
}

void view_section(AppState& s) {
  if (!ImGui::CollapsingHeader("View", ImGuiTreeNodeFlags_DefaultOpen)) return;
  setting_checkbox(s, "Truth", "view.truth");
  ImGui::SameLine(ImGui::GetContentRegionAvail().x / 2);
  setting_checkbox(s, "Points", "view.points");
  setting_checkbox(s, "Average", "view.average");
  ImGui::SameLine(ImGui::GetContentRegionAvail().x / 2);
  setting_checkbox(s, "Nadaraya–Watson", "view.nadaraya_watson");
  setting_checkbox(s, "Parametric", "view.parametric");
  choice_combo(s, "Heatmap of", "attention.estimator");
  choice_combo(s, "Colormap", "view.colormap");

  float font = static_cast<float>(s.lab.settings().view_font_size);
  if (ImGui::InputFloat("Font size", &font, 1.0f, 4.0f, "%.0f",
                        ImGuiInputTextFlags_EnterReturnsTrue))
    set_setting(s, "view.font_size", static_cast<double>(font));
  bound_item(s, "view.font_size");
  ImGui::Checkbox("Presentation mode (F5)", &s.presentation);

  const int q = s.lab.settings().view_query;
  if (q >= 0 && q < static_cast<int>(s.lab.data().queries.size()))
    ImGui::Text("Selected query %d (x = %.2f)", q, s.lab.data().queries[q]);
  else
    ImGui::TextDisabled("No query selected");
  bound_item(s, "view.query");
  ImGui::SameLine();
  ImGui::BeginDisabled(q < 0);
  if (ImGui::SmallButton("Clear")) select_query(s, -1);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Escape also clears it");
  help_text("Hover a heatmap row or the plot to follow one query; click to select it.");
}

}  // namespace

void controls_panel(AppState& s) {
  // Labels sit right of the widgets; leave them a third of the column.
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 7);
  data_section(s);
  kernel_section(s);
  training_section(s);
  view_section(s);
  ImGui::PopItemWidth();
}

}  // namespace al::gui
