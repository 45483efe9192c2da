// The self-attention lab's live training (see training_panel.hpp).
#include "training_panel.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>

#include "app/figure/number_format.hpp"
#include "app/figure/self_attention_figures.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/widgets/setting_widgets.hpp"

namespace al::gui {
namespace {

// What makes a new run: everything of the run but the learning rate, which reaches the running
// one.
bool same_run(const sa::TrainConfig& a, const sa::TrainConfig& b) {
  return a.task.pairs == b.task.pairs && a.task.keys == b.task.keys &&
         a.task.values == b.task.values && a.dim == b.dim && a.batch == b.batch && a.seed == b.seed;
}

std::string percent(double fraction) {
  std::string out = fig::significant(100.0 * fraction, 3);
  out += " %";
  return out;
}

}  // namespace

SelfAttentionTrainingPanel::SelfAttentionTrainingPanel()
    : view_(
          "self-attention-training",
          [this](const AppState&, const fig::FigureContext& ctx) -> Expected<fig::Figure> {
            if (!refusal_.empty()) return Error{refusal_};
            return fig::self_attention_training_figure(curve_, chance_, progress_.message, ctx);
          },
          [this](const AppState&) { return curve_revision_; }) {}

bool SelfAttentionTrainingPanel::make_trainer(AppState& s) {
  trainer_.retire();
  made_from_ = sa::train_config(s.lab.settings());
  tried_ = true;
  speed_given_ = lr_given_ = -1;
  progress_ = {};
  curve_.clear();
  chance_ = 1.0 / made_from_.task.values;
  ++curve_revision_;
  snapshot_.reset();
  refusal_ = sa::validate(made_from_).value_or("");
  if (!refusal_.empty()) {
    show_message(s, refusal_, true);
    return false;
  }
  // Wakes the window, which sleeps in glfwWaitEvents.
  trainer_.replace(std::make_unique<sa::Trainer>(made_from_, [] { glfwPostEmptyEvent(); }));
  lr_given_ = made_from_.lr;
  return true;
}

void SelfAttentionTrainingPanel::advance(AppState& s, bool wanted) {
  const Settings& st = s.lab.settings();
  if (tried_ ? !same_run(made_from_, sa::train_config(st)) : wanted) {
    const bool remade = tried_;
    if (make_trainer(s) && remade)
      show_message(s, "The task or the network changed: training starts again from step 0");
  }
  if (!trainer_) return;
  if (st.sa_speed != speed_given_) {
    trainer_->set_speed(st.sa_speed);
    speed_given_ = st.sa_speed;
  }
  if (st.sa_lr != lr_given_) {
    trainer_->set_lr(st.sa_lr);
    lr_given_ = st.sa_lr;
  }
  sa::TrainerProgress p = trainer_->progress();
  sa::Snapshot snap = trainer_->snapshot();
  if (snap.network != snapshot_ || p.message != progress_.message) {
    curve_ = trainer_->curve();
    ++curve_revision_;
    snapshot_ = std::move(snap.network);
    snapshot_step_ = snap.step;
  }
  trainer_.advance(p);
  progress_ = std::move(p);
}

void SelfAttentionTrainingPanel::play_pause(AppState& s) {
  trainer_.play_pause(s, progress_, [&] { return make_trainer(s); });
}

void SelfAttentionTrainingPanel::status_lines() const {
  if (!refusal_.empty()) return wrapped_text(error_color(), refusal_);
  if (!trainer_) {
    ImGui::TextDisabled("Not started: Play or Step starts it.");
    return;
  }
  std::string line = "Step ";
  line += std::to_string(progress_.step);
  if (progress_.running && progress_.steps_per_second > 0) {
    line += " · ";
    line += fig::significant(progress_.steps_per_second, 3);
    line += " steps/s";
  }
  ImGui::TextWrapped("%s", line.c_str());
  if (!curve_.empty()) {
    // A line of its own: Dear ImGui would wrap "12.5" at its point.
    line = "Held-out accuracy ";
    line += percent(curve_.back().accuracy);
    line += " (chance ";
    line += percent(chance_);
    line += ")";
    ImGui::TextWrapped("%s", line.c_str());
  }
  if (!progress_.message.empty()) wrapped_text(error_color(), progress_.message);
}

void SelfAttentionTrainingPanel::controls(AppState& s) {
  if (!section(s, "Training", "section.sa_training")) return;
  log_slider(s, "Learning rate", "sa.lr", 1e-4f, 1.0f, "%.3g");
  trainer_.buttons(
      s,
      {.prefix = "sa",
       .run = "sa.step",
       .count = "sa.step_steps",
       .unit = "step",
       .play_shortcut = "Space"},
      s.lab.settings().sa_step_steps, progress_, [&] { return make_trainer(s); },
      // sa.lr may have changed since the trainer was made; a reset starts from the one set now.
      [&] { trainer_->set_lr(s.lab.settings().sa_lr); });
  number_field(s, "Steps/s", "sa.speed", 10);
  help_text(
      "Steps/s 0: as fast as it can. The learning rate and the speed change a running "
      "training.");
  status_lines();
}

}  // namespace al::gui
