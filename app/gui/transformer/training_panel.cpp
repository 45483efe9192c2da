// The Transformer lab's live training (see training_panel.hpp).
#include "training_panel.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>

#include "app/figure/number_format.hpp"
#include "app/figure/transformer_training_figure.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/transformer/train_config.hpp"

namespace al::gui {
namespace {

// The window trains until paused: its trainer stops by itself only at tf.steps' largest value.
constexpr int kMaxWindowSteps = 1000000;

std::string percent(double fraction) {
  std::string out = fig::significant(100.0 * fraction, 3);
  out += " %";
  return out;
}

}  // namespace

TrainingPanel::TrainingPanel()
    : view_(
          "transformer-training",
          [this](const AppState&, const fig::FigureContext& ctx) -> Expected<fig::Figure> {
            return fig::transformer_training_figure(history_, progress_.message, ctx);
          },
          [this](const AppState&) { return history_revision_; }) {}

bool TrainingPanel::make_trainer(AppState& s) {
  trainer_.retire();
  made_from_ = s.lab.settings();
  speed_given_ = -1;
  progress_ = {};
  history_ = {};
  ++history_revision_;
  snapshot_.reset();
  ++snapshot_generation_;
  const auto config = tf::train_config(made_from_);
  auto made =
      config ? tf::Trainer::create(config.value(), tf::watched_training_limits(kMaxWindowSteps),
                                   // Wakes the window, which sleeps in glfwWaitEvents.
                                   [] { glfwPostEmptyEvent(); })
             : Expected<std::unique_ptr<tf::Trainer>>(Error{config.error()});
  refused_ = !made;
  if (!made) {
    show_message(s, made.error(), true);
    return false;
  }
  trainer_.replace(std::move(made).value());
  return true;
}

void TrainingPanel::advance(AppState& s) {
  const Settings& st = s.lab.settings();
  const auto changed = tf::changed_training_key(made_from_, st);
  if (trainer_ && changed) {
    std::string key = *changed;
    if (make_trainer(s)) show_message(s, key + " changed: training starts again from step 0");
  } else if (!trainer_ && st.model_source == ModelSource::Training && (!refused_ || changed)) {
    make_trainer(s);
  }
  if (!trainer_) return;
  if (st.tf_speed != speed_given_) {
    trainer_->set_speed(st.tf_speed);
    speed_given_ = st.tf_speed;
  }
  const tf::TrainerProgress p = trainer_->progress();
  if (p.step != progress_.step) {
    history_ = trainer_->history();
    ++history_revision_;
  }
  trainer_.advance(p);
  progress_ = p;
  if (auto snap = trainer_->snapshot(); snap != snapshot_) {
    snapshot_ = std::move(snap);
    ++snapshot_generation_;
  }
}

bool TrainingPanel::animating() const {
  return trainer_.wants_running();
}

std::string TrainingPanel::probe_source() const {
  return trainer_ ? trainer_->probe().source : std::string();
}

void TrainingPanel::save(AppState& s) {
  if (!snapshot_) return show_message(s, "No trained model yet: press Play or Step", true);
  s.model_to_save = {snapshot_, progress_.snapshot_step};
  s.prompt_request = PathPrompt::SaveModel;
}

void TrainingPanel::status_lines() const {
  if (!trainer_) {
    ImGui::TextDisabled("Not started: Play or a step starts it.");
    return;
  }
  // Wrapped, never wider than the column: a wider line would give it a scroll bar mid-training.
  const tf::TrainerProgress& p = progress_;
  std::string line = "Step ";
  line += std::to_string(p.step);
  line += " · loss ";
  line += p.step > 0 ? fig::significant(p.loss, 4) : "–";
  if (p.running) {
    line += " · ";
    line += fig::significant(p.steps_per_second, 3);
    line += " steps/s";
  }
  ImGui::TextWrapped("%s", line.c_str());
  if (!history_.evaluations.empty()) {
    line = "Held-out at step ";
    line += std::to_string(history_.evaluations.back().step);
    line += ": ";
    line += percent(p.heldout_accuracy);
    line += " of tokens, ";
    line += percent(p.heldout_sequence_accuracy);
    line += " of sequences";
    ImGui::TextWrapped("%s", line.c_str());
  } else {
    help_text("Held-out accuracy every 100 steps.");
  }
  const tf::TaskProbe& probe = trainer_->probe();
  ImGui::TextWrapped("Probe: %s → %s", probe.source.c_str(), probe.expected.c_str());
  if (!p.message.empty()) wrapped_text(error_color(), p.message);
}

void TrainingPanel::controls(AppState& s) {
  if (!section(s, "Training", "section.tf_training")) return;
  choice_combo(s, "Task", "tf.task");
  number_field(s, "d_model", "tf.d_model", 8);
  number_field(s, "Heads", "tf.heads");
  number_field(s, "Layers", "tf.layers");
  number_field(s, "FFN width", "tf.ffn", 16);
  choice_combo(s, "Positions", "tf.positional");
  log_slider(s, "Learning rate", "tf.lr", 1e-5f, 1.0f, "%.3g");
  number_field(s, "Batch", "tf.batch", 8);
  number_field(s, "Seed", "tf.seed");
  help_text("Changing any of these starts training again from step 0.");
  trainer_.buttons(s, {.prefix = "tf", .run = "tf.step", .count = "tf.step_steps", .unit = "step"},
                   s.lab.settings().tf_step_steps, progress_, [&] { return make_trainer(s); }, {});
  number_field(s, "Steps/s", "tf.speed", 10);
  status_lines();
  if (action_button(s, "Save model…", "tf.save_model",
                    "Write the model as of its last snapshot to a .safetensors file"))
    save(s);
  ImGui::SameLine();
  bool shown = s.lab.settings().model_source == ModelSource::Training;
  if (ImGui::Checkbox("Show this model##model.source", &shown))
    set_setting(s, "model.source", shown ? "training" : "file");
  bound_item(s, "model.source");
}

}  // namespace al::gui
