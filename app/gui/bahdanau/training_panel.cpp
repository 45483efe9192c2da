// The Bahdanau lab's live training (see training_panel.hpp).
#include "training_panel.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>

#include "app/figure/bahdanau_training_figure.hpp"
#include "app/figure/number_format.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/bahdanau/train_config.hpp"
#include "engine/transformer/run.hpp"

namespace al::gui {

BahdanauTrainingPanel::BahdanauTrainingPanel()
    : view_(
          "bahdanau-training",
          [this](const AppState&, const fig::FigureContext& ctx) -> Expected<fig::Figure> {
            return fig::bahdanau_training_figure(history_, progress_.message, ctx);
          },
          [this](const AppState&) { return history_revision_; }) {}

bool BahdanauTrainingPanel::make_trainer(AppState& s) {
  trainer_.retire();
  made_from_ = s.lab.settings();
  speed_given_ = lr_given_ = -1;
  progress_ = {};
  history_.clear();
  ++history_revision_;
  snapshot_.reset();
  // Wakes the window, which sleeps in glfwWaitEvents.
  auto made =
      bahdanau::Trainer::create(bahdanau::train_config(made_from_), [] { glfwPostEmptyEvent(); });
  refused_ = !made;
  if (!made) {
    show_message(s, made.error(), true);
    return false;
  }
  trainer_.replace(std::move(made).value());
  lr_given_ = made_from_.bahdanau_lr;
  return true;
}

void BahdanauTrainingPanel::advance(AppState& s) {
  const Settings& st = s.lab.settings();
  const auto changed = bahdanau::changed_run_key(made_from_, st);
  if (trainer_ && changed) {
    if (make_trainer(s)) show_message(s, *changed + " changed: training starts again from epoch 0");
  } else if (!trainer_ && st.bahdanau_show_training && (!refused_ || changed)) {
    make_trainer(s);
  }
  if (!trainer_) return;
  if (st.bahdanau_speed != speed_given_) {
    trainer_->set_speed(st.bahdanau_speed);
    speed_given_ = st.bahdanau_speed;
  }
  if (st.bahdanau_lr != lr_given_) {
    trainer_->set_lr(st.bahdanau_lr);
    lr_given_ = st.bahdanau_lr;
  }
  bahdanau::TrainerProgress p = trainer_->progress();
  if (p.epoch != progress_.epoch || p.message != progress_.message) {
    history_ = trainer_->history();
    ++history_revision_;
  }
  trainer_.advance(p);
  progress_ = std::move(p);
  if (auto snap = trainer_->snapshot(); snap != snapshot_) snapshot_ = std::move(snap);
}

void BahdanauTrainingPanel::status_lines() const {
  if (!trainer_) {
    ImGui::TextDisabled("Not started: Play or +N epochs starts it.");
    return;
  }
  const bahdanau::TrainerProgress& p = progress_;
  std::string line = "Epoch ";
  line += std::to_string(p.epoch);
  line += " (step ";
  line += std::to_string(p.step);
  line += ", ";
  line += fig::significant(p.seconds, 3);
  line += " s)";
  if (!history_.empty()) {
    line += " · loss ";
    line += fig::significant(history_.back().train_loss, 4);
  }
  if (p.running) {
    line += " · ";
    line += fig::significant(p.epochs_per_second, 3);
    line += " epochs/s";
  }
  ImGui::TextWrapped("%s", line.c_str());
  int exact = 0;
  for (const bahdanau::Translation& t : p.test) {
    const bool right = tf::join_words(t.output) == t.reference;
    exact += right;
    const std::string text = t.source + " → " + tf::join_words(t.output) + "  (BLEU " +
                             fig::significant(t.bleu, 3) + ")";
    if (right)
      ImGui::TextWrapped("%s", text.c_str());
    else
      wrapped_text(warning_color(), text);
  }
  if (!p.test.empty()) {
    // How long training took to get the test sentences right: the minute, measured.
    std::string tally = std::to_string(exact);
    tally += " of ";
    tally += std::to_string(p.test.size());
    tally += " exact";
    if (p.all_exact_epoch > 0) {
      tally += "; all first after epoch ";
      tally += std::to_string(p.all_exact_epoch);
      tally += ", ";
      tally += fig::significant(p.all_exact_seconds, 3);
      tally += " s of training";
    }
    ImGui::TextWrapped("%s", tally.c_str());
  }
  if (!p.message.empty()) wrapped_text(error_color(), p.message);
}

void BahdanauTrainingPanel::controls(AppState& s) {
  if (!section(s, "Training", "section.bahdanau_training")) return;
  number_field(s, "E = H", "bahdanau.hiddens", 8);
  number_field(s, "Layers", "bahdanau.layers");
  number_field(s, "Batch", "bahdanau.batch", 8);
  number_field(s, "Seed", "bahdanau.seed");
  help_text("Changing any of these starts training again from epoch 0.");
  log_slider(s, "Learning rate", "bahdanau.lr", 1e-5f, 1.0f, "%.3g");
  trainer_.buttons(
      s,
      {.prefix = "bahdanau",
       .run = "bahdanau.run_epochs",
       .count = "bahdanau.step_epochs",
       .unit = "epoch"},
      s.lab.settings().bahdanau_step_epochs, progress_, [&] { return make_trainer(s); },
      // bahdanau.lr may have changed since the trainer was made; a reset starts from the one set
      // now.
      [&] { trainer_->set_lr(s.lab.settings().bahdanau_lr); });
  number_field(s, "Epochs/s", "bahdanau.speed", 1);
  help_text("Epochs/s 0: as fast as it can.");
  status_lines();
  setting_checkbox(s, "Show this model", "bahdanau.show_training");
}

}  // namespace al::gui
