// The Bahdanau lab's live training: a "Training" section for the controls column (model size,
// batch, seed, learning rate, Play / Pause / +N epochs / Reset, speed, progress, the four test
// sentences and their BLEU, and whether the lab shows this model), the loss and BLEU view, and the
// trainer behind them (engine/bahdanau/trainer.hpp), which runs epochs on its own thread.
//
// The panel polls the trainer once per frame (progress, and the history and snapshot when they
// changed), so the window never waits for an epoch. The trainer is made on the first Play or
// +N epochs, or when bahdanau.show_training asks for its model; a change of bahdanau.hiddens,
// .layers, .batch or .seed makes a new one, from epoch 0, while bahdanau.lr and bahdanau.speed
// reach the running one.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "app/gui/app_state.hpp"
#include "app/gui/widgets/live_trainer.hpp"
#include "engine/bahdanau/trainer.hpp"

namespace al::gui {

class BahdanauTrainingPanel {
 public:
  BahdanauTrainingPanel();
  ~BahdanauTrainingPanel() = default;  // waits for trainers still stopping
  BahdanauTrainingPanel(const BahdanauTrainingPanel&) = delete;
  BahdanauTrainingPanel& operator=(const BahdanauTrainingPanel&) = delete;

  void controls(AppState& s);
  // Loss and BLEU per epoch (bahdanau-training), rebuilt when the panel takes a new history.
  FigureView& view() { return view_; }
  // Every frame: makes or remakes the trainer as the settings ask, passes it the speed and the
  // learning rate, and takes its progress, history and snapshot.
  void advance(AppState& s);
  // The trained model as of the last epoch (null before there is a trainer).
  std::shared_ptr<const bahdanau::Model> snapshot() const { return snapshot_; }

 private:
  bool make_trainer(AppState& s);
  void status_lines() const;

  BahdanauSettings made_from_;  // the settings the trainer (or the refused attempt) was made from
  bool refused_ = false;        // not retried until a key of the run changes
  double speed_given_ = -1, lr_given_ = -1;
  bahdanau::TrainerProgress progress_;
  std::vector<bahdanau::EpochPoint> history_;
  std::uint64_t history_revision_ = 1;
  std::shared_ptr<const bahdanau::Model> snapshot_;
  FigureView view_;
  LiveTrainer<bahdanau::Trainer> trainer_;
};

}  // namespace al::gui
