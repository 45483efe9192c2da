// An engine trainer driven from a training panel, the same in every lab that trains: the row of
// Play/Pause, +N, N and Reset, what the user asked for (run until paused, or N more units), and
// trainers being stopped on threads of their own. It works with any engine trainer (tf::, sa::,
// bahdanau::Trainer) that has start(), run(n), pause() and reset(), and whose progress() has step,
// running, finished and message.
#pragma once

#include <imgui.h>

#include <chrono>
#include <functional>
#include <future>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/figure/number_format.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/widgets/setting_widgets.hpp"

namespace al::gui {

// A lab's names for the row: its keys (and control names) and what one unit is called.
struct PlaybackNames {
  std::string prefix;              // "tf": tf.play, tf.reset, tf.speed and tf.seed
  std::string run;                 // the +N button, e.g. "tf.step"
  std::string count;               // N's key, e.g. "tf.step_steps"
  std::string unit;                // "step" or "epoch"
  std::string play_shortcut = "";  // e.g. "Space", said in Play's tooltip; empty: none
};

template <class Trainer>
class LiveTrainer {
 public:
  using Progress = decltype(std::declval<const Trainer&>().progress());

  Trainer* get() const { return trainer_.get(); }
  Trainer* operator->() const { return trainer_.get(); }
  explicit operator bool() const { return trainer_ != nullptr; }

  // Takes `made` in place of the trainer there was, which is retired.
  void replace(std::unique_ptr<Trainer> made) {
    retire();
    trainer_ = std::move(made);
  }
  // Pauses the trainer and lets it go on a thread of its own: its destructor waits for the unit
  // in flight, which the window must not.
  void retire() {
    wants_running_ = false;
    if (!trainer_) return;
    trainer_->pause();
    std::erase_if(retiring_, [](const std::future<void>& f) {
      return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    });
    retiring_.push_back(
        std::async(std::launch::async, [t = std::move(trainer_)]() mutable { t.reset(); }));
  }
  // Every frame, with the trainer's progress: ends a Play or +N that is over (the trainer stopped
  // after moving, or finished).
  void advance(const Progress& p) {
    if (wants_running_ && !p.running && (p.finished || p.step != commanded_at_))
      wants_running_ = false;
  }
  // Play or +N pressed and not yet paused or done: the window draws every frame meanwhile.
  bool wants_running() const { return wants_running_; }

  // `make` makes the trainer when there is none (false: refused, and it said why);
  // `progress` is the one advance() last had.
  void play_pause(AppState& s, const Progress& progress, const std::function<bool()>& make) {
    if (wants_running_) {
      trainer_->pause();
      wants_running_ = false;
      return;
    }
    if (!ready(s, progress, make)) return;
    trainer_->start();
    command(progress);
  }
  void run(AppState& s, const Progress& progress, const std::function<bool()>& make, int n) {
    if (!ready(s, progress, make)) return;
    trainer_->run(n);
    command(progress);
  }
  // Back to unit 0; `after` passes the trainer what has changed since it was made.
  void reset(AppState& s, const std::function<void()>& after) {
    if (!trainer_) return show_message(s, "Nothing to reset: no training yet");
    trainer_->reset();
    if (after) after();
    wants_running_ = false;
  }

  // The row: Play/Pause, +N (N = `count`, the value of n.count), the N field, Reset.
  void buttons(AppState& s, const PlaybackNames& n, int count, const Progress& progress,
               const std::function<bool()>& make, const std::function<void()>& after_reset) {
    const std::string& p = n.prefix;
    const std::string play = cat({p, ".play"});
    const std::string shortcut = n.play_shortcut.empty() ? "" : cat({" (", n.play_shortcut, ")"});
    if (action_button(
            s, cat({wants_running_ ? "Pause###" : "Play###", play}).c_str(), play,
            cat({"Train until paused, at most ", p, ".speed ", n.unit, "s a second", shortcut})
                .c_str()))
      play_pause(s, progress, make);
    ImGui::SameLine();
    const std::string more = fig::count(static_cast<std::size_t>(count), n.unit);
    if (action_button(s, cat({"+", more, "###", n.run}).c_str(), n.run,
                      cat({"Train ", n.count, " more ", n.unit, "s, then pause"}).c_str()))
      run(s, progress, make, count);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
    text_field(s, cat({"##", n.count}).c_str(), n.count);
    ImGui::SameLine();
    const std::string reset_name = cat({p, ".reset"});
    if (action_button(s, cat({"Reset###", reset_name}).c_str(), reset_name,
                      cat({"Back to ", n.unit, " 0: the initial weights of ", p, ".seed"}).c_str()))
      reset(s, after_reset);
  }

 private:
  // Appended part by part: GCC 12 warns falsely (-Wrestrict) on some "literal" + string forms.
  static std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view part : parts) out += part;
    return out;
  }
  bool ready(AppState& s, const Progress& progress, const std::function<bool()>& make) {
    if (!trainer_ && !make()) return false;
    if (progress.finished) {
      show_message(s, cat({"Training has stopped: ", progress.message, " (Reset starts again)"}),
                   true);
      return false;
    }
    return true;
  }
  void command(const Progress& progress) {
    wants_running_ = true;
    commanded_at_ = progress.step;
  }

  std::unique_ptr<Trainer> trainer_;
  bool wants_running_ = false;  // Play or +N pressed, not yet paused or done
  int commanded_at_ = 0;        // the step when it was pressed
  // Declared last: destroyed first, waiting for the retired trainers to stop.
  std::vector<std::future<void>> retiring_;
};

}  // namespace al::gui
