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

SelfAttentionTrainingPanel::~SelfAttentionTrainingPanel() = default;

bool SelfAttentionTrainingPanel::make_trainer(AppState& s) {
  retire_trainer();
  made_from_ = sa::train_config(s.lab.settings());
  tried_ = true;
  wants_running_ = false;
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
  trainer_ = std::make_unique<sa::Trainer>(made_from_, [] { glfwPostEmptyEvent(); });
  lr_given_ = made_from_.lr;
  return true;
}

// Stops the trainer on a thread of its own: its destructor waits for the step in flight.
void SelfAttentionTrainingPanel::retire_trainer() {
  if (!trainer_) return;
  trainer_->pause();
  retiring_.push_back(
      std::async(std::launch::async, [t = std::move(trainer_)]() mutable { t.reset(); }));
}

void SelfAttentionTrainingPanel::advance(AppState& s, bool wanted) {
  std::erase_if(retiring_, [](const std::future<void>& f) {
    return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  });
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
  if (wants_running_ && !p.running && (p.finished || p.step != commanded_at_))
    wants_running_ = false;
  progress_ = std::move(p);
}

void SelfAttentionTrainingPanel::play_pause(AppState& s) {
  if (wants_running_) {
    trainer_->pause();
    wants_running_ = false;
    return;
  }
  if (!trainer_ && !make_trainer(s)) return;
  if (progress_.finished)
    return show_message(s, "Training has stopped: " + progress_.message + " (Reset starts again)",
                        true);
  trainer_->start();
  wants_running_ = true;
  commanded_at_ = progress_.step;
}

void SelfAttentionTrainingPanel::step(AppState& s) {
  if (!trainer_ && !make_trainer(s)) return;
  if (progress_.finished)
    return show_message(s, "Training has stopped: " + progress_.message + " (Reset starts again)",
                        true);
  trainer_->run_steps(s.lab.settings().sa_step_steps);
  wants_running_ = true;
  commanded_at_ = progress_.step;
}

void SelfAttentionTrainingPanel::reset(AppState& s) {
  if (!trainer_) return show_message(s, "Nothing to reset: no training yet");
  trainer_->reset();
  // sa.lr may have changed since the trainer was made; a reset starts from the one set now.
  trainer_->set_lr(s.lab.settings().sa_lr);
  wants_running_ = false;
}

void SelfAttentionTrainingPanel::playback_buttons(AppState& s) {
  if (action_button(s, wants_running_ ? "Pause###sa.play" : "Play###sa.play", "sa.play",
                    "Train until paused, at most sa.speed steps a second (Space)"))
    play_pause(s);
  ImGui::SameLine();
  std::string label = "Step +";
  label += std::to_string(s.lab.settings().sa_step_steps);
  label += "###sa.step";
  if (action_button(s, label.c_str(), "sa.step", "Train sa.step_steps more steps, then pause"))
    step(s);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  text_field(s, "##sa.step_steps", "sa.step_steps");
  ImGui::SameLine();
  if (action_button(s, "Reset##sa", "sa.reset", "Back to step 0: the initial weights of sa.seed"))
    reset(s);
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
  playback_buttons(s);
  number_field(s, "Steps/s", "sa.speed", 10);
  help_text(
      "Steps/s 0: as fast as it can. The learning rate and the speed change a running "
      "training.");
  status_lines();
}

}  // namespace al::gui
