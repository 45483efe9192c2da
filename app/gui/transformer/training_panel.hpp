// The Transformer lab's live training: a "Training" section for the controls column (task, model
// size, learning rate, batch, seed, Play / Pause / Step / Reset, speed, progress, Save model…,
// and whether the lab shows this model), the loss and accuracy view, and the trainer behind them.
//
// The trainer (engine/transformer/trainer.hpp) steps on its own thread; the panel only polls it
// once per frame (progress, and the history and snapshot when they changed), so the window never
// waits for a step. It is made on the first Play or Step, or when model.source asks to show it,
// through Trainer::create (the memory budget); a key of the run (changed_training_key) changing
// while it exists makes a new one, from step 0.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/gui/app_state.hpp"
#include "app/gui/widgets/live_trainer.hpp"
#include "engine/transformer/trainer.hpp"

namespace al::gui {

class TrainingPanel {
 public:
  TrainingPanel();
  ~TrainingPanel() = default;  // waits for trainers still stopping
  TrainingPanel(const TrainingPanel&) = delete;
  TrainingPanel& operator=(const TrainingPanel&) = delete;

  // The "Training" section of the left column.
  void controls(AppState& s);
  // Batch loss and held-out accuracy over the steps (the transformer-training figure), rebuilt
  // when the panel takes a new history.
  FigureView& view() { return view_; }
  // Every frame, before the lab draws: makes or remakes the trainer as the settings ask, passes
  // it tf.speed, and takes its progress, and its history and snapshot when they changed.
  void advance(AppState& s);
  // Training plays (or a Step runs): the window draws every frame. A paused trainer posts no
  // events, so the window then sleeps.
  bool animating() const;

  // The trained model as of the trainer's last snapshot (null before there is a trainer), and a
  // number that changes whenever it does.
  std::shared_ptr<const tf::Transformer<float>> snapshot() const { return snapshot_; }
  std::uint64_t snapshot_generation() const { return snapshot_generation_; }
  // The task's held-out example the lab runs the snapshot on ("1 2 3 4 5 6 7 8" for reverse);
  // empty before there is a trainer.
  std::string probe_source() const;

 private:
  // Makes the trainer of the current settings; on failure (the keys do not fit together, the
  // memory budget) there is none and the status line says why.
  bool make_trainer(AppState& s);
  void save(AppState& s);
  void status_lines() const;

  Settings made_from_;    // the settings the trainer (or the refused attempt) was made from
  bool refused_ = false;  // the last attempt failed: not retried until a key of the run changes
  double speed_given_ = -1;
  tf::TrainerProgress progress_;
  tf::TrainerHistory history_;
  std::uint64_t history_revision_ = 1;
  std::shared_ptr<const tf::Transformer<float>> snapshot_;
  std::uint64_t snapshot_generation_ = 0;
  FigureView view_;
  LiveTrainer<tf::Trainer> trainer_;
};

}  // namespace al::gui
