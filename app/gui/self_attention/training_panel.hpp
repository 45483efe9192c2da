// The self-attention lab's live training: a "Training" section for the controls column (learning
// rate, Play / Pause / Step / Reset, speed, progress), the loss and accuracy view, and the
// trainer behind them (engine/self_attention/trainer.hpp), which steps on its own thread and
// wakes the window (at most 30 times a second) when it has something new.
//
// The panel polls the trainer once per frame (progress, and the curve and snapshot when they
// changed), so the window never waits for a step. The trainer is made when the lab is first shown
// (the untrained network's attention is worth seeing too) or on the first Play or Step; a change
// of sa.pairs, .keys, .values, .dim, .batch or .seed makes a new one, from step 0, while sa.lr and
// sa.speed reach the running one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/app_state.hpp"
#include "app/gui/widgets/live_trainer.hpp"
#include "engine/self_attention/trainer.hpp"

namespace al::gui {

class SelfAttentionTrainingPanel {
 public:
  SelfAttentionTrainingPanel();
  ~SelfAttentionTrainingPanel() = default;  // waits for trainers still stopping
  SelfAttentionTrainingPanel(const SelfAttentionTrainingPanel&) = delete;
  SelfAttentionTrainingPanel& operator=(const SelfAttentionTrainingPanel&) = delete;

  void controls(AppState& s);
  // Held-out loss and accuracy (self-attention-training), rebuilt when the curve changed.
  FigureView& view() { return view_; }
  // Every frame: makes or remakes the trainer as the settings ask (`wanted`: the lab is shown),
  // passes it the speed and the learning rate, and takes its progress, curve and snapshot.
  void advance(AppState& s, bool wanted);
  void play_pause(AppState& s);
  // The trainer's latest network (null while there is no trainer), and its step.
  std::shared_ptr<const sa::Network> snapshot() const { return snapshot_; }
  int snapshot_step() const { return snapshot_step_; }
  // Why there is no trainer (sa.pairs beyond sa.keys), empty otherwise.
  const std::string& refusal() const { return refusal_; }
  const sa::TrainerProgress& progress() const { return progress_; }
  const std::vector<sa::CurvePoint>& curve() const { return curve_; }

 private:
  bool make_trainer(AppState& s);
  void status_lines() const;

  sa::TrainConfig made_from_;  // the run the trainer (or the refused attempt) was made for
  bool tried_ = false;         // made_from_ holds an attempt
  std::string refusal_;
  double speed_given_ = -1, lr_given_ = -1;
  sa::TrainerProgress progress_;
  std::vector<sa::CurvePoint> curve_;
  double chance_ = 0;  // 1 / sa.values of the run
  std::uint64_t curve_revision_ = 1;
  std::shared_ptr<const sa::Network> snapshot_;
  int snapshot_step_ = 0;
  FigureView view_;
  LiveTrainer<sa::Trainer> trainer_;
};

}  // namespace al::gui
