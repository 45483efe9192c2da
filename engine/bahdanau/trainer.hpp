// The Bahdanau model trained on a background thread (a TrainingWorker), epoch by epoch, for a
// window that draws while it trains. Every method returns at once; progress() / history() /
// snapshot() copy what the worker last published.
//
// An epoch is train_epoch (epoch.hpp): steps_per_epoch() steps, then the teacher-forced loss over
// the whole phrase set and the BLEU of the book's four test sentences; each publishes its point
// and a copy of the model. A loss that is no longer finite stops it (progress().message names
// bahdanau.lr).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/bahdanau/epoch.hpp"
#include "engine/expected.hpp"
#include "engine/thinned.hpp"
#include "engine/training_worker.hpp"

namespace al::bahdanau {

struct TrainerProgress {
  int epoch = 0;
  int step = 0;
  std::vector<Translation> test;  // the four test sentences as of the last epoch
  double seconds = 0.0;           // spent on epochs (pauses and the speed limit's waits excluded)
  // The first epoch after which all four test sentences came out exactly, and `seconds` then
  // (0: not yet): the "trains in the window in under a minute", as the lab shows it.
  int all_exact_epoch = 0;
  double all_exact_seconds = 0.0;
  double epochs_per_second = 0.0;  // over the last half second or more of running; 0 until then
  bool running = false;            // an epoch may still land (WorkerState::running)
  bool finished = false;           // the loss diverged
  std::string message;             // why it finished
};

class Trainer : public WorkerCommands<Trainer> {
 public:
  // The checked way to make one: check_training(config) (train_config.hpp) first.
  static Expected<std::unique_ptr<Trainer>> create(const TrainConfig& config,
                                                   std::function<void()> on_update = {});
  // `on_update` as TrainingWorker's (may be empty).
  Trainer(const TrainConfig& config, std::function<void()> on_update = {});
  ~Trainer() = default;  // stops the worker after its current epoch
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // start, run(n), pause, reset and set_speed (WorkerCommands) count epochs; reset goes back to
  // epoch 0 with the same seed and the configured lr.
  // Adam's learning rate from the next epoch on, without a reset (a reset goes back to the
  // configured one).
  void set_lr(double lr);
  TrainerProgress progress() const;
  // Every epoch while there are at most kMaxHistoryPoints, evenly thinned beyond (Thinned).
  std::vector<EpochPoint> history() const;
  // The model as of the last published epoch (never null); a new pointer each time.
  std::shared_ptr<const Model> snapshot() const;

 private:
  friend class WorkerCommands<Trainer>;
  bool run_epoch();  // the worker's unit
  void restart();

  const TrainConfig config_;
  std::unique_ptr<TrainingRun> run_;  // the worker's alone
  // Published under the worker's lock:
  double lr_;
  TrainerProgress progress_;  // but for the worker's fields (running, seconds, rate)
  Thinned<EpochPoint> history_{kMaxHistoryPoints};
  std::shared_ptr<const Model> snapshot_;
  TrainingWorker worker_;  // last: destroyed first, its thread joined before the rest goes
};

}  // namespace al::bahdanau
