// The self-attention network trained on a background thread, step by step, for a window that
// draws while it trains. Every method returns at once: commands (start, run_steps, pause, reset,
// set_speed, set_lr) are flags the worker reads between steps, and progress() / curve() /
// snapshot() copy what the worker last published under a short lock.
//
// The worker records as train_for does (training.hpp): a held-out point every kEvalEvery steps,
// and a copy of the network with it (a few kilobytes), so the lab's example is shown through the
// network of the curve's last point while it runs; when running stops (a pause, the end of
// run_steps) the network as it is then, so a paused window shows exactly the step it names. A loss
// that is no longer finite stops it (progress().message names sa.lr).
//
// The engine knows no window system: an app that sleeps until something happens passes a callback
// (e.g. one posting an empty GLFW event) that the worker calls when there is something new, at
// most 30 times a second while running and once when running stops.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/self_attention/training.hpp"

namespace al::sa {

struct TrainerProgress {
  int step = 0;
  double batch_loss = 0.0;        // of the last step's batch
  double steps_per_second = 0.0;  // over the last half second or more of running; 0 until then
  bool running = false;           // stepping now (false when paused or stopped)
  bool finished = false;          // the loss diverged
  std::string message;            // why it finished
};

// A copy of the network and the step it was taken at.
struct Snapshot {
  std::shared_ptr<const Network> network;
  int step = 0;
};

class Trainer {
 public:
  // `config` must pass validate(); `on_update` as above (may be empty).
  Trainer(const TrainConfig& config, std::function<void()> on_update = {});
  ~Trainer();  // stops the worker after its current step
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  void start();           // start or resume
  void run_steps(int n);  // n more steps (n ≥ 1), then pause
  void pause();
  void reset();  // back to step 0 with the same seed and the configured lr, paused
  // At most `steps_per_second` steps a second (0: as fast as it can).
  void set_speed(double steps_per_second);
  // Adam's learning rate from the next step on, without a reset.
  void set_lr(double lr);
  TrainerProgress progress() const;
  // Every point while there are at most tf::kMaxHistoryPoints, evenly thinned beyond.
  std::vector<CurvePoint> curve() const;
  // The latest copy of the network (never null; a new pointer each time) and its step.
  Snapshot snapshot() const;

 private:
  // Step 0 of a fresh run as progress, curve and snapshot (at the start and at each reset).
  void publish_start(const TrainingRun& run);
  void work(std::unique_ptr<TrainingRun> run);
  void notify() const;

  const TrainConfig config_;
  const std::function<void()> on_update_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool want_running_ = false, want_reset_ = false, stop_ = false;
  int steps_left_ = 0;  // of run_steps(n): pauses when it reaches 0 (0: start()'s no limit)
  double speed_ = 0.0;
  double lr_;
  TrainerProgress progress_;
  tf::Thinned<CurvePoint> curve_{tf::kMaxHistoryPoints};
  Snapshot snapshot_;
  std::thread worker_;
};

}  // namespace al::sa
