// The Bahdanau model trained on a background thread, epoch by epoch, for a window that draws
// while it trains. Every method returns at once: commands (start, run_epochs, pause, reset,
// set_speed, set_lr) are flags the worker reads between epochs, and progress() / history() /
// snapshot() copy what the worker last published under a short lock.
//
// The worker trains epoch by epoch (train_epoch, epoch.hpp: steps_per_epoch() steps, then the
// teacher-forced loss over the whole phrase set and the BLEU of the book's four test sentences)
// and publishes each epoch's point and a copy of the model. A loss that is no longer finite stops
// it (progress().message names bahdanau.lr).
//
// The engine knows no window system: an app that sleeps until something happens passes a callback
// (e.g. one posting an empty GLFW event) that the worker calls when there is something new.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/bahdanau/epoch.hpp"
#include "engine/expected.hpp"
#include "engine/transformer/trainer.hpp"

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
  bool running = false;            // stepping now (false when paused or finished)
  bool finished = false;           // the loss diverged
  std::string message;             // why it finished
};

class Trainer {
 public:
  // The checked way to make one: check_training(config) (train_config.hpp) first.
  static Expected<std::unique_ptr<Trainer>> create(const TrainConfig& config,
                                                   std::function<void()> on_update = {});
  // `on_update`, when set, is called on the worker thread without the lock held after an epoch
  // is published (at most 30 times a second while running) and when running stops.
  Trainer(const TrainConfig& config, std::function<void()> on_update = {});
  ~Trainer();  // stops the worker after its current epoch
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  void start();            // start or resume
  void run_epochs(int n);  // n more epochs (n ≥ 1), then pause
  void pause();
  void reset();  // back to epoch 0 with the same seed and the configured lr, paused
  // At most `epochs_per_second` epochs a second (0: as fast as it can).
  void set_speed(double epochs_per_second);
  // Adam's learning rate from the next epoch on, without a reset (a reset goes back to the
  // configured one).
  void set_lr(double lr);
  TrainerProgress progress() const;
  // Every epoch while there are at most tf::kMaxHistoryPoints, evenly thinned beyond (tf::Thinned).
  std::vector<EpochPoint> history() const;
  // The model as of the last published epoch (never null); a new pointer each time.
  std::shared_ptr<const Model> snapshot() const;

 private:
  void work();
  void notify() const;

  const TrainConfig config_;
  const std::function<void()> on_update_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool want_running_ = false, want_reset_ = false, stop_ = false;
  int epochs_left_ = 0;  // of run_epochs(n): pauses when it reaches 0 (0: start()'s no limit)
  double speed_ = 0.0;
  double lr_;
  TrainerProgress progress_;
  tf::Thinned<EpochPoint> history_{tf::kMaxHistoryPoints};
  std::shared_ptr<const Model> snapshot_;
  std::thread worker_;
};

}  // namespace al::bahdanau
