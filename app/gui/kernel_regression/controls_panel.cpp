// The left column: every knob of the lab, grouped as the lesson goes (data, kernel, training,
// view). Each widget is bound to a settings key and shows it in its tooltip; buttons record
// themselves under a name so that tests can find and use every control.
#include <imgui.h>

#include <cmath>
#include <string>

#include "app/figure/number_format.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/linking.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "panels.hpp"

namespace al::gui {
namespace {

void data_section(AppState& s) {
  if (!section(s, "Data", "section.data")) return;
  choice_combo(s, "Preset", "data.preset");
  choice_combo(s, "Function", "data.function");
  number_field(s, "Seed", "data.seed");
  int_drag(s, "Points", "data.n_train", 1, 100000);
  linear_slider(s, "Noise", "data.noise", 0.0f, 3.0f, "%.2f");
  if (action_button(s, "Regenerate", "data.regenerate",
                    "Draw the points again from the data.* settings (Ctrl+Z undoes it)"))
    regenerate(s);
  ImGui::SameLine();
  if (action_button(s, "Open CSV…", "data.open_csv", "Read x,y points from a CSV file (data.csv)"))
    s.prompt_request = PathPrompt::OpenCsv;
  if (!s.lab.settings().data_csv.empty()) {
    ImGui::SameLine();
    if (action_button(s, "Generated", "data.generated",
                      "Go back to generated points (data.csv = \"\")"))
      set_setting(s, "data.csv", "");
  }
  ImGui::BeginDisabled(s.history.undo.empty());
  if (action_button(s, "Undo", "edit.undo", "Undo the last change of the points (Ctrl+Z)", true))
    undo_points(s);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(s.history.redo.empty());
  if (action_button(s, "Redo", "edit.redo", "Redo (Ctrl+Shift+Z)", true)) redo_points(s);
  ImGui::EndDisabled();
  const Dataset& d = s.lab.data();
  ImGui::TextWrapped("%s · %s · %s", d.source.c_str(), fig::count(d.x.size(), "point").c_str(),
                     fig::count(d.queries.size(), "query", "queries").c_str());
  help_text("On the plot: click to add a point, drag one to move it, right-click to delete.");
}

void kernel_section(AppState& s) {
  if (!section(s, "Kernel", "section.kernel")) return;
  choice_combo(s, "Kernel", "kernel");
  log_slider(s, "w", "kernel.w", 0.001f, 1000.0f, "%.3g");
  ImGui::Text("σ = 1/w = %s", fig::significant(1.0 / s.lab.settings().kernel_w, 4).c_str());
}

void playback_buttons(AppState& s) {
  if (action_button(s, s.playing ? "Pause###play" : "Play###play", "train.play",
                    "Train train.speed epochs per second (Space)"))
    toggle_playing(s);
  ImGui::SameLine();
  if (action_button(s, "+1 epoch", "train.add_one", "Train one more epoch (train.epochs + 1)"))
    add_epochs(s, 1);
  ImGui::SameLine();
  if (action_button(s, "Reset", "train.reset", "Back to w0 (train.epochs = 0)")) reset_training(s);

  const int n = s.lab.settings().train_step_epochs;
  // Appended rather than chained with operator+ (GCC 12 gives a false -Wrestrict on that).
  std::string add_n = "+";
  add_n += fig::count(static_cast<std::size_t>(n), "epoch");
  add_n += "###add_n";
  if (action_button(s, add_n.c_str(), "train.add_n", "Train train.step_epochs more epochs"))
    add_epochs(s, n);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  text_field(s, "##step", "train.step_epochs");
}

void w0_input(AppState& s) {
  bool random = !s.lab.settings().train_w0.has_value();
  if (ImGui::Checkbox("Random w0##train.w0.random", &random))
    set_setting(s, "train.w0",
                random ? std::string("random") : fig::shortest_number(s.lab.trainer().w0()));
  record_control(s, "train.w0.random");
  if (random) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", fig::significant(s.lab.trainer().w0(), 4).c_str());
    return;
  }
  text_field(s, "w0", "train.w0");
}

void training_section(AppState& s) {
  if (!section(s, "Training (learned w)", "section.training")) return;
  playback_buttons(s);
  log_slider(s, "Learning rate", "train.lr", 0.001f, 100.0f, "%.3g");
  log_slider(s, "Speed", "train.speed", 0.1f, 1000.0f, "%.3g epochs/s");
  number_field(s, "Batch", "train.batch");
  w0_input(s);

  const ParametricTrainer& t = s.lab.trainer();
  // The Gaussian depends on w only through w^2, so a w that SGD drove negative has width 1/|w|.
  ImGui::Text("Epoch %d · w = %s · σ = 1/|w| = %s", t.epoch(), fig::significant(t.w(), 4).c_str(),
              fig::significant(1.0 / std::abs(t.w()), 4).c_str());
  if (!t.history().empty())
    ImGui::Text("Loss (epoch %d): %s", t.history().back().epoch,
                fig::significant(t.history().back().loss, 5).c_str());
  if (!s.lab.training_message().empty()) wrapped_text(error_color(), s.lab.training_message());
  if (!s.lab.training_warning().empty())
    wrapped_text(warning_color(), "Warning: " + s.lab.training_warning());
}

void view_section(AppState& s) {
  if (!section(s, "View", "section.view")) return;
  const float half = ImGui::GetContentRegionAvail().x / 2;
  setting_checkbox(s, "Truth", "view.truth");
  ImGui::SameLine(half);
  setting_checkbox(s, "Points", "view.points");
  setting_checkbox(s, "Average", "view.average");
  ImGui::SameLine(half);
  setting_checkbox(s, "Nadaraya–Watson", "view.nadaraya_watson");
  setting_checkbox(s, "Parametric", "view.parametric");
  choice_combo(s, "Heatmap of", "attention.estimator");
  choice_combo(s, "Colormap", "view.colormap");
  choice_combo(s, "Legend", "view.legend");
  number_field(s, "Font size", "view.font_size");
  setting_checkbox(s, "Presentation mode (F5)", "view.presentation");

  const int q = s.lab.settings().view_query;
  if (q >= 0 && q < static_cast<int>(s.lab.data().queries.size()))
    ImGui::Text("Selected query %d (x = %s)", q,
                fig::significant(s.lab.data().queries[q], 4).c_str());
  else
    ImGui::TextDisabled("No query selected");
  bound_item(s, "view.query");
  ImGui::SameLine();
  ImGui::BeginDisabled(q < 0);
  if (action_button(s, "Clear", "view.clear_query", "Escape also clears it", true))
    select_query(s, -1);
  ImGui::EndDisabled();
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
